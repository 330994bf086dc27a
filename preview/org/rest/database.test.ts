import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FakeOrg } from './server.ts';
import { QueryFailure, RecordFailure } from '../store/database.ts';
import { authorizeApp, revokeToken } from '../oauthTokens.ts';
import { addConnectedApplication, userLicenseId } from './policy-objects.ts';

function org(): { fake: FakeOrg; userId: string; psId: string } {
  const fake = new FakeOrg();
  const profile = fake.addProfile('Standard', { PermissionsApiEnabled: true });
  const userId = fake.addUser('a@acme.example', { profileId: profile });
  fake.addUser('b@acme.example', { profileId: profile, isActive: false });
  const psId = fake.addPermissionSet('Extra', {
    permissions: {
      PermissionsModifyAllData: true,
      PermissionsViewAllData: true,
      PermissionsViewSetup: true,
      PermissionsEditTask: true
    }
  });
  fake.assign(userId, psId);
  return { fake, userId, psId };
}

describe('fake org SOQL', () => {
  it('filters with IN, AND, relationship paths and returns nested parent fields', () => {
    const { fake } = org();
    const rows = fake.db.query(
      "SELECT AssigneeId, Assignee.Username, PermissionSet.Name, PermissionSet.Profile.Name FROM PermissionSetAssignment WHERE Assignee.Username IN ('A@acme.example') AND PermissionSet.IsOwnedByProfile = false"
    );
    assert.equal(rows.length, 1);
    assert.deepEqual((rows[0]!['Assignee'] as Record<string, unknown>)['Username'], 'a@acme.example');
    assert.equal((rows[0]!['PermissionSet'] as Record<string, unknown>)['Name'], 'Extra');
    assert.equal((rows[0]!['PermissionSet'] as Record<string, unknown>)['Profile'], null);
  });

  it('supports semi-joins, NOT IN, OR and child subqueries (null when empty)', () => {
    const { fake, psId } = org();
    fake.grantObject(psId, 'Account', { Read: true });
    const semi = fake.db.query(
      "SELECT SobjectType FROM ObjectPermissions WHERE ParentId IN (SELECT PermissionSetId FROM PermissionSetAssignment WHERE Assignee.Username = 'a@acme.example')"
    );
    assert.deepEqual(
      semi.map((r) => r['SobjectType']),
      ['Account']
    );
    const users = fake.db.query(
      "SELECT Username, (SELECT PermissionSetId FROM PermissionSetAssignments WHERE PermissionSet.Name = 'Extra') FROM User WHERE IsActive = false OR Username NOT IN ('b@acme.example') ORDER BY Username DESC"
    );
    assert.deepEqual(
      users.map((u) => u['Username']),
      ['b@acme.example', 'a@acme.example']
    );
    assert.equal(users[0]!['PermissionSetAssignments'], null);
    assert.equal((users[1]!['PermissionSetAssignments'] as { totalSize: number }).totalSize, 1);
  });

  it('rejects unknown fields and malformed statements like the org does', () => {
    const { fake } = org();
    assert.throws(
      () => fake.db.query('SELECT PermissionsCreateAuditFields FROM PermissionSet'),
      (e: unknown) => e instanceof QueryFailure && e.errorCode === 'INVALID_FIELD'
    );
    assert.throws(
      () => fake.db.query('SELECT Id FROM User WHERE'),
      (e: unknown) => e instanceof QueryFailure && e.errorCode === 'MALFORMED_QUERY'
    );
  });

  it('enforces duplicate assignments and object permission dependencies', () => {
    const { fake, userId, psId } = org();
    assert.throws(
      () => fake.assign(userId, psId),
      (e: unknown) => e instanceof RecordFailure && e.error.statusCode === 'DUPLICATE_VALUE'
    );
    assert.throws(
      () => fake.grantObject(psId, 'Contact', { Edit: true }),
      (e: unknown) => e instanceof RecordFailure && e.error.statusCode === 'FIELD_INTEGRITY_EXCEPTION'
    );
  });

  it('refuses Modify All Data without View All Data and the rest, naming every missing permission', () => {
    const { fake } = org();
    assert.throws(
      () => fake.addPermissionSet('Wrap_Up', { permissions: { PermissionsModifyAllData: true } }),
      (e: unknown) =>
        e instanceof RecordFailure &&
        e.error.statusCode === 'FIELD_INTEGRITY_EXCEPTION' &&
        e.error.message ===
          'Permission Modify All Data depends on permission(s): View All Data, View Setup and Configuration, Edit Tasks' &&
        e.error.fields.join() === 'PermissionsModifyAllData'
    );
    assert.equal(fake.db.rows('PermissionSet').filter((r) => r['Name'] === 'Wrap_Up').length, 0, 'nothing saved');
  });

  it('refuses object access lacking Read, then a child object lacking its parent’s Read (a two-step chain)', () => {
    const { fake, psId } = org();
    const refusal = (message: string) => (e: unknown) =>
      e instanceof RecordFailure && e.error.statusCode === 'FIELD_INTEGRITY_EXCEPTION' && e.error.message === message;
    assert.throws(
      () => fake.grantObject(psId, 'Contact', { Edit: true }),
      refusal('Permission Edit Contact depends on permission(s): Read Contact')
    );
    assert.throws(
      () => fake.grantObject(psId, 'Contact', { Read: true, Edit: true }),
      refusal('Permission Read Contact depends on permission(s): Read Account')
    );
    fake.grantObject(psId, 'Account', { Read: true });
    fake.grantObject(psId, 'Contact', { Read: true, Edit: true });
  });

  it("runs over the Org's own records: a REST write is what the services read, and a service write is what SOQL reads", () => {
    const { fake, userId, psId } = org();
    // The REST face's insert is the Org's record, with no copy in between.
    const user = fake.twin.user(userId)!;
    assert.equal(user.Username, 'a@acme.example');
    assert.deepEqual(
      fake.twin.permissionSetsOf(userId).map((ps) => ps.Name),
      ['Extra']
    );
    assert.equal(fake.twin.profile(user.ProfileId)!.permissions['PermissionsApiEnabled'], true);
    fake.grantObject(psId, 'Account', { Read: true });
    assert.equal(
      fake.twin.state.permissionSets.find((ps) => ps.Id === psId)!.objectPermissions['Account']!.PermissionsRead,
      true
    );
    // A change made on the Org (as a service makes it) is what the next query reads.
    user.IsActive = false;
    fake.twin.state.permissionSetAssignments = fake.twin.state.permissionSetAssignments.filter(
      (a) => a.PermissionSetId !== psId
    );
    assert.deepEqual(
      fake.db.query(`SELECT IsActive FROM User WHERE Id = '${userId}'`).map((r) => r['IsActive']),
      [false]
    );
    assert.deepEqual(
      fake.db
        .query(`SELECT PermissionSet.Name FROM PermissionSetAssignment WHERE AssigneeId = '${userId}'`)
        .map((r) => (r['PermissionSet'] as Record<string, unknown>)['Name']),
      [fake.db.rows('PermissionSet').find((ps) => ps['ProfileId'] === user.ProfileId)!['Name']],
      "only the profile's own permission set is left"
    );
  });

  it("shows each profile's permission set and each user's assignment of it, as the platform creates them", () => {
    const { fake, userId } = org();
    const profileId = fake.twin.user(userId)!.ProfileId;
    const rows = fake.db.query(
      `SELECT PermissionSet.IsOwnedByProfile, PermissionSet.Profile.Name, PermissionSet.PermissionsApiEnabled FROM PermissionSetAssignment WHERE AssigneeId = '${userId}' AND PermissionSet.IsOwnedByProfile = true`
    );
    assert.deepEqual(
      rows.map((r) => r['PermissionSet']),
      [
        {
          attributes: { type: 'sobject' },
          IsOwnedByProfile: true,
          Profile: { attributes: { type: 'sobject' }, Name: 'Standard' },
          PermissionsApiEnabled: true
        }
      ]
    );
    assert.equal(fake.twin.state.profiles.find((p) => p.Id === profileId)!.Name, 'Standard');
    assert.throws(
      () => fake.assign(userId, fake.profilePermissionSetId(profileId)),
      (e: unknown) => e instanceof RecordFailure && e.error.statusCode === 'DUPLICATE_VALUE'
    );
  });

  it("deletes the Org's own User and ConnectedApplication records: SOQL and the services no longer see them", () => {
    const { fake } = org();
    const app = addConnectedApplication(fake.db, { Name: 'Acme Connector' });
    const [inactive] = fake.db.query("SELECT Id FROM User WHERE Username = 'b@acme.example'");
    fake.db.delete(app);
    fake.db.delete(String(inactive!['Id']));
    assert.deepEqual(fake.db.query('SELECT Id FROM ConnectedApplication'), []);
    assert.deepEqual(fake.twin.state.connectedApplications, []);
    assert.deepEqual(
      fake.db.query("SELECT Username FROM User WHERE Username LIKE '%@acme.example'").map((u) => u['Username']),
      ['a@acme.example']
    );
    assert.equal(
      fake.twin.state.users.find((u) => u.Username === 'b@acme.example'),
      undefined
    );
  });

  it('keeps the policy records and OAuth tokens once: what one face writes the other reads, with no copy step', () => {
    const { fake, userId } = org();
    const twin = fake.twin;
    const profileId = twin.user(userId)!.ProfileId;
    // REST face → Org: the connected app, its access through the profile's own permission set, the licenses.
    const app = addConnectedApplication(fake.db, { Name: 'Acme Connector', OptionsAllowAdminApprovedUsersOnly: true });
    assert.deepEqual(
      twin.state.connectedApplications.map((a) => [a.Id, a.OptionsAllowAdminApprovedUsersOnly]),
      [[app, true]]
    );
    fake.db.insert('SetupEntityAccess', {
      ParentId: fake.profilePermissionSetId(profileId),
      SetupEntityId: app,
      SetupEntityType: 'ConnectedApplication'
    });
    assert.deepEqual(
      twin.state.setupEntityAccess.map((s) => s.ParentId),
      [profileId],
      "the Org stands the profile's Id for its permission set"
    );
    fake.db.update('Profile', profileId, { UserLicenseId: userLicenseId(fake.db, 'Salesforce Integration') });
    assert.equal(twin.profile(profileId)!.UserLicense, 'Salesforce Integration');
    const psl = fake.db.insert('PermissionSetLicense', {
      DeveloperName: 'SalesforceAPIIntegrationPsl',
      MasterLabel: 'Salesforce API Integration'
    });
    fake.db.insert('PermissionSetLicenseAssign', { AssigneeId: userId, PermissionSetLicenseId: psl });
    assert.deepEqual(
      twin.state.permissionSetLicenseAssigns.map((a) => [a.AssigneeId, a.MasterLabel]),
      [[userId, 'Salesforce API Integration']]
    );
    assert.throws(
      () => fake.db.insert('PermissionSetLicenseAssign', { AssigneeId: userId, PermissionSetLicenseId: app }),
      (e: unknown) => e instanceof RecordFailure && e.error.statusCode === 'INVALID_CROSS_REFERENCE_KEY'
    );
    // Org → REST face: a change the services (or a scenario) make is the next query's answer.
    twin.state.connectedApplications[0]!.RefreshTokenValidityPeriod = 30;
    twin.profile(profileId)!.UserLicense = 'Salesforce';
    twin.state.setupEntityAccess.push({
      ParentId: profileId,
      SetupEntityId: '0H4000000000999AAA',
      SetupEntityType: 'ConnectedApplication'
    });
    assert.deepEqual(
      fake.db.query(`SELECT RefreshTokenValidityPeriod FROM ConnectedApplication WHERE Id = '${app}'`)[0]![
        'RefreshTokenValidityPeriod'
      ],
      30
    );
    const user = fake.db.query(
      `SELECT Profile.UserLicense.Name, Profile.UserLicenseId FROM User WHERE Id = '${userId}'`
    )[0]!;
    const profile = user['Profile'] as { UserLicense: { Name: string }; UserLicenseId: string };
    assert.equal(profile.UserLicense.Name, 'Salesforce');
    assert.equal(fake.db.objectOf(profile.UserLicenseId), 'UserLicense');
    assert.deepEqual(
      fake.db
        .query(
          `SELECT ParentId, Parent.IsOwnedByProfile FROM SetupEntityAccess WHERE SetupEntityId = '0H4000000000999AAA'`
        )
        .map((r) => [r['ParentId'], (r['Parent'] as Record<string, unknown>)['IsOwnedByProfile']]),
      [[fake.profilePermissionSetId(profileId), true]]
    );
    // OauthToken: one list. A token the REST face's OAuth flow creates is the Org's; one the Org's flow creates is
    // the REST face's; revoking on either side removes it for both.
    const restToken = fake.oauthTokens.authorize({ userId, appName: 'Acme Connector' });
    assert.deepEqual(
      twin.state.oauthTokens.map((t) => [t.Id, t.DeleteToken]),
      [[null, restToken]]
    );
    const orgToken = authorizeApp(twin, { userId, appName: 'Acme Connector' });
    assert.deepEqual(
      fake.oauthTokens.held({ userId }).map((t) => t['DeleteToken']),
      [restToken, orgToken]
    );
    assert.equal(revokeToken(twin, 'DELETE_TOKEN', restToken), true);
    assert.equal(
      fake.oauthTokens.revoke(
        'POST',
        '/services/oauth2/revoke',
        `token=${orgToken}`,
        'application/x-www-form-urlencoded'
      ).status,
      200
    );
    assert.deepEqual(twin.state.oauthTokens, []);
    assert.deepEqual(fake.oauthTokens.held(), []);
  });
  it('keeps its row index through token inserts and revokes instead of rebuilding it per write', () => {
    // Revoking 2,600 tokens one by one rebuilt every row per revoke (80 s of CPU in the CLI test); each write now
    // updates the index, so a row read before other writes is the same row object after them.
    const { fake, userId } = org();
    const tokens = Array.from({ length: 5 }, () => fake.oauthTokens.authorize({ userId, appName: 'Acme Connector' }));
    const first = fake.db.rows('OauthToken')[0]!;
    fake.oauthTokens.authorize({ userId, appName: 'Acme Connector' });
    const revoked = fake.oauthTokens.revoke(
      'POST',
      '/services/oauth2/revoke',
      `token=${tokens[1]}`,
      'application/x-www-form-urlencoded'
    );
    assert.equal(revoked.status, 200);
    const rows = fake.db.rows('OauthToken');
    assert.equal(rows.length, 5);
    assert.ok(rows[0] === first, 'the index was kept, not rebuilt');
    assert.ok(!rows.some((r) => r['DeleteToken'] === tokens[1]), 'the revoked token is gone from the index');
    assert.equal(fake.db.query(`SELECT COUNT() FROM OauthToken WHERE DeleteToken = '${tokens[1]}'`)[0]?.['expr0'], 0);
  });
});
