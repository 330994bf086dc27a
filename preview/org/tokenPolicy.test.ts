/** Token and connected-app policy: the twin's rules and the platform facts they rest on. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  APPROVAL_LIMIT,
  authorize,
  type ConnectedApplicationRow,
  InvalidField,
  queryConnectedApplication,
  querySetupEntityAccess,
  tokenPolicyFindings
} from './tokenPolicy.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const APP: ConnectedApplicationRow = {
  Id: '0H4000000000001AAA',
  Name: 'Platform Connector',
  OptionsAllowAdminApprovedUsersOnly: false,
  OptionsRefreshTokenValidityMetric: false,
  RefreshTokenValidityPeriod: null
};

function codes(input: Parameters<typeof tokenPolicyFindings>[0]): string[] {
  return tokenPolicyFindings(input).map((finding) => finding.code);
}

describe('token and connected-app policy', () => {
  it('revokes the oldest approval of a user beyond five per connected app, and warns from four on', () => {
    let approvals: { userId: string; createdDate: Date }[] = [];
    for (let day = 1; day <= APPROVAL_LIMIT; day++) {
      const result = authorize(approvals, 'connector', new Date(Date.UTC(2026, 0, day)));
      assert.equal(result.revoked, null, `approval ${day} revokes nothing`);
      approvals = result.approvals;
    }
    approvals.push({ userId: 'other', createdDate: new Date(Date.UTC(2025, 0, 1)) });
    const sixth = authorize(approvals, 'connector', new Date(Date.UTC(2026, 0, 9)));
    assert.deepEqual(sixth.revoked, { userId: 'connector', createdDate: new Date(Date.UTC(2026, 0, 1)) });
    assert.equal(sixth.approvals.filter((a) => a.userId === 'connector').length, APPROVAL_LIMIT);
    assert.equal(sixth.approvals.filter((a) => a.userId === 'other').length, 1, 'another user keeps theirs');
    assert.deepEqual(codes({ approvals: 3, policy: APP, userApproved: null, idleDays: 0 }), []);
    assert.deepEqual(codes({ approvals: 4, policy: APP, userApproved: null, idleDays: 0 }), [
      'TOKEN_APPROVALS_NEAR_LIMIT'
    ]);
  });

  it('reads only the ConnectedApplication fields the Object Reference lists, and the Apex names no other', () => {
    assert.throws(() => queryConnectedApplication([APP], ['Id', 'RefreshTokenValidityUnit'], APP.Name), InvalidField);
    assert.deepEqual(queryConnectedApplication([APP], ['Id', 'OptionsAllowAdminApprovedUsersOnly'], APP.Name), [
      { Id: APP.Id, OptionsAllowAdminApprovedUsersOnly: false }
    ]);
    const apex = readFileSync(join(ROOT, 'force-app/main/default/classes/ConnectedAppSelector.cls'), 'utf8');
    const select = /SELECT\s+([\s\S]*?)\s+FROM ConnectedApplication/.exec(apex);
    assert.ok(select, 'the selector queries ConnectedApplication');
    const fields = select[1]!.split(',').map((field) => field.trim());
    assert.doesNotThrow(() => queryConnectedApplication([APP], fields, APP.Name));
    assert.doesNotMatch(apex, /\b(insert|update|upsert|delete)\b[^;]*ConnectedApplication/i, 'read-only object');
  });

  it('flags an admin-approved-only app the connector user is not approved for, never on unknown approval', () => {
    const restricted = { ...APP, OptionsAllowAdminApprovedUsersOnly: true };
    assert.deepEqual(codes({ approvals: 1, policy: restricted, userApproved: false, idleDays: 0 }), [
      'CONNECTED_APP_NOT_APPROVED'
    ]);
    assert.deepEqual(codes({ approvals: 1, policy: restricted, userApproved: true, idleDays: 0 }), []);
    assert.deepEqual(codes({ approvals: 1, policy: restricted, userApproved: null, idleDays: 0 }), []);
  });

  it('flags a token idle under an idle-based policy and says when the policy cannot be read', () => {
    const idle = { ...APP, OptionsRefreshTokenValidityMetric: true, RefreshTokenValidityPeriod: 30 };
    assert.deepEqual(codes({ approvals: 1, policy: idle, userApproved: null, idleDays: 20 }), ['TOKEN_IDLE_POLICY']);
    assert.deepEqual(codes({ approvals: 1, policy: idle, userApproved: null, idleDays: 10 }), []);
    assert.deepEqual(
      codes({
        approvals: 1,
        policy: { ...idle, OptionsRefreshTokenValidityMetric: false },
        userApproved: null,
        idleDays: 20
      }),
      []
    );
    assert.deepEqual(codes({ approvals: 1, policy: null, userApproved: null, idleDays: 20 }), [
      'CONNECTED_APP_POLICY_UNREADABLE'
    ]);
  });
});

describe('SetupEntityAccess', () => {
  it('is readable only with View Setup and Configuration: approvals read in user mode say "cannot tell", recipients in system mode', () => {
    const rows = [{ ParentId: '0PS1', SetupEntityId: APP.Id, SetupEntityType: 'ConnectedApplication' as const }];
    assert.throws(() => querySetupEntityAccess(rows, { viewSetup: false, systemMode: false }, APP.Id, ['0PS1']));
    assert.equal(querySetupEntityAccess(rows, { viewSetup: true, systemMode: false }, APP.Id, ['0PS1']).length, 1);
    assert.equal(querySetupEntityAccess(rows, { viewSetup: false, systemMode: true }, APP.Id, ['0PS2']).length, 0);
    const apps = readFileSync(join(ROOT, 'force-app/main/default/classes/ConnectedAppSelector.cls'), 'utf8');
    assert.match(
      apps,
      /FROM SetupEntityAccess[\s\S]*?WITH USER_MODE[\s\S]*?catch \(QueryException e\) \{\s*return null;/
    );
    const alerts = readFileSync(join(ROOT, 'force-app/main/default/classes/ConnectorAlertSelector.cls'), 'utf8');
    assert.match(alerts, /FROM SetupEntityAccess[\s\S]*?WITH SYSTEM_MODE/);
  });
});
