import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  BASE_PERMISSION_FIELDS,
  Database,
  QueryFailure,
  RecordFailure,
  type RecordError,
  type Row
} from './database.ts';

/** A fault returned instead of the real answer for matching requests, `times` times. */
export interface Fault {
  method?: string;
  /** Substring or pattern of the path (query string included). */
  path?: string | RegExp;
  times: number;
  status: number;
  /** Body to send; a function receives the request body (to echo it, as some servers do). */
  body?: unknown | ((requestBody: string) => unknown);
  headers?: Record<string, string>;
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

export interface ScheduledJob {
  cronTriggerId: string;
  runAsUserId: string;
  state: 'Waiting' | 'Running' | 'Paused' | 'Error';
}

export interface FakeOrgOptions {
  apiVersion?: string;
  namespace?: string;
  /** Extra PermissionSet fields (e.g. PermissionsCreateAuditFields once the org enables the feature). */
  extraPermissionFields?: string[];
  pageSize?: number;
  jobDefinitions?: JobDefinitionSeed[];
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

/** A loopback stand-in for the REST resources the CLI uses. */
export class FakeOrg {
  readonly db: Database;
  readonly apiVersion: string;
  readonly namespace: string;
  readonly faults: Fault[] = [];
  recordFault: RecordFault | undefined;
  readonly stats: FakeOrgStats = { requests: 0, writeRequests: 0, mutations: 0, log: [] };
  readonly tokens = new Map<string, string>();
  settings: Record<string, unknown> = {};
  /** Secret values as received, to prove they reached the org. */
  readonly secrets = new Map<string, { value: string; setAt: string; setBy: string }>();
  jobDefinitions: JobDefinitionSeed[];
  readonly scheduled = new Map<string, ScheduledJob>();
  csmSyncResult: Record<string, unknown> = {
    created: 3,
    updated: 1,
    unchanged: 10,
    skippedManual: 2,
    unmatched: 1,
    errors: 0,
    unmatchedEmails: ['former.csm@example.com']
  };
  /** Last body each Apex REST endpoint received. */
  readonly apexBodies = new Map<string, unknown>();
  private readonly pageSize: number;
  private readonly cursors = new Map<string, Record<string, unknown>[]>();
  private cursorCount = 0;
  private server: Server | undefined;
  url = '';

  constructor(options: FakeOrgOptions = {}) {
    this.apiVersion = options.apiVersion ?? '65.0';
    this.namespace = options.namespace ?? '';
    this.pageSize = options.pageSize ?? 2000;
    this.db = new Database([...BASE_PERMISSION_FIELDS, ...(options.extraPermissionFields ?? [])]);
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

  // ---------- seeding ----------

  addProfile(name: string, permissions: Record<string, boolean> = {}): string {
    const profileId = this.db.insert('Profile', { Name: name });
    this.db.insert('PermissionSet', {
      Name: `X00ex${profileId.slice(-6)}`,
      Label: name,
      IsOwnedByProfile: true,
      ProfileId: profileId,
      Type: 'Profile',
      ...permissions
    });
    return profileId;
  }

  profilePermissionSetId(profileId: string): string {
    const row = this.db
      .rows('PermissionSet')
      .find((ps) => ps['ProfileId'] === profileId && ps['IsOwnedByProfile'] === true);
    if (!row) throw new Error(`no permission set for profile ${profileId}`);
    return String(row['Id']);
  }

  /** A user, with the profile's permission set assignment the platform creates. */
  addUser(username: string, options: { profileId: string; isActive?: boolean; name?: string }): string {
    const id = this.db.insert('User', {
      Username: username,
      Name: options.name ?? username.split('@')[0]!,
      Email: username,
      IsActive: options.isActive ?? true,
      ProfileId: options.profileId,
      UserType: 'Standard'
    });
    this.db.insert('PermissionSetAssignment', {
      AssigneeId: id,
      PermissionSetId: this.profilePermissionSetId(options.profileId)
    });
    return id;
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
    const path = req.url ?? '/';
    this.stats.requests++;
    const types = this.typesOf(method, path, body);
    const answer = this.route(method, path, body, req.headers.authorization ?? '', true);
    this.stats.log.push({ method, path, status: answer.status, types });
    res.writeHead(answer.status, { ...JSON_HEADERS, ...(answer.headers ?? {}) });
    res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
  }

  private route(
    method: string,
    path: string,
    body: string,
    authorization: string,
    topLevel: boolean
  ): { status: number; body?: unknown; headers?: Record<string, string> } {
    const token = authorization.replace(/^Bearer\s+/i, '');
    const userId = this.tokens.get(token);
    if (!userId)
      return { status: 401, body: [{ errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid' }] };

    const fault = this.faults.find(
      (f) =>
        f.times > 0 &&
        (!f.method || f.method === method) &&
        (!f.path || (typeof f.path === 'string' ? path.includes(f.path) : f.path.test(path)))
    );
    if (fault) {
      fault.times--;
      const faultBody = typeof fault.body === 'function' ? (fault.body as (b: string) => unknown)(body) : fault.body;
      if (topLevel && method !== 'GET') this.stats.writeRequests++;
      return { status: fault.status, body: faultBody, headers: fault.headers };
    }

    const url = new URL(path, 'http://fake');
    const pathname = url.pathname;
    let parsed: unknown = undefined;
    if (body) {
      try {
        parsed = JSON.parse(body);
      } catch {
        return { status: 400, body: [{ errorCode: 'JSON_PARSER_ERROR', message: 'Malformed JSON body' }] };
      }
    }
    if (topLevel && method !== 'GET' && !(pathname.endsWith('/composite') && this.compositeIsReadOnly(parsed))) {
      this.stats.writeRequests++;
    }

    if (pathname === '/services/oauth2/userinfo') {
      const user = this.db.get(userId)!;
      return { status: 200, body: { user_id: userId, preferred_username: user['Username'], name: user['Name'] } };
    }
    const apexPrefix = `/services/apexrest/${this.namespace ? this.namespace + '/' : ''}connector/v1/`;
    if (pathname.startsWith(apexPrefix))
      return this.apexRest(method, pathname.slice(apexPrefix.length), parsed, userId);

    const dataPrefix = `/services/data/v${this.apiVersion}/`;
    if (!pathname.startsWith(dataPrefix)) {
      return {
        status: 404,
        body: [{ errorCode: 'NOT_FOUND', message: `The requested resource does not exist: ${pathname}` }]
      };
    }
    const rest = pathname.slice(dataPrefix.length);
    try {
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
    if (requests.length > 25) {
      return {
        status: 400,
        body: [{ errorCode: 'LIMIT_EXCEEDED', message: 'Composite requests allow at most 25 subrequests' }]
      };
    }
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
    if (!Array.isArray(records) || records.length === 0 || records.length > 200) {
      return { status: 400, body: [{ errorCode: 'INVALID_INPUT', message: 'Provide 1 to 200 records' }] };
    }
    if (method !== 'POST' && method !== 'PATCH')
      return { status: 405, body: [{ errorCode: 'METHOD_NOT_ALLOWED', message: method }] };
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
          const id = String(values['Id'] ?? '');
          this.db.update(type, id, values);
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

  private settingsView(): Record<string, unknown> {
    const secret = (name: string, label: string): Record<string, unknown> => {
      const value = this.secrets.get(name);
      return { name, label, isSet: value !== undefined, setAt: value?.setAt ?? null, setBy: value?.setBy ?? null };
    };
    return {
      connectorUserId: this.settings['connectorUserId'] ?? null,
      connectedAppName: this.settings['connectedAppName'] ?? null,
      platformBaseUrl: this.settings['platformBaseUrl'] ?? null,
      consumerKey: this.settings['consumerKey'] ?? null,
      callbackUrl: this.settings['callbackUrl'] ?? null,
      integrationPermissionSetName: this.settings['integrationPermissionSetName'] ?? 'Connector_Integration_Access',
      csmEmailField: this.settings['csmEmailField'] ?? null,
      csmSyncEnabled: this.settings['csmSyncEnabled'] ?? false,
      csmSyncScopeSize: this.settings['csmSyncScopeSize'] ?? null,
      lastHeartbeat: null,
      secrets: [secret('clientSecret', 'Client secret'), secret('apiKey', 'API key')]
    };
  }

  private jobViews(): Record<string, unknown>[] {
    return this.jobDefinitions.map((definition) => {
      const job = this.scheduled.get(definition.developerName);
      const runAs = job ? this.db.get(job.runAsUserId) : undefined;
      return {
        definitionName: definition.developerName,
        label: definition.label,
        apexClass: definition.apexClass,
        cronExpression: definition.cronExpression,
        cronTriggerId: job?.cronTriggerId ?? null,
        state: job?.state ?? 'NotScheduled',
        nextFireTime: job ? '2030-01-01T00:00:00.000Z' : null,
        previousFireTime: null,
        runAsUserId: job?.runAsUserId ?? null,
        runAsUserName: runAs ? String(runAs['Name']) : null,
        warning: null
      };
    });
  }

  private apexRest(method: string, resource: string, body: unknown, userId: string): { status: number; body: unknown } {
    this.apexBodies.set(`${method} ${resource}`, body);
    const error = (status: number, errorCode: string, message: string, fieldErrors?: Record<string, string>) => ({
      status,
      body: { ok: false, errorCode, message, ...(fieldErrors ? { fieldErrors } : {}) }
    });
    if (resource === 'health' && method === 'GET') {
      return {
        status: 200,
        body: { ok: true, connectorUserId: this.settings['connectorUserId'] ?? null, settings: this.settingsView() }
      };
    }
    if (resource === 'settings' && method === 'PUT') {
      const input = (body ?? {}) as { settings?: Record<string, unknown>; secrets?: Record<string, unknown> };
      const fieldErrors: Record<string, string> = {};
      const allowed = new Set([
        'connectorUserId',
        'connectedAppName',
        'platformBaseUrl',
        'consumerKey',
        'callbackUrl',
        'integrationPermissionSetName',
        'csmEmailField',
        'csmSyncEnabled',
        'csmSyncScopeSize'
      ]);
      for (const key of Object.keys(input.settings ?? {})) if (!allowed.has(key)) fieldErrors[key] = 'Unknown setting';
      for (const [key, value] of Object.entries(input.secrets ?? {})) {
        if (key !== 'clientSecret' && key !== 'apiKey') fieldErrors[key] = 'Unknown secret';
        else if (typeof value !== 'string' || value.length === 0)
          fieldErrors[key] = 'Secret must be a non-empty string';
      }
      const url = input.settings?.['platformBaseUrl'];
      if (url !== undefined && (typeof url !== 'string' || !url.startsWith('https://')))
        fieldErrors['platformBaseUrl'] = 'Must start with https://';
      if (Object.keys(fieldErrors).length > 0)
        return error(400, 'INVALID_SETTINGS', 'Some settings are invalid', fieldErrors);
      let changed = false;
      for (const [key, value] of Object.entries(input.settings ?? {})) {
        if (this.settings[key] !== value) {
          this.settings[key] = value;
          changed = true;
        }
      }
      const user = this.db.get(userId)!;
      for (const [key, value] of Object.entries(input.secrets ?? {})) {
        this.secrets.set(key, { value: String(value), setAt: new Date().toISOString(), setBy: String(user['Name']) });
        changed = true;
      }
      if (changed) this.stats.mutations++;
      return { status: 200, body: { ok: true, changed, message: changed ? 'Settings saved' : 'Settings unchanged' } };
    }
    if (resource === 'jobs' && method === 'GET') return { status: 200, body: { ok: true, jobs: this.jobViews() } };
    if (resource === 'jobs' && method === 'POST') {
      const input = (body ?? {}) as { action?: string; name?: string };
      if (!['start', 'stop', 'restart'].includes(String(input.action))) {
        return error(400, 'INVALID_ACTION', 'action must be start, stop or restart');
      }
      const targets = this.jobDefinitions.filter((d) => d.active && (!input.name || d.developerName === input.name));
      if (input.name && targets.length === 0)
        return error(404, 'NOT_FOUND', `No active job definition named ${input.name}`);
      let changes = 0;
      for (const definition of targets) {
        const current = this.scheduled.get(definition.developerName);
        if ((input.action === 'stop' || input.action === 'restart') && current) {
          this.scheduled.delete(definition.developerName);
          changes++;
        }
        if ((input.action === 'start' && !current) || input.action === 'restart') {
          this.scheduled.set(definition.developerName, {
            cronTriggerId: `08eFAKE${definition.developerName}`,
            runAsUserId: userId,
            state: 'Waiting'
          });
          changes++;
        }
      }
      this.stats.mutations += changes;
      return {
        status: 200,
        body: {
          ok: true,
          changed: changes > 0,
          message: `${input.action}: ${changes} change(s)`,
          jobs: this.jobViews()
        }
      };
    }
    if (resource === 'csm-sync' && method === 'POST') {
      const input = (body ?? {}) as { dryRun?: unknown };
      if (typeof input.dryRun !== 'boolean') return error(400, 'INVALID_INPUT', 'dryRun must be true or false');
      if (!this.settings['csmEmailField'])
        return error(409, 'NOT_CONFIGURED', 'Choose the Account field holding the CSM email first');
      if (!input.dryRun) this.stats.mutations++;
      return {
        status: 200,
        body: {
          ok: true,
          changed: !input.dryRun,
          message: input.dryRun ? 'Dry run: nothing was changed' : 'CSM sync finished',
          run: { runAt: new Date().toISOString(), ...this.csmSyncResult }
        }
      };
    }
    return error(404, 'NOT_FOUND', `No endpoint ${method} connector/v1/${resource}`);
  }
}

export async function startFakeOrg(options: FakeOrgOptions = {}): Promise<FakeOrg> {
  const org = new FakeOrg(options);
  await org.start();
  return org;
}
