import type { JobView } from '../contract/types.ts';
import { defineCommand } from '../lib/command.ts';
import { OrgRequestError, UsageError } from '../lib/errors.ts';
import { readJobDefinitions } from '../lib/metadata-records.ts';
import { getHealth, listJobs } from '../lib/package-api.ts';
import { ensureJobCommandRunner, runJobAction, type RunnerResult } from '../lib/subscriber-config.ts';

export interface JobsCommandResult {
  action: JobAction;
  /** The job command trigger's running user (PlatformEventSubscriberConfig), for start, restart and runner. */
  runner: RunnerResult | null;
  name: string | null;
  changed: boolean;
  message: string | null;
  jobs: (JobView & { runsAsConnectorUser: boolean | null })[];
}

type JobAction = 'list' | 'stop' | 'start' | 'restart' | 'runner';

export const jobsCommand = defineCommand<JobsCommandResult>({
  name: 'jobs',

  async run(context) {
    const action = context.args.positionals[0] as JobAction;
    const name = context.args.positionals[1] ?? null;
    if ((action === 'list' || action === 'runner') && name) throw new UsageError(`'jobs ${action}' takes no job name.`);
    // A job scheduled outside the definitions (Unmanaged) is addressed by its CronTrigger id.
    const isTriggerId = name !== null && /^08e[A-Za-z0-9]{12}([A-Za-z0-9]{3})?$/.test(name);
    if (name && !isTriggerId) {
      const known = readJobDefinitions(context.project.packageDir).map((d) => d.developerName);
      if (known.length > 0 && !known.some((definition) => definition.toLowerCase() === name.toLowerCase())) {
        throw new UsageError(`No job definition '${name}'. Known: ${known.join(', ')}.`);
      }
    }
    const { client } = await context.connect();
    let changed = false;
    let message: string | null = null;
    let jobs: JobView[];
    let exitCode: 0 | 1 = 0;
    let runner: RunnerResult | null = null;
    let connectorUserId: string | null = null;
    try {
      connectorUserId = (await getHealth(client)).connectorUserId ?? null;
    } catch (error) {
      if (!(error instanceof OrgRequestError)) throw error;
      context.out.warn(`Cannot read the configured connector user (${error.message}).`);
    }
    if (action === 'start' || action === 'restart' || action === 'runner') {
      if (!connectorUserId) {
        throw new OrgRequestError(
          'No connector user is configured, so nobody can own the jobs: run provision --connector-user <username> first.',
          0,
          'NO_CONNECTOR_USER',
          'GET',
          'health'
        );
      }
      // platform-rule: platform-event-trigger-running-user — the trigger, not this session, schedules the jobs.
      runner = await ensureJobCommandRunner(client, connectorUserId, {
        namespace: context.namespace || null,
        dryRun: false
      });
      changed = runner.writes > 0;
    }
    if (action === 'list' || action === 'runner') {
      jobs = await listJobs(client);
    } else {
      const outcome = await runJobAction(client, action, name ?? undefined);
      changed = changed || outcome.request?.state === 'Done' || (outcome.requestId === null && outcome.ok);
      message = outcome.message;
      if (!outcome.ok) exitCode = 1;
      jobs = outcome.jobs.length > 0 ? outcome.jobs : await listJobs(client);
    }
    const shown = jobs.map((job) => ({
      ...job,
      runsAsConnectorUser: connectorUserId && job.runAsUserId ? job.runAsUserId === connectorUserId : null
    }));
    // A job running as someone else, or one the org flags, is a finding the user must act on (exit 1).
    if (shown.some((job) => job.runsAsConnectorUser === false || job.warning)) exitCode = 1;
    return { exitCode, result: { action, runner, name, changed, message, jobs: shown } };
  },

  render(result, out) {
    if (result.message) out.print(result.message);
    if (result.runner) {
      out.print(
        `Job command trigger runs as ${result.runner.userId}: ${result.runner.action} (${result.runner.writes} writes)`
      );
    }
    out.table(
      ['Job', 'State', 'Cron', 'Next fire', 'Runs as', 'Warning'],
      result.jobs.map((job) => [
        job.definitionName ?? job.label,
        job.state,
        job.cronExpression ?? '',
        job.nextFireTime ?? '',
        job.runAsUserName ?? '',
        [job.warning, job.runsAsConnectorUser === false ? 'not the connector user: jobs restart' : null]
          .filter(Boolean)
          .join('; ')
      ])
    );
  }
});
