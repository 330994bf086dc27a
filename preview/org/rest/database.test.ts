import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FakeOrg } from './server.ts';
import { QueryFailure, RecordFailure } from '../store/database.ts';

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
});
