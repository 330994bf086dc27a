import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  BASE_PERMISSION_FIELDS,
  Database,
  QueryFailure,
  RecordFailure,
  type RecordError,
  type Row
} from '../store/database.ts';
import { label } from '../labels.ts';
import { compositeLimitRefusal } from './composite-limits.ts';
import { PACKAGE_CLASSES, apexClassId, defineApexObjects, syncScheduledJobs } from './apex-jobs.ts';
import { OauthTokenApi, refuseWritesTo } from './oauth-tokens.ts';
import { definePolicyObjects, QUERY_ONLY_OBJECTS } from './policy-objects.ts';
import { type CsmFieldDescribe } from '../../../scripts/lib/csm-field.ts';
import { MIXED_DML_OPERATION, SETUP_OBJECTS } from '../../../scripts/lib/setup-objects.ts';
import { settingsView } from '../adminHome.ts';
import { saveSettings, settingsOf } from '../connection.ts';
import { MANAGE_PERMISSION, Org } from '../org.ts';
import type { AccountFieldRecord } from '../state.ts';
import { KeyPrefix, newId, useIdSource } from '../ids.ts';
import { getCsmSyncProgress, getLatestRun, previewCsmSync, runCsmSyncNow } from '../csm.ts';
import { AuraHandledException } from '../registry.ts';
import { CSM_RUN_FIELDS, csmSyncRunTable } from '../store/orgRecords.ts';
import { getJobs, JobError, stopAllJobs, stopJob } from '../jobs.ts';
import { getStatus, runAudit, writeDatesIn } from '../status.ts';
import {
  commandStatus,
  deliverJobCommands,
  JOB_COMMAND_ACTIONS,
  requestJobCommand,
  triggerRunningUserId
} from '../jobCommands.ts';
import { JOB_COMMAND_TRIGGER_ID } from '../seed.ts';
import type { ActionResult } from '../../../scripts/contract/types.ts';
import {
  emptyState,
  JobCommandsView,
  ScheduledJobsView,
  SecretsView,
  settingsByKey,
  type ScheduledJob
} from './twin.ts';

/** A fault returned instead of the real answer for matching requests, `times` times. */
/** The fake org's id (userinfo organization_id, Organization.Id). */
export const FAKE_ORG_ID = '00DFAKE000000001AAA';

export interface Fault {
  method?: string;
  /** Substring or pattern of the path (query string included). */
  path?: string | RegExp;
  times: number;
  status: number;
  /** Body to send; a function receives the request body (to echo it, as some servers do). */
  body?: unknown | ((requestBody: string) => unknown);
  headers?: Record<string, string>;
  /** Process the request (commit its writes) first, then answer with the fault: a 502 after the commit. */
  afterCommit?: boolean;
}

/** Per-record failure for collection writes; return undefined to let the record through. */
export type RecordFault = (
  object: string,
  record: Row,
  operation: 'insert' | 'update' | 'delete'
) => RecordError | undefined;

export interface JobDefinitionSeed {
  developerName: string;
  label: string;
  apexClass: string;
  cronExpression: string;
  active: boolean;
}

export interface FakeOrgOptions {
  apiVersion?: string;
  namespace?: string;
  /** Extra PermissionSet fields (e.g. PermissionsCreateAuditFields once the org enables the feature). */
  extraPermissionFields?: string[];
  pageSize?: number;
  jobDefinitions?: JobDefinitionSeed[];
  /** Refuse package endpoints to users without ConnectorAdministrator (off by default: the token holder is admin). */
  requireManageConnector?: boolean;
}

export interface RequestLogEntry {
  method: string;
  path: string;
  status: number;
  /** sObject types written by a collections request, or read by composite query subrequests. */
  types: string[];
}

export interface FakeOrgStats {
  requests: number;
  /** Requests that could change data: POST/PATCH/PUT/DELETE, except composite calls made only of reads. */
  writeRequests: number;
  /** Records created, updated or deleted, settings changed, jobs scheduled or stopped. */
  mutations: number;
  log: RequestLogEntry[];
}

const JSON_HEADERS = { 'Content-Type': 'application/json' };

/** The installed package's ConnectorJobCommandTrigger (Tooling API ApexTrigger id), the twin's. */
export { JOB_COMMAND_TRIGGER_ID };
export type { ScheduledJob };

/** A loopback stand-in for the REST resources the CLI uses. */
export class FakeOrg {
  readonly db: Database;
  readonly apiVersion: string;
  readonly namespace: string;
  readonly faults: Fault[] = [];
  recordFault: RecordFault | undefined;
  readonly stats: FakeOrgStats = { requests: 0, writeRequests: 0, mutations: 0, log: [] };
  readonly tokens = new Map<string, string>();
  /** The in-memory org the package's services run on: the same services as the Aura face (preview/org). */
  readonly twin: Org;
  /** ConnectorSettings__c of the twin by REST key (a view: writing a key writes the record). */
  readonly settings: Record<string, unknown>;
  /** The secrets as received, to prove they reached the org (a view of the twin's settings record). */
  readonly secrets: SecretsView;
  /** The package's ConnectorJob records as this org has them (the CLI fixture project's by default). */
  jobDefinitions: JobDefinitionSeed[];
  /** The twin's CronTriggers by job definition name. */
  readonly scheduled: ScheduledJobsView;
  /**
   * Schema describe of Account fields as the token's user sees them (the CSM email field rule reads it): the Org's
   * own describe (`state.accountFields`), which the services read.
   */
  get accountFields(): CsmFieldDescribe[] {
    return this.twin.state.accountFields;
  }
  set accountFields(fields: CsmFieldDescribe[]) {
    this.twin.state.accountFields = fields as AccountFieldRecord[];
  }
  /** Package endpoints refuse users without the ManageConnector custom permission (ConnectorAdministrator). */
  requireManageConnector: boolean;
  get lastHeartbeat(): string | null {
    return this.twin.state.settings?.LastHeartbeat__c ?? null;
  }
  /** Tooling API ApexTrigger rows of the installed package (the job command trigger). */
  readonly apexTriggers: Record<string, unknown>[];
  /** Tooling API PlatformEventSubscriberConfig rows: the job command trigger's running user. */
  get subscriberConfigs(): Record<string, unknown>[] {
    return this.twin.state.subscriberConfigs as unknown as Record<string, unknown>[];
  }
  private subscriberConfigCount = 0;
  /** Published ConnectorJobCommand__e messages and, once delivered to the trigger, their outcome. */
  readonly jobCommands: JobCommandsView;
  private automatedProcessId: string | null = null;
  /** Last body each Apex REST endpoint received. */
  readonly apexBodies = new Map<string, unknown>();
  private readonly pageSize: number;
  private readonly cursors = new Map<string, Record<string, unknown>[]>();
  private cursorCount = 0;
  private server: Server | undefined;
  url = '';
  /** OauthToken (query-only, Id null, row caps, visibility) and the OAuth revoke endpoint: oauth-tokens.ts. */
  readonly oauthTokens: OauthTokenApi;

  constructor(options: FakeOrgOptions = {}) {
    this.apiVersion = options.apiVersion ?? '65.0';
    this.namespace = options.namespace ?? '';
    this.pageSize = options.pageSize ?? 2000;
    this.requireManageConnector = options.requireManageConnector ?? false;
    this.twin = Org.inMemory(emptyState(this.namespace));
    this.twin.state.permissionFields = [...BASE_PERMISSION_FIELDS, ...(options.extraPermissionFields ?? [])];
    this.accountFields = [
      { name: 'Name', label: 'Account Name', type: 'STRING', accessible: true, filterable: true },
      { name: 'AccountNumber', label: 'Account Number', type: 'STRING', accessible: true, filterable: true },
      { name: 'CSM_Email__c', label: 'CSM Email', type: 'EMAIL', accessible: true, filterable: true },
      { name: 'Phone', label: 'Account Phone', type: 'PHONE', accessible: true, filterable: true }
    ];
    this.settings = settingsByKey(this.twin);
    this.secrets = new SecretsView(this.twin);
    // One id sequence for both stores; the twin's job services read this org's definitions and classes.
    useIdSource(this.twin.state, (prefix) => this.db.newId(prefix));
    this.twin.jobDefinitions = () =>
      this.jobDefinitions.map((d, index) => ({
        ...d,
        jobName: `Connector Admin - ${d.label}`,
        order: index,
        description: null
      }));
    this.twin.apexClassSource = (className) =>
      this.jobDefinitions.some((d) => d.apexClass.toLowerCase() === className.toLowerCase())
        ? `global with sharing class ${className} implements Schedulable {}`
        : null;
    this.scheduled = new ScheduledJobsView(this.twin);
    this.jobCommands = new JobCommandsView(this.twin);
    this.apexTriggers = [
      {
        Id: JOB_COMMAND_TRIGGER_ID,
        Name: 'ConnectorJobCommandTrigger',
        NamespacePrefix: this.namespace || null,
        TableEnumOrId: this.packageName('ConnectorJobCommand__e'),
        Status: 'Active'
      }
    ];
    // One store: the platform REST API reads and writes the Org's users and access records (store/orgRecords.ts).
    this.db = new Database(this.twin);
    this.oauthTokens = new OauthTokenApi(this.db, this.apiVersion);
    // The package's objects, spelled as the subscriber org spells them: <ns>__Object__c, <ns>__Field__c.
    // The CSM service's run reports, as the subscriber org spells them (<ns>__CsmSyncRun__c).
    this.db.defineObject(this.packageName('CsmSyncRun__c'), {
      prefix: KeyPrefix.CsmSyncRun,
      fields: ['CreatedDate', ...CSM_RUN_FIELDS.map((f) => this.packageName(f))],
      table: csmSyncRunTable(this.twin, (f) => this.packageName(f))
    });
    defineApexObjects(this.db);
    definePolicyObjects(this.db);
    for (const name of PACKAGE_CLASSES) apexClassId(this.db, name, this.namespace);
    this.jobDefinitions = options.jobDefinitions ?? [
      {
        developerName: 'Heartbeat',
        label: 'Connector heartbeat',
        apexClass: 'ConnectorHeartbeatJob',
        cronExpression: '0 0 * * * ?',
        active: true
      },
      {
        developerName: 'CsmSync',
        label: 'CSM sync',
        apexClass: 'CsmSyncSchedulable',
        cronExpression: '0 0 2 * * ?',
        active: true
      }
    ];
  }

  /** A pending job of a package class (e.g. a batch in progress) as AsyncApexJob shows it. */
  addAsyncJob(className: string, jobType: 'BatchApex' | 'Queueable' | 'Future', status = 'Processing'): string {
    return this.db.insert('AsyncApexJob', {
      ApexClassId: apexClassId(this.db, className, this.namespace),
      JobType: jobType,
      Status: status,
      CreatedDate: new Date().toISOString()
    });
  }

  /** A package object or field name as this org spells it (with the namespace prefix when it has one). */
  packageName(apiName: string): string {
    return this.namespace ? `${this.namespace}__${apiName}` : apiName;
  }

  // ---------- seeding ----------

  /** A profile with these system permissions (held by the permission set the platform keeps for it). */
  addProfile(name: string, permissions: Record<string, boolean> = {}): string {
    const profileId = this.db.insert('Profile', { Name: name });
    if (Object.keys(permissions).length > 0) {
      this.db.update('PermissionSet', this.profilePermissionSetId(profileId), permissions);
    }
    return profileId;
  }

  profilePermissionSetId(profileId: string): string {
    const row = this.db
      .rows('PermissionSet')
      .find((ps) => ps['ProfileId'] === profileId && ps['IsOwnedByProfile'] === true);
    if (!row) throw new Error(`no permission set for profile ${profileId}`);
    return String(row['Id']);
  }

  /** A user (who holds the profile's permission set, as on the platform: store/orgRecords.ts). */
  addUser(username: string, options: { profileId: string; isActive?: boolean; name?: string }): string {
    return this.db.insert('User', {
      Username: username,
      Name: options.name ?? username.split('@')[0]!,
      Email: username,
      IsActive: options.isActive ?? true,
      ProfileId: options.profileId,
      UserType: 'Standard'
    });
  }

  addPermissionSet(
    name: string,
    options: { namespace?: string | null; permissions?: Record<string, boolean>; label?: string } = {}
  ): string {
    return this.db.insert('PermissionSet', {
      Name: name,
      Label: options.label ?? name,
      NamespacePrefix: options.namespace ?? null,
      IsOwnedByProfile: false,
      Type: 'Regular',
      ...(options.permissions ?? {})
    });
  }

  /** The packaged permission sets, in the org's namespace. */
  addPackagedPermissionSets(): Record<string, string> {
    const ns = this.namespace || null;
    return Object.fromEntries(
      ['ConnectorIntegrationUser', 'ConnectorAdministrator', 'ConnectorBasicUser'].map((name) => [
        name,
        this.addPermissionSet(name, { namespace: ns })
      ])
    );
  }

  assign(userId: string, permissionSetId: string): string {
    return this.db.insert('PermissionSetAssignment', { AssigneeId: userId, PermissionSetId: permissionSetId });
  }

  grantObject(
    permissionSetId: string,
    sobjectType: string,
    flags: Partial<Record<'Read' | 'Create' | 'Edit' | 'Delete', boolean>>
  ): string {
    return this.db.insert('ObjectPermissions', {
      ParentId: permissionSetId,
      SobjectType: sobjectType,
      PermissionsRead: flags.Read ?? false,
      PermissionsCreate: flags.Create ?? false,
      PermissionsEdit: flags.Edit ?? false,
      PermissionsDelete: flags.Delete ?? false
    });
  }

  /** An access token acting as the given user. */
  issueToken(
    userId: string,
    token = `00DFAKE0000000001!AQ${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`
  ): string {
    this.tokens.set(token, userId);
    return token;
  }

  /** Called as each request arrives: a test changes the org between two requests of one CLI run. */
  onRequest: ((method: string, path: string) => void) | undefined;

  fail(fault: Fault): void {
    this.faults.push(fault);
  }

  resetStats(): void {
    this.stats.requests = 0;
    this.stats.writeRequests = 0;
    this.stats.mutations = 0;
    this.stats.log = [];
  }

  // ---------- server ----------

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        res.writeHead(500, JSON_HEADERS);
        res.end(JSON.stringify([{ errorCode: 'UNKNOWN_EXCEPTION', message: (error as Error).message }]));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const method = req.method ?? 'GET';
    // sf stores an instance URL with a trailing slash (`http://127.0.0.1:<port>/`), so its requests start with `//`.
    const path = (req.url ?? '/').replace(/^\/{2,}/, '/');
    this.stats.requests++;
    this.onRequest?.(method, path);
    const types = this.typesOf(method, path, body);
    const revoking = this.oauthTokens.handles(new URL(path, 'http://fake').pathname);
    const answer = revoking
      ? this.oauthTokens.revoke(method, path, body, req.headers['content-type'] ?? '')
      : this.route(method, path, body, req.headers.authorization ?? '', true);
    if (revoking && method !== 'GET') this.stats.writeRequests++;
    if (revoking && answer.status === 200) this.stats.mutations++;
    this.stats.log.push({ method, path, status: answer.status, types });
    res.writeHead(answer.status, { ...JSON_HEADERS, ...(answer.headers ?? {}) });
    res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
  }

  private route(
    method: string,
    path: string,
    body: string,
    authorization: string,
    topLevel: boolean,
    committing?: Fault
  ): { status: number; body?: unknown; headers?: Record<string, string> } {
    // platform-rule: rest-versions-resource — GET /services/data/ lists the versions, no authentication needed
    // (sf asks it to pick an org's API version).
    if (method === 'GET' && /^\/services\/data\/?$/.test(new URL(path, 'http://fake').pathname)) {
      return {
        status: 200,
        body: [{ label: "Winter '26", url: `/services/data/v${this.apiVersion}`, version: this.apiVersion }]
      };
    }
    const token = authorization.replace(/^Bearer\s+/i, '');
    const userId = this.tokens.get(token);
    if (!userId)
      return { status: 401, body: [{ errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid' }] };

    const fault = this.faults.find(
      (f) =>
        f !== committing &&
        f.times > 0 &&
        (!f.method || f.method === method) &&
        (!f.path || (typeof f.path === 'string' ? path.includes(f.path) : f.path.test(path)))
    );
    if (fault) {
      fault.times--;
      if (fault.afterCommit) this.route(method, path, body, authorization, topLevel, fault);
      else if (topLevel && method !== 'GET') this.stats.writeRequests++;
      const faultBody = typeof fault.body === 'function' ? (fault.body as (b: string) => unknown)(body) : fault.body;
      return { status: fault.status, body: faultBody, headers: fault.headers };
    }

    const url = new URL(path, 'http://fake');
    const pathname = url.pathname;
    let parsed: unknown = undefined;
    if (body) {
      try {
        parsed = JSON.parse(body);
      } catch {
        // Apex REST methods without parameters read the raw body themselves.
        if (!pathname.startsWith('/services/apexrest/'))
          return { status: 400, body: [{ errorCode: 'JSON_PARSER_ERROR', message: 'Malformed JSON body' }] };
      }
    }
    if (topLevel && method !== 'GET' && !(pathname.endsWith('/composite') && this.compositeIsReadOnly(parsed))) {
      this.stats.writeRequests++;
    }

    if (pathname === '/services/oauth2/userinfo') {
      const user = this.db.get(userId)!;
      return {
        status: 200,
        body: {
          user_id: userId,
          organization_id: FAKE_ORG_ID,
          preferred_username: user['Username'],
          name: user['Name'],
          email: user['Email']
        }
      };
    }
    // What sf asks when it authorizes an org and opens a Connection (sf org login access-token, Org.create):
    // the API versions, the user by id at any version, the Organization record.
    const sfAnswer = this.sfCliRequest(method, pathname, url.searchParams, userId);
    if (sfAnswer) return sfAnswer;
    // platform-rule: apex-rest-namespace-url — a namespaced package's Apex REST lives only under /services/apexrest/<ns>/.
    const apexPrefix = `/services/apexrest/${this.namespace ? this.namespace + '/' : ''}connector/v1/`;
    if (pathname.startsWith(apexPrefix))
      return this.apexRest(method, pathname.slice(apexPrefix.length), parsed, body, url.searchParams, userId);
    if (pathname.startsWith('/services/apexrest/')) {
      return { status: 404, body: [{ errorCode: 'NOT_FOUND', message: 'Could not find a match for URL' }] };
    }

    const dataPrefix = `/services/data/v${this.apiVersion}/`;
    if (!pathname.startsWith(dataPrefix)) {
      return {
        status: 404,
        body: [{ errorCode: 'NOT_FOUND', message: `The requested resource does not exist: ${pathname}` }]
      };
    }
    const rest = pathname.slice(dataPrefix.length);
    try {
      if (rest.startsWith('tooling/')) return this.tooling(method, rest.slice('tooling/'.length), url, parsed);
      // OauthToken: oauth-tokens.ts answers its queries and refuses its writes.
      const oauthToken =
        rest === 'query' && method === 'GET'
          ? this.oauthTokens.query(url.searchParams.get('q') ?? '', userId)
          : rest.startsWith('query/') && method === 'GET'
            ? this.oauthTokens.nextPage(rest.slice('query/'.length))
            : this.oauthTokens.refuseWrite(method, rest, parsed, url.searchParams);
      if (oauthToken) return oauthToken;
      const queryOnly = refuseWritesTo(QUERY_ONLY_OBJECTS, this.db, method, rest, parsed, url.searchParams);
      if (queryOnly) return queryOnly;
      if (rest === 'query' && method === 'GET') return this.queryFirstPage(url.searchParams.get('q') ?? '');
      if (rest.startsWith('query/') && method === 'GET') return this.queryNextPage(rest.slice('query/'.length));
      if (rest === 'composite' && method === 'POST') return this.composite(parsed, authorization);
      if (rest === 'composite/sobjects') return this.collections(method, parsed, url.searchParams);
      const describe = /^sobjects\/(\w+)\/describe$/.exec(rest);
      if (describe && method === 'GET') return { status: 200, body: this.db.describe(describe[1]!) };
      const create = /^sobjects\/(\w+)$/.exec(rest);
      if (create && method === 'POST') {
        const id = this.db.insert(create[1]!, this.recordValues(parsed));
        this.stats.mutations++;
        return { status: 201, body: { id, success: true, errors: [] } };
      }
      const update = /^sobjects\/(\w+)\/(\w+)$/.exec(rest);
      if (update && method === 'PATCH') {
        this.db.update(update[1]!, update[2]!, this.recordValues(parsed));
        this.stats.mutations++;
        return { status: 204 };
      }
    } catch (error) {
      if (error instanceof QueryFailure)
        return { status: 400, body: [{ errorCode: error.errorCode, message: error.message }] };
      if (error instanceof RecordFailure) {
        return {
          status: 400,
          body: [{ errorCode: error.error.statusCode, message: error.error.message, fields: error.error.fields }]
        };
      }
      throw error;
    }
    return {
      status: 404,
      body: [{ errorCode: 'NOT_FOUND', message: `The requested resource does not exist: ${method} ${pathname}` }]
    };
  }

  private sfCliRequest(
    method: string,
    pathname: string,
    params: URLSearchParams,
    userId: string
  ): { status: number; body: unknown } | null {
    if (method !== 'GET') return null;
    const user = /^\/services\/data\/v\d+\.\d\/sobjects\/User\/(\w+)$/.exec(pathname);
    if (user) {
      const row = this.db.get(user[1]!);
      if (!row)
        return { status: 404, body: [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }] };
      return { status: 200, body: { attributes: { type: 'User' }, ...row } };
    }
    const soql = /^\/services\/data\/v\d+\.\d\/query\/?$/.test(pathname) ? (params.get('q') ?? '') : '';
    if (/\bFROM\s+Organization\b/i.test(soql)) {
      const record = {
        attributes: { type: 'Organization' },
        Id: FAKE_ORG_ID,
        Name: 'Fake Org',
        InstanceName: 'FAKE1',
        IsSandbox: false,
        TrialExpirationDate: null,
        NamespacePrefix: this.namespace || null,
        OrganizationType: 'Developer Edition'
      };
      return { status: 200, body: { totalSize: 1, done: true, records: [record] } };
    }
    void userId;
    return null;
  }

  private typesOf(method: string, path: string, body: string): string[] {
    if (path.includes('/composite/sobjects')) {
      if (method === 'DELETE') {
        const ids = new URL(path, 'http://fake').searchParams.get('ids')?.split(',') ?? [];
        return [...new Set(ids.map((id) => this.db.objectOf(id) ?? 'deleted'))];
      }
      try {
        const records = (JSON.parse(body) as { records?: { attributes?: { type?: string } }[] }).records ?? [];
        return [...new Set(records.map((r) => r.attributes?.type ?? '?'))];
      } catch {
        return [];
      }
    }
    return [];
  }

  private compositeIsReadOnly(body: unknown): boolean {
    const requests = (body as { compositeRequest?: { method?: string }[] } | undefined)?.compositeRequest;
    return Array.isArray(requests) && requests.every((r) => r.method === 'GET');
  }

  private recordValues(body: unknown): Row {
    if (!body || typeof body !== 'object')
      throw new RecordFailure({ statusCode: 'JSON_PARSER_ERROR', message: 'Expected an object', fields: [] });
    const { attributes: _ignored, ...values } = body as Record<string, unknown>;
    return values as Row;
  }

  // platform-rule: query-result-batches — one batch per answer (2,000 rows by default), nextRecordsUrl for the rest.
  private page(records: Record<string, unknown>[]): Record<string, unknown> {
    const first = records.slice(0, this.pageSize);
    const result: Record<string, unknown> = {
      totalSize: records.length,
      done: records.length <= this.pageSize,
      records: first
    };
    if (records.length > this.pageSize) {
      const cursor = `01gFAKE${++this.cursorCount}`;
      this.cursors.set(cursor, records);
      result['nextRecordsUrl'] = `/services/data/v${this.apiVersion}/query/${cursor}-${this.pageSize}`;
    }
    return result;
  }

  private queryFirstPage(soql: string): { status: number; body: unknown } {
    if (/\bAsyncApexJob\b/i.test(soql)) {
      syncScheduledJobs(
        this.db,
        this.namespace,
        this.scheduled,
        (name) => this.jobDefinitions.find((d) => d.developerName === name)?.apexClass
      );
    }
    return { status: 200, body: this.page(this.db.query(soql)) };
  }

  private queryNextPage(locator: string): { status: number; body: unknown } {
    const match = /^(.+)-(\d+)$/.exec(locator);
    const records = match ? this.cursors.get(match[1]!) : undefined;
    if (!match || !records)
      return { status: 400, body: [{ errorCode: 'INVALID_QUERY_LOCATOR', message: 'invalid query locator' }] };
    const offset = Number(match[2]);
    const slice = records.slice(offset, offset + this.pageSize);
    const next = offset + this.pageSize;
    const body: Record<string, unknown> = { totalSize: records.length, done: next >= records.length, records: slice };
    if (next < records.length) body['nextRecordsUrl'] = `/services/data/v${this.apiVersion}/query/${match[1]}-${next}`;
    return { status: 200, body };
  }

  private composite(body: unknown, authorization: string): { status: number; body: unknown } {
    const requests = (
      body as { compositeRequest?: { method: string; url: string; referenceId: string; body?: unknown }[] }
    )?.compositeRequest;
    if (!Array.isArray(requests) || requests.length === 0) {
      return { status: 400, body: [{ errorCode: 'INVALID_INPUT', message: 'compositeRequest is required' }] };
    }
    const refusal = compositeLimitRefusal(requests);
    if (refusal) return refusal;
    const compositeResponse = requests.map((sub) => {
      const answer = this.route(
        sub.method,
        sub.url,
        sub.body === undefined ? '' : JSON.stringify(sub.body),
        authorization,
        false
      );
      return {
        body: answer.body ?? null,
        httpHeaders: {},
        httpStatusCode: answer.status,
        referenceId: sub.referenceId
      };
    });
    return { status: 200, body: { compositeResponse } };
  }

  private collections(method: string, body: unknown, params: URLSearchParams): { status: number; body: unknown } {
    if (method === 'DELETE') {
      const ids = (params.get('ids') ?? '').split(',').filter(Boolean);
      if (ids.length === 0 || ids.length > 200) {
        return { status: 400, body: [{ errorCode: 'INVALID_INPUT', message: 'Provide 1 to 200 ids' }] };
      }
      return {
        status: 200,
        body: ids.map((id) => {
          const object = this.db.objectOf(id) ?? 'Unknown';
          const injected = this.recordFault?.(object, this.db.get(id) ?? { Id: id }, 'delete');
          if (injected) return { id, success: false, errors: [injected] };
          try {
            this.db.delete(id);
            this.stats.mutations++;
            return { id, success: true, errors: [] };
          } catch (error) {
            if (error instanceof RecordFailure) return { id, success: false, errors: [error.error] };
            throw error;
          }
        })
      };
    }
    const records = (body as { records?: Record<string, unknown>[] } | undefined)?.records;
    // platform-rule: sobject-collections-per-record-results — up to 200 records; a SaveResult per record, in order.
    if (!Array.isArray(records) || records.length === 0 || records.length > 200) {
      return { status: 400, body: [{ errorCode: 'INVALID_INPUT', message: 'Provide 1 to 200 records' }] };
    }
    if (method !== 'POST' && method !== 'PATCH')
      return { status: 405, body: [{ errorCode: 'METHOD_NOT_ALLOWED', message: method }] };
    // platform-rule: sobject-collections-no-setup-mix — a create may not mix object types when one is a Setup
    // object. The page names no error code or shape: the Apex status code in the REST error shape, nothing created.
    const types = new Set(records.map((r) => (r['attributes'] as { type?: string } | undefined)?.type ?? ''));
    const setupType = [...types].find((type) => SETUP_OBJECTS.has(type));
    if (method === 'POST' && types.size > 1 && setupType) {
      return {
        status: 400,
        body: [
          {
            message: `You can't create records for multiple object types in one call when one of them (${setupType}) is a setup object.`,
            errorCode: MIXED_DML_OPERATION,
            fields: []
          }
        ]
      };
    }
    return {
      status: 200,
      body: records.map((record) => {
        const type = (record['attributes'] as { type?: string } | undefined)?.type;
        if (!type)
          return {
            id: null,
            success: false,
            errors: [{ statusCode: 'INVALID_TYPE', message: 'attributes.type is required', fields: [] }]
          };
        const values = this.recordValues(record);
        const injected = this.recordFault?.(type, values, method === 'POST' ? 'insert' : 'update');
        if (injected) return { id: null, success: false, errors: [injected] };
        try {
          if (method === 'POST') {
            const id = this.db.insert(type, values);
            this.stats.mutations++;
            return { id, success: true, errors: [] };
          }
          // platform-rule: sobject-collections-update-id — each record carries its id field (jsforce: `id`).
          const { id: lowerId, ...fields } = values;
          const id = String(values['Id'] ?? lowerId ?? '');
          this.db.update(type, id, { ...fields, Id: id });
          this.stats.mutations++;
          return { id, success: true, errors: [] };
        } catch (error) {
          if (error instanceof RecordFailure) return { id: null, success: false, errors: [error.error] };
          if (error instanceof QueryFailure) {
            return {
              id: null,
              success: false,
              errors: [{ statusCode: error.errorCode, message: error.message, fields: [] }]
            };
          }
          throw error;
        }
      })
    };
  }

  // ---------- the package's Apex REST endpoints ----------
  // Twins of ConnectorHealthResource, ConnectorHeartbeatResource, ConnectorSettingsResource,
  // ConnectorJobsRestResource and CsmSyncRestResource: same status codes, keys, error codes and label texts.

  /** The Org with userId as the running user (UserInfo.getUserId() of the request's session). */
  private twinAs(userId: string): Org {
    this.twin.state.runningUserId = userId;
    return this.twin;
  }

  /** AdminHomeController.canManage(): the ManageConnector custom permission (packaged ConnectorAdministrator set).
   * platform-rule: featuremanagement-checkpermission */
  private canManage(userId: string): boolean {
    return !this.requireManageConnector || this.twinAs(userId).checkPermission(MANAGE_PERMISSION);
  }

  private settingsView(): Record<string, unknown> {
    return { ...settingsView(this.twin.state.settings) };
  }

  private apexRest(
    method: string,
    resource: string,
    body: unknown,
    rawBody: string,
    params: URLSearchParams,
    userId: string
  ): { status: number; body: unknown } {
    this.apexBodies.set(`${method} ${resource}`, body);
    const allowed: Record<string, string[]> = {
      health: ['GET'],
      heartbeat: ['POST'],
      settings: ['PUT'],
      jobs: ['GET', 'POST'],
      'csm-sync': ['GET', 'POST']
    };
    // Unknown URL mappings and methods are answered by the platform (error lists), not by the package.
    if (!allowed[resource]) {
      return { status: 404, body: [{ errorCode: 'NOT_FOUND', message: 'Could not find a match for URL' }] };
    }
    if (!allowed[resource].includes(method)) {
      return {
        status: 405,
        body: [
          {
            errorCode: 'METHOD_NOT_ALLOWED',
            message: `HTTP Method '${method}' not allowed. Allowed are ${allowed[resource].join(',')}`
          }
        ]
      };
    }
    if (resource === 'health') return this.health(userId);
    if (resource === 'heartbeat') return this.heartbeat(params, userId);
    if (resource === 'settings') return this.putSettings(body, rawBody, userId);
    if (resource === 'jobs') return this.jobs(method, rawBody, params, userId);
    return this.csmSync(method, body, rawBody, params, userId);
  }

  private static failure(
    status: number,
    errorCode: string,
    message: string,
    fieldErrors?: Record<string, string>
  ): { status: number; body: unknown } {
    const body: Record<string, unknown> = { ok: false, errorCode, message };
    if (fieldErrors && Object.keys(fieldErrors).length > 0) body['fieldErrors'] = fieldErrors;
    return { status, body };
  }

  /** JSON.serialize(body, true): null values are left out, at every depth. */
  private static withoutNulls(value: unknown): unknown {
    if (Array.isArray(value)) return value.map((item) => FakeOrg.withoutNulls(item));
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value)
          .filter(([, v]) => v !== null && v !== undefined)
          .map(([k, v]) => [k, FakeOrg.withoutNulls(v)])
      );
    }
    return value;
  }

  private connectorUserId(): string | null {
    const value = this.settings['connectorUserId'];
    return typeof value === 'string' && this.db.get(value) ? value : null;
  }

  private health(userId: string): { status: number; body: unknown } {
    const connectorUserId = this.connectorUserId();
    if (connectorUserId !== userId && !this.canManage(userId)) {
      return FakeOrg.failure(403, 'MANAGE_CONNECTOR_REQUIRED', label('Error_ManageConnectorRequired'));
    }
    // IntegrationUserAudit.run + ConnectorStatusService.getStatus with the job findings: the Aura face's services.
    const twin = this.twinAs(userId);
    const audit = runAudit(twin);
    const status = getStatus(twin, audit, getJobs(twin));
    // A REST caller has no browser to format a cause's date in: the date written in as UTC, the value beside it.
    writeDatesIn(status);
    return {
      status: 200,
      body: FakeOrg.withoutNulls({
        ok: true,
        generatedAt: new Date().toISOString(),
        connectorUserId,
        verdict: status.verdict,
        causes: status.causes,
        status,
        audit: audit.view,
        settings: this.settingsView()
      })
    };
  }

  private heartbeat(params: URLSearchParams, userId: string): { status: number; body: unknown } {
    const words = ['token', 'secret', 'password', 'passwd', 'key', 'session', 'sid', 'credential', 'auth'];
    for (const name of params.keys()) {
      const normalized = name.toLowerCase().replace(/[^a-z]/g, '');
      if (words.some((word) => normalized.includes(word))) {
        return FakeOrg.failure(400, 'SECRET_IN_QUERY_STRING', label('Heartbeat_SecretInQuery'));
      }
    }
    if (this.connectorUserId() !== userId) {
      return FakeOrg.failure(403, 'NOT_CONNECTOR_USER', label('Heartbeat_NotConnectorUser'));
    }
    const settings = settingsOf(this.twin);
    settings.LastHeartbeat__c = new Date().toISOString();
    settings.LastHeartbeatUserId__c = userId;
    this.stats.mutations++;
    return {
      status: 200,
      body: {
        ok: true,
        changed: true,
        message: label('Heartbeat_Recorded'),
        receivedAt: settings.LastHeartbeat__c
      }
    };
  }

  /** ConnectorSettingsResource.putSettings + ConnectorSettingsService.saveSettings. */
  private putSettings(body: unknown, rawBody: string, userId: string): { status: number; body: unknown } {
    if (!this.canManage(userId)) {
      return FakeOrg.failure(403, 'MANAGE_CONNECTOR_REQUIRED', label('Error_ManageConnectorRequired'));
    }
    const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
    const input = rawBody && isObject(body) ? body : null;
    const bodyErrors: Record<string, string> = {};
    const objectAt = (key: string): Record<string, unknown> | null => {
      const value = input?.[key];
      if (value === undefined || value === null) return null;
      if (isObject(value)) return value;
      bodyErrors[key] = label('Settings_RestNotObject');
      return null;
    };
    const settings = objectAt('settings') ?? {};
    const secretsIn = objectAt('secrets') ?? {};
    const secrets: Record<string, string | null> = {};
    for (const [key, value] of Object.entries(secretsIn)) {
      if (value === null || typeof value === 'string') secrets[key] = value;
      else bodyErrors[key] = label('Settings_ErrorText');
    }
    if (!input || Object.keys(bodyErrors).length > 0) {
      return FakeOrg.failure(400, 'INVALID_BODY', label('Settings_RestBadBody'), bodyErrors);
    }
    // The service of the Aura face (ConnectorSettingsService.saveSettings): same validation, same audit entry.
    const twin = this.twinAs(userId);
    const result = twin.transaction(() => saveSettings(twin, settings, secrets));
    if (!result.ok) return FakeOrg.failure(400, 'INVALID_SETTINGS', result.message, result.fieldErrors);
    if (result.changed) this.stats.mutations++;
    return { status: 200, body: { ok: true, changed: result.changed, message: result.message } };
  }

  /** ConnectorJobsRestResource: the twin's ScheduledJobService and JobCommandService, as the Aura face calls them. */
  private jobs(
    method: string,
    rawBody: string,
    params: URLSearchParams,
    userId: string
  ): { status: number; body: unknown } {
    const forbidden = (): { status: number; body: unknown } =>
      FakeOrg.failure(403, 'MANAGE_CONNECTOR_REQUIRED', label('Error_ManageConnectorRequired'));
    if (!this.canManage(userId)) return forbidden();
    const respond = (response: Record<string, unknown>): { status: number; body: unknown } => {
      const jobs = getJobs(this.twinAs(userId));
      return {
        status: 200,
        body: { ...response, message: response['message'] ?? label('Jobs_RestListed', jobs.length), jobs }
      };
    };
    if (method === 'GET') {
      // The event bus delivers published commands on its own: by the next read they have run.
      this.deliverJobCommands();
      const requestId = params.get('requestId');
      if (!requestId) return respond({ ok: true, changed: false, message: null });
      return respond({ ok: true, changed: false, message: null, request: commandStatus(this.twin, requestId) });
    }
    if (rawBody.trim() === '') return FakeOrg.failure(400, 'INVALID_REQUEST', label('Jobs_RestUnknownAction'));
    let input: unknown;
    try {
      input = JSON.parse(rawBody);
    } catch {
      return FakeOrg.failure(400, 'INVALID_REQUEST', label('Jobs_RestInvalidJson'));
    }
    if (!input || typeof input !== 'object' || Array.isArray(input)) {
      return FakeOrg.failure(400, 'INVALID_REQUEST', label('Jobs_RestInvalidJson'));
    }
    const { action: rawAction, name: rawName } = input as { action?: unknown; name?: unknown };
    const action = String(rawAction ?? '')
      .trim()
      .toLowerCase();
    const name = rawName === undefined || rawName === null ? null : String(rawName);
    const twin = this.twinAs(userId);
    let result: ActionResult;
    try {
      const before = JSON.stringify(twin.state.cronTriggers);
      if (action === 'restart') result = requestJobCommand(twin, JOB_COMMAND_ACTIONS.restartAll, name);
      else if (action === 'start') result = requestJobCommand(twin, JOB_COMMAND_ACTIONS.start, name);
      else if (action === 'stop') {
        result = twin.transaction(() => (name?.trim() ? stopJob(twin, name) : stopAllJobs(twin)));
      } else return FakeOrg.failure(400, 'INVALID_REQUEST', label('Jobs_RestUnknownAction'));
      if (JSON.stringify(twin.state.cronTriggers) !== before) this.stats.mutations++;
    } catch (error) {
      if (error instanceof JobError) return FakeOrg.failure(404, 'JOB_NOT_FOUND', error.message);
      throw error;
    }
    return respond({
      ok: result.ok,
      changed: result.changed,
      message: result.message,
      ...(result.ok ? {} : { errorCode: 'JOB_ACTION_FAILED' }),
      ...(result.requestId ? { requestId: result.requestId } : {})
    });
  }

  /** The platform's Automated Process user, created on first use (platform event triggers run as it by default). */
  private ensureAutomatedProcessUser(): void {
    if (this.automatedProcessId) return;
    this.automatedProcessId = this.db.insert('User', {
      Username: 'autoproc@fake.example',
      Name: 'Automated Process',
      Email: 'autoproc@fake.example',
      IsActive: true,
      UserType: 'AutomatedProcess'
    });
  }

  /**
   * The user the job command trigger runs as: its PlatformEventSubscriberConfig's user, else the Automated
   * Process user (the twin's JobCommandService rule). platform-rule: platform-event-trigger-running-user
   */
  triggerRunningUserId(): string {
    this.ensureAutomatedProcessUser();
    return triggerRunningUserId(this.twinAs(this.twin.state.runningUserId));
  }

  /** The event bus delivers the published commands to the trigger (the twin's JobCommandService.perform). */
  deliverJobCommands(): void {
    if (this.twin.state.jobCommandBus.length === 0) return;
    this.ensureAutomatedProcessUser();
    const twin = this.twinAs(this.twin.state.runningUserId);
    const before = JSON.stringify(twin.state.cronTriggers);
    deliverJobCommands(twin);
    if (JSON.stringify(twin.state.cronTriggers) !== before) this.stats.mutations++;
  }

  /** Tooling API: queries of ApexTrigger and PlatformEventSubscriberConfig, and writes of the latter. */
  private tooling(method: string, rest: string, url: URL, body: unknown): { status: number; body?: unknown } {
    const invalid = (errorCode: string, message: string, fields: string[] = []) => ({
      status: 400,
      body: [{ message, errorCode, fields }]
    });
    if (rest === 'query' && method === 'GET') {
      const soql = url.searchParams.get('q') ?? '';
      const match = /^\s*SELECT\s+(.+?)\s+FROM\s+(\w+)(?:\s+WHERE\s+(.+?))?\s*$/i.exec(soql);
      if (!match) return invalid('MALFORMED_QUERY', `unexpected query: ${soql}`);
      const [, select = '', object = '', where] = match;
      const rows =
        object.toLowerCase() === 'apextrigger'
          ? this.apexTriggers
          : object.toLowerCase() === 'platformeventsubscriberconfig'
            ? this.subscriberConfigs
            : null;
      if (!rows) return invalid('INVALID_TYPE', `sObject type '${object}' is not supported.`);
      const conditions = (where ?? '').split(/\s+AND\s+/i).filter(Boolean);
      const records = rows
        .filter((row) =>
          conditions.every((condition) => {
            const c = /^(\w+)\s*=\s*(?:'([^']*)'|(null))$/i.exec(condition.trim());
            if (!c) throw new QueryFailure('MALFORMED_QUERY', `unexpected condition: ${condition}`);
            const value = row[c[1]!] ?? null;
            return c[3] ? value === null : value === c[2];
          })
        )
        .map((row) => ({
          attributes: { type: object },
          ...Object.fromEntries(select.split(',').map((f) => [f.trim(), row[f.trim()] ?? null]))
        }));
      return { status: 200, body: { size: records.length, totalSize: records.length, done: true, records } };
    }
    const write = /^sobjects\/PlatformEventSubscriberConfig(?:\/(\w+))?$/.exec(rest);
    if (!write) return { status: 404, body: [{ errorCode: 'NOT_FOUND', message: `no tooling resource ${rest}` }] };
    const values = (body ?? {}) as Record<string, unknown>;
    const existing = write[1] ? this.subscriberConfigs.find((c) => c['Id'] === write[1]) : undefined;
    if (write[1] && !existing) return { status: 404, body: [{ errorCode: 'NOT_FOUND', message: 'not found' }] };
    const merged = { ...(existing ?? {}), ...values };
    const consumer = merged['PlatformEventConsumerId'];
    if (!this.apexTriggers.some((t) => t['Id'] === consumer)) {
      return invalid('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', ['PlatformEventConsumerId']);
    }
    const user = typeof merged['UserId'] === 'string' ? this.db.get(merged['UserId']) : undefined;
    // "You can specify any active user in the Salesforce org" (Platform Events Developer Guide).
    if (merged['UserId'] && (!user || user['IsActive'] !== true)) {
      return invalid('FIELD_INTEGRITY_EXCEPTION', 'The running user must be an active user.', ['UserId']);
    }
    if (method === 'POST' && !write[1]) {
      if (this.subscriberConfigs.some((c) => c['PlatformEventConsumerId'] === consumer)) {
        return invalid('DUPLICATE_VALUE', 'duplicate value found: PlatformEventConsumerId', [
          'PlatformEventConsumerId'
        ]);
      }
      const id = `3Ey${String(++this.subscriberConfigCount).padStart(12, '0')}AAA`;
      this.subscriberConfigs.push({ BatchSize: null, UserId: null, ...merged, Id: id });
      this.stats.mutations++;
      return { status: 201, body: { id, success: true, errors: [] } };
    }
    if (method === 'PATCH' && existing) {
      Object.assign(existing, values);
      this.stats.mutations++;
      return { status: 204 };
    }
    return { status: 405, body: [{ errorCode: 'METHOD_NOT_ALLOWED', message: `${method} not allowed` }] };
  }

  /**
   * CsmSyncRestResource: the CSM services of the Aura face (csm.ts: CsmSyncService.preview,
   * CsmSyncRunReport.startRun / getProgress / getLatestRun); a CsmSyncException is a 400 CSM_SYNC_NOT_READY.
   */
  private csmSync(
    method: string,
    body: unknown,
    rawBody: string,
    params: URLSearchParams,
    userId: string
  ): { status: number; body: unknown } {
    if (!this.canManage(userId)) {
      return FakeOrg.failure(403, 'MANAGE_CONNECTOR_REQUIRED', label('Error_ManageConnectorRequired'));
    }
    const twin = this.twinAs(userId);
    try {
      if (method === 'GET') {
        const jobId = params.get('jobId') ?? '';
        if (jobId.trim() === '') {
          const run = getLatestRun(twin);
          return {
            status: 200,
            body: { ok: true, changed: false, message: run ? run.status : label('Csm_NoRun'), run }
          };
        }
        // Each read of a job's progress is time passing for the batch queue (one step: start, a scope, finish).
        const progress = twin.transaction(() => getCsmSyncProgress(twin, jobId));
        return {
          status: 200,
          body: { ok: true, changed: false, message: progress.status, progress, run: progress.run }
        };
      }
      const dryRun = rawBody && body && typeof body === 'object' ? (body as { dryRun?: unknown }).dryRun : undefined;
      if (typeof dryRun !== 'boolean') return FakeOrg.failure(400, 'INVALID_BODY', label('Csm_ErrorRestBody'));
      if (dryRun) {
        const preview = twin.transaction(() => previewCsmSync(twin));
        return {
          status: 200,
          body: {
            ok: true,
            changed: false,
            message: label('Csm_MessagePreviewRows', String(preview.rows.length)),
            preview,
            run: preview.summary
          }
        };
      }
      const started = twin.transaction(() => runCsmSyncNow(twin, 'REST'));
      this.stats.mutations++;
      return {
        status: 200,
        body: { ok: true, changed: true, message: label('Csm_MessageRunStarted'), jobId: started.jobId }
      };
    } catch (error) {
      if (error instanceof AuraHandledException) return FakeOrg.failure(400, 'CSM_SYNC_NOT_READY', error.message);
      throw error;
    }
  }

  /** An Account with these field values (the CSM sync reads them), in the Org. */
  addAccount(name: string, fields: Record<string, string | null> = {}): string {
    const id = newId(this.twin.state, KeyPrefix.Account);
    this.twin.state.accounts.push({ Id: id, Name: name, fields });
    return id;
  }
}

export async function startFakeOrg(options: FakeOrgOptions = {}): Promise<FakeOrg> {
  const org = new FakeOrg(options);
  await org.start();
  return org;
}
