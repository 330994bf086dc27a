import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, it } from 'node:test';
import { settingsOf } from '../../preview/org/connection.ts';
import { addConnectedApplication, userLicenseId } from '../../preview/org/rest/policy-objects.ts';
import { runIn, seededOrg, type SeededOrg, stopSeededOrg } from '../testing/harness.ts';
import { BEFORE_IT_BREAKS_CODES, type DoctorFinding, type DoctorResult } from './doctor.ts';

const APP = 'Acme Connector';
const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString();

describe('doctor', () => {
  let s: SeededOrg | undefined;
  afterEach(async () => (s = await stopSeededOrg(s)));

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
    assert.equal(s.org.stats.requests, 3, 'health + describe + one composite read');
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

  describe('before it breaks', () => {
    const findingsOf = (result: DoctorResult) => result.findings ?? [];
    const finding = (result: DoctorResult, code: string): DoctorFinding | undefined =>
      findingsOf(result).find((f) => f.code === code);
    /** `doctor --user <user> --json` as the admin, or with the target flags of another session (`loginAs`). */
    const doctor = async (user = 'connector@acme.example', extra: string[] = [], target = s!.target) => {
      const run = await runIn(['doctor', ...target, '--user', user, '--json', ...extra], { env: s!.env });
      return { code: run.code, result: run.json!.result as DoctorResult };
    };
    /** The package configured with the connector user and the connected app, the app readable. */
    const configured = async (app: Parameters<typeof addConnectedApplication>[1] = { Name: APP }) => {
      s = await seededOrg();
      s!.org.settings['connectorUserId'] = s!.connectorId;
      s!.org.settings['connectedAppName'] = APP;
      return addConnectedApplication(s!.org.db, app);
    };
    const profileSet = () => s!.org.profilePermissionSetId(s!.standardProfileId);

    it('takes from the package exactly the codes its Apex rules report', () => {
      const dir = new URL('../../force-app/main/default/classes/', import.meta.url);
      const apex = readdirSync(dir)
        .filter((f) => f.endsWith('.cls') && !f.endsWith('_Tests.cls'))
        .map((f) => readFileSync(new URL(f, dir), 'utf8'))
        .join('\n');
      for (const code of BEFORE_IT_BREAKS_CODES) assert.ok(apex.includes(`'${code}'`), `${code} in the Apex`);
    });

    it('approvals near the limit: from the fourth approval of the app on (the package verdict), not at three', async () => {
      await configured();
      for (let i = 0; i < 3; i++) s!.org.oauthTokens.authorize({ userId: s!.connectorId, appName: APP });
      const three = await doctor();
      assert.equal(three.result.package?.isConnectorUser, true);
      assert.equal(finding(three.result, 'TOKEN_APPROVALS_NEAR_LIMIT'), undefined);
      s!.org.oauthTokens.authorize({ userId: s!.connectorId, appName: APP });
      const four = await doctor();
      const near = finding(four.result, 'TOKEN_APPROVALS_NEAR_LIMIT')!;
      assert.equal(near.source, 'package');
      assert.equal(near.severity, 'Recommended');
      assert.match(near.message, /4/);
      assert.ok(near.fix);
      assert.ok(!four.result.failures.some((f) => f === `${near.message} ${near.fix}`), 'Recommended: not a failure');
    });

    it('admin-approved-only app: Required (exit 1) while neither the profile nor a set is approved, gone once it is', async () => {
      const app = await configured({ Name: APP, OptionsAllowAdminApprovedUsersOnly: true });
      await runIn(['provision', ...s!.target, '--connector-user', 'connector@acme.example', '--skip-jobs'], {
        env: s!.env
      });
      const blocked = await doctor();
      const notApproved = finding(blocked.result, 'CONNECTED_APP_NOT_APPROVED')!;
      assert.equal(notApproved.severity, 'Required');
      assert.equal(notApproved.source, 'package');
      assert.equal(blocked.code, 1);
      assert.ok(blocked.result.failures.some((f) => f.startsWith(notApproved.message)));
      s!.org.db.insert('SetupEntityAccess', {
        ParentId: profileSet(),
        SetupEntityId: app,
        SetupEntityType: 'ConnectedApplication'
      });
      const approved = await doctor();
      assert.equal(finding(approved.result, 'CONNECTED_APP_NOT_APPROVED'), undefined);
      assert.equal(approved.code, 0, approved.result.failures.join('\n'));
    });

    it('idle token: flagged at half the idle-based policy, not before, and never under an age-based policy', async () => {
      await configured({ Name: APP, OptionsRefreshTokenValidityMetric: true, RefreshTokenValidityPeriod: 30 });
      s!.org.oauthTokens.authorize({
        userId: s!.connectorId,
        appName: APP,
        createdDate: daysAgo(40),
        lastUsedDate: daysAgo(5)
      });
      assert.equal(finding((await doctor()).result, 'TOKEN_IDLE_POLICY'), undefined);
      const token = s!.org.oauthTokens.held({ userId: s!.connectorId })[0]!;
      s!.org.db.update('OauthToken', String(token['Id']), { LastUsedDate: daysAgo(20) });
      const idle = finding((await doctor()).result, 'TOKEN_IDLE_POLICY')!;
      assert.equal(idle.severity, 'Recommended');
      assert.match(idle.message, /20/);
      const app = s!.org.db.rows('ConnectedApplication')[0]!;
      s!.org.db.update('ConnectedApplication', String(app['Id']), { OptionsRefreshTokenValidityMetric: false });
      assert.equal(finding((await doctor()).result, 'TOKEN_IDLE_POLICY'), undefined);
    });

    it('Integration license without the Salesforce API Integration permission set license: Required until assigned', async () => {
      await configured();
      s!.org.db.update('Profile', s!.standardProfileId, {
        UserLicenseId: userLicenseId(s!.org.db, 'Salesforce Integration')
      });
      const missing = await doctor();
      assert.equal(missing.result.user?.licenseName, 'Salesforce Integration');
      const psl = finding(missing.result, 'INTEGRATION_PSL_MISSING')!;
      assert.equal(psl.severity, 'Required');
      assert.equal(psl.source, 'package');
      assert.ok(missing.result.failures.some((f) => f.startsWith(psl.message)));
      const license = s!.org.db.insert('PermissionSetLicense', {
        DeveloperName: 'SalesforceAPIIntegrationPsl',
        MasterLabel: 'Salesforce API Integration'
      });
      s!.org.db.insert('PermissionSetLicenseAssign', { AssigneeId: s!.connectorId, PermissionSetLicenseId: license });
      assert.equal(finding((await doctor()).result, 'INTEGRATION_PSL_MISSING'), undefined);
    });

    it('sandbox copy: the package reports it (Disconnected, exit 1) for any audited user until a secret is set again', async () => {
      await configured();
      const settings = settingsOf(s!.org.twin);
      const copiedAt = daysAgo(1);
      settings.SandboxCopiedAt__c = copiedAt;
      settings.SandboxName__c = 'uat';
      const copied = await doctor();
      const copy = finding(copied.result, 'SANDBOX_COPY')!;
      assert.equal(copy.severity, 'Required');
      assert.equal(copy.source, 'package');
      // The package writes the date in as UTC for a REST caller; --json also carries the ISO value.
      const utc = `${copiedAt.slice(0, 10)} ${copiedAt.slice(11, 16)} UTC`;
      assert.equal(copy.messageAt, copiedAt);
      assert.ok(copy.message.includes(`(sandbox uat, ${utc})`), copy.message);
      assert.doesNotMatch(copy.message, /\{\d\}/);
      const human = await runIn(['doctor', ...s!.target, '--user', 'connector@acme.example'], { env: s!.env });
      assert.ok(human.stdout.includes(`(sandbox uat, ${utc})`), human.stdout);
      assert.equal(copied.result.package?.verdict, 'Disconnected');
      assert.equal(copied.code, 1);
      const other = await doctor('admin@acme.example');
      assert.equal(other.result.package?.isConnectorUser, false);
      assert.ok(finding(other.result, 'SANDBOX_COPY'), 'org-wide: shown whoever is audited');
      s!.org.secrets.set('apiKey', { value: 'k', setAt: new Date().toISOString(), setBy: s!.adminId });
      assert.equal(finding((await doctor()).result, 'SANDBOX_COPY'), undefined);
    });

    it('a candidate user (not the connector user): doctor runs the same rules itself over SOQL', async () => {
      const app = await configured({
        Name: APP,
        OptionsAllowAdminApprovedUsersOnly: true,
        OptionsRefreshTokenValidityMetric: true,
        RefreshTokenValidityPeriod: 10
      });
      const profile = s!.org.addProfile('Integration Candidate', { PermissionsApiEnabled: true });
      s!.org.db.update('Profile', profile, { UserLicenseId: userLicenseId(s!.org.db, 'Salesforce Integration') });
      const candidate = s!.org.addUser('candidate@acme.example', { profileId: profile });
      for (let i = 0; i < 4; i++) {
        s!.org.oauthTokens.authorize({
          userId: candidate,
          appName: APP,
          createdDate: daysAgo(9),
          lastUsedDate: daysAgo(8)
        });
      }
      const before = await doctor('candidate@acme.example');
      assert.equal(before.result.package?.isConnectorUser, false);
      const codes = findingsOf(before.result).map((f) => `${f.code}:${f.source}`);
      assert.deepEqual(codes.sort(), [
        'CONNECTED_APP_NOT_APPROVED:doctor',
        'INTEGRATION_PSL_MISSING:doctor',
        'TOKEN_APPROVALS_NEAR_LIMIT:doctor',
        'TOKEN_IDLE_POLICY:doctor'
      ]);
      assert.equal(before.code, 1);

      s!.org.db.insert('SetupEntityAccess', {
        ParentId: s!.org.profilePermissionSetId(profile),
        SetupEntityId: app,
        SetupEntityType: 'ConnectedApplication'
      });
      const license = s!.org.db.insert('PermissionSetLicense', {
        DeveloperName: 'SalesforceAPIIntegrationPsl',
        MasterLabel: 'Salesforce API Integration'
      });
      s!.org.db.insert('PermissionSetLicenseAssign', { AssigneeId: candidate, PermissionSetLicenseId: license });
      for (const token of s!.org.oauthTokens.held({ userId: candidate }).slice(1))
        s!.org.db.delete(String(token['Id']));
      s!.org.db.update('OauthToken', String(s!.org.oauthTokens.held({ userId: candidate })[0]!['Id']), {
        LastUsedDate: daysAgo(1)
      });
      const after = await doctor('candidate@acme.example');
      assert.deepEqual(findingsOf(after.result), []);
    });

    it('a refused PermissionSetLicenseAssign read is "cannot tell": said in notes, no INTEGRATION_PSL_MISSING', async () => {
      await configured();
      const profile = s!.org.addProfile('Integration Candidate', { PermissionsApiEnabled: true });
      s!.org.db.update('Profile', profile, { UserLicenseId: userLicenseId(s!.org.db, 'Salesforce Integration') });
      s!.org.addUser('candidate@acme.example', { profileId: profile });
      const missing = await doctor('candidate@acme.example');
      assert.equal(finding(missing.result, 'INTEGRATION_PSL_MISSING')?.source, 'doctor');
      // platform-rule: permissionsetlicenseassign-view-setup — without View Setup or Assign Permission Sets: refused.
      s!.org.faults.push({
        path: /FROM(%20|\+| )PermissionSetLicenseAssign/i,
        times: 1,
        status: 400,
        body: [{ errorCode: 'INVALID_TYPE', message: "sObject type 'PermissionSetLicenseAssign' is not supported." }]
      });
      const cannotTell = await doctor('candidate@acme.example');
      assert.equal(finding(cannotTell.result, 'INTEGRATION_PSL_MISSING'), undefined);
      assert.ok(cannotTell.result.notes?.some((n) => /Cannot read PermissionSetLicenseAssign/.test(n)));
    });

    it("a user without Customize Application cannot count another user's approvals: said, not reported as none", async () => {
      await configured();
      const candidate = s!.org.addUser('candidate@acme.example', { profileId: s!.standardProfileId });
      for (let i = 0; i < 4; i++) s!.org.oauthTokens.authorize({ userId: candidate, appName: APP });
      const { result } = await doctor('candidate@acme.example', [], await s!.loginAs(s!.connectorId));
      assert.equal(finding(result, 'TOKEN_APPROVALS_NEAR_LIMIT'), undefined);
      assert.ok(result.notes?.some((n) => /lack Customize Application/.test(n)));
      const asAdmin = await doctor('candidate@acme.example');
      assert.equal(finding(asAdmin.result, 'TOKEN_APPROVALS_NEAR_LIMIT')?.source, 'doctor');
    });

    it('a refused PermissionSetAssignment read leaves Customize Application unknown: said as such, not as missing', async () => {
      await configured();
      const candidate = s!.org.addUser('candidate@acme.example', { profileId: s!.standardProfileId });
      for (let i = 0; i < 4; i++) s!.org.oauthTokens.authorize({ userId: candidate, appName: APP });
      // platform-rule: oauthtoken-visibility-customize-application — the grant is read from PermissionSetAssignment.
      s!.org.faults.push({
        path: /PermissionSet\.PermissionsCustomizeApplication(%20|\+| )(%3D|=)/i,
        times: 1,
        status: 400,
        body: [{ errorCode: 'INVALID_TYPE', message: "sObject type 'PermissionSetAssignment' is not supported." }]
      });
      const { result } = await doctor('candidate@acme.example', [], await s!.loginAs(s!.connectorId));
      assert.equal(finding(result, 'TOKEN_APPROVALS_NEAR_LIMIT'), undefined);
      assert.ok(result.notes?.some((n) => /Cannot read PermissionSetAssignment/.test(n)));
      assert.ok(!result.notes?.some((n) => /lack Customize Application/.test(n)));
    });

    it('without the package: the rules that need none run with --app; an unknown app or an unreadable policy is said', async () => {
      s = await seededOrg();
      const notFound = { errorCode: 'NOT_FOUND', message: 'Could not find a match for URL' };
      s!.org.faults.push({ path: '/connector/v1/health', times: 3, status: 404, body: [notFound] });
      const noApp = await doctor();
      assert.equal(noApp.result.package, null);
      assert.ok(noApp.result.notes?.some((n) => /not installed/.test(n)));
      assert.ok(noApp.result.notes?.some((n) => /Connected app unknown/.test(n)));

      const unknownApp = await doctor('connector@acme.example', ['--app', 'Nope']);
      const unreadable = finding(unknownApp.result, 'CONNECTED_APP_POLICY_UNREADABLE')!;
      assert.equal(unreadable.source, 'doctor');
      assert.equal(unreadable.severity, 'Recommended');

      // platform-rule: setupentityaccess-view-setup — a refused SetupEntityAccess read is "cannot tell", no finding.
      addConnectedApplication(s!.org.db, { Name: APP, OptionsAllowAdminApprovedUsersOnly: true });
      s!.org.faults.push({
        path: /SetupEntityAccess/,
        times: 1,
        status: 400,
        body: [{ errorCode: 'INVALID_TYPE', message: "sObject type 'SetupEntityAccess' is not supported." }]
      });
      const cannotTell = await doctor('connector@acme.example', ['--app', APP]);
      assert.equal(finding(cannotTell.result, 'CONNECTED_APP_NOT_APPROVED'), undefined);
      assert.ok(cannotTell.result.notes?.some((n) => /Cannot read SetupEntityAccess/.test(n)));
    });

    it('prints the findings with their fix and the package verdict in the human output', async () => {
      await configured({ Name: APP, OptionsAllowAdminApprovedUsersOnly: true });
      const run = await runIn(['doctor', ...s!.target, '--user', 'connector@acme.example'], { env: s!.env });
      assert.equal(run.code, 1);
      assert.match(run.stdout, /Package verdict: (Needs attention|Disconnected) \(the configured connector user\)\./);
      assert.match(run.stdout, /Before it breaks \(\d+\):/);
      assert.match(run.stdout, /\[Required\] .*Acme Connector/);
      assert.match(run.stdout, /Fix: .*\(\/lightning\/setup\/ConnectedApplication\/home\)/);
      assert.match(run.stdout, /From the package's health check \(CONNECTED_APP_NOT_APPROVED\)\./);
    });
  });
});
