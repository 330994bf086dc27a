import type { JobView } from '../contract/types.ts';
import type { OrgClient } from './client.ts';
import { CommandError, OrgRequestError, UsageError } from './errors.ts';
import { count } from './message-format.ts';
import type { CommandOutput } from './command.ts';
import { changeJobs, listJobs } from './package-api.ts';
import { soqlInList } from './soql.ts';
import { runJobAction } from './subscriber-config.ts';

/** AsyncApexJob.Status values of a job that has not finished. */
export const PENDING_STATUSES = ['Holding', 'Queued', 'Preparing', 'Processing'];

export interface PendingJob {
  id: string;
  className: string;
  /** ScheduledApex, BatchApex, Queueable, Future… */
  jobType: string;
  status: string;
  cronTriggerId: string | null;
}

/**
 * The unfinished Apex jobs (scheduled, batch, queueable, future) of the given classes.
 * platform-rule: apex-deploy-with-pending-jobs — the org refuses to deploy an Apex class that has pending or
 * running jobs unless "Allow deployments of components when corresponding Apex jobs are pending or in progress"
 * is on (Setup › Deployment Settings); a scheduled job is an AsyncApexJob of JobType ScheduledApex until unscheduled.
 */
export async function findPendingJobs(client: OrgClient, classNames: readonly string[]): Promise<PendingJob[]> {
  if (classNames.length === 0) return [];
  const rows = await client.queryMany(
    new Map([
      [
        'pending',
        `SELECT Id, JobType, Status, CronTriggerId, ApexClass.Name FROM AsyncApexJob ` +
          `WHERE ApexClass.Name IN ${soqlInList([...classNames])} AND Status IN ${soqlInList(PENDING_STATUSES)}`
      ]
    ])
  );
  return (rows.get('pending') ?? []).map((row) => ({
    id: String(row.Id),
    className: String((row['ApexClass'] as { Name?: string } | null)?.Name ?? ''),
    jobType: String(row['JobType'] ?? ''),
    status: String(row['Status'] ?? ''),
    cronTriggerId: (row['CronTriggerId'] as string | null | undefined) ?? null
  }));
}

export interface JobsAroundDeploy {
  action: 'none' | 'warned' | 'would-restart' | 'restarted' | 'restart-failed';
  pending: PendingJob[];
  /** ConnectorJob definitions stopped before the deploy and started again after it. */
  stopped: string[];
  restarted: string[];
  /** Jobs the CLI cannot stop (batches, queueables in progress; jobs scheduled outside the definitions). */
  notStoppable: string[];
  messages: string[];
}

function describeJob(job: PendingJob): string {
  return `${job.jobType} ${job.className} (${job.status}${job.cronTriggerId ? `, CronTrigger ${job.cronTriggerId}` : ''})`;
}

/**
 * Deploys with the package's scheduled jobs in mind: says which pending jobs may make the org refuse the deploy and,
 * with restartJobs, stops the package's scheduled jobs, deploys, and starts them again (also when the deploy fails).
 */
export async function deployAroundJobs<R>(options: {
  client: OrgClient;
  classNames: readonly string[];
  restartJobs: boolean;
  dryRun: boolean;
  out: CommandOutput;
  deploy: () => Promise<R>;
}): Promise<{ jobs: JobsAroundDeploy; deployed: R | null }> {
  const { client, out } = options;
  const pending = await findPendingJobs(client, options.classNames);
  const jobs: JobsAroundDeploy = {
    action: pending.length === 0 ? 'none' : 'warned',
    pending,
    stopped: [],
    restarted: [],
    notStoppable: [],
    messages: []
  };
  if (pending.length > 0) {
    out.warn(
      `${count(pending.length, 'Apex job')} of classes in this deploy ${pending.length === 1 ? 'is' : 'are'} pending or running: ${pending.map(describeJob).join('; ')}. ` +
        'The org refuses to deploy these classes unless Setup › Deployment Settings › "Allow deployments of components ' +
        'when corresponding Apex jobs are pending or in progress" is on' +
        (options.restartJobs ? '.' : '; or pass --restart-jobs to stop the package jobs, deploy, and start them again.')
    );
  }
  const scheduledClasses = new Set(
    pending.filter((job) => job.jobType === 'ScheduledApex').map((job) => job.className.toLowerCase())
  );
  let toRestart: JobView[] = [];
  if (options.restartJobs && pending.length > 0) {
    const views = scheduledClasses.size > 0 ? await listJobs(client) : [];
    toRestart = views.filter(
      (view) =>
        view.definitionName !== null &&
        view.state !== 'NotScheduled' &&
        scheduledClasses.has(view.apexClass.toLowerCase())
    );
    const covered = new Set(toRestart.map((view) => view.apexClass.toLowerCase()));
    jobs.notStoppable = pending
      .filter((job) => job.jobType !== 'ScheduledApex' || !covered.has(job.className.toLowerCase()))
      .map(describeJob);
    if (jobs.notStoppable.length > 0) {
      out.warn(
        `Cannot stop ${jobs.notStoppable.join('; ')}: wait until they finish (or abort them in Setup › Apex Jobs), else the deploy may be refused.`
      );
    }
  }
  if (options.dryRun) {
    if (toRestart.length > 0) {
      jobs.action = 'would-restart';
      jobs.messages.push(
        `Would stop ${toRestart.map((v) => v.definitionName).join(', ')}, deploy, then start them again through the job command trigger (as the connector user).`
      );
    }
    return { jobs, deployed: null };
  }
  let deployed: R | null = null;
  let failure: unknown = null;
  try {
    for (const view of toRestart) {
      // Listed before the call: a stop answered with an error may still have stopped the job; starting a job that
      // runs is harmless ("already started").
      jobs.stopped.push(view.definitionName!);
      const answer = await changeJobs(client, 'stop', view.definitionName!);
      if (answer.message) jobs.messages.push(answer.message);
    }
    deployed = await options.deploy();
  } catch (error) {
    failure = error;
  }
  // The jobs run the package: they are started again whatever the deploy's outcome.
  for (const name of jobs.stopped) {
    try {
      // Started through the job command trigger and followed to its end, so the jobs run as the connector user.
      const outcome = await runJobAction(client, 'start', name);
      if (outcome.message) jobs.messages.push(outcome.message);
      if (!outcome.ok) {
        throw new OrgRequestError(outcome.message ?? 'refused', 200, 'JOB_ACTION_FAILED', 'POST', 'jobs');
      }
      jobs.restarted.push(name);
    } catch (error) {
      if (!(error instanceof OrgRequestError)) throw error;
      jobs.messages.push(
        `Could not start ${name} again: ${error.message}. Start it with: sf connector jobs start ${name}`
      );
    }
  }
  if (jobs.stopped.length > 0) {
    jobs.action = jobs.restarted.length === jobs.stopped.length ? 'restarted' : 'restart-failed';
  }
  if (failure !== null) {
    if (failure instanceof UsageError) throw failure;
    const notRestarted = jobs.stopped.filter((name) => !jobs.restarted.includes(name));
    throw new CommandError(
      `Deploy stopped: ${(failure as Error)?.message ?? String(failure)}`,
      [
        ...(jobs.restarted.length ? [`jobs stopped and started again: ${jobs.restarted.join(', ')}`] : []),
        ...(notRestarted.length
          ? [`jobs stopped and NOT started again: ${notRestarted.join(', ')} (run: sf connector jobs start <name>)`]
          : [])
      ],
      ['the deploy did not finish here: see Setup › Deployment Status for what the org did'],
      failure
    );
  }
  return { jobs, deployed };
}
