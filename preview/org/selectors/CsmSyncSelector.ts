import type { Org } from '../org.ts';
import type { AccountRecord, CsmAssignmentRecord, CsmJobRecord, CsmSyncRunRecord, UserRecord } from '../state.ts';

const byId = <T extends { Id: string }>(a: T, b: T): number => (a.Id < b.Id ? -1 : a.Id > b.Id ? 1 : 0);

/** The value of an Account field (Name is a field of its own here). */
const valueOf = (account: AccountRecord, field: string): string | null | undefined =>
  field === 'Name' ? account.Name : account.fields[field];

/** CsmSyncSelector.cls over the Org's records: what CsmSyncService, CsmSyncBatch and CsmSyncRunReport read. */
export const CsmSyncSelector = {
  /** accountsWithEmailLocator / getAccountsWithEmail: accounts whose field holds a value, in Id order. */
  getAccountsWithEmail(org: Org, emailField: string, maxRows = Infinity): AccountRecord[] {
    return org.state.accounts
      .filter((a) => valueOf(a, emailField) != null)
      .sort(byId)
      .slice(0, maxRows);
  },

  /** emptiedAssignmentsLocator / getEmptiedAssignments: synced assignments whose Account lost its value or is gone. */
  getEmptiedAssignments(org: Org, emailField: string, maxRows = Infinity): CsmAssignmentRecord[] {
    const withValue = new Set(CsmSyncSelector.getAccountsWithEmail(org, emailField).map((a) => a.Id));
    return org.state.csmAssignments
      .filter((a) => a.Source__c === 'Synced' && !(a.Account__c && withValue.has(a.Account__c)))
      .sort(byId)
      .slice(0, maxRows);
  },

  getAccountsById(org: Org, accountIds: ReadonlySet<string>): AccountRecord[] {
    return org.state.accounts.filter((a) => accountIds.has(a.Id));
  },

  getAccountById(org: Org, accountId: unknown): AccountRecord | undefined {
    return org.state.accounts.find((a) => a.Id === accountId);
  },

  /** getAssignments(accountKeys): the assignments of these accounts (AccountKey__c is unique). */
  getAssignments(org: Org, accountKeys: ReadonlySet<string>): CsmAssignmentRecord[] {
    return org.state.csmAssignments.filter((a) => accountKeys.has(a.AccountKey__c));
  },

  getAssignmentsById(org: Org, assignmentIds: ReadonlySet<string>): CsmAssignmentRecord[] {
    return org.state.csmAssignments.filter((a) => assignmentIds.has(a.Id));
  },

  getAssignmentById(org: Org, assignmentId: unknown): CsmAssignmentRecord | undefined {
    return org.state.csmAssignments.find((a) => a.Id === assignmentId);
  },

  /** getUsersByEmail(emails): users with these emails (normalized by the caller), active or not, in Id order. */
  getUsersByEmail(org: Org, emails: ReadonlySet<string>, normalize: (email: string) => string | null): UserRecord[] {
    return org.state.users.filter((u) => emails.has(normalize(u.Email) ?? '')).sort(byId);
  },

  /** searchAccounts(term, maxRows): accounts whose name contains the (lower-case) term. */
  searchAccounts(org: Org, term: string, compare: (a: string, b: string) => number, maxRows: number): AccountRecord[] {
    return org.state.accounts
      .filter((a) => a.Name.toLowerCase().includes(term))
      .sort((a, b) => compare(a.Name, b.Name))
      .slice(0, maxRows);
  },

  /** getManualAssignments(maxRows): manual overrides, last changed first. */
  getManualAssignments(org: Org, maxRows: number): CsmAssignmentRecord[] {
    return org.state.csmAssignments
      .filter((a) => a.Source__c === 'Manual')
      .sort((a, b) => b.LastModifiedDate.localeCompare(a.LastModifiedDate) || -byId(a, b))
      .slice(0, maxRows);
  },

  /** getLatestRun(): the newest run report. */
  getLatestRun(org: Org): CsmSyncRunRecord | undefined {
    return [...org.state.csmSyncRuns].sort((a, b) => b.StartedAt__c.localeCompare(a.StartedAt__c) || -byId(a, b))[0];
  },

  getRunById(org: Org, runId: string): CsmSyncRunRecord | undefined {
    return org.state.csmSyncRuns.find((r) => r.Id === runId);
  },

  /** getRunByJobId(jobId): the run report a batch job writes. */
  getRunByJobId(org: Org, jobId: string): CsmSyncRunRecord | undefined {
    return org.state.csmSyncRuns.find((r) => r.AsyncApexJobId__c === jobId);
  },

  /** getJob(jobId): the CSM sync batch's AsyncApexJob. */
  getJob(org: Org, jobId: unknown): CsmJobRecord | undefined {
    return org.state.csmJobs.find((j) => j.Id === jobId);
  },

  /** hasOpenBatch(): a CSM sync batch is queued or running. */
  hasOpenBatch(org: Org): boolean {
    return org.state.csmJobs.some((j) => j.Status === 'Queued' || j.Status === 'Processing');
  }
};
