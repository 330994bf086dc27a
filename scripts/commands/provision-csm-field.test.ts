import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { label } from '../../preview/org/labels.ts';
import { runIn, seededOrg, type SeededOrg, stopSeededOrg } from '../testing/harness.ts';

const dir = mkdtempSync(join(tmpdir(), 'provision-csm-'));
function file(field: string): string {
  const path = join(dir, `${field}.yml`);
  writeFileSync(path, `settings:\n  csmEmailField: ${field}\nstartJobs: false\n`);
  return path;
}

// ConnectorSettingsService validates csmEmailField with CsmSyncSettings.requireEmailField, the CSM card's rule.
describe('provision: the CSM email field follows the CSM card (Email or Text)', () => {
  let s: SeededOrg | undefined;
  afterEach(async () => (s = await stopSeededOrg(s)));

  it('accepts a Text field and an Email field', async () => {
    s = await seededOrg();
    for (const field of ['AccountNumber', 'CSM_Email__c']) {
      const run = await runIn(['provision', ...s.target, '--file', file(field), '--json'], { env: s.env });
      assert.equal(run.code, 0, run.stderr + run.stdout);
      assert.equal(s.org.settings['csmEmailField'], field);
    }
  });

  it('refuses a field of another type with the message that says which types fit', async () => {
    s = await seededOrg();
    const run = await runIn(['provision', ...s.target, '--file', file('Phone')], { env: s.env });
    assert.notEqual(run.code, 0);
    assert.ok((run.stdout + run.stderr).includes(label('Settings_ErrorEmailField', ['Phone'])), run.stderr);
    assert.equal(s.org.settings['csmEmailField'], undefined, 'nothing saved');
  });
});
