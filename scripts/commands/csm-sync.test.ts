import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { runIn, seededOrg, type SeededOrg } from '../fake-org/harness.ts';
import type { CsmSyncResult } from './csm-sync.ts';

describe('csm-sync', () => {
  let s: SeededOrg | undefined;
  afterEach(async () => {
    await s?.org.stop();
    s = undefined;
  });

  it('previews with --dry-run and runs with --run', async () => {
    s = await seededOrg();
    s.org.settings['csmEmailField'] = 'CSM_Email__c';
    const dry = await runIn(['csm-sync', '--dry-run', ...s.target, '--json'], { env: s.env });
    assert.equal(dry.code, 0);
    assert.deepEqual(s.org.apexBodies.get('POST csm-sync'), { dryRun: true });
    assert.equal((dry.json!.result as CsmSyncResult).run!.unmatchedEmails[0], 'former.csm@example.com');
    assert.equal(s.org.stats.mutations, 0);
    const run = await runIn(['csm-sync', '--run', ...s.target], { env: s.env });
    assert.equal(run.code, 0);
    assert.match(run.stdout, /Created 3, updated 1, unchanged 10, manual kept 2, unmatched 1, errors 0/);
    s.org.csmSyncResult = { ...s.org.csmSyncResult, errors: 2 };
    assert.equal((await runIn(['csm-sync', '--run', ...s.target], { env: s.env })).code, 1);
  });

  it('needs exactly one of --dry-run / --run, and reports an org refusal as an error (exit 1)', async () => {
    s = await seededOrg();
    assert.equal((await runIn(['csm-sync', ...s.target], { env: s.env })).code, 2);
    assert.equal((await runIn(['csm-sync', '--run', '--dry-run', ...s.target], { env: s.env })).code, 2);
    const refused = await runIn(['csm-sync', '--run', ...s.target, '--json'], { env: s.env });
    assert.equal(refused.code, 1);
    assert.equal(refused.json!.status, 1);
    assert.match(refused.json!.error!.message, /NOT_CONFIGURED: Choose the Account field/);
  });
});
