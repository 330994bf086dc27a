import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { runIn, seededOrg, type SeededOrg } from '../testing/harness.ts';
import type { DoctorResult } from './doctor.ts';

describe('doctor', () => {
  let s: SeededOrg | undefined;
  afterEach(async () => {
    await s?.org.stop();
    s = undefined;
  });

  const byName = (result: DoctorResult, name: string) => result.results.find((r) => r.developerName === name)!;

  it('fails (exit 1) when Required permissions are missing and says how to fix them', async () => {
    s = await seededOrg();
    const run = await runIn(['doctor', ...s.target, '--user', 'connector@acme.example', '--json'], { env: s.env });
    assert.equal(run.code, 1);
    const result = run.json!.result as DoctorResult;
    assert.equal(byName(result, 'ApiEnabled').state, 'Met');
    assert.deepEqual(byName(result, 'ApiEnabled').grantedBy, ['Profile: Minimum Access - API Only Integrations']);
    assert.equal(byName(result, 'ModifyAllData').state, 'Missing');
    assert.equal(byName(result, 'ModifyAllData').fixAction, 'provision');
    assert.equal(byName(result, 'IntegrationPermissionSet').state, 'Missing');
    assert.equal(byName(result, 'SetAuditFields').state, 'NotApplicable');
    assert.ok(result.failures.some((f) => f.startsWith('Modify All Data (PermissionsModifyAllData): Missing')));
    assert.equal(s.org.stats.requests, 2, 'describe + one composite read');
  });

  it('passes after provision and names every source of a permission (profile, set, group)', async () => {
    s = await seededOrg();
    const provision = await runIn(
      ['provision', ...s.target, '--connector-user', 'connector@acme.example', '--skip-jobs'],
      { env: s.env }
    );
    assert.equal(provision.code, 0, provision.stderr);
    const group = s.org.db.insert('PermissionSetGroup', {
      DeveloperName: 'Integration_Bundle',
      MasterLabel: 'Integration bundle'
    });
    const groupSet = s.org.db.insert('PermissionSet', {
      Name: 'Integration_Bundle_Aggregate',
      Label: 'Integration bundle',
      Type: 'Group',
      PermissionSetGroupId: group,
      PermissionsApiEnabled: true
    });
    s.org.db.insert('PermissionSetAssignment', {
      AssigneeId: s.connectorId,
      PermissionSetId: groupSet,
      PermissionSetGroupId: group
    });

    const run = await runIn(['doctor', ...s.target, '--user', 'connector@acme.example', '--json'], { env: s.env });
    assert.equal(run.code, 0, JSON.stringify(run.json));
    const result = run.json!.result as DoctorResult;
    assert.deepEqual(byName(result, 'ApiEnabled').grantedBy.sort(), [
      'Permission set group: Integration_Bundle',
      'Permission set: Connector_Integration_Access',
      'Profile: Minimum Access - API Only Integrations'
    ]);
    assert.deepEqual(byName(result, 'AccountEdit').grantedBy, [
      'Permission set: Connector_Integration_Access (Read/Edit)'
    ]);
    assert.equal(result.summary.Missing, 0);

    const human = await runIn(['doctor', ...s.target, '--user', 'connector@acme.example'], { env: s.env });
    assert.equal(human.code, 0);
    assert.match(human.stdout, /Severity[\s│]+Requirement[\s│]+Target[\s│]+State[\s│]+Granted By Fix/);
    assert.match(human.stdout, /All Required requirements are met\./);
  });

  it('reports conditional permissions the org lacks as not available in this org', async () => {
    s = await seededOrg();
    const run = await runIn(['doctor', ...s.target, '-u', 'connector@acme.example', '--include-conditional'], {
      env: s.env
    });
    assert.match(run.stdout, /PermissionsCreateAuditFields[\s│]+not available in this org/);
    const json = await runIn(
      ['doctor', ...s.target, '-u', 'connector@acme.example', '--include-conditional', '--json'],
      { env: s.env }
    );
    const result = json.json!.result as DoctorResult;
    assert.equal(byName(result, 'SetAuditFields').state, 'NotAvailable');
  });

  it('fails for an unknown or inactive user and needs a user to audit', async () => {
    s = await seededOrg();
    const missing = await runIn(['doctor', ...s.target, '--user', 'nobody@acme.example', '--json'], { env: s.env });
    assert.equal(missing.code, 1);
    assert.match((missing.json!.result as DoctorResult).failures[0]!, /not found/);
    s.org.db.update('User', s.connectorId, { IsActive: false });
    const inactive = await runIn(['doctor', ...s.target, '--user', 'connector@acme.example', '--json'], { env: s.env });
    assert.ok((inactive.json!.result as DoctorResult).failures.some((f) => /inactive/.test(f)));
    const usage = await runIn(['doctor', ...s.target], { env: s.env });
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /--user <username>/);
  });
});
