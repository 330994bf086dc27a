/**
 * The job command trigger's running user, and job commands followed to their end.
 *
 * A scheduled job runs as the user who scheduled it, and Apex cannot schedule as someone else. The package's
 * ConnectorJobCommandTrigger therefore starts the jobs, and a platform event trigger runs as the user named in its
 * PlatformEventSubscriberConfig (Tooling API, API 51.0+; without one, the Automated Process user). That record is
 * org-specific and never packaged: this module keeps it pointed at the connector user, with 0 writes when it
 * already is.
 */
import type { JobCommandStatus, JobView } from '../contract/types.ts';
import type { OrgClient, SObjectRecord } from './client.ts';
import { OrgRequestError } from './errors.ts';
import { changeJobs, type JobAction, type JobsResponse } from './package-api.ts';

export const JOB_COMMAND_TRIGGER = 'ConnectorJobCommandTrigger';
/** DeveloperName of the config this CLI creates: letters only, unique in the org. */
export const RUNNER_CONFIG_NAME = 'ConnectorJobCommandTriggerConfig';

export interface RunnerResult {
  action: 'created' | 'updated' | 'unchanged' | 'would-create' | 'would-update';
  triggerId: string;
  configId: string | null;
  userId: string;
  previousUserId: string | null;
  /** Requests that could change the org: 0 when the config already names the user. */
  writes: number;
}

function soqlString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

async function toolingQuery<T extends SObjectRecord>(client: OrgClient, soql: string): Promise<T[]> {
  const result = await client.request<{ records: T[] }>(
    'GET',
    client.dataPath(`tooling/query?q=${encodeURIComponent(soql)}`)
  );
  return result.records;
}

/** The installed package's job command trigger (Tooling API ApexTrigger), in the package namespace. */
export async function findJobCommandTrigger(client: OrgClient, namespace: string | null): Promise<string> {
  const where = `Name = ${soqlString(JOB_COMMAND_TRIGGER)} AND NamespacePrefix = ${namespace ? soqlString(namespace) : 'null'}`;
  const rows = await toolingQuery<SObjectRecord & { Id: string }>(
    client,
    `SELECT Id, Name FROM ApexTrigger WHERE ${where}`
  );
  const id = rows[0]?.Id;
  if (!id) {
    throw new OrgRequestError(
      `The org has no trigger ${JOB_COMMAND_TRIGGER}${namespace ? ` in namespace '${namespace}'` : ''}: install or ` +
        'upgrade the Connector Admin package (deploy force-app), then run this again.',
      404,
      'NOT_FOUND',
      'GET',
      'tooling/query'
    );
  }
  return id;
}

/**
 * Points the job command trigger at `userId`: inserts its PlatformEventSubscriberConfig, or updates the user of the
 * existing one (whatever its name), or writes nothing when it already names the user.
 */
export async function ensureJobCommandRunner(
  client: OrgClient,
  userId: string,
  options: { namespace: string | null; dryRun: boolean }
): Promise<RunnerResult> {
  const triggerId = await findJobCommandTrigger(client, options.namespace);
  const configs = await toolingQuery<SObjectRecord & { Id: string; UserId: string | null }>(
    client,
    `SELECT Id, DeveloperName, UserId FROM PlatformEventSubscriberConfig WHERE PlatformEventConsumerId = ${soqlString(triggerId)}`
  );
  const existing = configs[0];
  const result: RunnerResult = {
    action: 'unchanged',
    triggerId,
    configId: existing?.Id ?? null,
    userId,
    previousUserId: existing?.UserId ?? null,
    writes: 0
  };
  const same = (a: string | null, b: string) => a !== null && a.slice(0, 15) === b.slice(0, 15);
  if (existing && same(existing.UserId, userId)) return result;
  if (options.dryRun) return { ...result, action: existing ? 'would-update' : 'would-create' };
  const path = client.dataPath('tooling/sobjects/PlatformEventSubscriberConfig');
  if (existing) {
    await client.request('PATCH', `${path}/${existing.Id}`, { UserId: userId });
    return { ...result, action: 'updated', writes: 1 };
  }
  const created = await client.request<{ id: string }>('POST', path, {
    DeveloperName: RUNNER_CONFIG_NAME,
    MasterLabel: RUNNER_CONFIG_NAME,
    PlatformEventConsumerId: triggerId,
    UserId: userId
  });
  return { ...result, action: 'created', configId: created.id, writes: 1 };
}

export interface JobCommandOutcome {
  ok: boolean;
  requestId: string | null;
  request: JobCommandStatus | null;
  message: string | null;
  jobs: JobView[];
}

/**
 * Sends a job action to the package; start and restart come back as a job command, which is followed until its
 * trigger has run (polls with backoff, at most `maxPolls`). Stop is answered at once.
 */
export async function runJobAction(
  client: OrgClient,
  action: JobAction,
  name: string | undefined,
  maxPolls = 20
): Promise<JobCommandOutcome> {
  const response = (await changeJobs(client, action, name)) as JobsResponse & { requestId?: string };
  if (!response.requestId) {
    return {
      ok: response.ok !== false,
      requestId: null,
      request: null,
      message: response.message ?? null,
      jobs: response.jobs ?? []
    };
  }
  for (let attempt = 1; attempt <= maxPolls; attempt++) {
    await client.pausePoll(attempt);
    const polled = await client.apex<JobsResponse & { request?: JobCommandStatus }>(
      'GET',
      `jobs?requestId=${encodeURIComponent(response.requestId)}`
    );
    const request = polled.request ?? null;
    if (request && request.state !== 'Pending') {
      return {
        ok: request.state === 'Done' && request.ranAsConnectorUser === true,
        requestId: response.requestId,
        request,
        message: request.message,
        jobs: polled.jobs ?? []
      };
    }
  }
  return {
    ok: false,
    requestId: response.requestId,
    request: null,
    message: `The job command ${response.requestId} has not run yet: see the Audit log in Admin Home.`,
    jobs: response.jobs ?? []
  };
}
