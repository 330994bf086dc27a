import type { Org } from '../org.ts';
import type { ConnectorEventRecord } from '../state.ts';

/** JobCommandSelector.cls over the Org's records: what JobCommandService reads of the audit log. */
export const JobCommandSelector = {
  /** getReportedRequestIds(requestIds): the requests an audit entry already reports on. */
  getReportedRequestIds(org: Org, requestIds: ReadonlySet<string>): Set<string> {
    return new Set(
      org.state.events.flatMap((e) => (e.RequestId__c && requestIds.has(e.RequestId__c) ? [e.RequestId__c] : []))
    );
  },

  /** getEntries(requestId): the audit entries of one job command, oldest first. */
  getEntries(org: Org, requestId: string): ConnectorEventRecord[] {
    return org.state.events.filter((e) => e.RequestId__c === requestId);
  }
};
