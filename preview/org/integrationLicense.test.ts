/** The Salesforce Integration user license: the twin's rules, and the Apex that builds and guides for it. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  AssignmentRefused,
  assignPermissionSet,
  isIntegrationLicense,
  missingPermissionSetLicense,
  noTokenFix,
  PERMISSION_SET_LICENSE
} from './integrationLicense.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLASSES = 'force-app/main/default/classes';

describe('Salesforce Integration user license', () => {
  it('asks for the Salesforce API Integration permission set license before the connector permission set can be assigned', () => {
    const user = { id: '005x', licenseName: 'Salesforce Integration', permissionSetLicenses: [] as string[] };
    const repairSet = { name: 'Connector_Integration_Access', licenseName: null };
    assert.throws(() => assignPermissionSet(user, repairSet), AssignmentRefused);
    assert.equal(missingPermissionSetLicense(user.licenseName, false), true);
    assert.equal(missingPermissionSetLicense(user.licenseName, null), false, 'unreadable: no false finding');
    assert.equal(missingPermissionSetLicense('Salesforce', false), false);
    user.permissionSetLicenses.push(PERMISSION_SET_LICENSE);
    assert.doesNotThrow(() => assignPermissionSet(user, repairSet));
    assert.throws(() => assignPermissionSet(user, { name: 'Full', licenseName: 'Salesforce' }), AssignmentRefused);
  });

  it('builds the connector permission set without a user license, so it fits an Integration-license user', () => {
    const repair = readFileSync(join(ROOT, CLASSES, 'IntegrationAccessRepair.cls'), 'utf8');
    const created = /local = new PermissionSet\(([\s\S]*?)\);/.exec(repair);
    assert.ok(created, 'the repair creates its permission set');
    assert.doesNotMatch(created[1]!, /LicenseId/, 'a user license would refuse the Integration-license user');
  });

  it('guides an API-only user to a flow without a browser approval', () => {
    assert.equal(isIntegrationLicense(' salesforce integration '), true);
    assert.equal(noTokenFix('Salesforce Integration'), 'Status_FixNoTokenApiOnly');
    assert.equal(noTokenFix('Salesforce'), 'Status_FixNoToken');
    const status = readFileSync(join(ROOT, CLASSES, 'ConnectorStatusService.cls'), 'utf8');
    assert.match(
      status,
      /IntegrationLicenseFindings\.isIntegrationLicense\(audit\.view\.licenseName\)\s*\?\s*System\.Label\.Status_FixNoTokenApiOnly/
    );
  });
});
