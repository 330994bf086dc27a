import { commandStatus } from '../jobCommands.ts';
import type { JobDefinition } from '../metadata.ts';
import { Org } from '../org.ts';
import { settingsOf } from '../connection.ts';
import { STATE_VERSION, type ConnectorSettingsRecord, type CronTriggerRecord, type OrgState } from '../state.ts';

/**
 * The REST face runs the package's services (the same TypeScript services as the Aura face) on one Org; the
 * platform REST API's SOQL and DML run over that Org's records too (store/orgRecords.ts). Here: the empty Org of
 * a REST face, and views over its settings, CronTriggers and job commands for the tests.
 */
export function emptyState(namespace: string): OrgState {
  return {
    version: STATE_VERSION,
    organization: {
      Id: '00D000000000001AAA',
      Name: 'REST face',
      InstanceUrl: 'http://127.0.0.1',
      NamespacePrefix: namespace || null
    },
    runningUserId: '',
    permissionFields: [],
    users: [],
    profiles: [],
    permissionSets: [],
    permissionSetAssignments: [],
    cronTriggers: [],
    oauthTokens: [],
    settings: null,
    events: [],
    accountFields: [],
    accounts: [],
    csmAssignments: [],
    csmSyncRuns: [],
    csmJobs: [],
    subscriberConfigs: [],
    jobCommandBus: [],
    connectedApplications: [],
    setupEntityAccess: [],
    permissionSetLicenseAssigns: [],
    idCounters: {}
  };
}

/** The CLI's names of the settings fields (the REST body's keys), as the Apex's EDITABLE_FIELDS has them. */
const SETTING_FIELDS: Record<string, keyof ConnectorSettingsRecord> = {
  connectorUserId: 'ConnectorUserId__c',
  connectedAppName: 'ConnectedAppName__c',
  platformBaseUrl: 'PlatformBaseUrl__c',
  consumerKey: 'ConsumerKey__c',
  callbackUrl: 'CallbackUrl__c',
  integrationPermissionSetName: 'IntegrationPermissionSetName__c',
  csmEmailField: 'CsmEmailField__c',
  csmSyncEnabled: 'CsmSyncEnabled__c',
  csmSyncScopeSize: 'CsmSyncScopeSize__c'
};

/**
 * The Org's ConnectorSettings__c as a plain object by REST key, for tests that set up or inspect the settings:
 * unset values (null, false) are absent, deleting a key blanks the field.
 */
export function settingsByKey(org: Org): Record<string, unknown> {
  const field = (key: string | symbol): keyof ConnectorSettingsRecord | undefined =>
    typeof key === 'string' && Object.hasOwn(SETTING_FIELDS, key) ? SETTING_FIELDS[key] : undefined;
  const valueOf = (key: string | symbol): unknown => {
    const name = field(key);
    const value = name && org.state.settings ? org.state.settings[name] : undefined;
    return value === null || value === false ? undefined : value;
  };
  return new Proxy({} as Record<string, unknown>, {
    get: (_target, key) => valueOf(key),
    has: (_target, key) => valueOf(key) !== undefined,
    set: (_target, key, value) => {
      const name = field(key);
      if (!name) return false;
      (settingsOf(org) as unknown as Record<string, unknown>)[name] = value ?? null;
      return true;
    },
    deleteProperty: (_target, key) => {
      const name = field(key);
      if (name && org.state.settings) {
        (org.state.settings as unknown as Record<string, unknown>)[name] = name === 'CsmSyncEnabled__c' ? false : null;
      }
      return true;
    },
    ownKeys: () => Object.keys(SETTING_FIELDS).filter((key) => valueOf(key) !== undefined),
    getOwnPropertyDescriptor: (_target, key) =>
      valueOf(key) === undefined
        ? undefined
        : { value: valueOf(key), enumerable: true, configurable: true, writable: true }
  });
}

export interface SecretValue {
  value: string;
  setAt: string;
  setBy: string;
}

/** The secrets of ConnectorSettings__c (ClientSecret__c, ApiKey__c with who set them and when), by REST name. */
export class SecretsView {
  private static readonly PREFIX: Record<string, 'ClientSecret' | 'ApiKey'> = {
    clientSecret: 'ClientSecret',
    apiKey: 'ApiKey'
  };

  constructor(private readonly org: Org) {}

  get(name: string): SecretValue | undefined {
    const prefix = SecretsView.PREFIX[name];
    const record = this.org.state.settings;
    if (!prefix || !record?.[`${prefix}__c`]) return undefined;
    return {
      value: String(record[`${prefix}__c`]),
      setAt: String(record[`${prefix}SetAt__c`] ?? ''),
      setBy: String(record[`${prefix}SetBy__c`] ?? '')
    };
  }

  set(name: string, secret: SecretValue): this {
    const prefix = SecretsView.PREFIX[name];
    if (!prefix) throw new Error(`unknown secret ${name}`);
    const record = settingsOf(this.org);
    record[`${prefix}__c`] = secret.value;
    record[`${prefix}SetAt__c`] = secret.setAt;
    record[`${prefix}SetBy__c`] = secret.setBy;
    return this;
  }
}

/** A scheduled job as the CLI tests set one up: the live CronTrigger of a job definition. */
export interface ScheduledJob {
  cronTriggerId: string;
  runAsUserId: string;
  state: 'Waiting' | 'Running' | 'Paused' | 'Error';
}

const CRON_STATE: Record<ScheduledJob['state'], CronTriggerRecord['State']> = {
  Waiting: 'WAITING',
  Running: 'EXECUTING',
  Paused: 'PAUSED',
  Error: 'ERROR'
};

/**
 * The Org's CronTriggers by job definition name (a Map for the tests): ScheduledJobService schedules and aborts
 * them; a test may set one up as if scheduled by a given user.
 */
export class ScheduledJobsView implements ReadonlyMap<string, ScheduledJob> {
  constructor(private readonly org: Org) {}

  private definition(name: string): JobDefinition | undefined {
    return this.org.jobDefinitions().find((d) => d.developerName === name);
  }

  private trigger(name: string): CronTriggerRecord | undefined {
    const definition = this.definition(name);
    return definition ? this.org.state.cronTriggers.find((t) => t.JobName === definition.jobName) : undefined;
  }

  get(name: string): ScheduledJob | undefined {
    const trigger = this.trigger(name);
    if (!trigger) return undefined;
    const state = (Object.keys(CRON_STATE) as ScheduledJob['state'][]).find((k) => CRON_STATE[k] === trigger.State);
    return { cronTriggerId: trigger.Id, runAsUserId: trigger.OwnerId, state: state ?? 'Waiting' };
  }

  has(name: string): boolean {
    return this.trigger(name) !== undefined;
  }

  set(name: string, job: ScheduledJob): this {
    const definition = this.definition(name);
    if (!definition) throw new Error(`no job definition ${name}`);
    this.delete(name);
    this.org.state.cronTriggers.push({
      Id: job.cronTriggerId,
      JobName: definition.jobName,
      ApexClass: definition.apexClass,
      CronExpression: definition.cronExpression,
      State: CRON_STATE[job.state],
      NextFireTime: null,
      PreviousFireTime: null,
      TimesTriggered: 0,
      OwnerId: job.runAsUserId,
      CreatedDate: new Date().toISOString()
    });
    return this;
  }

  delete(name: string): boolean {
    const trigger = this.trigger(name);
    this.org.state.cronTriggers = this.org.state.cronTriggers.filter((t) => t !== trigger);
    return trigger !== undefined;
  }

  clear(): void {
    for (const name of [...this.keys()]) this.delete(name);
  }

  get size(): number {
    return [...this.keys()].length;
  }

  *keys(): MapIterator<string> {
    for (const d of this.org.jobDefinitions()) if (this.has(d.developerName)) yield d.developerName;
  }

  *values(): MapIterator<ScheduledJob> {
    for (const name of this.keys()) yield this.get(name)!;
  }

  *entries(): MapIterator<[string, ScheduledJob]> {
    for (const name of this.keys()) yield [name, this.get(name)!];
  }

  [Symbol.iterator](): MapIterator<[string, ScheduledJob]> {
    return this.entries();
  }

  forEach(fn: (value: ScheduledJob, key: string, map: ReadonlyMap<string, ScheduledJob>) => void): void {
    for (const [key, value] of this.entries()) fn(value, key, this);
  }
}

/** A published job command as the CLI tests see it: what was asked, and once the trigger ran it, its status. */
export interface JobCommand {
  action: string;
  name: string;
  requestedBy: string;
  status: Record<string, unknown> | null;
}

const COMMAND_ACTIONS: Record<string, string> = { start: 'Start', stop: 'Stop', restart: 'RestartAll' };

/** The Org's ConnectorJobCommand__e events by request id: publish one (set) or read its status (get). */
export class JobCommandsView {
  constructor(private readonly org: Org) {}

  set(requestId: string, command: JobCommand): this {
    this.org.state.jobCommandBus.push({
      RequestId__c: requestId,
      Action__c: COMMAND_ACTIONS[command.action] ?? command.action,
      JobKey__c: command.name.trim() || null,
      RequestedById__c: command.requestedBy
    });
    return this;
  }

  get(requestId: string): JobCommand | undefined {
    const pending = this.org.state.jobCommandBus.find((c) => c.RequestId__c === requestId);
    const logged = this.org.state.events.filter((e) => e.RequestId__c === requestId);
    const first = pending ?? logged[0];
    if (!first) return undefined;
    const action = pending ? pending.Action__c : null;
    return {
      action: Object.keys(COMMAND_ACTIONS).find((k) => COMMAND_ACTIONS[k] === action) ?? action ?? '',
      name: pending?.JobKey__c ?? logged[0]?.Target__c ?? '',
      requestedBy: first.RequestedById__c ?? '',
      status: pending ? null : { ...commandStatus(this.org, requestId) }
    };
  }
}
