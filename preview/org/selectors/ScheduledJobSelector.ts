import type { Org } from '../org.ts';
import type { CronTriggerRecord } from '../state.ts';

/**
 * ScheduledJobSelector.cls over the Org's records: what ScheduledJobService reads. Same method names, so the
 * service reads side by side with its Apex.
 */
export const ScheduledJobSelector = {
  /** getCronTriggers(jobNames, cronTriggerIds): triggers named like a job definition, plus the given triggers. */
  getCronTriggers(
    org: Org,
    jobNames: ReadonlySet<string>,
    cronTriggerIds: ReadonlySet<string> = new Set()
  ): CronTriggerRecord[] {
    return org.state.cronTriggers.filter((t) => jobNames.has(t.JobName) || cronTriggerIds.has(t.Id));
  },

  /** getScheduledApexJobs(classNames): the scheduled jobs of these classes (lower-case names), any job name. */
  getScheduledApexJobs(org: Org, classNames: ReadonlySet<string>): CronTriggerRecord[] {
    return org.state.cronTriggers.filter((t) => classNames.has(t.ApexClass.toLowerCase()));
  }
};
