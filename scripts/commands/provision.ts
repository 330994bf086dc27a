import type { JobView } from '../contract/types.ts';
import { ensureAssignments, type AssignmentResult, type PermissionSetRef } from '../lib/assignments.ts';
import { WriteOutcomeUnknown, type OrgClient } from '../lib/client.ts';
import { defineCommand, type CommandContext, type CommandOutput } from '../lib/command.ts';
import { CommandError, OrgRequestError, UsageError } from '../lib/errors.ts';
import { ensureLocalPermissionSet, type LocalPermissionSetResult } from '../lib/local-permission-set.ts';
import { readJobDefinitions, readRequirements } from '../lib/metadata-records.ts';
import { getHealth, listJobs, putSettings } from '../lib/package-api.ts';
import { ensureJobCommandRunner, runJobAction, type RunnerResult } from '../lib/subscriber-config.ts';
import { requirePackageNamespace } from '../lib/package-namespace.ts';
import {
  isApiName,
  readProvisioningFile,
  readSecrets,
  type ProvisioningFile,
  type SecretName,
  type Settings
} from '../lib/provisioning-file.ts';
import { planPermissions, type ConditionalChoice } from '../lib/requirements.ts';

export const DEFAULT_PERMISSION_SET = 'Connector_Integration_Access';
export const PACKAGED_SETS = {
  connector: 'ConnectorIntegrationUser',
  admin: 'ConnectorAdministrator',
  user: 'ConnectorBasicUser'
} as const;

export interface SettingsResult {
  action: 'skipped' | 'unchanged' | 'written' | 'would-write' | 'failed';
  keys: string[];
  /** Names of the secrets sent; values never leave the process except to the org. */
  secrets: SecretName[];
  message: string | null;
  fieldErrors: Record<string, string> | null;
}

export interface JobsResult {
  action: 'skipped' | 'unchanged' | 'started' | 'restarted' | 'would-start' | 'would-restart' | 'failed';
  runAsUsername: string | null;
  message: string | null;
  jobs: JobView[];
  /** The job command trigger's running user: the jobs are started by the trigger, as that user. */
  runner?: RunnerResult | null;
}

export interface ProvisionResult {
  dryRun: boolean;
  connectorUser: string | null;
  permissionSet: LocalPermissionSetResult;
  assignments: AssignmentResult;
  settings: SettingsResult;
  jobs: JobsResult;
  /** Everything that made the run a partial failure. */
  problems: string[];
}

interface ProvisionInput {
  file: ProvisioningFile | null;
  connectorUser: string | null;
  permissionSetName: string;
  conditional: ConditionalChoice;
  dryRun: boolean;
  startJobs: boolean;
}

function readInput(context: CommandContext): ProvisionInput {
  const { args } = context;
  const filePath = args.string('file');
  const file = filePath ? readProvisioningFile(filePath) : null;
  const connectorUser = args.string('connector-user') ?? file?.connectorUser ?? null;
  if (connectorUser !== null && !/^\S+@\S+$/.test(connectorUser)) {
    throw new UsageError(`--connector-user must be a username like connector@example.com; got '${connectorUser}'.`);
  }
  const permissionSetName = args.string('permission-set-name') ?? file?.permissionSetName ?? DEFAULT_PERMISSION_SET;
  if (!isApiName(permissionSetName)) {
    throw new UsageError(
      `--permission-set-name must be an API name (letters, digits, single underscores); got '${permissionSetName}'.`
    );
  }
  return {
    file,
    connectorUser,
    permissionSetName,
    conditional: args.bool('include-conditional') ? true : (file?.includeConditional ?? false),
    dryRun: args.bool('dry-run'),
    startJobs: !args.bool('skip-jobs') && (file?.startJobs ?? true)
  };
}

async function writeSettings(
  client: OrgClient,
  settings: Settings & { connectorUserId?: string; integrationPermissionSetName?: string },
  secrets: Partial<Record<SecretName, string>>,
  dryRun: boolean,
  out: CommandOutput
): Promise<SettingsResult> {
  const secretNames = Object.keys(secrets) as SecretName[];
  const result: SettingsResult = {
    action: 'skipped',
    keys: [],
    secrets: secretNames,
    message: null,
    fieldErrors: null
  };
  let pending: Record<string, unknown> = { ...settings };
  if (Object.keys(pending).length === 0 && secretNames.length === 0) return result;

  // Compare with what the org holds so an unchanged run writes nothing; secrets are write-only.
  try {
    const current = (await getHealth(client)).settings;
    if (current) {
      pending = Object.fromEntries(Object.entries(pending).filter(([key, value]) => current[key] !== value));
    }
  } catch (error) {
    if (!(error instanceof OrgRequestError)) throw error;
    out.warn(`Cannot read current settings (${error.message}); writing all of them.`);
  }
  result.keys = Object.keys(pending);
  if (result.keys.length === 0 && secretNames.length === 0) {
    result.action = 'unchanged';
    return result;
  }
  if (dryRun) {
    result.action = 'would-write';
    return result;
  }
  try {
    const response = await putSettings(client, pending, secrets);
    result.action = response.ok === false ? 'failed' : response.changed === false ? 'unchanged' : 'written';
    result.message = response.message ?? null;
  } catch (error) {
    if (!(error instanceof OrgRequestError)) throw error;
    result.action = 'failed';
    result.message = error.message;
    result.fieldErrors = error.fieldErrors;
  }
  return result;
}

async function scheduleJobs(
  client: OrgClient,
  activeDefinitions: Set<string> | null,
  dryRun: boolean,
  runAs: { userId: string; username: string; namespace: string | null }
): Promise<JobsResult> {
  const me = runAs;
  let listed: JobView[];
  let runner: RunnerResult;
  try {
    // platform-rule: platform-event-trigger-running-user — the trigger starts the jobs as the connector user.
    runner = await ensureJobCommandRunner(client, runAs.userId, { namespace: runAs.namespace, dryRun });
    listed = await listJobs(client);
  } catch (error) {
    if (!(error instanceof OrgRequestError)) throw error;
    return { action: 'failed', runAsUsername: null, message: error.message, jobs: [] };
  }
  const jobs = listed.filter(
    (job) => job.definitionName !== null && (activeDefinitions === null || activeDefinitions.has(job.definitionName))
  );
  const result: JobsResult = { action: 'unchanged', runAsUsername: me.username, message: null, jobs, runner };
  // A job runs as whoever scheduled it: jobs owned by anyone but the connector user are restarted by the trigger.
  const foreign = jobs.some(
    (job) => job.state !== 'NotScheduled' && job.runAsUserId !== null && job.runAsUserId !== me.userId
  );
  const notScheduled = jobs.some((job) => job.state === 'NotScheduled' && job.isActive !== false);
  if (!foreign && !notScheduled) return result;
  if (dryRun) {
    result.action = foreign ? 'would-restart' : 'would-start';
    result.message = foreign && notScheduled ? 'Would restart the scheduled jobs, then start the others.' : null;
    return result;
  }
  try {
    // restart reschedules only jobs that are scheduled; jobs that were not stay stopped, so start them after.
    const actions: ('restart' | 'start')[] = foreign ? ['restart'] : [];
    if (notScheduled) actions.push('start');
    const messages: string[] = [];
    for (const next of actions) {
      const response = await runJobAction(client, next, undefined);
      if (response.message) messages.push(response.message);
      result.jobs = (response.jobs ?? result.jobs).filter(
        (job) =>
          job.definitionName !== null && (activeDefinitions === null || activeDefinitions.has(job.definitionName))
      );
      if (!response.ok) {
        result.action = 'failed';
        break;
      }
      result.action = foreign ? 'restarted' : 'started';
    }
    result.message = messages.join(' ') || null;
  } catch (error) {
    if (!(error instanceof OrgRequestError)) throw error;
    result.action = 'failed';
    result.message = error.message;
    // A 5xx after the action may hide a success: the job list says whether the trigger scheduled the jobs.
    if (error instanceof WriteOutcomeUnknown) {
      try {
        const now = (await listJobs(client)).filter(
          (job) =>
            job.definitionName !== null && (activeDefinitions === null || activeDefinitions.has(job.definitionName))
        );
        result.jobs = now;
        const done = !now.some(
          (job) =>
            job.isActive !== false &&
            (job.state === 'NotScheduled' || (job.runAsUserId !== null && job.runAsUserId !== me.userId))
        );
        if (done) {
          result.action = foreign ? 'restarted' : 'started';
          result.message = 'The org answered with an error, but the jobs are scheduled as the connector user.';
        }
      } catch (readError) {
        if (!(readError instanceof OrgRequestError)) throw readError;
      }
    }
  }
  return result;
}

/** The connector user the package has, when provision was not given one. */
async function connectorUserIdOf(client: OrgClient): Promise<string | null> {
  try {
    return (await getHealth(client)).connectorUserId ?? null;
  } catch (error) {
    if (!(error instanceof OrgRequestError)) throw error;
    return null;
  }
}

export const provisionCommand = defineCommand<ProvisionResult>({
  name: 'provision',

  async run(context) {
    const input = readInput(context);
    const requirements = readRequirements(context.project.packageDir);
    if (requirements.length === 0) {
      throw new UsageError(
        `No ConnectorRequirement records in ${context.project.packageDir}/main/default/customMetadata: run provision from the project root.`
      );
    }
    const jobDefinitions = readJobDefinitions(context.project.packageDir);
    const activeDefinitions =
      jobDefinitions.length > 0 ? new Set(jobDefinitions.filter((d) => d.active).map((d) => d.developerName)) : null;
    const secrets = readSecrets(
      context.env,
      input.file?.secretEnv ?? {},
      context.args.string('secrets-file'),
      context.out.redactor,
      { dryRun: input.dryRun }
    );
    for (const [name, value] of Object.entries(secrets)) {
      if (value === '') {
        const envName = input.file?.secretEnv?.[name as SecretName] ?? name;
        context.out.warn(
          `Secret ${name}: env ${envName} is not set; the dry run plans its write, the real run needs it.`
        );
      }
    }
    const plan = planPermissions(requirements, input.conditional);
    const { client } = await context.connect();
    const namespace = context.namespace;
    const { out } = context;
    const problems: string[] = [];
    // A wrong --namespace is found before anything is written (the endpoints and packaged sets depend on it).
    await requirePackageNamespace(client);

    // What this run has written so far, so that a run stopped by an error says what is in the org and what is not.
    const journal = new Journal(input);
    try {
      return await provisionSteps(client, input, plan, namespace, activeDefinitions, secrets, out, problems, journal);
    } catch (error) {
      if (!(error instanceof OrgRequestError)) throw error;
      throw new CommandError(
        `Provisioning stopped: ${error.message}. Run provision again once the cause is fixed: it writes only what is missing.`,
        journal.written(),
        journal.notWritten(),
        error
      );
    }
  },

  render(result, out) {
    renderResult(result as ProvisionResult, out);
  }
});

/** The steps of provision, in order; each records in the journal what it wrote. */
async function provisionSteps(
  client: OrgClient,
  input: ProvisionInput,
  plan: ReturnType<typeof planPermissions>,
  namespace: string,
  activeDefinitions: Set<string> | null,
  secrets: Partial<Record<SecretName, string>>,
  out: CommandOutput,
  problems: string[],
  journal: Journal
): Promise<{ exitCode: 0 | 1; result: ProvisionResult }> {
  {
    out.info(`${input.dryRun ? 'Planning' : 'Provisioning'} permission set ${input.permissionSetName}…`);
    const permissionSet = await ensureLocalPermissionSet(client, input.permissionSetName, plan, input.dryRun);
    journal.permissionSet = permissionSet;
    if (permissionSet.error) problems.push(`Permission set ${permissionSet.name}: ${permissionSet.error}`);
    for (const permission of permissionSet.systemPermissions) {
      if (permission.state === 'not-available') {
        const text = `${permission.field} is not available in this org (${permission.requirements.join(', ')})`;
        if (permission.severity === 'Required') problems.push(`${text}: enable the feature that provides it.`);
        else out.warn(`${text}; skipped.`);
      }
    }
    for (const change of permissionSet.objectAccess) {
      if (change.state === 'failed') problems.push(`Object access ${change.sobjectType}: ${change.error}`);
    }

    const localRef: PermissionSetRef = { name: input.permissionSetName, namespace: null };
    const packaged = (name: string): PermissionSetRef => ({ name, namespace });
    const wanted = new Map<string, PermissionSetRef[]>();
    const want = (username: string, refs: PermissionSetRef[]): void => {
      const key = username.toLowerCase();
      const list = wanted.get(key) ?? [];
      for (const ref of refs)
        if (!list.some((r) => r.name === ref.name && r.namespace === ref.namespace)) list.push(ref);
      wanted.set(key, list);
    };
    if (input.connectorUser) {
      const connectorSets = new Set<string>([PACKAGED_SETS.connector, ...plan.packagePermissionSets]);
      want(input.connectorUser, [
        ...[...connectorSets].map(packaged),
        ...(permissionSet.action === 'failed' ? [] : [localRef])
      ]);
    }
    for (const admin of input.file?.admins ?? []) want(admin, [packaged(PACKAGED_SETS.admin)]);
    for (const user of input.file?.users ?? []) want(user, [packaged(PACKAGED_SETS.user)]);

    out.info(`Checking permission set assignments of ${wanted.size} user(s)…`);
    const userIds = new Map<string, string>();
    const assignments = await ensureAssignments(client, wanted, {
      dryRun: input.dryRun,
      userIds,
      progress: (total) => out.progress('Assigning permission sets', total),
      pendingPermissionSets: permissionSet.action === 'would-create' ? [localRef] : []
    });
    journal.assignments = assignments;
    problems.push(...assignments.problems);
    for (const failure of assignments.failures) {
      problems.push(`Assignment of ${failure.permissionSet} to ${failure.username} failed: ${failure.error}`);
    }

    const settings: Settings & { connectorUserId?: string; integrationPermissionSetName?: string } = {
      ...(input.file?.settings ?? {})
    };
    if (input.connectorUser) {
      const connectorUserId = userIds.get(input.connectorUser.toLowerCase());
      if (connectorUserId) settings.connectorUserId = connectorUserId;
      settings.integrationPermissionSetName = input.permissionSetName;
    }
    const settingsResult = await writeSettings(client, settings, secrets, input.dryRun, out);
    journal.settings = settingsResult;
    if (settingsResult.action === 'failed') {
      const fields = settingsResult.fieldErrors
        ? ` (${Object.entries(settingsResult.fieldErrors)
            .map(([field, message]) => `${field}: ${message}`)
            .join('; ')})`
        : '';
      problems.push(`Settings: ${settingsResult.message ?? 'rejected'}${fields}`);
    }

    let jobs: JobsResult = { action: 'skipped', runAsUsername: null, message: null, jobs: [] };
    const connectorUserId = settings.connectorUserId ?? (input.startJobs ? await connectorUserIdOf(client) : null);
    if (input.startJobs && !connectorUserId) {
      problems.push('Jobs: no connector user is configured (--connector-user), so nobody can own the jobs');
    } else if (input.startJobs && connectorUserId) {
      const runAs = {
        userId: connectorUserId,
        username: input.connectorUser ?? connectorUserId,
        namespace: namespace || null
      };
      jobs = await scheduleJobs(client, activeDefinitions, input.dryRun, runAs);
      if (jobs.action === 'failed') problems.push(`Jobs: ${jobs.message ?? 'could not be scheduled'}`);
    }

    return {
      exitCode: problems.length > 0 ? 1 : 0,
      result: {
        dryRun: input.dryRun,
        connectorUser: input.connectorUser,
        permissionSet,
        assignments,
        settings: settingsResult,
        jobs,
        problems
      }
    };
  }
}

/** Records each finished step of a provision run. */
class Journal {
  permissionSet: LocalPermissionSetResult | null = null;
  assignments: AssignmentResult | null = null;
  settings: SettingsResult | null = null;
  constructor(private readonly input: ProvisionInput) {}

  written(): string[] {
    if (this.input.dryRun) return [];
    const lines: string[] = [];
    const ps = this.permissionSet;
    if (ps && ps.action !== 'unchanged' && ps.action !== 'failed') {
      const added = ps.systemPermissions.filter((p) => p.state === 'added').length;
      const access = ps.objectAccess.filter((c) => c.state === 'added').length;
      lines.push(
        `permission set ${ps.name} ${ps.action}${ps.id ? ` (${ps.id})` : ''}: ${added} system permission(s), ${access} object access row(s)`
      );
    }
    if (this.assignments && this.assignments.created > 0) {
      lines.push(`${this.assignments.created} permission set assignment(s)`);
    }
    if (this.settings && this.settings.action === 'written') {
      lines.push(`settings [${[...this.settings.keys, ...this.settings.secrets].join(', ')}]`);
    }
    return lines;
  }

  notWritten(): string[] {
    const lines: string[] = [];
    if (!this.permissionSet)
      lines.push(`permission set ${this.input.permissionSetName} (not finished: it may exist in part)`);
    if (!this.assignments) lines.push('permission set assignments');
    if (!this.settings) lines.push('settings and secrets');
    if (this.input.startJobs) lines.push('job scheduling');
    return lines;
  }
}

function renderResult(result: ProvisionResult, out: CommandOutput): void {
  {
    const ps = result.permissionSet;
    out.print(`${result.dryRun ? 'Plan (dry run, nothing changed)' : 'Provisioning'}:`);
    out.print(`Permission set ${ps.name}: ${ps.action}${ps.id ? ` (${ps.id})` : ''}`);
    for (const permission of ps.systemPermissions) {
      out.print(
        `  ${permission.state === 'not-available' ? 'not available in this org' : permission.state.padEnd(9)}  ${permission.field}` +
          (permission.dependencyOf ? ` (needed by ${permission.dependencyOf.join(', ') || 'the org'})` : '')
      );
    }
    for (const change of ps.objectAccess) {
      out.print(
        `  ${change.state.padEnd(9)}  ${change.sobjectType} ${change.access}` +
          (change.dependencyOf ? ` (needed by ${change.dependencyOf.join(', ')})` : '') +
          (change.error ? ` — ${change.error}` : '')
      );
    }
    const a = result.assignments;
    out.print(
      `Assignments: ${a.requested} requested, ${a.alreadyAssigned} already assigned, ` +
        (result.dryRun ? `${a.planned.length} to assign` : `${a.created} assigned, ${a.failures.length} failed`)
    );
    for (const entry of a.planned.slice(0, 50)) out.print(`  would assign ${entry.permissionSet} to ${entry.username}`);
    if (a.planned.length > 50) out.print(`  … and ${a.planned.length - 50} more (see --json)`);
    for (const failure of a.failures)
      out.print(`  FAILED ${failure.permissionSet} → ${failure.username}: ${failure.error}`);
    const s = result.settings;
    out.print(
      `Settings: ${s.action}${s.keys.length ? ` [${s.keys.join(', ')}]` : ''}${s.secrets.length ? ` secrets [${s.secrets.join(', ')}]` : ''}`
    );
    out.print(`Jobs: ${result.jobs.action}${result.jobs.runAsUsername ? ` (as ${result.jobs.runAsUsername})` : ''}`);
    if (result.jobs.runner) out.print(`Job command trigger runs as the connector user: ${result.jobs.runner.action}`);
    if (result.problems.length > 0) {
      out.print('');
      out.print(`Problems (${result.problems.length}):`);
      for (const problem of result.problems) out.print(`  - ${problem}`);
    }
  }
}
