/** The twins of IntegrationUserAudit, ConnectorStatusService and IntegrationAccessRepair follow the Apex rules. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ActionResult } from '../../scripts/contract/types.ts';
import { readCustomLabels, readRequirements } from './metadata.ts';
import { getJobs } from './jobs.ts';
import { DmlException, MIXED_DML_OPERATION, Org } from './org.ts';
import { invokeApex } from './registry.ts';
import { scenarios } from './scenarios.ts';
import { seedIds } from './seed.ts';
import { queryOauthTokens, revokeToken } from './oauthTokens.ts';
import { revokeUserTokens } from './connection.ts';
import {
  getStatus,
  noAccess,
  repairIntegrationAccess,
  REPAIR_ACTION,
  runAudit,
  STATUS_CODE_OLD_USER
} from './status.ts';
import { faults, refusals, savePermissionSet, saveObjectPermissions } from './permissionDml.ts';

const NOW = new Date('2025-11-23T14:05:00.000Z');
const labels = readCustomLabels();
const OLD_USER_CAUSE = `${STATUS_CODE_OLD_USER}${seedIds.oldConnector}`;

function seeded(): Org {
  return Org.open({ stateFile: null, now: () => NOW });
}

/** The refusal of a permission set save as the platform words it (injected where this org's tables have no rule). */
function integrityError(field: string, message: string) {
  return { statusCode: 'FIELD_INTEGRITY_EXCEPTION', message, fields: [field] };
}

function states(org: Org): Record<string, string> {
  return Object.fromEntries(runAudit(org).view.results.map((r) => [r.developerName, r.state]));
}

function repair(org: Org, requirementName: string | null): ActionResult {
  const response = invokeApex(org, 'AdminHomeController.repairIntegrationAccess', { requirementName });
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return response.body as ActionResult;
}

describe('in-memory org: integration-user audit', () => {
  test('evaluates every requirement record, saying where a met permission comes from', () => {
    const audit = runAudit(seeded());
    assert.equal(audit.view.results.length, readRequirements().length);
    const api = audit.view.results.find((r) => r.developerName === 'ApiEnabled');
    assert.equal(api?.state, 'Met');
    assert.deepEqual(api?.grantedBy, ['Permission set: API Enabled Access']);
    const task = audit.view.results.find((r) => r.developerName === 'TaskEdit');
    assert.deepEqual(task?.grantedBy, [
      'Profile: Connector Integration Profile',
      'Permission set: Connector Integration Access'
    ]);
  });

  test('reports missing, unavailable and package requirements like the Apex', () => {
    const audit = runAudit(seeded());
    const byName = new Map(audit.view.results.map((r) => [r.developerName, r]));
    assert.equal(byName.get('ModifyAllData')?.state, 'Missing');
    assert.equal(byName.get('ModifyAllData')?.fixAction, 'repairIntegrationAccess');
    assert.equal(byName.get('SetAuditFields')?.state, 'NotAvailable');
    assert.equal(byName.get('SetAuditFields')?.fix, labels.get('Audit_FixNotAvailable'));
    assert.equal(byName.get('SetAuditFields')?.setupUrl, '/lightning/setup/UserInterfaceUI/home');
    assert.equal(byName.get('IntegrationUserPermissionSet')?.state, 'Met');
  });

  test('marks everything not applicable without a connector user', () => {
    const org = seeded();
    if (org.state.settings) org.state.settings.ConnectorUserId__c = null;
    const audit = runAudit(org);
    assert.ok(audit.view.results.every((r) => r.state === 'NotApplicable'));
    // Without a connector user, everyone holding the connected app's tokens is an old user (OauthUsageService rule).
    assert.deepEqual(
      getStatus(org, audit).causes.map((c) => c.code),
      ['NO_CONNECTOR_USER', `${STATUS_CODE_OLD_USER}${seedIds.connector}`, OLD_USER_CAUSE]
    );
  });
});

describe('in-memory org: connector status', () => {
  test('the seed needs attention, causes most severe first', () => {
    const status = getStatus(seeded());
    assert.equal(status.verdict, 'NeedsAttention');
    assert.deepEqual(
      status.causes.map((c) => c.code),
      ['MISSING_ModifyAllData', 'MISSING_ViewAllData', OLD_USER_CAUSE, 'RECOMMENDED_MISSING']
    );
    assert.equal(status.tokenState, 'Present');
    assert.equal(status.tokenUseCount, 18_412);
  });

  test('every fix action of a cause is one the status card runs (the repair) or none', () => {
    for (const [name, apply] of Object.entries(scenarios)) {
      const org = seeded();
      apply(org);
      for (const cause of getStatus(org, runAudit(org), getJobs(org)).causes) {
        assert.ok([REPAIR_ACTION, null].includes(cause.fixAction), `${name}: ${cause.code} ${cause.fixAction}`);
      }
    }
  });

  test('an old connector user still authorized needs attention until its tokens are revoked', () => {
    const org = seeded();
    const cause = getStatus(org).causes.find((c) => c.code === OLD_USER_CAUSE);
    assert.ok(cause);
    const appName = org.state.settings?.ConnectedAppName__c ?? '';
    assert.equal(
      cause.message,
      (labels.get('Tokens_FindingOldUser') ?? '').replaceAll('{0}', 'Olivia Oldfield').replace('{1}', appName)
    );
    assert.equal(cause.fix, (labels.get('Tokens_FindingOldUserFix') ?? '').replace('{0}', 'Olivia Oldfield'));
    assert.equal(cause.severity, 'Required');
    assert.equal(cause.fixAction, null, 'the status card cannot revoke');
    assert.equal(cause.setupUrl, '/lightning/setup/ConnectedAppsUsage/home');

    const revoked = revokeUserTokens(org, seedIds.oldConnector, false);
    assert.equal(revoked.ok, true, revoked.message);
    assert.ok(!getStatus(org).causes.some((c) => c.code.startsWith(STATUS_CODE_OLD_USER)));
  });

  test('a job running as the former connector user needs attention; the jobs card restarts it', () => {
    const org = seeded();
    const status = getStatus(org, runAudit(org), getJobs(org));
    const job = status.causes.find((c) => c.code === 'JOB_ConnectorHealthCheck');
    assert.ok(job, status.causes.map((c) => c.code).join());
    assert.equal(job.severity, 'Required');
    assert.equal(job.fixAction, null, 'the status card has no job action');
    assert.match(job.message, /Olivia Oldfield/);
  });

  test('a frozen user disconnects; a stale heartbeat from another user needs attention', () => {
    const org = seeded();
    scenarios['connector-user-frozen']?.(org);
    const frozen = getStatus(org);
    assert.equal(frozen.verdict, 'Disconnected');
    assert.equal(frozen.causes[0]?.code, 'CONNECTOR_USER_FROZEN');

    const other = seeded();
    const settings = other.state.settings;
    assert.ok(settings);
    settings.LastHeartbeat__c = new Date(NOW.getTime() - 30 * 3_600_000).toISOString();
    settings.LastHeartbeatUserId__c = seedIds.oldConnector;
    const codes = getStatus(other).causes.map((c) => c.code);
    assert.ok(codes.includes('HEARTBEAT_STALE'), codes.join());
    assert.ok(codes.includes('HEARTBEAT_OTHER_USER'), codes.join());
  });

  test('no token of the connected app disconnects; no app name means token unknown, no finding', () => {
    const org = seeded();
    for (const token of queryOauthTokens(org, { userId: seedIds.connector })) {
      revokeToken(org, 'DELETE_TOKEN', token.DeleteToken);
    }
    const missing = getStatus(org);
    assert.equal(missing.verdict, 'Disconnected');
    assert.equal(missing.causes[0]?.code, 'NO_OAUTH_TOKEN');
    if (org.state.settings) org.state.settings.ConnectedAppName__c = null;
    const unknown = getStatus(org);
    assert.equal(unknown.tokenState, 'Unknown');
    assert.ok(!unknown.causes.some((c) => c.code === 'NO_OAUTH_TOKEN'));
  });

  test('a token the running user may not see is unknown, not missing (Customize Application)', () => {
    const org = seeded();
    org.state.runningUserId = seedIds.support;
    const status = getStatus(org);
    assert.equal(status.tokenState, 'Unknown');
    assert.ok(!status.causes.some((c) => c.code === 'NO_OAUTH_TOKEN'), status.causes.map((c) => c.code).join());
  });
});

describe('in-memory org: repairIntegrationAccess', () => {
  test('grants what is missing once; a second run changes nothing and says so', () => {
    const org = seeded();
    const first = repair(org, null);
    assert.equal(first.ok, true, first.message);
    assert.equal(first.changed, true);
    assert.match(first.message, /Connector_Integration_Access/);
    const after = states(org);
    assert.equal(after['ModifyAllData'], 'Met');
    assert.equal(after['ViewAllData'], 'Met');
    assert.equal(after['SetAuditFields'], 'NotAvailable');
    // Only the old connector user's tokens remain to be revoked.
    assert.deepEqual(
      getStatus(org).causes.map((c) => c.code),
      [OLD_USER_CAUSE]
    );

    const second = repair(org, null);
    assert.deepEqual(second, {
      ok: true,
      changed: false,
      message: (labels.get('Repair_NothingToChange') ?? '').replace('{0}', 'Connector Integration')
    });
    const actions = org.state.events.slice(-2).map((e) => [e.Action__c, e.Outcome__c]);
    assert.deepEqual(actions, [
      ['Repair integration access', 'Success'],
      ['Repair integration access', 'NoChange']
    ]);
  });

  test('a named requirement is repaired alone, its dependencies with it', () => {
    const org = seeded();
    const result = repair(org, 'ModifyAllData');
    assert.equal(result.changed, true);
    const after = states(org);
    assert.equal(after['ModifyAllData'], 'Met');
    assert.equal(after['ViewAllData'], 'Met', 'View All Data comes with Modify All Data');
    assert.equal(after['PasswordNeverExpires'], 'Missing', 'the recommended one was not named');
  });

  test('a user without Manage Connector is refused and nothing changes', () => {
    const org = seeded();
    scenarios['read-only-user']?.(org);
    const before = JSON.stringify(org.state.permissionSets);
    const response = invokeApex(org, 'AdminHomeController.repairIntegrationAccess', { requirementName: null });
    assert.equal(response.status, 400);
    assert.equal((response.body as { message: string }).message, labels.get('Error_ManageConnectorRequired'));
    assert.equal(JSON.stringify(org.state.permissionSets), before);
  });
});

describe('in-memory org: permission dependencies (the rule the repair twin goes through)', () => {
  test('refuses a permission set with Modify All Data but not what it depends on, naming every missing one', () => {
    const org = seeded();
    const local = org.state.permissionSets.find((ps) => ps.Name === 'Connector_Integration_Access')!;
    const set = { ...structuredClone(local), permissions: {} as Record<string, boolean> };
    const errors = savePermissionSet(org, set, ['PermissionsModifyAllData']);
    assert.deepEqual(errors, [
      {
        statusCode: 'FIELD_INTEGRITY_EXCEPTION',
        message:
          'Permission Modify All Data depends on permission(s): View All Data, View Setup and Configuration, Edit Tasks',
        fields: ['PermissionsModifyAllData']
      }
    ]);
    assert.equal(set.permissions['PermissionsModifyAllData'], undefined, 'nothing saved');
  });

  test('refuses a child object row whose parent is saved in the same call, and Edit without Read', () => {
    const org = seeded();
    const set = org.state.permissionSets.find((ps) => ps.Name === 'Sales_Operations')!;
    set.objectPermissions = {};
    const none = noAccess();
    const errors = saveObjectPermissions(
      org,
      set,
      new Map([
        ['Account', { ...none, PermissionsRead: true }],
        ['Contact', { ...none, PermissionsRead: true, PermissionsEdit: true }],
        ['Lead', { ...none, PermissionsEdit: true }]
      ])
    );
    assert.deepEqual(
      [...errors].map(([object, e]) => [object, e.map((x) => x.message).join()]),
      [
        ['Contact', 'Permission Read Contact depends on permission(s): Read Account'],
        ['Lead', 'Permission Edit Lead depends on permission(s): Read Lead']
      ]
    );
    assert.deepEqual(Object.keys(set.objectPermissions), ['Account']);
  });

  test('Fix on a user the package never repaired goes through a dependency chain of several saves and succeeds', () => {
    const org = seeded();
    scenarios['integration-permission-set-missing']?.(org);
    const before = refusals.length;
    const result = repair(org, null);
    assert.equal(result.ok, true, result.message);
    assert.equal(result.changed, true);
    const seen = refusals.slice(before).map((e) => e.message);
    assert.deepEqual(seen, [
      'Permission Modify All Data depends on permission(s): View Setup and Configuration, Edit Tasks',
      'Permission Read Contact depends on permission(s): Read Account',
      'Permission Read Opportunity depends on permission(s): Read Account'
    ]);
    assert.match(result.message, /Edit Tasks, .*View Setup and Configuration/);
    assert.doesNotMatch(result.message, /Permissions[A-Z]/, 'permissions by label, never by API name');
    const after = states(org);
    for (const name of ['ModifyAllData', 'ViewAllData', 'ContactEdit', 'OpportunityEdit', 'AccountEdit']) {
      assert.equal(after[name], 'Met', name);
    }
    const local = org.state.permissionSets.find((ps) => ps.Name === 'Connector_Integration_Access')!;
    assert.equal(local.permissions['PermissionsViewSetup'], true);
    assert.equal(local.objectPermissions['Contact']?.PermissionsRead, true);
  });

  test('a system permission that needs object access is saved once the object row is, on a new set', () => {
    const org = seeded();
    scenarios['integration-permission-set-missing']?.(org);
    // As real orgs refuse Convert Leads without Create Account; this org's table has no such rule, so inject it.
    faults.permissionSet = (set, permissions) =>
      permissions['PermissionsCustomizeApplication'] && !set.objectPermissions['Lead']?.PermissionsCreate
        ? integrityError(
            'PermissionsCustomizeApplication',
            'Permission Customize Application depends on permission(s): Create Lead'
          )
        : undefined;
    try {
      const result = repair(org, null);
      assert.equal(result.ok, true, result.message);
      const local = org.state.permissionSets.find((ps) => ps.Name === 'Connector_Integration_Access')!;
      assert.equal(local.permissions['PermissionsCustomizeApplication'], true);
      assert.equal(local.objectPermissions['Lead']?.PermissionsCreate, true);
      assert.equal(local.objectPermissions['Lead']?.PermissionsRead, true);
    } finally {
      delete faults.permissionSet;
    }
  });

  test('a refusal naming nothing the repair can add rolls everything back and points to Setup', () => {
    const org = seeded();
    scenarios['integration-permission-set-missing']?.(org);
    const before = JSON.stringify({ sets: org.state.permissionSets, psa: org.state.permissionSetAssignments });
    faults.permissionSet = (_set, permissions) =>
      permissions['PermissionsModifyMetadata']
        ? integrityError(
            'PermissionsModifyMetadata',
            'The user license doesn’t allow the permission: Modify Metadata Through Metadata API Functions'
          )
        : undefined;
    try {
      const result = repair(org, null);
      assert.equal(result.ok, false);
      assert.equal(result.changed, false);
      assert.equal(result.setupUrl, '/lightning/setup/PermSets/home');
      assert.match(result.message, /The user license doesn’t allow the permission/);
      assert.equal(
        JSON.stringify({ sets: org.state.permissionSets, psa: org.state.permissionSetAssignments }),
        before,
        'nothing half done: no set, no assignment'
      );
      assert.equal(org.state.events.at(-1)?.Outcome__c, 'Failure');
    } finally {
      delete faults.permissionSet;
    }
  });
});

describe('in-memory org: mixed DML (setup and non-setup objects in one call)', () => {
  const event = {
    Action__c: 'Repair integration access',
    Target__c: 'x',
    Outcome__c: 'Success' as const,
    Detail__c: null
  };

  test('an audit entry written directly in the same call as a PermissionSet write fails with MIXED_DML_OPERATION', () => {
    const org = seeded();
    const set = org.state.permissionSets.find((ps) => ps.Name === 'Connector_Integration_Access')!;
    const permissionSetsBefore = JSON.stringify(org.state.permissionSets);
    const eventsBefore = org.state.events.length;
    assert.throws(
      () =>
        org.transaction(() => {
          assert.deepEqual(savePermissionSet(org, set, ['PermissionsApiEnabled']), []);
          org.logEvent(event);
        }),
      (error: unknown) =>
        error instanceof DmlException &&
        error.statusCode === MIXED_DML_OPERATION &&
        /ConnectorEvent__c, original object: PermissionSet/.test(error.message)
    );
    assert.equal(JSON.stringify(org.state.permissionSets), permissionSetsBefore, 'the call rolled back');
    assert.equal(org.state.events.length, eventsBefore);
  });

  test('a PermissionSet write after an audit entry in the same call fails too; separate calls do not', () => {
    const org = seeded();
    const set = org.state.permissionSets.find((ps) => ps.Name === 'Connector_Integration_Access')!;
    assert.throws(
      () =>
        org.transaction(() => {
          org.logEvent(event);
          savePermissionSet(org, set, ['PermissionsApiEnabled']);
        }),
      (error: unknown) => error instanceof DmlException && error.statusCode === MIXED_DML_OPERATION
    );
    org.transaction(() => org.logEvent(event));
    org.transaction(() => assert.deepEqual(savePermissionSet(org, set, ['PermissionsApiEnabled']), []));
    assert.equal(set.permissions['PermissionsApiEnabled'], true);
  });

  test('the repair writes its audit entry from a queued job, after the call that changed the permission set', () => {
    const org = seeded();
    const eventsBefore = org.state.events.length;
    const result = org.transaction(() => {
      const repaired = repairIntegrationAccess(org, null);
      assert.equal(org.state.events.length, eventsBefore, 'not inserted in the call that wrote setup objects');
      return repaired;
    });
    assert.equal(result.ok, true, result.message);
    assert.equal(result.changed, true);
    const written = org.state.events.slice(eventsBefore);
    assert.deepEqual(
      written.map((e) => [e.Action__c, e.Outcome__c, e.CreatedById]),
      [['Repair integration access', 'Success', seedIds.admin]]
    );
  });

  test('a queued job that fails rolls back alone; the call that queued it stays committed', () => {
    const org = seeded();
    const eventsBefore = org.state.events.length;
    const result = org.transaction(() => {
      org.logEvent(event);
      org.enqueueJob(() => {
        org.logEvent(event);
        throw new Error('the queued job fails');
      });
      return 'done';
    });
    assert.equal(result, 'done');
    assert.equal(org.state.events.length, eventsBefore + 1, 'only the entry of the call itself');
  });

  test('a call that fails discards the audit entry it queued (the queued job is never run)', () => {
    const org = seeded();
    const eventsBefore = org.state.events.length;
    assert.throws(() =>
      org.transaction(() => {
        repairIntegrationAccess(org, null);
        throw new Error('the call fails after the repair');
      })
    );
    assert.equal(org.state.events.length, eventsBefore);
  });
});

describe('in-memory org: findings of the sandbox copy, the token policy and the Integration license', () => {
  const codes = (org: Org) => getStatus(org, runAudit(org)).causes.map((c) => c.code);

  test('a sandbox copy disconnects with the reconnect steps until a secret is set after the copy', () => {
    const org = seeded();
    scenarios['sandbox-copy']?.(org);
    const status = getStatus(org, runAudit(org));
    assert.equal(status.verdict, 'Disconnected');
    assert.equal(status.causes[0]?.code, 'SANDBOX_COPY');
    assert.equal(status.causes[0]?.fix, labels.get('Status_FixSandboxCopy'));
    // The date is a value the page formats (messageAt, the message's {0}), never text formatted by the org.
    assert.match(status.causes[0]?.message ?? '', /\(sandbox uat, \{0\}\)/);
    assert.equal(status.causes[0]?.messageAt, org.state.settings?.SandboxCopiedAt__c);
    assert.ok(status.causes[0]?.messageAt, 'the copy date');
    assert.equal(org.state.settings?.ClientSecret__c, null, 'the copy cleared the secret');
    assert.equal(org.state.settings?.LastHeartbeat__c, null, "production's heartbeat is cleared");
    assert.equal(org.state.cronTriggers.length, 0, "the package's jobs (by name or class) are stopped");
    const entry = org.state.events.at(-1);
    assert.equal(entry?.Action__c, 'Sandbox copy');
    assert.equal(entry?.CreatedById, seedIds.automatedProcess);
    // Reconnected: a secret set after the copy ends the finding.
    if (org.state.settings) org.state.settings.ClientSecretSetAt__c = new Date(NOW.getTime() + 60_000).toISOString();
    assert.ok(!codes(org).includes('SANDBOX_COPY'));
  });

  test('four approvals of the app by the connector user are near the limit of five', () => {
    const org = seeded();
    assert.ok(!codes(org).includes('TOKEN_APPROVALS_NEAR_LIMIT'), 'the seed holds one');
    scenarios['approvals-near-limit']?.(org);
    const cause = getStatus(org, runAudit(org)).causes.find((c) => c.code === 'TOKEN_APPROVALS_NEAR_LIMIT');
    assert.equal(cause?.severity, 'Recommended');
    assert.equal(
      cause?.message,
      labels
        .get('Status_TokenApprovals')
        ?.replace('{0}', 'Connector Integration')
        .replace('{1}', '4')
        .replace('{2}', 'Connector Platform')
        .replace('{3}', '5')
    );
  });

  test('an app not found under its name is "cannot read its policy", never a guess', () => {
    const org = seeded();
    org.state.connectedApplications = [];
    const cause = getStatus(org, runAudit(org)).causes.find((c) => c.code === 'CONNECTED_APP_POLICY_UNREADABLE');
    assert.equal(cause?.severity, 'Recommended');
    assert.equal(cause?.setupUrl, '/lightning/setup/ConnectedApplication/home');
  });

  test('an admin-approved-only app: not approved is Required; unknown (no View Setup) is no finding', () => {
    const org = seeded();
    const app = org.state.connectedApplications[0];
    assert.ok(app);
    app.OptionsAllowAdminApprovedUsersOnly = true;
    assert.ok(codes(org).includes('CONNECTED_APP_NOT_APPROVED'));
    org.state.setupEntityAccess.push({
      ParentId: org.state.permissionSets.find((ps) => ps.Name === 'Connector_Integration_Access')?.Id ?? '',
      SetupEntityId: app.Id,
      SetupEntityType: 'ConnectedApplication'
    });
    assert.ok(!codes(org).includes('CONNECTED_APP_NOT_APPROVED'), 'approved through a permission set');
    org.state.setupEntityAccess = [];
    for (const ps of org.state.permissionSets) delete ps.permissions['PermissionsViewSetup'];
    for (const p of org.state.profiles) delete p.permissions['PermissionsViewSetup'];
    assert.ok(!codes(org).includes('CONNECTED_APP_NOT_APPROVED'), 'SetupEntityAccess unreadable: cannot tell');
  });

  test('an idle-based refresh-token policy flags a token idle half its period', () => {
    const org = seeded();
    const app = org.state.connectedApplications[0];
    assert.ok(app);
    app.OptionsRefreshTokenValidityMetric = true;
    app.RefreshTokenValidityPeriod = 90;
    assert.ok(!codes(org).includes('TOKEN_IDLE_POLICY'), 'used minutes ago');
    const token = org.state.oauthTokens.find((t) => t.UserId === seedIds.connector);
    assert.ok(token);
    (token as { LastUsedDate: string | null }).LastUsedDate = new Date(NOW.getTime() - 45 * 86_400_000).toISOString();
    assert.ok(codes(org).includes('TOKEN_IDLE_POLICY'));
  });

  test('an Integration-license connector user without the permission set license: Required finding, API-only token fix', () => {
    const org = seeded();
    scenarios['integration-license']?.(org);
    const status = getStatus(org, runAudit(org));
    const psl = status.causes.find((c) => c.code === 'INTEGRATION_PSL_MISSING');
    assert.equal(psl?.severity, 'Required');
    assert.match(psl?.message ?? '', /^Ivy Integration .*Salesforce API Integration/);
    assert.equal(status.causes.find((c) => c.code === 'NO_OAUTH_TOKEN')?.fix, labels.get('Status_FixNoTokenApiOnly'));
    const ivy = org.state.users.find((u) => u.Name === 'Ivy Integration');
    assert.ok(ivy);
    org.state.permissionSetLicenseAssigns.push({
      Id: '2Pa000000000001',
      AssigneeId: ivy.Id,
      MasterLabel: 'Salesforce API Integration'
    });
    assert.ok(!codes(org).includes('INTEGRATION_PSL_MISSING'), 'assigned: no finding');
  });

  test('PermissionSetLicenseAssign is unreadable without View Setup or Assign Permission Sets: no finding, not a guess', () => {
    const org = seeded();
    scenarios['integration-license']?.(org);
    for (const ps of org.state.permissionSets) delete ps.permissions['PermissionsViewSetup'];
    for (const p of org.state.profiles) delete p.permissions['PermissionsViewSetup'];
    assert.ok(!codes(org).includes('INTEGRATION_PSL_MISSING'));
    const admin = org.state.profiles.find((p) => p.Id === seedIds.sysAdminProfile);
    assert.ok(admin);
    admin.permissions['PermissionsAssignPermissionSets'] = true;
    assert.ok(codes(org).includes('INTEGRATION_PSL_MISSING'));
  });
});
