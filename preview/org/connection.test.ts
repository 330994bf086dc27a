/** The connection twins follow the same rules as ConnectionService, OauthUsageService and saveSettings. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ActionResult, LoadedAdminHome, SaveResult } from '../../scripts/contract/types.ts';
import { tokenFindings } from './connection.ts';
import { customLabels } from './labels.ts';
import type { Org } from './org.ts';
import { callAura, seededAt } from './testing.ts';
import { invokeApex } from './registry.ts';
import { seedIds } from './seed.ts';

const NOW = new Date('2025-11-23T14:05:00.000Z');
const labels = customLabels();

const seeded = (): Org => seededAt(NOW);
const call = callAura;

function page(org: Org): LoadedAdminHome {
  return call<LoadedAdminHome>(org, 'getAdminHome');
}

function step(home: LoadedAdminHome, key: string): boolean {
  const found = home.connection.steps.find((s) => s.key === key);
  assert.ok(found, `step ${key}`);
  return found.done;
}

describe('in-memory org: OAuth usage', () => {
  test('the seed has the connector user and the old connector user holding tokens', () => {
    const home = page(seeded());
    assert.deepEqual(
      home.tokens.map((t) => [t.userName, t.isConnectorUser, t.tokenCount]),
      [
        ['Connector Integration', true, 1],
        ['Olivia Oldfield', false, 2]
      ]
    );
    assert.equal(home.tokens[1]?.useCount, 402_977 + 1_203);
  });

  test('a second user holding tokens is the finding "old connector user still authorized"', () => {
    const findings = tokenFindings(seeded());
    assert.deepEqual(
      findings.map((f) => [f.code, f.userId, f.fixAction]),
      [['OldConnectorUserAuthorized', seedIds.oldConnector, 'revokeUserTokens']]
    );
    assert.match(findings[0]?.message ?? '', /Olivia Oldfield holds tokens of Connector Platform/);
  });

  test('revoking the old user removes the finding and ticks the checklist step', () => {
    const org = seeded();
    assert.equal(step(page(org), 'oldTokensRevoked'), false);

    const result = call<ActionResult>(org, 'revokeUserTokens', {
      userId: seedIds.oldConnector,
      confirmCurrentUser: false
    });

    assert.equal(result.ok, true, result.message);
    assert.equal(result.changed, true);
    assert.deepEqual(tokenFindings(org), []);
    assert.equal(step(page(org), 'oldTokensRevoked'), true);
    assert.equal(org.state.events.at(-1)?.Action__c, 'Revoke OAuth tokens');
  });

  test('the connector user is only revoked with the second confirmation', () => {
    const org = seeded();
    const refused = call<ActionResult>(org, 'revokeUserTokens', {
      userId: seedIds.connector,
      confirmCurrentUser: false
    });
    assert.equal(refused.ok, false);
    assert.equal(refused.message, labels.get('Tokens_RevokeCurrentUserRefused'));
    assert.equal(page(org).tokens.length, 2);

    const confirmed = call<ActionResult>(org, 'revokeUserTokens', {
      userId: seedIds.connector,
      confirmCurrentUser: true
    });
    assert.equal(confirmed.ok, true);
    assert.deepEqual(
      tokenFindings(org).map((f) => f.code),
      ['OldConnectorUserAuthorized', 'ConnectorUserNotAuthorized']
    );
  });

  test("revoking another user's tokens needs Customize Application, and the card says why it sees only its own", () => {
    const org = seeded();
    // The connector user holds Manage Connector; without Customize Application it sees its own token only.
    const access = org.state.permissionSets.find((ps) => ps.Name === 'Connector_Integration_Access');
    assert.ok(access);
    access.permissions['PermissionsCustomizeApplication'] = false;
    org.state.runningUserId = seedIds.connector;
    const home = page(org);
    assert.deepEqual(
      home.tokens.map((t) => t.userName),
      ['Connector Integration']
    );
    assert.equal(home.tokenAccess.canSeeAllUsers, false);
    const result = call<ActionResult>(org, 'revokeUserTokens', {
      userId: seedIds.oldConnector,
      confirmCurrentUser: false
    });
    assert.equal(result.ok, false);
    assert.equal(result.message, labels.get('Tokens_CustomizeApplicationRequired'));
    org.state.runningUserId = seedIds.admin;
    assert.equal(page(org).tokens.length, 2, 'nothing revoked');
    assert.equal(org.state.events.at(-1)?.Outcome__c, 'Failure');
  });
});

describe('in-memory org: connection', () => {
  test('the seed is a week after a swap: link built, jobs and old tokens still to do', () => {
    const home = page(seeded());
    assert.equal(home.connection.displayName, 'Connector Integration');
    assert.equal(home.connection.previousUserName, 'Olivia Oldfield');
    assert.equal(
      home.connection.authorizationUrl,
      'https://acme.my.salesforce.com/services/oauth2/authorize?response_type=code' +
        '&client_id=3MVG9preview.consumer.key.for.connector.platform' +
        '&redirect_uri=https%3A%2F%2Feu1.platform.example.com%2Foauth%2Fcallback&prompt=login+consent' +
        '&login_hint=connector%40acme.example'
    );
    // jobsOwned depends on the job definitions in force-app; the other steps on the seed.
    assert.deepEqual(
      home.connection.steps.filter((s) => s.key !== 'jobsOwned').map((s) => [s.key, s.done]),
      [
        ['userSet', true],
        ['authorized', true],
        ['heartbeat', true],
        ['oldTokensRevoked', false]
      ]
    );
  });

  test('searches active users by name, username or email, from two characters', () => {
    const org = seeded();
    assert.deepEqual(call(org, 'searchUsers', { term: 'o' }), []);
    const found = call<{ name: string }[]>(org, 'searchUsers', { term: 'ol' });
    assert.deepEqual(
      found.map((u) => u.name),
      ['Olivia Oldfield']
    );
    assert.deepEqual(call(org, 'searchUsers', { term: 'frank' }), [], 'inactive users are not offered');
  });

  test('connecting another user remembers the previous one and resets the checklist', () => {
    const org = seeded();
    const result = call<ActionResult>(org, 'connectUser', { userId: seedIds.support });
    assert.equal(result.ok, true);
    const home = page(org);
    assert.equal(home.connection.userId, seedIds.support);
    assert.equal(home.connection.previousUserId, seedIds.connector);
    assert.equal(step(home, 'authorized'), false);
    assert.equal(step(home, 'heartbeat'), false);
    // The audit entry names the user it replaced, not its id.
    const entry = home.events.find((event) => event.action === 'Connect user' && event.outcome === 'Success');
    const detail = entry?.detail ?? '';
    assert.ok(detail.includes('Previous connector user: Connector Integration.'), detail);
    assert.ok(!detail.includes(seedIds.connector));

    const inactive = call<ActionResult>(org, 'connectUser', { userId: seedIds.formerAdmin });
    assert.equal(inactive.ok, false);
    assert.equal(inactive.message, labels.get('Connection_ChooseActiveUser'));
  });

  test('disconnecting names what is left behind, and stops nothing unless asked', () => {
    const org = seeded();
    const impact = call<{ userId: string; tokenCount: number }>(org, 'getDisconnectImpact');
    assert.equal(impact.userId, seedIds.connector);
    assert.equal(impact.tokenCount, 1);

    const result = call<ActionResult>(org, 'disconnectUser', { stopJobs: false, revokeTokens: false });
    assert.equal(result.ok, true);
    assert.match(result.message, /Tokens of Connector Integration kept: 1\./);
    const home = page(org);
    assert.equal(home.connection.userId, null);
    assert.equal(home.tokens.length, 2, 'tokens kept');
    assert.equal(home.connection.authorizationUrlProblem, labels.get('Connection_LinkNeedsUser'));
  });

  test('disconnecting with stop and revoke reads the tokens before any change (UncommittedWork)', () => {
    const org = seeded();
    const result = call<ActionResult>(org, 'disconnectUser', { stopJobs: true, revokeTokens: true });
    assert.equal(result.ok, true, result.message);
    assert.match(result.message, /Revoked the tokens of Connector Integration for .* \(tokens: 1\)/);
    const home = page(org);
    assert.equal(home.connection.userId, null);
    assert.deepEqual(
      home.tokens.map((t) => t.userName),
      ['Olivia Oldfield'],
      "the connector user's token is revoked"
    );
    assert.ok(!org.state.cronTriggers.some((t) => t.OwnerId === seedIds.connector), 'its jobs are stopped');
  });

  test('sending the link needs an active recipient', () => {
    const org = seeded();
    const sent = call<ActionResult>(org, 'sendAuthorizationLink', { recipientId: seedIds.connector });
    assert.equal(sent.ok, true);
    assert.match(sent.message, /it-integrations@acme\.example/);
    const refused = call<ActionResult>(org, 'sendAuthorizationLink', { recipientId: seedIds.formerAdmin });
    assert.equal(refused.ok, false);
  });

  test('mutating twins need Manage Connector', () => {
    const org = seeded();
    org.state.runningUserId = seedIds.support;
    const response = invokeApex(org, 'AdminHomeController.connectUser', { userId: seedIds.support });
    assert.equal(response.status, 400);
    assert.equal(org.state.settings?.ConnectorUserId__c, seedIds.connector);
  });
});

describe('in-memory org: saveSettings', () => {
  test('saves valid settings and a secret, never returning the value', () => {
    const org = seeded();
    const result = call<SaveResult>(org, 'saveSettings', {
      settings: { platformBaseUrl: 'https://eu2.platform.example.com', csmSyncScopeSize: '150' },
      secrets: { apiKey: 'typed-api-key-value', clientSecret: '' }
    });
    assert.equal(result.ok, true, JSON.stringify(result.fieldErrors));
    assert.equal(org.state.settings?.PlatformBaseUrl__c, 'https://eu2.platform.example.com');
    assert.equal(org.state.settings?.CsmSyncScopeSize__c, 150);
    assert.equal(org.state.settings?.ApiKey__c, 'typed-api-key-value');
    assert.equal(org.state.settings?.ClientSecret__c, 'preview-client-secret-never-shown', 'blank keeps the secret');
    const json = JSON.stringify([result, page(org)]);
    assert.ok(!json.includes('typed-api-key-value'));
    assert.ok(!JSON.stringify(org.state.events).includes('typed-api-key-value'), 'the audit log holds no secret');
  });

  test('reports and saves the alert channels like ConnectorSettingsService', () => {
    const org = seeded();
    assert.deepEqual(
      (({ alertsMuted, alertEmail, alertDigest }) => ({ alertsMuted, alertEmail, alertDigest }))(page(org).settings),
      { alertsMuted: false, alertEmail: false, alertDigest: false }
    );
    const result = call<SaveResult>(org, 'saveSettings', {
      settings: { alertsMuted: true, alertEmail: true, alertDigest: false },
      secrets: {}
    });
    assert.equal(result.ok, true, JSON.stringify(result.fieldErrors));
    assert.equal(org.state.settings?.AlertsMuted__c, true);
    assert.equal(org.state.settings?.AlertEmail__c, true);
    const settings = page(org).settings;
    assert.deepEqual([settings.alertsMuted, settings.alertEmail, settings.alertDigest], [true, true, false]);
    const refused = call<SaveResult>(org, 'saveSettings', { settings: { alertDigest: 'yes' }, secrets: {} });
    assert.equal(refused.ok, false);
    assert.equal(refused.fieldErrors['alertDigest'], labels.get('Settings_ErrorBoolean'));
    assert.equal(org.state.settings?.AlertDigest__c, false);
  });

  test('refuses bad values field by field and changes nothing', () => {
    const org = seeded();
    const before = JSON.stringify(org.state.settings);
    const result = call<SaveResult>(org, 'saveSettings', {
      settings: {
        connectedAppName: 'Changed',
        platformBaseUrl: 'http://insecure.example.com',
        consumerKey: 'has spaces',
        callbackUrl: '',
        integrationPermissionSetName: 'Bad__Name',
        csmSyncScopeSize: 0,
        connectorUserId: seedIds.formerAdmin,
        nope: 1
      },
      secrets: { password: 'x' }
    });
    assert.equal(result.ok, false);
    assert.deepEqual(Object.keys(result.fieldErrors).sort(), [
      'callbackUrl',
      'connectorUserId',
      'consumerKey',
      'csmSyncScopeSize',
      'integrationPermissionSetName',
      'nope',
      'password',
      'platformBaseUrl'
    ]);
    assert.equal(result.fieldErrors['platformBaseUrl'], labels.get('Settings_ErrorHttps'));
    assert.equal(result.fieldErrors['callbackUrl'], 'Callback URL is required.');
    assert.equal(JSON.stringify(org.state.settings), before, 'nothing saved');
    assert.equal(org.state.events.at(-1)?.Outcome__c, 'Failure');
  });
});
