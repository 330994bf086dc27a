import type { Org } from '../org.ts';
import type { CronTriggerRecord, UserRecord } from '../state.ts';

/** ConnectionSelector.cls over the Org's records: what ConnectionService reads. */
export const ConnectionSelector = {
  /** searchActiveUsers(term): active users (not the Automated Process user) whose name, username or email contains it. */
  searchActiveUsers(org: Org, term: string, maxRows: number): UserRecord[] {
    const wanted = term.toLowerCase();
    return org.state.users
      .filter(
        (u) =>
          u.UserType !== 'AutomatedProcess' &&
          u.IsActive &&
          [u.Name, u.Username, u.Email].some((v) => v.toLowerCase().includes(wanted))
      )
      .sort((a, b) => a.Name.localeCompare(b.Name) || a.Username.localeCompare(b.Username))
      .slice(0, maxRows);
  },

  /** getJobTriggers(jobNames): scheduled triggers whose job name is one of the package's, by name. */
  getJobTriggers(org: Org, jobNames: ReadonlySet<string>): CronTriggerRecord[] {
    return org.state.cronTriggers
      .filter((t) => jobNames.has(t.JobName))
      .sort((a, b) => (a.JobName < b.JobName ? -1 : a.JobName > b.JobName ? 1 : 0));
  }
};
