/** Candidate readiness (UserReadinessService twin): the audit's rules applied to users before they are chosen. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { UserOptionView, UserReadinessView } from '../../scripts/contract/types.ts';
import { label } from './labels.ts';
import type { Org } from './org.ts';
import { searchConnectorCandidates, userReadiness } from './readiness.ts';
import { seedIds } from './seed.ts';
import { getStatus, runAudit } from './status.ts';
import { callAura, seededAt } from './testing.ts';

const NOW = new Date('2026-03-02T09:00:00.000Z');

/** One candidate's readiness, as the picker asks for it. */
function readinessOf(org: Org, userId: string): UserReadinessView {
  const readiness = userReadiness(org, [userId]).get(userId);
  assert.ok(readiness, `no readiness for ${userId}`);
  return readiness;
}

/** The picker's verdict on a candidate: ready, whether Fix makes it ready, and what breaks it whatever Fix does. */
function verdict(readiness: UserReadinessView): Pick<UserReadinessView, 'ready' | 'fixMakesReady' | 'breaks'> {
  return { ready: readiness.ready, fixMakesReady: readiness.fixMakesReady, breaks: readiness.breaks };
}

/** Ivy Integration gets the Salesforce API Integration permission set license. */
function assignIntegrationPsl(org: Org): void {
  org.state.permissionSetLicenseAssigns.push({
    Id: '2Pa000000000001AAA',
    AssigneeId: seedIds.integrationUser,
    MasterLabel: 'Salesforce API Integration'
  });
}

describe('candidate readiness', () => {
  test('an Integration-license candidate without the permission set license: a break, and Fix can grant nothing', () => {
    const org = seededAt(NOW);
    const ivy = readinessOf(org, seedIds.integrationUser);
    assert.equal(ivy.integrationLicense, true);
    assert.equal(ivy.hasPermissionSetLicense, false);
    assert.deepEqual(verdict(ivy), {
      ready: false,
      fixMakesReady: false,
      breaks: [label('Status_IntegrationPslMissing', 'Ivy Integration', 'Salesforce API Integration')]
    });
    assert.deepEqual(ivy.fixGrants, []);
    assert.deepEqual(ivy.cannotFix, ivy.missingRequired);
    assert.deepEqual(ivy.notes, [label('Status_FixNoTokenApiOnly')], 'API-only: no browser approval');

    assignIntegrationPsl(org);
    const licensed = readinessOf(org, seedIds.integrationUser);
    assert.deepEqual(licensed.breaks, []);
    assert.deepEqual(licensed.cannotFix, []);
    assert.equal(licensed.fixMakesReady, true);
    assert.ok(licensed.fixGrants.includes('Modify All Data'));
  });

  // platform-rule: permissionsetlicense-maximum-permissions
  test('a permission the Salesforce API Integration permission set license cannot hold is one Fix cannot grant', () => {
    const org = seededAt(NOW);
    assignIntegrationPsl(org);
    const license = org.state.permissionSetLicenses?.find((l) => l.MasterLabel === 'Salesforce API Integration');
    assert.ok(license, 'the seed has the permission set license');
    license.maximumPermissions['PermissionsModifyAllData'] = false;

    const ivy = readinessOf(org, seedIds.integrationUser);
    assert.deepEqual(ivy.cannotFix, ['Modify All Data']);
    assert.ok(!ivy.fixGrants.includes('Modify All Data'));
    assert.ok(ivy.fixGrants.includes('View All Data'), 'what the license holds, Fix grants');
    assert.equal(ivy.fixMakesReady, false);
    const sam = readinessOf(org, seedIds.support);
    assert.ok(sam.fixGrants.includes('Modify All Data'), 'a Salesforce-license user is not bound by it');
  });

  test('reads the same gaps the audit and the status find once the candidate is the connector user', () => {
    const org = seededAt(NOW);
    const sam = readinessOf(org, seedIds.support);
    assert.deepEqual(verdict(sam), { ready: false, fixMakesReady: true, breaks: [] });
    assert.equal(sam.apiEnabled, true);
    assert.ok(org.state.settings);
    org.state.settings.ConnectorUserId__c = seedIds.support;
    const audit = runAudit(org);
    const missing = audit.view.results.filter((r) => r.severity === 'Required' && r.state === 'Missing');
    assert.deepEqual(
      sam.missingRequired,
      missing.map((r) => r.label)
    );
    assert.equal(
      sam.requiredMissing + sam.requiredMet,
      audit.view.results.filter((r) => r.severity === 'Required').length
    );
    const statusCodes = getStatus(org, audit).causes.map((c) => c.code);
    for (const result of missing) assert.ok(statusCodes.includes(`MISSING_${result.developerName}`));
  });

  test('a candidate without API Enabled and one on a Chatter license: what Fix cannot close is a break', () => {
    const org = seededAt(NOW);
    const profile = org.state.profiles.find((p) => p.Id === seedIds.standardProfile);
    assert.ok(profile);
    profile.permissions['PermissionsApiEnabled'] = false;
    let sam = readinessOf(org, seedIds.support);
    assert.equal(sam.apiEnabled, false);
    assert.ok(sam.missingRequired.includes('API Enabled'));
    assert.ok(sam.fixGrants.includes('API Enabled'), 'Fix grants API Enabled through the permission set');
    profile.UserLicense = 'Chatter Free';
    sam = readinessOf(org, seedIds.support);
    assert.deepEqual(sam.breaks, [label('Readiness_LicenseLimited', 'Chatter Free')]);
    assert.deepEqual(sam.fixGrants, []);
    assert.ok(sam.cannotFix.includes('API Enabled'));
  });

  // platform-rule: oauthtoken-visibility-customize-application
  test('tokens the running user cannot see are unknown (null), not none', () => {
    const org = seededAt(NOW);
    assert.equal(readinessOf(org, seedIds.oldConnector).holdsTokens, 2);
    for (const p of org.state.profiles) p.permissions['PermissionsCustomizeApplication'] = false;
    for (const ps of org.state.permissionSets) ps.permissions['PermissionsCustomizeApplication'] = false;
    assert.equal(readinessOf(org, seedIds.oldConnector).holdsTokens, null);
  });

  test('searchConnectorCandidates answers searchUsers with readiness, and changes nothing', () => {
    const org = seededAt(NOW);
    const before = JSON.stringify(org.state);
    const found = callAura<UserOptionView[]>(org, 'searchConnectorCandidates', { term: 'ivy' });
    assert.deepEqual(
      found.map((u) => [u.name, u.readiness?.ready]),
      [['Ivy Integration', false]]
    );
    assert.equal(callAura<UserOptionView[]>(org, 'searchUsers', { term: 'ivy' })[0]?.readiness, undefined);
    assert.deepEqual(searchConnectorCandidates(org, 'i'), [], 'below two characters: no search');
    assert.equal(JSON.stringify(org.state), before);
  });
});
