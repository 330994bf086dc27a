import type { JobView } from '../contract/types.ts';
import { defineCommand } from '../lib/command.ts';
import { OrgRequestError, UsageError } from '../lib/errors.ts';
import { HELP_FLAG, JSON_FLAG, ORG_FLAGS } from '../lib/flags.ts';
import { readJobDefinitions } from '../lib/metadata-records.ts';
import { formatTable } from '../lib/output.ts';
import { changeJobs, getHealth, listJobs, type JobAction } from '../lib/package-api.ts';

export interface JobsCommandResult {
  action: 'list' | JobAction;
  name: string | null;
  changed: boolean;
  message: string | null;
  jobs: (JobView & { runsAsConnectorUser: boolean | null })[];
}

const ACTIONS = ['list', 'stop', 'start', 'restart'] as const;

export const jobsCommand = defineCommand<JobsCommandResult>({
  name: 'jobs',
  summary: "List, stop, start or restart the package's scheduled jobs.",
  description: [
    'Jobs are defined by ConnectorJob records, so stop never loses a cron expression and start reschedules from the',
    'definition. A job runs as the user who scheduled it: start/restart here run as the authenticated user',
    '(authenticate as the connector user). Without a name, one call acts on every job: stop stops the scheduled',
    'ones, start schedules the active ones not scheduled, restart reschedules the scheduled ones (others stay',
    'stopped: start them). With a name, restart also starts a job that was not scheduled.',
    'list flags jobs running as someone other than the configured connector user.'
  ].join('\n'),
  positionals: [
    { name: 'action', description: 'What to do.', required: true, options: ACTIONS },
    {
      name: 'name',
      description:
        'Job definition (ConnectorJob developer name), or the CronTrigger id of an Unmanaged job; all jobs when omitted.'
    }
  ],
  flags: [...ORG_FLAGS, JSON_FLAG, HELP_FLAG],
  examples: [
    'npm run cli -- jobs list -o connector-user',
    'npm run cli -- jobs restart -o connector-user',
    'npm run cli -- jobs stop CsmSync -o acme --json'
  ],

  async run(context) {
    const action = context.args.positionals[0] as (typeof ACTIONS)[number];
    const name = context.args.positionals[1] ?? null;
    if (action === 'list' && name) throw new UsageError("'jobs list' takes no job name.");
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
    if (action === 'list') {
      jobs = await listJobs(client);
    } else {
      const response = await changeJobs(client, action, name ?? undefined);
      changed = response.changed === true;
      message = response.message ?? null;
      if (response.ok === false) exitCode = 1;
      jobs = response.jobs ?? (await listJobs(client));
    }
    let connectorUserId: string | null = null;
    try {
      connectorUserId = (await getHealth(client)).connectorUserId ?? null;
    } catch (error) {
      if (!(error instanceof OrgRequestError)) throw error;
      context.out.warn(`Cannot read the configured connector user (${error.message}).`);
    }
    return {
      exitCode,
      result: {
        action,
        name,
        changed,
        message,
        jobs: jobs.map((job) => ({
          ...job,
          runsAsConnectorUser: connectorUserId && job.runAsUserId ? job.runAsUserId === connectorUserId : null
        }))
      }
    };
  },

  render(result, out) {
    if (result.message) out.print(result.message);
    out.print(
      formatTable(
        ['Job', 'State', 'Cron', 'Next fire', 'Runs as', 'Warning'],
        result.jobs.map((job) => [
          job.definitionName ?? job.label,
          job.state,
          job.cronExpression ?? '',
          job.nextFireTime ?? '',
          job.runAsUserName ?? '',
          [
            job.warning,
            job.runsAsConnectorUser === false ? 'not the connector user: restart as the connector user' : null
          ]
            .filter(Boolean)
            .join('; ')
        ])
      )
    );
  }
});
