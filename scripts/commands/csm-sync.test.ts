import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { runIn, seededOrg, type SeededOrg } from '../testing/harness.ts';
import { seedCsmSync, stopSeededOrg } from '../../preview/org/rest/seeded.ts';
import { advanceCsmJobs } from '../../preview/org/csm.ts';
import type { CsmSyncResult } from './csm-sync.ts';

/**
 * The CLI against the REST face, whose csm-sync endpoint runs the CSM service of the Aura face (preview/org/csm.ts)
 * over the Org's accounts and users: the counts below are the service's decisions on seedCsmSync's records.
 */
describe('csm-sync', () => {
  let s: SeededOrg | undefined;
  afterEach(async () => (s = await stopSeededOrg(s)));

  const csmGets = (org: SeededOrg['org']): string[] =>
    org.stats.log.filter((e) => e.method === 'GET' && e.path.includes('connector/v1/csm-sync')).map((e) => e.path);
  const openJobs = (org: SeededOrg['org']) =>
    org.twin.state.csmJobs.filter((j) => j.Status === 'Queued' || j.Status === 'Processing');
  /** A CSM whose address the platform refuses in an Email field: the apply step counts an error for its account. */
  const addInvalidCsm = (org: SeededOrg['org'], profileId: string): string => {
    org.addUser('csm@localhost', { profileId, name: 'Local Csm' });
    return org.addAccount('Delta', { CSM_Email__c: 'csm@localhost' });
  };

  it('previews with --dry-run: the summary and the rows that would change, nothing written', async () => {
    s = await seededOrg();
    seedCsmSync(s);
    const dry = await runIn(['csm-sync', '--dry-run', ...s.target, '--json'], { env: s.env });
    assert.equal(dry.code, 0);
    assert.deepEqual(s.org.apexBodies.get('POST csm-sync'), { dryRun: true });
    const result = dry.json!.result as CsmSyncResult;
    assert.deepEqual(result.run!.unmatchedEmails, ['former.csm@example.com']);
    assert.equal(result.run!.dryRun, true);
    assert.equal(result.message, '3 rows in the preview.');
    assert.deepEqual(
      result.previewRows.map((r) => [r.accountName, r.action, r.newCsmName]),
      [
        ['Acme', 'Create', 'Ann Csm'],
        ['Beta', 'Create', 'Bob Csm'],
        ['Gamma', 'Unmatched', null]
      ]
    );
    assert.equal(s.org.stats.mutations, 0);
    assert.deepEqual(s.org.twin.state.csmAssignments, [], 'a dry run writes no assignment');
    const text = await runIn(['csm-sync', '--dry-run', ...s.target], { env: s.env });
    assert.match(text.stdout, /Would create 2, would update 0, unchanged 0, manual kept 0, unmatched 1, would clear 0/);
    assert.match(text.stdout, /Acme[\s│]+ann@acme\.example[\s│]+Ann Csm[\s│]+Create/);
  });

  it('--run starts the batch, polls its progress until done and prints the run report', async () => {
    s = await seededOrg();
    const ids = seedCsmSync(s);
    const run = await runIn(['csm-sync', '--run', ...s.target], { env: s.env });
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(s.org.apexBodies.get('POST csm-sync'), { dryRun: false });
    const firstJob = s.org.twin.state.csmJobs[0]!.Id;
    const gets = csmGets(s.org);
    // One scope per account (scope size 1), then the pass over emptied assignments: 4 polls.
    assert.equal(gets.length, 4, 'one GET per poll until the run is done');
    assert.ok(gets.every((p) => p.endsWith(`csm-sync?jobId=${firstJob}`)));
    assert.match(run.stderr, new RegExp(`CSM sync started: job ${firstJob}`));
    assert.match(run.stderr, /CSM sync batches: 3\/3 done/);
    assert.match(run.stdout, /CSM sync: Completed/);
    assert.match(run.stdout, /Created 2, updated 0, unchanged 0, manual kept 0, unmatched 1, cleared 0, errors 0/);
    assert.match(run.stdout, /Unmatched emails: former\.csm@example\.com/);
    assert.match(run.stdout, /finished \d{4}-/);
    assert.deepEqual(
      s.org.twin.state.csmAssignments.map((a) => [a.Account__c, a.Source__c]).sort(),
      [
        [ids.acme, 'Synced'],
        [ids.beta, 'Synced']
      ].sort(),
      'the run wrote the assignments the Aura face reads'
    );
  });

  it('draws a progress bar on a terminal and reports JSON with the final run', async () => {
    s = await seededOrg();
    seedCsmSync(s);
    const human = await runIn(['csm-sync', '--run', ...s.target], { env: s.env, tty: true });
    assert.equal(human.code, 0);
    assert.match(human.stderr, /CSM sync batches \| █+ \| 3\/3/, "sf's progress bar on a terminal");
    const run = await runIn(['csm-sync', '--run', ...s.target, '--json'], { env: s.env, tty: true });
    assert.equal(run.code, 0);
    assert.match(run.stderr, /CSM sync batches: 3\/3 done/, 'no bar with --json');
    assert.doesNotMatch(run.stderr, /█/);
    const result = run.json!.result as CsmSyncResult;
    assert.equal(result.waited, true);
    assert.equal(result.jobStatus, 'Completed');
    assert.equal(result.run!.status, 'Completed');
    assert.equal(result.run!.unchanged, 2, 'the second run finds the assignments of the first');
    assert.equal(result.run!.jobId, result.jobId);
    assert.ok(result.run!.finishedAt);
  });

  it('exits 1 when the run reports errors, and when the run fails', async () => {
    s = await seededOrg();
    seedCsmSync(s);
    const delta = addInvalidCsm(s.org, s.standardProfileId);
    const withErrors = await runIn(['csm-sync', '--run', ...s.target], { env: s.env });
    assert.equal(withErrors.code, 1);
    assert.match(withErrors.stdout, /errors 1/);
    assert.match(withErrors.stdout, new RegExp(`Error: ${delta} INVALID_EMAIL_ADDRESS`));

    // The email field stops being usable while the batch runs: its start() fails the run.
    s.org.onRequest = (method, path) => {
      if (method === 'GET' && path.includes('csm-sync?jobId=')) {
        s!.org.accountFields = s!.org.accountFields.filter((f) => f.name !== 'CSM_Email__c');
      }
    };
    const failed = await runIn(['csm-sync', '--run', ...s.target, '--json'], { env: s.env });
    assert.equal(failed.code, 1);
    const result = failed.json!.result as CsmSyncResult;
    assert.equal(result.run!.status, 'Failed');
    assert.match(result.run!.errorDetails[0]!, /CSM_Email__c/);
  });

  it('--no-wait returns right after starting (no polling)', async () => {
    s = await seededOrg();
    seedCsmSync(s);
    const run = await runIn(['csm-sync', '--run', '--no-wait', ...s.target, '--json'], { env: s.env });
    assert.equal(run.code, 0);
    const result = run.json!.result as CsmSyncResult;
    assert.equal(result.waited, false);
    assert.equal(result.jobId, s.org.twin.state.csmJobs[0]!.Id);
    assert.equal(result.message, 'CSM sync started.');
    assert.equal(csmGets(s.org).length, 0);
    assert.equal(openJobs(s.org).length, 1);
    // A second run while this one is still running is refused by the org.
    const second = await runIn(['csm-sync', '--run', ...s.target, '--json'], { env: s.env });
    assert.equal(second.code, 1);
    assert.match(second.json!.message!, /HTTP 400 CSM_SYNC_NOT_READY: A CSM sync is already running/);
  });

  it('needs exactly one of --dry-run / --run, and reports an org refusal as an error (exit 1)', async () => {
    s = await seededOrg();
    assert.equal((await runIn(['csm-sync', ...s.target], { env: s.env })).code, 2);
    assert.equal((await runIn(['csm-sync', '--run', '--dry-run', ...s.target], { env: s.env })).code, 2);
    assert.equal((await runIn(['csm-sync', '--dry-run', '--no-wait', ...s.target], { env: s.env })).code, 2);
    const refused = await runIn(['csm-sync', '--run', ...s.target, '--json'], { env: s.env });
    assert.equal(refused.code, 1);
    assert.equal(refused.json!.status, 1);
    assert.match(
      refused.json!.message!,
      /HTTP 400 CSM_SYNC_NOT_READY: Choose the Account field that holds the CSM email first/
    );
    assert.equal(s.org.twin.state.csmJobs.length, 0);
  });

  it('reports the 403 of a user without Manage Connector', async () => {
    s = await seededOrg({ requireManageConnector: true });
    seedCsmSync(s);
    const refused = await runIn(['csm-sync', '--dry-run', ...s.target, '--json'], { env: s.env });
    assert.equal(refused.code, 1);
    assert.match(
      refused.json!.message!,
      /HTTP 403 MANAGE_CONNECTOR_REQUIRED: You need the Manage Connector permission/
    );
  });

  it('--history lists the last runs from the CsmSyncRun records, newest first', async () => {
    s = await seededOrg();
    seedCsmSync(s);
    assert.equal((await runIn(['csm-sync', '--run', ...s.target], { env: s.env })).code, 0);
    const first = s.org.twin.state.csmSyncRuns[0]!;
    // The REST face's DML writes the record the service wrote: one store.
    s.org.db.update('CsmSyncRun__c', first.Id, { StartedAt__c: '2026-01-01T00:00:00.000Z' });
    assert.equal(first.StartedAt__c, '2026-01-01T00:00:00.000Z');
    const delta = addInvalidCsm(s.org, s.standardProfileId);
    assert.equal((await runIn(['csm-sync', '--run', ...s.target], { env: s.env })).code, 1);
    const second = s.org.twin.state.csmSyncRuns[1]!;
    s.org.resetStats();
    const history = await runIn(['csm-sync', '--history', '--limit', '5', ...s.target, '--json'], { env: s.env });
    assert.equal(history.code, 0, history.stderr);
    const runs = (history.json!.result as CsmSyncResult).history!;
    assert.equal(runs.length, 2);
    assert.deepEqual(
      runs.map((r) => [r.jobId, r.status, r.errors, r.startedAt === '2026-01-01T00:00:00.000Z']),
      [
        [second.AsyncApexJobId__c, 'Completed', 1, false],
        [first.AsyncApexJobId__c, 'Completed', 0, true]
      ]
    );
    assert.match(runs.find((r) => r.errors === 1)!.errorDetails[0]!, new RegExp(`^${delta} INVALID_EMAIL_ADDRESS`));
    assert.deepEqual(runs[0]!.unmatchedEmails, ['former.csm@example.com']);
    assert.equal(s.org.stats.requests, 1, 'one query');
    const query = decodeURIComponent(s.org.stats.log[0]!.path);
    assert.match(query, /FROM CsmSyncRun__c ORDER BY StartedAt__c DESC/);
    const text = await runIn(['csm-sync', '--history', ...s.target], { env: s.env });
    assert.match(text.stdout, /2 run\(s\)\.\n[┌─┬┐\n│ ]*Started[\s│]+Status[\s│]+Created/);
    assert.equal((await runIn(['csm-sync', '--history', '--limit', '0', ...s.target], { env: s.env })).code, 2);
    assert.equal((await runIn(['csm-sync', '--run', '--limit', '3', ...s.target], { env: s.env })).code, 2);
  });

  it('gives up after --wait minutes (exit 1, the run keeps going) and reports a failing poll with the job id', async (t) => {
    s = await seededOrg();
    seedCsmSync(s);
    // Each clock reading is 20 minutes later than the one before: the first poll already passes --wait 1.
    const start = Date.now();
    let readings = 0;
    t.mock.method(Date, 'now', () => start + readings++ * 20 * 60_000);
    const slow = await runIn(['csm-sync', '--run', '--wait', '1', ...s.target], { env: s.env });
    t.mock.restoreAll();
    assert.equal(slow.code, 1);
    assert.match(slow.stderr, /still Processing after 1 minute\(s\); it keeps running in the org/);
    assert.equal(csmGets(s.org).length, 1);

    // The batch queue finishes that run on its own.
    while (openJobs(s.org).length > 0) advanceCsmJobs(s.org.twin);
    s.org.fail({
      method: 'GET',
      path: 'csm-sync?jobId=',
      times: 1,
      status: 400,
      body: { ok: false, errorCode: 'CSM_SYNC_NOT_READY', message: 'gone' }
    });
    const broken = await runIn(['csm-sync', '--run', ...s.target], { env: s.env });
    assert.equal(broken.code, 1);
    assert.match(
      broken.stderr,
      /HTTP 400 CSM_SYNC_NOT_READY: gone\. The CSM sync \(job 707\w+\) was started and keeps running/
    );
  });
});
