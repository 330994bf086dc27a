import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { runIn, seededOrg, type SeededOrg } from '../testing/harness.ts';
import type { CsmSyncResult } from './csm-sync.ts';

describe('csm-sync', () => {
  let s: SeededOrg | undefined;
  afterEach(async () => {
    await s?.org.stop();
    s = undefined;
  });

  const csmGets = (org: SeededOrg['org']): string[] =>
    org.stats.log.filter((e) => e.method === 'GET' && e.path.includes('connector/v1/csm-sync')).map((e) => e.path);

  it('previews with --dry-run: the summary and the rows that would change, nothing written', async () => {
    s = await seededOrg();
    s.org.settings['csmEmailField'] = 'CSM_Email__c';
    s.org.csmPreviewRows = [
      { accountId: '001A', accountName: 'Acme', email: 'ann@acme.example', action: 'Create', reason: null },
      { accountId: '001B', accountName: 'Beta', email: 'bob@acme.example', action: 'Unchanged', reason: null }
    ];
    const dry = await runIn(['csm-sync', '--dry-run', ...s.target, '--json'], { env: s.env });
    assert.equal(dry.code, 0);
    assert.deepEqual(s.org.apexBodies.get('POST csm-sync'), { dryRun: true });
    const result = dry.json!.result as CsmSyncResult;
    assert.equal(result.run!.unmatchedEmails[0], 'former.csm@example.com');
    assert.equal(result.run!.dryRun, true);
    assert.equal(result.message, '2 rows in the preview.');
    assert.deepEqual(
      result.previewRows.map((r) => r.accountName),
      ['Acme']
    );
    assert.equal(s.org.stats.mutations, 0);
    const text = await runIn(['csm-sync', '--dry-run', ...s.target], { env: s.env });
    assert.match(
      text.stdout,
      /Would create 3, would update 1, unchanged 10, manual kept 2, unmatched 1, would clear 0/
    );
    assert.match(text.stdout, /Acme[\s│]+ann@acme\.example[\s│]+Create/);
  });

  it('--run starts the batch, polls its progress until done and prints the run report', async () => {
    s = await seededOrg();
    s.org.settings['csmEmailField'] = 'CSM_Email__c';
    s.org.csmSyncPolls = 4;
    const run = await runIn(['csm-sync', '--run', ...s.target], { env: s.env });
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(s.org.apexBodies.get('POST csm-sync'), { dryRun: false });
    const gets = csmGets(s.org);
    assert.equal(gets.length, 4, 'one GET per poll until the run is done');
    assert.ok(gets.every((p) => p.endsWith(`csm-sync?jobId=${s!.org.csmRuns[0]!.jobId}`)));
    assert.match(run.stderr, /CSM sync started: job 707FAKE/);
    assert.match(run.stderr, /CSM sync batches: 4\/4 done/);
    assert.match(run.stdout, /CSM sync: Completed/);
    assert.match(run.stdout, /Created 3, updated 1, unchanged 10, manual kept 2, unmatched 1, cleared 0, errors 0/);
    assert.match(run.stdout, /Unmatched emails: former\.csm@example\.com/);
    assert.match(run.stdout, /finished \d{4}-/);
  });

  it('draws a progress bar on a terminal and reports JSON with the final run', async () => {
    s = await seededOrg();
    s.org.settings['csmEmailField'] = 'CSM_Email__c';
    const human = await runIn(['csm-sync', '--run', ...s.target], { env: s.env, tty: true });
    assert.equal(human.code, 0);
    assert.match(human.stderr, /CSM sync batches \| █+ \| 3\/3/, "sf's progress bar on a terminal");
    const run = await runIn(['csm-sync', '--run', ...s.target, '--json'], { env: s.env, tty: true });
    assert.equal(run.code, 0);
    assert.match(run.stderr, /CSM sync batches: 3 to do\nCSM sync batches: 3\/3 done/, 'no bar with --json');
    const result = run.json!.result as CsmSyncResult;
    assert.equal(result.waited, true);
    assert.equal(result.jobStatus, 'Completed');
    assert.equal(result.run!.status, 'Completed');
    assert.equal(result.run!.jobId, result.jobId);
    assert.ok(result.run!.finishedAt);
  });

  it('exits 1 when the run reports errors, and when the batch fails', async () => {
    s = await seededOrg();
    s.org.settings['csmEmailField'] = 'CSM_Email__c';
    s.org.csmSyncResult = { ...s.org.csmSyncResult, errors: 2, errorDetails: ['001X: FIELD_CUSTOM_VALIDATION'] };
    const withErrors = await runIn(['csm-sync', '--run', ...s.target], { env: s.env });
    assert.equal(withErrors.code, 1);
    assert.match(withErrors.stdout, /errors 2/);
    assert.match(withErrors.stdout, /Error: 001X: FIELD_CUSTOM_VALIDATION/);

    s.org.csmSyncResult = { ...s.org.csmSyncResult, errors: 0, errorDetails: [] };
    s.org.csmSyncJobOutcome = 'Failed';
    const failed = await runIn(['csm-sync', '--run', ...s.target, '--json'], { env: s.env });
    assert.equal(failed.code, 1);
    const result = failed.json!.result as CsmSyncResult;
    assert.equal(result.jobStatus, 'Failed');
    assert.equal(result.run!.status, 'Failed');
  });

  it('--no-wait returns right after starting (no polling)', async () => {
    s = await seededOrg();
    s.org.settings['csmEmailField'] = 'CSM_Email__c';
    const run = await runIn(['csm-sync', '--run', '--no-wait', ...s.target, '--json'], { env: s.env });
    assert.equal(run.code, 0);
    const result = run.json!.result as CsmSyncResult;
    assert.equal(result.waited, false);
    assert.match(result.jobId!, /^707FAKE/);
    assert.equal(result.message, 'CSM sync started.');
    assert.equal(csmGets(s.org).length, 0);
    assert.equal(s.org.csmRuns[0]!.run['status'], 'Running');
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
    assert.equal(s.org.csmRuns.length, 0);
  });

  it('reports the 403 of a user without Manage Connector', async () => {
    s = await seededOrg({ requireManageConnector: true });
    s.org.settings['csmEmailField'] = 'CSM_Email__c';
    const refused = await runIn(['csm-sync', '--dry-run', ...s.target, '--json'], { env: s.env });
    assert.equal(refused.code, 1);
    assert.match(
      refused.json!.message!,
      /HTTP 403 MANAGE_CONNECTOR_REQUIRED: You need the Manage Connector permission/
    );
  });

  it('--history lists the last runs from the CsmSyncRun records, newest first', async () => {
    s = await seededOrg();
    s.org.settings['csmEmailField'] = 'CSM_Email__c';
    assert.equal((await runIn(['csm-sync', '--run', ...s.target], { env: s.env })).code, 0);
    const first = String(s.org.csmRuns[0]!.run['id']);
    s.org.db.update('CsmSyncRun__c', first, { StartedAt__c: '2026-01-01T00:00:00.000Z' });
    s.org.csmSyncResult = { ...s.org.csmSyncResult, errors: 1, errorDetails: ['001X: locked'] };
    assert.equal((await runIn(['csm-sync', '--run', ...s.target], { env: s.env })).code, 1);
    s.org.resetStats();
    const history = await runIn(['csm-sync', '--history', '--limit', '5', ...s.target, '--json'], { env: s.env });
    assert.equal(history.code, 0, history.stderr);
    const runs = (history.json!.result as CsmSyncResult).history!;
    assert.equal(runs.length, 2);
    assert.deepEqual(
      runs.map((r) => [r.jobId, r.status, r.errors, r.startedAt === '2026-01-01T00:00:00.000Z']),
      [
        [s.org.csmRuns[1]!.jobId, 'Completed', 1, false],
        [s.org.csmRuns[0]!.jobId, 'Completed', 0, true]
      ]
    );
    assert.deepEqual(runs.find((r) => r.errors === 1)!.errorDetails, ['001X: locked']);
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
    s.org.settings['csmEmailField'] = 'CSM_Email__c';
    s.org.csmSyncPolls = 1000;
    // Each clock reading is 20 minutes later than the one before: the first poll already passes --wait 1.
    const start = Date.now();
    let readings = 0;
    t.mock.method(Date, 'now', () => start + readings++ * 20 * 60_000);
    const slow = await runIn(['csm-sync', '--run', '--wait', '1', ...s.target], { env: s.env });
    t.mock.restoreAll();
    assert.equal(slow.code, 1);
    assert.match(slow.stderr, /still Queued after 1 minute\(s\); it keeps running in the org/);
    assert.equal(csmGets(s.org).length, 1);

    s.org.csmRuns.length = 0;
    s.org.csmSyncPolls = 3;
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
      /HTTP 400 CSM_SYNC_NOT_READY: gone\. The CSM sync \(job 707FAKE\d+\) was started and keeps running/
    );
  });
});
