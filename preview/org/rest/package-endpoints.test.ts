import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { settingsOf } from '../connection.ts';
import { label } from '../labels.ts';
import { seededOrg, type SeededOrg, stopSeededOrg } from './seeded.ts';

// Direct calls to the fake org's health and heartbeat twins (the CLI reads health; the platform posts heartbeats).
describe('fake org: health and heartbeat like ConnectorHealthResource / ConnectorHeartbeatResource', () => {
  let s: SeededOrg | undefined;
  afterEach(async () => (s = await stopSeededOrg(s)));

  const call = async (
    method: string,
    path: string,
    token: string,
    body?: unknown
  ): Promise<{ status: number; body: unknown }> => {
    const response = await fetch(`${s!.org.url}/services/apexrest/connector/v1/${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) })
    });
    return { status: response.status, body: await response.json() };
  };

  it('health: settings without secrets and without nulls, for managers and the connector user only', async () => {
    s = await seededOrg({ requireManageConnector: true });
    s.org.assign(s.adminId, s.packaged['ConnectorAdministrator']!);
    s.org.settings['connectorUserId'] = s.connectorId;
    s.org.secrets.set('clientSecret', { value: 'very-secret-value', setAt: '2026-01-01T00:00:00.000Z', setBy: 'Ada' });
    const admin = await call('GET', 'health', s.token);
    assert.equal(admin.status, 200);
    const body = admin.body as Record<string, unknown> & { settings: Record<string, unknown> };
    assert.equal(body['connectorUserId'], s.connectorId);
    assert.equal('connectedAppName' in body.settings, false, 'nulls are left out (JSON.serialize(body, true))');
    assert.equal(JSON.stringify(body).includes('very-secret-value'), false);
    assert.deepEqual(
      (body.settings['secrets'] as { name: string; isSet: boolean }[]).map((x) => [x.name, x.isSet]),
      [
        ['clientSecret', true],
        ['apiKey', false]
      ]
    );
    assert.equal((await call('GET', 'health', s.org.issueToken(s.connectorId))).status, 200);
    const other = s.org.addUser('viewer@acme.example', { profileId: s.standardProfileId });
    const refused = await call('GET', 'health', s.org.issueToken(other));
    assert.equal(refused.status, 403);
    assert.equal((refused.body as { errorCode: string }).errorCode, 'MANAGE_CONNECTOR_REQUIRED');
  });

  it('health: a cause that names a date has it written in as UTC, with the value beside it (no placeholder)', async () => {
    s = await seededOrg();
    const settings = settingsOf(s.org.twin);
    settings.SandboxCopiedAt__c = '2026-12-05T07:09:00.000Z';
    settings.SandboxName__c = 'uat';
    const body = (await call('GET', 'health', s.token)).body as {
      causes: { code: string; message: string; messageAt?: string }[];
    };
    const copy = body.causes.find((c) => c.code === 'SANDBOX_COPY')!;
    assert.ok(copy.message.includes('(sandbox uat, 2026-12-05 07:09 UTC)'), copy.message);
    assert.doesNotMatch(copy.message, /\{\d\}/);
    assert.equal(copy.messageAt, '2026-12-05T07:09:00.000Z');
  });

  it('heartbeat: connector user only, never a secret-looking query parameter', async () => {
    s = await seededOrg();
    s.org.settings['connectorUserId'] = s.connectorId;
    const connector = s.org.issueToken(s.connectorId);
    const refused = await call('POST', 'heartbeat', s.token);
    assert.equal(refused.status, 403);
    assert.equal((refused.body as { errorCode: string }).errorCode, 'NOT_CONNECTOR_USER');
    const leaky = await call('POST', 'heartbeat?access_token=x', connector);
    assert.equal(leaky.status, 400);
    assert.equal((leaky.body as { errorCode: string }).errorCode, 'SECRET_IN_QUERY_STRING');
    const ok = await call('POST', 'heartbeat', connector);
    assert.equal(ok.status, 200);
    const { receivedAt } = ok.body as { receivedAt: string };
    assert.equal(s.org.lastHeartbeat, receivedAt);
    const health = (await call('GET', 'health', s.token)).body as { settings: { lastHeartbeat: string } };
    assert.equal(health.settings.lastHeartbeat, receivedAt);
    assert.equal((await call('GET', 'heartbeat', connector)).status, 405);
  });

  it("settings: the Aura face's ConnectorSettingsService decides, with every Apex validation and an audit entry", async () => {
    s = await seededOrg();
    // Rules the REST face's own copy used to skip: required keys, consumer key without spaces, API name, length.
    const refused = await call('PUT', 'settings', s.token, {
      settings: {
        connectedAppName: '',
        consumerKey: 'has space',
        integrationPermissionSetName: 'bad__name',
        platformBaseUrl: `https://${'a'.repeat(300)}.example`
      }
    });
    assert.equal(refused.status, 400);
    const failure = refused.body as { errorCode: string; fieldErrors: Record<string, string> };
    assert.equal(failure.errorCode, 'INVALID_SETTINGS');
    assert.deepEqual(Object.keys(failure.fieldErrors).sort(), [
      'connectedAppName',
      'consumerKey',
      'integrationPermissionSetName',
      'platformBaseUrl'
    ]);
    assert.deepEqual(s.org.settings, {}, 'nothing saved');
    const saved = await call('PUT', 'settings', s.token, { settings: { connectedAppName: 'Acme Connector' } });
    assert.equal(saved.status, 200);
    assert.equal(s.org.settings['connectedAppName'], 'Acme Connector');
    assert.deepEqual(
      s.org.twin.state.events.map((e) => [e.Action__c, e.Outcome__c, e.CreatedById]),
      [
        ['Save settings', 'Failure', s.adminId],
        ['Save settings', 'Success', s.adminId]
      ],
      'each PUT leaves its audit entry, as the caller'
    );
  });

  it("jobs: stop runs the Aura face's ScheduledJobService (message and audit entry), start publishes a job command", async () => {
    s = await seededOrg();
    s.org.settings['connectorUserId'] = s.connectorId;
    s.org.scheduled.set('Heartbeat', { cronTriggerId: '08e000000000001AAA', runAsUserId: s.adminId, state: 'Waiting' });
    const stopped = await call('POST', 'jobs', s.token, { action: 'stop', name: 'heartbeat' });
    assert.equal(stopped.status, 200);
    assert.equal((stopped.body as { message: string }).message, label('Jobs_Stopped', 'Connector heartbeat'));
    assert.equal(s.org.scheduled.has('Heartbeat'), false);
    assert.deepEqual(
      s.org.twin.state.events.map((e) => [e.Action__c, e.Target__c, e.Outcome__c]),
      [['Stop job', 'Connector heartbeat', 'Success']]
    );
    const unknown = await call('POST', 'jobs', s.token, { action: 'stop', name: 'Nope' });
    assert.equal(unknown.status, 404);
    assert.equal((unknown.body as { errorCode: string }).errorCode, 'JOB_NOT_FOUND');
    const start = await call('POST', 'jobs', s.token, { action: 'start' });
    const { requestId } = start.body as { requestId: string };
    assert.match(requestId, /^[0-9a-f]{32}$/);
    assert.equal(s.org.scheduled.size, 0, 'nothing is scheduled as the caller');
    const followed = await call('GET', `jobs?requestId=${requestId}`, s.token);
    const request = (followed.body as { request: Record<string, unknown> }).request;
    assert.equal(request['state'], 'Failed', 'no subscriber config: the Automated Process user may not start jobs');
    assert.equal(request['ranAsUserName'], 'Automated Process');
  });
});
