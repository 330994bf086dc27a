import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { type CliRun, runIn, seededOrg, type SeededOrg, stopSeededOrg } from '../testing/harness.ts';
import type { ProvisionResult } from './provision.ts';
import type { Row } from '../../preview/org/store/database.ts';

const dir = mkdtempSync(join(tmpdir(), 'provision-test-'));
let fileCount = 0;
function file(text: string, extension = 'yml'): string {
  const path = join(dir, `file${++fileCount}.${extension}`);
  writeFileSync(path, text);
  return path;
}

function addUsers(s: SeededOrg, count: number, prefix = 'user'): string[] {
  const names = Array.from({ length: count }, (_, i) => `${prefix}${i}@acme.example`);
  for (const name of names) s.org.addUser(name, { profileId: s.standardProfileId });
  return names;
}

/** `provision --connector-user connector@acme.example --skip-jobs --json` against the seeded org. */
function provisionConnector(s: SeededOrg): ReturnType<typeof runIn> {
  return runIn(['provision', ...s.target, '--connector-user', 'connector@acme.example', '--skip-jobs', '--json'], {
    env: s.env
  });
}

/** Runs `provision <flags> --json` against the seeded org, which must exit 0: the run (for stderr) and its result. */
async function provisionJson(s: SeededOrg, ...flags: string[]): Promise<{ run: CliRun; result: ProvisionResult }> {
  const run = await runIn(['provision', ...s.target, ...flags, '--json'], { env: s.env });
  assert.equal(run.code, 0, run.stderr);
  return { run, result: run.json!.result as ProvisionResult };
}

/** The org-local permission set provision creates or repairs. */
function integrationSet(s: SeededOrg): Row {
  return s.org.db.rows('PermissionSet').find((row) => row['Name'] === 'Connector_Integration_Access')!;
}

/** The org answers POSTs to `path` with `status` and one REST error, `times` times (after committing, if said). */
function failPosts(
  s: SeededOrg,
  path: string | RegExp,
  status: number,
  error: { errorCode: string; message: string },
  options: { times?: number; afterCommit?: boolean } = {}
): void {
  s.org.fail({
    method: 'POST',
    path,
    times: options.times ?? 1,
    status,
    afterCommit: options.afterCommit,
    body: [error]
  });
}

/** The permission set could not be saved, with this problem; the packaged set was still assigned (exit 1). */
function assertPermissionSetFailed(run: Awaited<ReturnType<typeof runIn>>, problem: RegExp): void {
  assert.equal(run.code, 1);
  const result = run.json!.result as ProvisionResult;
  assert.equal(result.permissionSet.action, 'failed');
  assert.match(result.problems[0]!, problem);
  assert.equal(result.assignments.created, 1, 'the packaged set is still assigned');
}

function assignmentCount(s: SeededOrg, permissionSetId: string): number {
  return s.org.db.rows('PermissionSetAssignment').filter((row) => row['PermissionSetId'] === permissionSetId).length;
}

// Each test seeds its own REST face in `s`; this ends it, whichever describe the test is in.
let s: SeededOrg | undefined;
afterEach(async () => (s = await stopSeededOrg(s)));

describe('provision', () => {
  it('assigns N users in 1 lookup + ⌈assignments/200⌉ inserts, and a second run writes nothing', async () => {
    s = await seededOrg();
    const users = addUsers(s, 450);
    const path = file(`connectorUser: connector@acme.example\nusers:\n${users.map((u) => `  - ${u}`).join('\n')}\n`);
    const first = await runIn(['provision', ...s.target, '--file', path, '--json'], { env: s.env });
    assert.equal(first.code, 0, first.stderr);
    const result = first.json!.result as ProvisionResult;
    assert.equal(result.assignments.created, 452, '450 basic users + connector (packaged + local set)');
    const assignmentRequests = s.org.stats.log.filter(
      (entry) => entry.path.endsWith('/composite') || entry.types.includes('PermissionSetAssignment')
    );
    const n = users.length + 1;
    assert.equal(assignmentRequests.length, 1 + Math.ceil(452 / 200));
    assert.ok(assignmentRequests.length <= 2 + Math.ceil(n / 200));
    assert.equal(assignmentCount(s, s.packaged['ConnectorBasicUser']!), 450);

    s.org.resetStats();
    const second = await runIn(['provision', ...s.target, '--file', path, '--json'], { env: s.env });
    assert.equal(second.code, 0, second.stderr);
    assert.equal(s.org.stats.writeRequests, 0, JSON.stringify(s.org.stats.log.filter((e) => e.method !== 'GET')));
    assert.equal(s.org.stats.mutations, 0);
    const again = second.json!.result as ProvisionResult;
    assert.equal(again.assignments.alreadyAssigned, 452);
    assert.equal(again.permissionSet.action, 'unchanged');
    assert.equal(again.jobs.action, 'unchanged');
  });

  it('reports the one failing record of 500 with its error and assigns the other 499 (exit 1)', async () => {
    s = await seededOrg();
    const users = addUsers(s, 500);
    const victim = s.org.db.rows('User').find((u) => u['Username'] === users[137])!['Id'];
    s.org.recordFault = (object, record) =>
      object === 'PermissionSetAssignment' && record['AssigneeId'] === victim
        ? {
            statusCode: 'FIELD_INTEGRITY_EXCEPTION',
            message: 'The user license doesn’t allow the permission set',
            fields: ['PermissionSetId']
          }
        : undefined;
    const path = file(`users:\n${users.map((u) => `  - ${u}`).join('\n')}\n`);
    const run = await runIn(['provision', ...s.target, '--file', path, '--skip-jobs', '--json'], { env: s.env });
    assert.equal(run.code, 1);
    assert.equal(run.json!.status, 1);
    const result = run.json!.result as ProvisionResult;
    assert.equal(result.assignments.created, 499);
    assert.deepEqual(result.assignments.failures, [
      {
        username: users[137],
        permissionSet: 'ConnectorBasicUser',
        error: 'FIELD_INTEGRITY_EXCEPTION: The user license doesn’t allow the permission set (fields: PermissionSetId)'
      }
    ]);
    assert.equal(assignmentCount(s, s.packaged['ConnectorBasicUser']!), 499);
    assert.ok(result.problems.some((p) => p.includes(users[137]!) && p.includes('FIELD_INTEGRITY_EXCEPTION')));

    const human = await runIn(['provision', ...s.target, '--file', path, '--skip-jobs'], { env: s.env });
    assert.equal(human.code, 1);
    assert.match(
      human.stdout,
      new RegExp(`FAILED ConnectorBasicUser → ${users[137]!.replace('.', '\\.')}: FIELD_INTEGRITY_EXCEPTION`)
    );
  });

  it('a second run with the same settings, CSM scope size included, writes nothing', async () => {
    s = await seededOrg();
    const path = file(
      'connectorUser: connector@acme.example\nsettings:\n  connectedAppName: Acme Connector\n  csmSyncScopeSize: 150\n'
    );
    const first = await runIn(['provision', ...s.target, '--file', path, '--skip-jobs'], { env: s.env });
    assert.equal(first.code, 0, first.stderr);
    s.org.resetStats();
    const second = await runIn(['provision', ...s.target, '--file', path, '--skip-jobs'], { env: s.env });
    assert.equal(second.code, 0, second.stderr);
    assert.equal(s.org.stats.writeRequests, 0, JSON.stringify(s.org.stats.log.filter((e) => e.method !== 'GET')));
  });

  it('--dry-run prints the plan and changes nothing', async () => {
    s = await seededOrg();
    addUsers(s, 3);
    const path = file(
      'connectorUser: connector@acme.example\nadmins: [admin@acme.example]\nusers: [user0@acme.example, user1@acme.example]\n' +
        'settings:\n  connectedAppName: Acme Connector\n'
    );
    const run = await runIn(['provision', ...s.target, '--file', path, '--dry-run'], { env: s.env });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(s.org.stats.writeRequests, 0);
    assert.equal(s.org.stats.mutations, 0);
    assert.match(run.stdout, /Permission set Connector_Integration_Access: would-create/);
    assert.match(run.stdout, /would-add[\s│]+PermissionsModifyAllData/);
    assert.match(run.stdout, /would assign Connector_Integration_Access to connector@acme\.example/);
    assert.match(run.stdout, /would assign ConnectorAdministrator to admin@acme\.example/);
    assert.match(run.stdout, /Settings: would-write \[connectedAppName, connectorUserId\]/);
    assert.match(run.stdout, /Jobs: would-start/);
    assert.equal(
      s.org.db.rows('PermissionSet').some((ps) => ps['Name'] === 'Connector_Integration_Access'),
      false
    );
  });

  it('creates the local permission set from the requirement records, Conditional ones only when asked', async () => {
    s = await seededOrg();
    const run = await provisionConnector(s);
    assert.equal(run.code, 0, run.stderr);
    const ps = integrationSet(s);
    for (const field of [
      'PermissionsApiEnabled',
      'PermissionsModifyAllData',
      'PermissionsViewAllData',
      'PermissionsCustomizeApplication',
      'PermissionsViewAllCustomSettings',
      'PermissionsPasswordNeverExpires'
    ]) {
      assert.equal(ps[field], true, field);
    }
    const objects = s.org.db.rows('ObjectPermissions').filter((row) => row['ParentId'] === ps['Id']);
    const account = objects.find((row) => row['SobjectType'] === 'Account')!;
    assert.deepEqual(
      [account['PermissionsRead'], account['PermissionsEdit'], account['PermissionsDelete']],
      [true, true, false]
    );
    const task = objects.find((row) => row['SobjectType'] === 'Task')!;
    assert.deepEqual(
      [task['PermissionsRead'], task['PermissionsCreate'], task['PermissionsEdit']],
      [true, true, false]
    );
    const result = run.json!.result as ProvisionResult;
    assert.equal(
      result.permissionSet.systemPermissions.some((p) => p.field === 'PermissionsCreateAuditFields'),
      false
    );
  });

  it('skips a permission field the org lacks and reports it as not available in this org', async () => {
    s = await seededOrg();
    const { run, result } = await provisionJson(s, '--include-conditional', '--skip-jobs');
    const audit = result.permissionSet.systemPermissions.find((p) => p.field === 'PermissionsCreateAuditFields')!;
    assert.equal(audit.state, 'not-available');
    assert.match(run.stderr, /PermissionsCreateAuditFields is not available in this org/);
    await s.org.stop();

    s = await seededOrg({
      extraPermissionFields: ['PermissionsCreateAuditFields', 'PermissionsUpdateWithInactiveOwner']
    });
    const path = file('includeConditional: ["Wrap-up used"]\nstartJobs: false\n');
    const enabled = await runIn(['provision', ...s.target, '--file', path, '--json'], { env: s.env });
    assert.equal(enabled.code, 0, enabled.stderr);
    const ps = integrationSet(s);
    assert.equal(ps['PermissionsCreateAuditFields'], true);
    assert.equal(ps['PermissionsUpdateWithInactiveOwner'], true);
  });

  it('repairs an existing permission set without removing what an admin added', async () => {
    s = await seededOrg();
    const ps = s.org.addPermissionSet('Connector_Integration_Access', {
      permissions: { PermissionsApiEnabled: true, PermissionsManageUsers: true }
    });
    s.org.grantObject(ps, 'Account', { Read: true });
    s.org.grantObject(ps, 'Contact', { Read: true, Edit: true, Delete: true });
    s.org.resetStats();
    const { result } = await provisionJson(s, '--skip-jobs');
    const row = s.org.db.get(ps)!;
    assert.equal(row['PermissionsModifyAllData'], true);
    assert.equal(row['PermissionsManageUsers'], true, 'unrelated permission kept');
    const objects = s.org.db.rows('ObjectPermissions').filter((o) => o['ParentId'] === ps);
    const account = objects.find((o) => o['SobjectType'] === 'Account')!;
    assert.equal(account['PermissionsEdit'], true);
    const contact = objects.find((o) => o['SobjectType'] === 'Contact')!;
    assert.equal(contact['PermissionsDelete'], true, 'more access than required is left alone');
    assert.equal(result.permissionSet.action, 'updated');
    assert.deepEqual(
      s.org.stats.log
        .filter((e) => e.method !== 'GET' && !e.path.endsWith('/composite'))
        .map((e) => `${e.method} ${e.types.join(',') || e.path.split('?')[0]}`),
      // Account first: Contact's and Opportunity's access depend on it.
      ['PATCH PermissionSet', 'PATCH ObjectPermissions', 'POST ObjectPermissions']
    );
  });

  it('creates a permission set the org accepts at the first save: the dependencies come with it', async () => {
    s = await seededOrg();
    const { result } = await provisionJson(s, '--include-conditional', '--skip-jobs');
    assert.equal(result.permissionSet.dependencyRetries, 0, 'nothing refused');
    const ps = integrationSet(s);
    for (const field of [
      'PermissionsModifyAllData',
      'PermissionsViewAllData',
      'PermissionsViewSetup',
      'PermissionsEditTask'
    ]) {
      assert.equal(ps[field], true, field);
    }
    const viewSetup = result.permissionSet.systemPermissions.find((p) => p.field === 'PermissionsViewSetup')!;
    assert.deepEqual(viewSetup.dependencyOf, ['PermissionsModifyAllData']);
    const writes = s.org.stats.log.filter((e) => e.types.includes('ObjectPermissions')).map((e) => e.method);
    assert.deepEqual(writes, ['POST', 'POST'], 'the parent (Account) in its own request, before its children');
  });

  it('adds what each refusal names, beyond its own table, and saves again until nothing new is named', async () => {
    s = await seededOrg();
    // This org knows two more dependencies than the CLI's table, the second only once the first is met.
    s.org.recordFault = (object, record) => {
      const refuse = (message: string, field: string) => ({
        statusCode: 'FIELD_INTEGRITY_EXCEPTION',
        message,
        fields: [field]
      });
      if (object === 'PermissionSet' && record['PermissionsCustomizeApplication'] === true) {
        if (record['PermissionsManageUsers'] !== true) {
          return refuse(
            'Permission Customize Application depends on permission(s): Manage Users; Permission Modify Metadata Through Metadata API Functions depends on permission(s): Manage Users',
            'PermissionsCustomizeApplication'
          );
        }
        if (record['PermissionsAuthorApex'] !== true) {
          return refuse('Permission Manage Users depends on permission(s): Author Apex', 'PermissionsManageUsers');
        }
      }
      if (object === 'ObjectPermissions' && record['SobjectType'] === 'Task') {
        const campaign = s!.org.db
          .rows('ObjectPermissions')
          .some((row) => row['SobjectType'] === 'Campaign' && row['PermissionsRead'] === true);
        if (!campaign)
          return refuse('Permission Create Task depends on permission(s): Read Campaign', 'PermissionsCreate');
      }
      return undefined;
    };
    const { result } = await provisionJson(s, '--skip-jobs');
    const ps = integrationSet(s);
    assert.equal(ps['PermissionsManageUsers'], true);
    assert.equal(ps['PermissionsAuthorApex'], true, 'the second step of the chain');
    const objects = s.org.db.rows('ObjectPermissions').filter((row) => row['ParentId'] === ps['Id']);
    assert.equal(objects.find((row) => row['SobjectType'] === 'Campaign')?.['PermissionsRead'], true);
    assert.equal(objects.find((row) => row['SobjectType'] === 'Task')?.['PermissionsCreate'], true);
    assert.ok(result.permissionSet.dependencyRetries >= 2, String(result.permissionSet.dependencyRetries));
    assert.deepEqual(
      result.permissionSet.objectAccess.find((c) => c.sobjectType === 'Campaign'),
      { sobjectType: 'Campaign', access: 'Read', state: 'added', error: null, dependencyOf: ['Create Task'] }
    );
  });

  it('creates the set first, so a permission that needs object access is saved once that access is', async () => {
    s = await seededOrg();
    // As in real orgs ('Permission Convert Leads depends on permission(s): Create Account'), here with Campaign.
    s.org.recordFault = (object, record) => {
      if (object !== 'PermissionSet' || record['PermissionsModifyAllData'] !== true) return undefined;
      const campaign = s!.org.db
        .rows('ObjectPermissions')
        .some((row) => row['SobjectType'] === 'Campaign' && row['PermissionsCreate'] === true);
      return campaign
        ? undefined
        : {
            statusCode: 'FIELD_INTEGRITY_EXCEPTION',
            message: 'Permission Modify All Data depends on permission(s): Create Campaign',
            fields: ['PermissionsModifyAllData']
          };
    };
    await provisionJson(s, '--skip-jobs');
    const ps = integrationSet(s);
    assert.equal(ps['PermissionsModifyAllData'], true);
    const campaign = s.org.db
      .rows('ObjectPermissions')
      .find((row) => row['ParentId'] === ps['Id'] && row['SobjectType'] === 'Campaign')!;
    assert.deepEqual(
      [campaign['PermissionsRead'], campaign['PermissionsCreate']],
      [true, true],
      'Create with its Read'
    );
  });

  it('stops when a refusal names nothing new and reports the refusal (exit 1)', async () => {
    s = await seededOrg();
    let attempts = 0;
    s.org.recordFault = (object, record) => {
      if (object !== 'ObjectPermissions' || record['SobjectType'] !== 'Task') return undefined;
      attempts++;
      return {
        statusCode: 'FIELD_INTEGRITY_EXCEPTION',
        message: 'Permission Create Task depends on permission(s): Read Task',
        fields: ['PermissionsCreate']
      };
    };
    const run = await runIn(['provision', ...s.target, '--skip-jobs', '--json'], { env: s.env });
    assert.equal(run.code, 1);
    assert.equal(attempts, 2, 'sent again once after the others were saved, then no progress');
    const result = run.json!.result as ProvisionResult;
    assert.ok(result.problems.some((p) => p.startsWith('Object access Task: FIELD_INTEGRITY_EXCEPTION')));
  });

  it('writes settings and secrets through the Apex endpoint and never prints a secret', async () => {
    s = await seededOrg();
    const secret = 'S3cr3t-"value"-9f8e7d';
    const apiKey = 'api-key-0123456789abcdef';
    const path = file(
      'connectorUser: connector@acme.example\nsettings:\n  connectedAppName: Acme Connector\n  platformBaseUrl: https://platform.example.com\n' +
        'secrets:\n  apiKey: { env: ACME_API_KEY }\nstartJobs: false\n'
    );
    const env = { ...s.env, CONNECTOR_CLIENT_SECRET: secret, ACME_API_KEY: apiKey };
    const ok = await runIn(['provision', ...s.target, '--file', path, '--json'], { env });
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(s.org.secrets.get('clientSecret')?.value, secret, 'the org received the secret');
    assert.equal(s.org.secrets.get('apiKey')?.value, apiKey);
    assert.equal(s.org.settings['connectorUserId'], s.connectorId);
    assert.equal(s.org.settings['connectedAppName'], 'Acme Connector');
    const result = ok.json!.result as ProvisionResult;
    assert.deepEqual(result.settings.secrets.sort(), ['apiKey', 'clientSecret']);

    // A server that echoes the request body into its error must not leak the secret either.
    s.org.fail({
      method: 'PUT',
      path: '/connector/v1/settings',
      times: 1,
      status: 400,
      body: (body: string) => ({
        ok: false,
        errorCode: 'INVALID_SETTINGS',
        message: `Rejected ${body}`,
        fieldErrors: { clientSecret: `value ${JSON.parse(body).secrets.clientSecret} is not accepted` }
      })
    });
    for (const json of [true, false]) {
      if (!json)
        s.org.fail({
          method: 'PUT',
          path: '/connector/v1/settings',
          times: 1,
          status: 400,
          body: (body: string) => ({ ok: false, errorCode: 'INVALID_SETTINGS', message: `Rejected ${body}` })
        });
      const failed = await runIn(['provision', ...s.target, '--file', path, ...(json ? ['--json'] : [])], { env });
      assert.equal(failed.code, 1);
      const output = failed.stdout + failed.stderr;
      assert.match(output, /INVALID_SETTINGS/);
      assert.match(output, /\[REDACTED\]/);
      for (const value of [secret, apiKey, JSON.stringify(secret).slice(1, -1), s.token]) {
        assert.equal(output.includes(value), false, `leaked ${value}`);
      }
    }
  });

  it('reports the field errors of PUT settings (400 INVALID_SETTINGS) and sends unchanged settings only once', async () => {
    s = await seededOrg();
    const bad = file(
      'connectorUser: connector@acme.example\nsettings:\n  platformBaseUrl: http://platform.example.com\n' +
        '  csmSyncScopeSize: 5000\nstartJobs: false\n'
    );
    const refused = await runIn(['provision', ...s.target, '--file', bad, '--json'], { env: s.env });
    assert.equal(refused.code, 1);
    const result = refused.json!.result as ProvisionResult;
    assert.equal(result.settings.action, 'failed');
    assert.match(result.settings.message!, /HTTP 400 INVALID_SETTINGS: /);
    assert.deepEqual(Object.keys(result.settings.fieldErrors!).sort(), ['csmSyncScopeSize', 'platformBaseUrl']);
    assert.match(result.settings.fieldErrors!['platformBaseUrl']!, /https:\/\//);
    assert.equal(s.org.settings['platformBaseUrl'], undefined, 'nothing saved');

    const good = file(
      'connectorUser: connector@acme.example\nsettings:\n  platformBaseUrl: https://platform.example.com\nstartJobs: false\n'
    );
    const first = await runIn(['provision', ...s.target, '--file', good, '--json'], { env: s.env });
    assert.equal((first.json!.result as ProvisionResult).settings.action, 'written');
    s.org.resetStats();
    const second = await runIn(['provision', ...s.target, '--file', good, '--json'], { env: s.env });
    assert.equal((second.json!.result as ProvisionResult).settings.action, 'unchanged');
    assert.equal(s.org.stats.log.filter((e) => e.method === 'PUT').length, 0, 'compared with GET health settings');
  });

  it('reads secrets from --secrets-file and refuses secret values inside the provisioning file', async () => {
    s = await seededOrg();
    const secretsPath = file('clientSecret: from-file-secret-123\n');
    const run = await runIn(['provision', ...s.target, '--secrets-file', secretsPath, '--skip-jobs'], { env: s.env });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(s.org.secrets.get('clientSecret')?.value, 'from-file-secret-123');
    assert.equal((run.stdout + run.stderr).includes('from-file-secret-123'), false);

    const literal = file('secrets:\n  clientSecret: literal-secret-value-42\n');
    const before = s.org.stats.requests;
    const refused = await runIn(['provision', ...s.target, '--file', literal, '--json'], { env: s.env });
    assert.equal(refused.code, 2);
    assert.match(refused.json!.message!, /secret values never go in this file/);
    assert.equal(refused.stdout.includes('literal-secret-value-42'), false);
    assert.equal(s.org.stats.requests, before, 'usage errors stop before any request');
  });

  it('--dry-run prints the plan without the secret values; the real run refuses without them (exit 2)', async () => {
    s = await seededOrg();
    const path = file(
      'connectorUser: connector@acme.example\nsecrets:\n  clientSecret: { env: ACME_CLIENT_SECRET }\nstartJobs: false\n'
    );
    const plan = await runIn(['provision', ...s.target, '--file', path, '--dry-run', '--json'], { env: {} });
    assert.equal(plan.code, 0, plan.stderr);
    const settings = (plan.json!.result as ProvisionResult).settings;
    assert.equal(settings.action, 'would-write');
    assert.deepEqual(settings.secrets, ['clientSecret']);
    assert.match(plan.stderr, /Secret clientSecret: env ACME_CLIENT_SECRET is not set; the dry run plans its write/);
    assert.equal(s.org.stats.writeRequests, 0, 'a dry run writes nothing');
    const real = await runIn(['provision', ...s.target, '--file', path, '--json'], { env: {} });
    assert.equal(real.code, 2);
    assert.match(real.json!.message!, /env ACME_CLIENT_SECRET named in the provisioning file is not set/);
  });

  it('run by a release engineer, provision leaves the jobs owned by the connector user, not by the engineer', async () => {
    s = await seededOrg();
    s.org.settings['connectorUserId'] = s.connectorId;
    for (const definition of ['Heartbeat', 'CsmSync']) {
      s.org.scheduled.set(definition, { cronTriggerId: `08e${definition}`, runAsUserId: s.adminId, state: 'Waiting' });
    }
    const { result } = await provisionJson(s);
    assert.equal(result.jobs.runner?.action, 'created');
    assert.equal(s.org.subscriberConfigs[0]?.['UserId'], s.connectorId, 'the trigger runs as the connector user');
    assert.equal(result.jobs.action, 'restarted');
    assert.ok([...s.org.scheduled.values()].every((job) => job.runAsUserId === s!.connectorId));
    assert.deepEqual(s.org.apexBodies.get('POST jobs'), { action: 'restart' });
  });

  it('restarts the jobs another user owns, starts the others, and writes nothing on a second run', async () => {
    s = await seededOrg();
    s.org.settings['connectorUserId'] = s.connectorId;
    s.org.scheduled.set('Heartbeat', { cronTriggerId: '08eHeartbeat', runAsUserId: s.adminId, state: 'Waiting' });
    const { result } = await provisionJson(s);
    assert.equal(result.jobs.action, 'restarted');
    assert.match(
      result.jobs.message!,
      // The job command's outcome, one entry per job: the heartbeat moved to the connector user, CSM sync started.
      /^Restarted Connector heartbeat\. Started CSM sync on schedule 0 0 2 \* \* \?\.$/
    );
    const posts = s.org.stats.log.filter((e) => e.method === 'POST' && e.path.endsWith('/connector/v1/jobs'));
    assert.equal(posts.length, 2);
    assert.deepEqual(s.org.apexBodies.get('POST jobs'), { action: 'start' });
    assert.deepEqual([...s.org.scheduled.entries()].map(([name, job]) => [name, job.runAsUserId]).sort(), [
      ['CsmSync', s.connectorId],
      ['Heartbeat', s.connectorId]
    ]);
    s.org.resetStats();
    const again = await runIn(['provision', ...s.target, '--json'], { env: s.env });
    const second = again.json!.result as ProvisionResult;
    assert.equal(second.jobs.action, 'unchanged');
    assert.equal(second.jobs.runner?.action, 'unchanged');
    assert.equal(s.org.stats.writeRequests, 0, 'a second run writes nothing, the subscriber config included');
  });

  it('uses the namespace in Apex REST URLs and packaged permission set lookups', async () => {
    s = await seededOrg({ namespace: 'acmeconn' });
    const run = await runIn(
      ['provision', ...s.target, '--namespace', 'acmeconn', '--connector-user', 'connector@acme.example', '--json'],
      {
        env: s.env
      }
    );
    assert.equal(run.code, 0, run.stderr);
    assert.ok(s.org.stats.log.some((e) => e.path.startsWith('/services/apexrest/acmeconn/connector/v1/settings')));
    assert.equal(assignmentCount(s, s.packaged['ConnectorIntegrationUser']!), 1);

    const wrong = await runIn(['provision', ...s.target, '--connector-user', 'connector@acme.example', '--json'], {
      env: s.env
    });
    assert.equal(wrong.code, 2, 'without the namespace: a usage error naming the right one');
  });

  it('refuses a wrong --namespace before writing anything and names the namespace the org has', async () => {
    s = await seededOrg({ namespace: 'acmeconn' });
    const path = file('connectorUser: connector@acme.example\nsettings:\n  connectedAppName: Acme Connector\n');
    for (const flags of [['--namespace', 'acme'], []]) {
      s.org.resetStats();
      const run = await runIn(['provision', ...s.target, ...flags, '--file', path, '--json'], { env: s.env });
      assert.equal(run.code, 2, run.stdout);
      assert.match(
        run.json!.message!,
        /namespace in this org is 'acmeconn'.*--namespace acmeconn.*Nothing was written/
      );
      assert.equal(s.org.stats.writeRequests, 0, JSON.stringify(s.org.stats.log.filter((e) => e.method !== 'GET')));
      assert.equal(s.org.stats.mutations, 0);
    }
    assert.equal(
      s.org.db.rows('PermissionSet').filter((ps) => ps['Name'] === 'Connector_Integration_Access').length,
      0
    );
    assert.deepEqual(s.org.settings, {});
  });

  it('reports unknown and inactive users and missing packaged permission sets, and still does the rest', async () => {
    s = await seededOrg();
    s.org.addUser('gone@acme.example', { profileId: s.standardProfileId, isActive: false });
    addUsers(s, 2);
    const path = file(
      'users: [user0@acme.example, ghost@acme.example, gone@acme.example, user1@acme.example]\nstartJobs: false\n'
    );
    const run = await runIn(['provision', ...s.target, '--file', path, '--json'], { env: s.env });
    assert.equal(run.code, 1);
    const result = run.json!.result as ProvisionResult;
    assert.equal(result.assignments.created, 2);
    assert.ok(result.problems.some((p) => /ghost@acme\.example not found/.test(p)));
    assert.ok(result.problems.some((p) => /gone@acme\.example is inactive/.test(p)));
  });
});

describe('provision against a flaky org', () => {
  it('re-reads the org after a 503 on an insert, sends only what is missing, and finishes (progress bar on a terminal)', async () => {
    s = await seededOrg();
    addUsers(s, 3);
    failPosts(s, '/composite/sobjects', 503, { errorCode: 'SERVER_UNAVAILABLE', message: 'try later' });
    const path = file('users: [user0@acme.example, user1@acme.example, user2@acme.example]\nstartJobs: false\n');
    const run = await runIn(['provision', ...s.target, '--file', path], { env: s.env, tty: true });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /503 SERVER_UNAVAILABLE: try later.*; re-reading the org/);
    assert.match(run.stderr, /Assigning permission sets \| █+ \| 3\/3/);
    assert.match(run.stderr, /\(\d+ write, 1 retried\)/);
    assert.equal(assignmentCount(s, s.packaged['ConnectorBasicUser']!), 3);
  });

  it('does not resend a permission set refused for a reason naming no dependency, and reports it (exit 1)', async () => {
    s = await seededOrg();
    let attempts = 0;
    s.org.recordFault = (object) => {
      if (object !== 'PermissionSet') return undefined;
      attempts++;
      return {
        statusCode: 'FIELD_INTEGRITY_EXCEPTION',
        message: 'The user license doesn’t allow the permission: Modify All Data',
        fields: ['PermissionsModifyAllData']
      };
    };
    assertPermissionSetFailed(
      await provisionConnector(s),
      /FIELD_INTEGRITY_EXCEPTION: The user license doesn’t allow the permission/
    );
    assert.equal(attempts, 1);
  });
});

describe('provision when the org refuses a whole request', () => {
  it('reports a 400 on the permission set request without retrying it, and still assigns the rest (exit 1)', async () => {
    s = await seededOrg();
    failPosts(s, '/composite/sobjects', 400, { errorCode: 'INVALID_INPUT', message: 'Provide 1 to 200 records' });
    assertPermissionSetFailed(await provisionConnector(s), /HTTP 400 INVALID_INPUT/);
  });
});

describe('usage errors (exit 2) and a missing org (sf exit codes)', () => {
  it('rejects unknown flags, missing values and bad files with a message saying what to do', async () => {
    s = await seededOrg();
    const cases: [string[], RegExp][] = [
      [['--dryrun'], /Nonexistent flag: --dryrun/],
      [['--file'], /Flag --file expects a value/],
      [['--file', '/no/such/file.yml'], /file not found/],
      [['--file', file('users: [not-a-username]\n')], /users\[0\]' must be a username/],
      [['--file', file('colour: blue\n')], /unknown key 'colour'/],
      [['--file', file('{ bad json', 'json')], /cannot be parsed/],
      [['--permission-set-name', 'bad name'], /must be an API name/]
    ];
    for (const [flags, message] of cases) {
      const argv: string[] = ['provision', ...s!.target, ...flags];
      const run = await runIn([...argv, '--json']);
      assert.equal(run.code, 2, `${argv.join(' ')} → ${run.stdout}`);
      assert.equal(run.json!.status, 2);
      assert.equal(run.json!.exitCode, 2, "sf's error envelope: name, message, exitCode at the top");
      assert.match(run.json!.message!, message, argv.join(' '));
      const human = await runIn(argv);
      assert.equal(human.code, 2);
      assert.equal(human.stdout, '', 'errors go to stderr');
      assert.match(human.stderr, message);
    }
    assert.equal(s.org.stats.requests, 0, 'nothing reaches the org');
  });

  it('without an org (no -o, no default target-org) or with an unknown alias: the sf error, exit 1', async () => {
    const none = await runIn(['provision', '--json']);
    assert.equal(none.code, 1);
    assert.equal(none.json!.name, 'NoDefaultEnvError');
    assert.match(none.json!.message!, /Use -o or --target-org/);
    const unknown = await runIn(['provision', '--target-org', 'no-such-alias', '--json']);
    assert.equal(unknown.code, 1);
    assert.equal(unknown.json!.name, 'NamedOrgNotFoundError');
  });
});

describe('provision within the platform limits', () => {
  it('provisions 4,100 users with at most 5 queries per Composite call, within ⌈N/200⌉ + 2·⌈N/2000⌉ + 4 requests', async () => {
    s = await seededOrg();
    const users = addUsers(s, 4100);
    const path = file(`users:\n${users.map((u) => `  - ${u}`).join('\n')}\nstartJobs: false\n`);
    const run = await runIn(['provision', ...s.target, '--file', path, '--json'], { env: s.env });
    assert.equal(run.code, 0, run.stdout);
    assert.equal((run.json!.result as ProvisionResult).assignments.created, 4100);
    const composite = s.org.stats.log.filter((e) => e.path.endsWith('/composite'));
    assert.ok(composite.every((e) => e.status === 200));
    const assignmentRequests = s.org.stats.log.filter(
      (e) => e.path.endsWith('/composite') || e.types.includes('PermissionSetAssignment')
    ).length;
    const n = users.length;
    assert.ok(assignmentRequests <= Math.ceil(n / 200) + 2 * Math.ceil(n / 2000) + 4, String(assignmentRequests));
    s.org.resetStats();
    const again = await runIn(['provision', ...s.target, '--file', path, '--json'], { env: s.env });
    assert.equal(again.code, 0);
    assert.equal(s.org.stats.writeRequests, 0);
  });

  it('a 502 after the assignment insert committed: no false failures, nothing sent twice, exit 0', async () => {
    s = await seededOrg();
    const first = await runIn(['provision', ...s.target, '--connector-user', 'connector@acme.example', '--skip-jobs'], {
      env: s.env
    });
    assert.equal(first.code, 0, first.stderr);
    const users = addUsers(s, 250);
    s.org.resetStats();
    s.org.fail({ method: 'POST', path: '/composite/sobjects', times: 1, status: 502, afterCommit: true, body: [] });
    const path = file(`users:\n${users.map((u) => `  - ${u}`).join('\n')}\nstartJobs: false\n`);
    const run = await runIn(['provision', ...s.target, '--file', path, '--json'], { env: s.env });
    assert.equal(run.code, 0, run.stdout);
    const result = run.json!.result as ProvisionResult;
    assert.equal(result.assignments.failures.length, 0);
    assert.equal(result.assignments.created, 250);
    assert.equal(assignmentCount(s, s.packaged['ConnectorBasicUser']!), 250);
    const inserts = s.org.stats.log.filter((e) => e.method === 'POST' && e.types.includes('PermissionSetAssignment'));
    assert.equal(inserts.length, 2, 'two chunks (200 + 50), the first answered 502 after committing, not resent');
  });

  it('a 502 after the jobs were started: not sent again, the job list shows them scheduled, exit 0', async () => {
    s = await seededOrg();
    const badGateway = { errorCode: 'BAD_GATEWAY', message: 'bad gateway' };
    failPosts(s, '/connector/v1/jobs', 502, badGateway, { afterCommit: true });
    const run = await runIn(['provision', ...s.target, '--connector-user', 'connector@acme.example', '--json'], {
      env: s.env
    });
    assert.equal(run.code, 0, run.stdout);
    const jobs = (run.json!.result as ProvisionResult).jobs;
    assert.equal(jobs.action, 'started');
    assert.equal(s.org.stats.log.filter((e) => e.method === 'POST' && e.path.endsWith('/connector/v1/jobs')).length, 1);
    assert.deepEqual([...s.org.scheduled.keys()].sort(), ['CsmSync', 'Heartbeat']);
  });

  it('counts an assignment made concurrently (DUPLICATE_VALUE) as done, not as a failure', async () => {
    s = await seededOrg();
    const users = addUsers(s, 3);
    const basic = s.packaged['ConnectorBasicUser']!;
    const org = s.org;
    // Someone assigns user1 between the CLI's read and its insert: the org answers DUPLICATE_VALUE for that record.
    org.recordFault = (object, record) => {
      if (object === 'PermissionSetAssignment' && record['AssigneeId'] === org.db.rows('User')[3]!['Id']) {
        org.recordFault = undefined;
        org.assign(String(record['AssigneeId']), basic);
      }
      return undefined;
    };
    assert.equal(org.db.rows('User')[3]!['Username'], users[1]);
    const path = file(`users: [${users.join(', ')}]\nstartJobs: false\n`);
    const run = await runIn(['provision', ...s.target, '--file', path, '--json'], { env: s.env });
    assert.equal(run.code, 0, run.stdout);
    const result = run.json!.result as ProvisionResult;
    assert.deepEqual([result.assignments.created, result.assignments.alreadyAssigned], [2, 1]);
    assert.equal(result.assignments.failures.length, 0);
    assert.equal(assignmentCount(s, basic), 3);
  });

  it('a run stopped by the org says what it wrote and what it did not (no "Unexpected error")', async () => {
    s = await seededOrg();
    const limit = { errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' };
    failPosts(s, /\/composite$/, 400, limit, { times: 10 });
    const args = ['provision', ...s.target, '--connector-user', 'connector@acme.example'];
    const run = await runIn([...args, '--json'], { env: s.env });
    assert.equal(run.code, 1);
    // sf's error envelope: name and message at the top, what was written in data.
    const error = run.json!;
    const data = error.data as { written: string[]; notWritten: string[]; errorCode: string };
    assert.equal(error.name, 'CommandError');
    assert.match(error.message!, /^Provisioning stopped: .*REQUEST_LIMIT_EXCEEDED/);
    assert.equal(data.errorCode, 'REQUEST_LIMIT_EXCEEDED');
    assert.match(data.written.join('\n'), /permission set Connector_Integration_Access created/);
    assert.ok(data.notWritten.includes('permission set assignments'));
    assert.ok(data.notWritten.includes('settings and secrets'));

    s.org.faults[0]!.times = 10;
    const human = await runIn(args, { env: s.env });
    assert.equal(human.code, 1);
    assert.doesNotMatch(human.stderr, /Unexpected error/);
    assert.match(
      human.stderr,
      /Written to the org before it stopped: nothing\.\nNot done:\n {2}- permission set assignments/
    );
  });
});
