import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { join } from 'node:path';
import { classesDir } from '../../lib/paths.ts';
import { runCsmSyncNow } from '../csm.ts';
import { seededOrg, type SeededOrg } from './seeded.ts';

/**
 * The REST face against the package's Apex REST resources, per endpoint and status: each (status, errorCode) an
 * @RestResource class can answer must have a case below, each case is answered by the REST face with that status,
 * that errorCode and exactly the listed keys, and each key of a success body is one the Apex class writes. A new
 * error in the Apex without its case, or a REST face answer that drifts, fails here.
 */

interface ApexResource {
  className: string;
  /** 'connector/v1/jobs' */
  path: string;
  methods: string[];
  /** 'status errorCode' pairs the class answers with. */
  errors: Set<string>;
  /** Keys the class writes into its response maps ('key' => … and .put('key', …)). */
  keys: Set<string>;
}

/** Reads every @RestResource class: its URL mapping, HTTP methods, error statuses with codes, and response keys. */
function readApexResources(): ApexResource[] {
  const resources: ApexResource[] = [];
  for (const file of readdirSync(classesDir).filter((f) => f.endsWith('.cls') && !f.endsWith('_Tests.cls'))) {
    const apex = readFileSync(join(classesDir, file), 'utf8');
    const mapping = /@RestResource\s*\(\s*urlMapping\s*=\s*'\/([^']+)'/i.exec(apex);
    if (!mapping) continue;
    const constants = new Map(
      [...apex.matchAll(/String\s+([A-Z_]+)\s*=\s*'([A-Z][A-Z0-9_]+)'/g)].map((m) => [m[1]!, m[2]!])
    );
    const errors = new Set<string>();
    // fail(403, 'CODE', …), error(response, 400, 'CODE', …), respond(response, 403, failure(CONSTANT, …))
    for (const m of apex.matchAll(/\b([45]\d\d)\s*,\s*(?:failure\(\s*)?(?:'([A-Z][A-Z0-9_]+)'|([A-Z][A-Z0-9_]+)\b)/g)) {
      const code = m[2] ?? constants.get(m[3]!);
      if (code) errors.add(`${m[1]} ${code}`);
    }
    // status = 403; body = failure('CODE', …)
    for (const m of apex.matchAll(/status\s*=\s*([45]\d\d)\s*;\s*body\s*=\s*failure\(\s*'([A-Z][A-Z0-9_]+)'/g)) {
      errors.add(`${m[1]} ${m[2]}`);
    }
    const keys = new Set([
      ...[...apex.matchAll(/'([a-zA-Z]+)'\s*=>/g)].map((m) => m[1]!),
      ...[...apex.matchAll(/\.put\(\s*'([a-zA-Z]+)'/g)].map((m) => m[1]!)
    ]);
    const methods = [...apex.matchAll(/@Http(Get|Post|Put|Patch|Delete)\b/g)].map((m) => m[1]!.toUpperCase());
    resources.push({ className: file.replace(/\.cls$/, ''), path: mapping[1]!, methods, errors, keys });
  }
  return resources;
}

type Caller = 'admin' | 'connector' | 'other';

interface Case {
  path: string;
  method: string;
  /** The query string, or made from the org (e.g. the id of a job an earlier case started). */
  query?: string | ((s: SeededOrg) => string);
  /** JSON body, or a raw string sent as is. */
  body?: unknown;
  as: Caller;
  setup?: (s: SeededOrg) => void;
  status: number;
  errorCode?: string;
  keys: string[];
}

const FAILURE = ['errorCode', 'message', 'ok'];

const CASES: Case[] = [
  {
    path: 'connector/v1/health',
    method: 'GET',
    as: 'admin',
    status: 200,
    keys: ['audit', 'causes', 'connectorUserId', 'generatedAt', 'ok', 'settings', 'status', 'verdict']
  },
  {
    path: 'connector/v1/health',
    method: 'GET',
    as: 'other',
    status: 403,
    errorCode: 'MANAGE_CONNECTOR_REQUIRED',
    keys: FAILURE
  },
  {
    path: 'connector/v1/heartbeat',
    method: 'POST',
    as: 'connector',
    status: 200,
    keys: ['changed', 'message', 'ok', 'receivedAt']
  },
  {
    path: 'connector/v1/heartbeat',
    method: 'POST',
    query: 'access_token=x',
    as: 'connector',
    status: 400,
    errorCode: 'SECRET_IN_QUERY_STRING',
    keys: FAILURE
  },
  {
    path: 'connector/v1/heartbeat',
    method: 'POST',
    as: 'admin',
    status: 403,
    errorCode: 'NOT_CONNECTOR_USER',
    keys: FAILURE
  },
  {
    path: 'connector/v1/settings',
    method: 'PUT',
    body: { settings: { connectedAppName: 'Acme Connector' } },
    as: 'admin',
    status: 200,
    keys: ['changed', 'message', 'ok']
  },
  {
    path: 'connector/v1/settings',
    method: 'PUT',
    body: { settings: {} },
    as: 'other',
    status: 403,
    errorCode: 'MANAGE_CONNECTOR_REQUIRED',
    keys: FAILURE
  },
  {
    path: 'connector/v1/settings',
    method: 'PUT',
    body: 'not json',
    as: 'admin',
    status: 400,
    errorCode: 'INVALID_BODY',
    keys: FAILURE
  },
  {
    path: 'connector/v1/settings',
    method: 'PUT',
    body: { settings: { platformBaseUrl: 'http://insecure.example' } },
    as: 'admin',
    status: 400,
    errorCode: 'INVALID_SETTINGS',
    keys: ['errorCode', 'fieldErrors', 'message', 'ok']
  },
  { path: 'connector/v1/jobs', method: 'GET', as: 'admin', status: 200, keys: ['changed', 'jobs', 'message', 'ok'] },
  {
    path: 'connector/v1/jobs',
    method: 'GET',
    query: 'requestId=0123456789abcdef0123456789abcdef',
    as: 'admin',
    status: 200,
    keys: ['changed', 'jobs', 'message', 'ok', 'request']
  },
  {
    path: 'connector/v1/jobs',
    method: 'GET',
    as: 'other',
    status: 403,
    errorCode: 'MANAGE_CONNECTOR_REQUIRED',
    keys: FAILURE
  },
  {
    path: 'connector/v1/jobs',
    method: 'POST',
    body: { action: 'restart' },
    as: 'admin',
    status: 200,
    keys: ['changed', 'jobs', 'message', 'ok', 'requestId']
  },
  {
    path: 'connector/v1/jobs',
    method: 'POST',
    body: { action: 'stop' },
    as: 'admin',
    status: 200,
    keys: ['changed', 'jobs', 'message', 'ok']
  },
  {
    path: 'connector/v1/jobs',
    method: 'POST',
    body: { action: 'pause' },
    as: 'admin',
    status: 400,
    errorCode: 'INVALID_REQUEST',
    keys: FAILURE
  },
  {
    path: 'connector/v1/jobs',
    method: 'POST',
    body: { action: 'stop', name: 'NoSuchJob' },
    as: 'admin',
    status: 404,
    errorCode: 'JOB_NOT_FOUND',
    keys: FAILURE
  },
  {
    path: 'connector/v1/jobs',
    method: 'POST',
    body: { action: 'stop' },
    as: 'other',
    status: 403,
    errorCode: 'MANAGE_CONNECTOR_REQUIRED',
    keys: FAILURE
  },
  { path: 'connector/v1/csm-sync', method: 'GET', as: 'admin', status: 200, keys: ['changed', 'message', 'ok', 'run'] },
  {
    path: 'connector/v1/csm-sync',
    method: 'GET',
    as: 'other',
    status: 403,
    errorCode: 'MANAGE_CONNECTOR_REQUIRED',
    keys: FAILURE
  },
  {
    path: 'connector/v1/csm-sync',
    method: 'POST',
    body: { dryRun: true },
    as: 'admin',
    status: 400,
    errorCode: 'CSM_SYNC_NOT_READY',
    keys: FAILURE
  },
  {
    path: 'connector/v1/csm-sync',
    method: 'POST',
    body: {},
    as: 'admin',
    status: 400,
    errorCode: 'INVALID_BODY',
    keys: FAILURE
  },
  // With the CSM email field set: a dry run previews, a run starts the batch.
  ...[
    { dryRun: true, keys: ['changed', 'message', 'ok', 'preview', 'run'] },
    { dryRun: false, keys: ['changed', 'jobId', 'message', 'ok'] }
  ].map(({ dryRun, keys }) => ({
    path: 'connector/v1/csm-sync',
    method: 'POST',
    body: { dryRun },
    as: 'admin' as const,
    setup: (s: SeededOrg) => (s.org.settings['csmEmailField'] = 'CSM_Email__c'),
    status: 200,
    keys
  })),
  // The CSM service answers these (csm.ts): an unknown job, the progress of the run started above, a second run.
  {
    path: 'connector/v1/csm-sync',
    method: 'GET',
    query: 'jobId=707000000000000AAA',
    as: 'admin',
    status: 400,
    errorCode: 'CSM_SYNC_NOT_READY',
    keys: FAILURE
  },
  {
    path: 'connector/v1/csm-sync',
    method: 'GET',
    query: (s: SeededOrg) => `jobId=${s.org.twin.state.csmJobs[0]!.Id}`,
    as: 'admin',
    setup: (s: SeededOrg) => (s.org.settings['csmEmailField'] = 'CSM_Email__c'),
    status: 200,
    keys: ['changed', 'message', 'ok', 'progress', 'run']
  },
  {
    path: 'connector/v1/csm-sync',
    method: 'POST',
    body: { dryRun: false },
    as: 'admin',
    setup: (s: SeededOrg) => {
      s.org.settings['csmEmailField'] = 'CSM_Email__c';
      s.org.settings['csmSyncScopeSize'] = 1;
      s.org.addAccount('Parity account', { CSM_Email__c: 'nobody@acme.example' });
      s.org.twin.state.csmJobs.length = 0;
      s.org.twin.state.csmSyncRuns.length = 0;
      const started = s.org.twin.transaction(() => runCsmSyncNow(s.org.twin, 'parity'));
      assert.ok(started.jobId);
    },
    status: 400,
    errorCode: 'CSM_SYNC_NOT_READY',
    keys: FAILURE
  }
];

/** Errors no request can provoke without a bug in the package (a catch-all for unexpected exceptions). */
const UNREACHABLE = new Set(['500 UNEXPECTED']);

const resources = readApexResources();

describe('REST face ↔ Apex REST resources, per endpoint and status', () => {
  let s: SeededOrg;
  const tokens: Partial<Record<Caller, string>> = {};
  before(async () => {
    s = await seededOrg({ requireManageConnector: true });
    s.org.assign(s.adminId, s.packaged['ConnectorAdministrator']!);
    tokens.admin = s.token;
    tokens.connector = s.org.issueToken(s.connectorId);
    tokens.other = s.org.issueToken(s.org.addUser('viewer@acme.example', { profileId: s.standardProfileId }));
  });
  after(async () => s.org.stop());

  const send = async (path: string, method: string, as: Caller, query?: string, body?: unknown) => {
    const response = await fetch(`${s.org.url}/services/apexrest/${path}${query ? `?${query}` : ''}`, {
      method,
      headers: { Authorization: `Bearer ${tokens[as]}`, 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) })
    });
    return { status: response.status, body: (await response.json()) as unknown };
  };

  it('reads the five @RestResource classes of the package', () => {
    assert.deepEqual(resources.map((r) => r.path).sort(), [
      'connector/v1/csm-sync',
      'connector/v1/health',
      'connector/v1/heartbeat',
      'connector/v1/jobs',
      'connector/v1/settings'
    ]);
  });

  for (const resource of resources) {
    it(`${resource.className}: every error status and code it answers has a case here`, () => {
      const covered = new Set(
        CASES.filter((c) => c.path === resource.path && c.errorCode).map((c) => `${c.status} ${c.errorCode}`)
      );
      const missing = [...resource.errors].filter((e) => !covered.has(e) && !UNREACHABLE.has(e));
      assert.deepEqual(missing, [], `add a case for each (status errorCode) of ${resource.className}.cls`);
    });

    it(`${resource.className}: the platform answers 405 for a method the class does not annotate`, async () => {
      s.org.settings['connectorUserId'] = s.connectorId;
      for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].filter((m) => !resource.methods.includes(m))) {
        const answer = await send(resource.path, method, 'admin', undefined, method === 'GET' ? undefined : {});
        assert.equal(answer.status, 405, `${method} ${resource.path}`);
        assert.equal((answer.body as { errorCode: string }[])[0]?.errorCode, 'METHOD_NOT_ALLOWED');
      }
    });
  }

  for (const c of CASES) {
    const sent = c.body === undefined ? '' : ` ${typeof c.body === 'string' ? c.body : JSON.stringify(c.body)}`;
    const query = typeof c.query === 'function' ? 'jobId=<started>' : c.query;
    const name = `${c.method} ${c.path}${query ? `?${query}` : ''}${sent} as ${c.as} → ${c.status}${c.errorCode ? ` ${c.errorCode}` : ''}`;
    it(name, async () => {
      const resource = resources.find((r) => r.path === c.path);
      assert.ok(resource, `no @RestResource maps /${c.path}`);
      assert.ok(resource.methods.includes(c.method), `${resource.className} has no @Http${c.method}`);
      if (c.errorCode) {
        assert.ok(resource.errors.has(`${c.status} ${c.errorCode}`), `${resource.className} never answers this`);
      } else {
        for (const key of c.keys) assert.ok(resource.keys.has(key), `${resource.className} never writes key ${key}`);
      }
      s.org.settings['connectorUserId'] = s.connectorId;
      s.org.settings['csmEmailField'] = null;
      c.setup?.(s);
      const answer = await send(c.path, c.method, c.as, typeof c.query === 'function' ? c.query(s) : c.query, c.body);
      assert.equal(answer.status, c.status, JSON.stringify(answer.body));
      const body = answer.body as Record<string, unknown>;
      assert.equal(body['errorCode'], c.errorCode, JSON.stringify(body));
      assert.deepEqual(Object.keys(body).sort(), c.keys);
    });
  }
});
