import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import '../testing/sf-home.ts';
import { Org } from '@salesforce/core';
import { authorize } from '../testing/harness.ts';
import { startFakeOrg, type FakeOrg } from '../../preview/org/rest/server.ts';
import { OrgClient } from './client.ts';
import { OrgRequestError } from './errors.ts';
import { Redactor } from './redact.ts';

describe('OrgClient against the fake org', () => {
  let org: FakeOrg;
  let alias: string;
  let userId: string;
  const logs: string[] = [];
  /** A client on a fresh jsforce Connection of the org authorized as sf would (access token, alias). */
  const client = async (namespace = ''): Promise<OrgClient> => {
    const org = await Org.create({ aliasOrUsername: alias });
    return new OrgClient(org.getConnection('65.0'), {
      namespace,
      redactor: new Redactor(),
      log: (message) => logs.push(message),
      baseDelayMs: 1
    });
  };

  before(async () => {
    org = await startFakeOrg({ pageSize: 50 });
    const profile = org.addProfile('Standard');
    userId = org.addUser('u@acme.example', { profileId: profile });
    for (let i = 0; i < 120; i++) org.addUser(`bulk${i}@acme.example`, { profileId: profile });
    alias = (await authorize(org, userId))[1]!;
  });
  after(() => org.stop());
  beforeEach(() => {
    org.resetStats();
    org.faults.length = 0;
    org.recordFault = undefined;
    logs.length = 0;
  });

  it('retries a 503 and succeeds on the next attempt', async () => {
    org.fail({ path: '/query', times: 1, status: 503, body: [{ errorCode: 'SERVER_UNAVAILABLE', message: 'down' }] });
    const c = await client();
    const rows = await c.query("SELECT Id FROM User WHERE Username = 'u@acme.example'");
    assert.equal(rows.length, 1);
    assert.equal(org.stats.requests, 2);
    assert.equal(c.stats.retries, 1);
    assert.match(logs[0]!, /5xx or no answer; retrying \(attempt 2\/4\)/);
  });

  it('does not retry a 400 and reports the org error code', async () => {
    org.fail({ path: '/query', times: 5, status: 400, body: [{ errorCode: 'MALFORMED_QUERY', message: 'bad soql' }] });
    await assert.rejects(
      (await client()).query('SELECT Id FROM User'),
      (error: unknown) =>
        error instanceof OrgRequestError && error.status === 400 && error.errorCode === 'MALFORMED_QUERY'
    );
    assert.equal(org.stats.requests, 1);
  });

  it('retries UNABLE_TO_LOCK_ROW even though it comes as a 4xx', async () => {
    org.fail({
      path: 'sobjects/PermissionSet',
      method: 'POST',
      times: 2,
      status: 400,
      body: [{ errorCode: 'UNABLE_TO_LOCK_ROW', message: 'locked' }]
    });
    const result = await (
      await client()
    ).request<{ id: string }>('POST', '/services/data/v65.0/sobjects/PermissionSet', {
      Name: 'Locky',
      Label: 'Locky'
    });
    assert.match(result.id, /^0PS/);
    assert.equal(org.stats.requests, 3);
  });

  it('gives up after the last attempt on persistent 5xx', async () => {
    org.fail({ path: '/query', times: 10, status: 500, body: [{ errorCode: 'UNKNOWN_EXCEPTION', message: 'boom' }] });
    await assert.rejects((await client()).query('SELECT Id FROM User'), /HTTP 500 UNKNOWN_EXCEPTION/);
    assert.equal(org.stats.requests, 4);
  });

  it('resubmits only the records that failed with UNABLE_TO_LOCK_ROW', async () => {
    const ps = org.addPermissionSet(`Lock_${Date.now()}`);
    const users = org.db.rows('User').slice(0, 5);
    let locked = 0;
    org.recordFault = (object, record) =>
      object === 'PermissionSetAssignment' && record['AssigneeId'] === users[2]!['Id'] && locked++ < 1
        ? { statusCode: 'UNABLE_TO_LOCK_ROW', message: 'unable to obtain exclusive access', fields: [] }
        : undefined;
    const results = await (
      await client()
    ).insertRecords(
      users.map((u) => ({ attributes: { type: 'PermissionSetAssignment' }, AssigneeId: u['Id'], PermissionSetId: ps }))
    );
    assert.ok(results.every((r) => r.success));
    assert.equal(org.stats.requests, 2);
    assert.equal(org.stats.mutations, 5, 'each record written once');
  });

  it('never resends an insert blindly after a 5xx: re-reads, counts what the org holds, sends only the rest', async () => {
    const ps = org.addPermissionSet(`Commit_${Date.now()}`);
    const users = org.db.rows('User').slice(0, 3);
    const records = users.map((u) => ({
      attributes: { type: 'PermissionSetAssignment' },
      AssigneeId: u['Id'],
      PermissionSetId: ps
    }));
    const reconcile = async (sent: readonly Record<string, unknown>[]): Promise<(string | null)[]> =>
      sent.map(
        (r) =>
          (org.db
            .rows('PermissionSetAssignment')
            .find((a) => a['AssigneeId'] === r['AssigneeId'] && a['PermissionSetId'] === ps)?.['Id'] as
            string | undefined) ?? null
      );
    // Committed, then 502: nothing is sent again and every record is saved.
    org.fail({ method: 'POST', path: '/composite/sobjects', times: 1, status: 502, afterCommit: true, body: [] });
    const committed = await (await client()).insertRecords(records, { reconcile });
    assert.ok(committed.every((r) => r.success && /^0Pa/.test(r.id!)));
    assert.equal(org.stats.requests, 1);
    assert.equal(org.stats.mutations, 3);

    // Not committed, then 503: the records the org lacks are sent once more.
    const other = org.addPermissionSet(`Lost_${Date.now()}`);
    const lost = records.map((r) => ({ ...r, PermissionSetId: other }));
    org.fail({ method: 'POST', path: '/composite/sobjects', times: 1, status: 503, body: [] });
    const resent = await (
      await client()
    ).insertRecords(lost, {
      reconcile: async (sent) =>
        sent.map(
          (r) =>
            (org.db
              .rows('PermissionSetAssignment')
              .find((a) => a['AssigneeId'] === r['AssigneeId'] && a['PermissionSetId'] === other)?.['Id'] as
              string | undefined) ?? null
        )
    });
    assert.ok(resent.every((r) => r.success));
    assert.equal(org.stats.mutations, 6);

    // Without a way to re-read, the outcome is reported as unknown, never as a plain failure.
    org.fail({ method: 'POST', path: '/composite/sobjects', times: 1, status: 502, afterCommit: true, body: [] });
    const third = org.addPermissionSet(`Unknown_${Date.now()}`);
    const unknown = await (await client()).insertRecords(records.map((r) => ({ ...r, PermissionSetId: third })));
    assert.ok(unknown.every((r) => r.errors[0]?.errorCode === 'OUTCOME_UNKNOWN'));
    assert.match(unknown[0]!.errors[0]!.message, /may have saved it/);
  });

  it('follows nextRecordsUrl until done', async () => {
    const rows = await (await client()).query("SELECT Id, Username FROM User WHERE Username LIKE 'bulk%'");
    assert.equal(rows.length, 120);
    assert.equal(org.stats.requests, 3, 'pages of 50');
  });

  it('sends many statements as Composite subrequests, at most 5 queries per request', async () => {
    const statements = new Map(
      Array.from({ length: 30 }, (_, i) => [`q${i}`, `SELECT Id FROM User WHERE Username = 'bulk${i}@acme.example'`])
    );
    const c = await client();
    const results = await c.queryMany(statements);
    assert.equal(results.size, 30);
    assert.equal(results.get('q29')!.length, 1);
    assert.equal(org.stats.requests, 6, '30 queries, 5 per Composite call');
    assert.equal(c.stats.writeRequests, 0, 'composite reads are not writes');
  });

  it('builds namespace-aware Apex REST paths', async () => {
    assert.equal((await client()).apexRestPath('settings'), '/services/apexrest/connector/v1/settings');
    assert.equal((await client('acme')).apexRestPath('jobs'), '/services/apexrest/acme/connector/v1/jobs');
    const health = await (await client()).apex<{ ok: boolean }>('GET', 'health');
    assert.equal(health.ok, true);
    await assert.rejects(
      (await client('acme')).apex('GET', 'health'),
      (e: unknown) => e instanceof OrgRequestError && e.status === 404
    );
  });

  it('updates through sObject Collections with the id field jsforce sends', async () => {
    const ps = org.addPermissionSet(`Update_${Date.now()}`);
    const c = await client();
    const [saved] = await c.updateRecords([{ attributes: { type: 'PermissionSet' }, Id: ps, Label: 'Renamed' }]);
    assert.deepEqual(saved, { id: ps, success: true, errors: [] });
    assert.equal(org.db.get(ps)!['Label'], 'Renamed');
    assert.equal(org.stats.requests, 1);
    assert.equal(c.stats.writeRequests, 1);
  });

  it('chunks collection writes at 200 records per request', async () => {
    const ps = org.addPermissionSet(`Chunk_${Date.now()}`);
    const users = org.db.rows('User').slice(0, 121);
    const records = users.flatMap((u) => [
      { attributes: { type: 'PermissionSetAssignment' }, AssigneeId: u['Id'], PermissionSetId: ps }
    ]);
    const extra = org.addPermissionSet(`Chunk2_${Date.now()}`);
    records.push(
      ...users.map((u) => ({
        attributes: { type: 'PermissionSetAssignment' },
        AssigneeId: u['Id'],
        PermissionSetId: extra
      }))
    );
    const results = await (await client()).insertRecords(records);
    assert.equal(results.length, 242);
    assert.equal(org.stats.requests, 2);
  });
});
