import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { runIn, seededOrg, type SeededOrg, stopSeededOrg } from '../testing/harness.ts';
import type { RevokeResult } from './revoke.ts';

async function orgWithTokens(): Promise<SeededOrg & { oldId: string; deleteTokens: string[] }> {
  const s = await seededOrg();
  const oldId = s.org.addUser('old.connector@acme.example', { profileId: s.standardProfileId });
  s.org.settings['connectorUserId'] = s.connectorId;
  s.org.settings['connectedAppName'] = 'Acme Connector';
  const deleteTokens: string[] = [];
  for (const [userId, appName] of [
    [oldId, 'Acme Connector'],
    [oldId, 'Acme Connector'],
    [oldId, 'Other App'],
    [s.connectorId, 'Acme Connector']
  ] as const) {
    deleteTokens.push(
      s.org.oauthTokens.authorize({ userId, appName, useCount: 3, lastUsedDate: '2026-01-01T00:00:00.000Z' })
    );
  }
  return { ...s, oldId, deleteTokens };
}

const held = (s: SeededOrg, userId: string, appName = 'Acme Connector') => s.org.oauthTokens.held({ userId, appName });

describe('revoke', () => {
  let s: (SeededOrg & { oldId: string; deleteTokens: string[] }) | undefined;
  afterEach(async () => (s = await stopSeededOrg(s)));

  it("revokes the old user's tokens of the connected app only, by DeleteToken at the OAuth revoke endpoint", async () => {
    s = await orgWithTokens();
    const run = await runIn(['revoke', ...s.target, '--user', 'old.connector@acme.example', '--json'], { env: s.env });
    assert.equal(run.code, 0, run.stderr);
    const result = run.json!.result as RevokeResult;
    assert.equal(result.revoked, 2);
    assert.equal(result.totalCount, 2);
    assert.equal(result.appName, 'Acme Connector');
    assert.equal(held(s, s.oldId).length, 0);
    assert.equal(held(s, s.oldId, 'Other App').length, 1);
    assert.equal(held(s, s.connectorId).length, 1);
    const revokes = s.org.stats.log.filter((e) => e.path.startsWith('/services/oauth2/revoke'));
    assert.deepEqual(
      revokes.map((e) => [e.method, e.status]),
      [
        ['POST', 200],
        ['POST', 200]
      ]
    );
    assert.ok(!s.org.stats.log.some((e) => e.method === 'DELETE'), 'no DML on OauthToken');
    for (const token of s.deleteTokens) assert.ok(!run.stdout.includes(token), 'DeleteTokens are never printed');
  });

  it('refuses to revoke the configured connector user unless --force', async () => {
    s = await orgWithTokens();
    const refused = await runIn(['revoke', ...s.target, '--user', 'connector@acme.example'], { env: s.env });
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /is the configured connector user.*--force/);
    assert.equal(held(s, s.connectorId).length, 1);
    const forced = await runIn(['revoke', ...s.target, '--user', 'connector@acme.example', '--force'], { env: s.env });
    assert.equal(forced.code, 0, forced.stderr);
    assert.equal(held(s, s.connectorId).length, 0);
  });

  it('lists without revoking on --dry-run (exit 1: there is something to revoke), and reports per-token failures', async () => {
    s = await orgWithTokens();
    const dry = await runIn(['revoke', ...s.target, '--user', 'old.connector@acme.example', '--dry-run'], {
      env: s.env
    });
    assert.equal(dry.code, 1, dry.stderr);
    assert.match(dry.stdout, /2 tokens of 'Acme Connector' would be revoked/);
    assert.match(dry.stdout, /would revoke/);
    assert.equal(held(s, s.oldId).length, 2);

    const noneLeft = await runIn(
      ['revoke', ...s.target, '--user', 'old.connector@acme.example', '--app', 'No Such App', '--dry-run'],
      { env: s.env }
    );
    assert.equal(noneLeft.code, 0, 'nothing to act on');
    assert.match(noneLeft.stdout, /holds no tokens of 'No Such App'/);

    const first = s.deleteTokens[0];
    s.org.oauthTokens.revokeFault = (token) => (token === first ? 'invalid_token' : undefined);
    const run = await runIn(['revoke', ...s.target, '--user', 'old.connector@acme.example', '--json'], { env: s.env });
    assert.equal(run.code, 1);
    const result = run.json!.result as RevokeResult;
    assert.equal(result.revoked, 1);
    assert.equal(result.failed, 1);
    assert.equal(result.tokens.filter((t) => t.error === 'invalid_token').length, 1);
  });

  it("cannot see another user's tokens without Customize Application, and says so (exit 1)", async () => {
    s = await orgWithTokens();
    const plain = s.org.addProfile('Connector Operator', { PermissionsApiEnabled: true });
    const operator = s.org.addUser('operator@acme.example', { profileId: plain });
    const asOperator = await s.loginAs(operator);
    const run = await runIn(['revoke', ...asOperator, '--user', 'old.connector@acme.example', '--json']);
    assert.equal(run.code, 1);
    const result = run.json!.result as RevokeResult;
    assert.equal(result.canSeeOtherUsers, false);
    assert.match(result.action ?? '', /Customize Application/);
    assert.equal(held(s, s.oldId).length, 2, 'nothing revoked');
  });

  it('counts first and says when the 2,500-row cap left tokens for a second run', async () => {
    s = await orgWithTokens();
    for (let i = 0; i < 2_600; i++) s.org.oauthTokens.authorize({ userId: s.oldId, appName: 'Acme Connector' });
    const run = await runIn(['revoke', ...s.target, '--user', 'old.connector@acme.example', '--json'], { env: s.env });
    assert.equal(run.code, 1, 'the rest still needs revoking');
    const result = run.json!.result as RevokeResult;
    assert.equal(result.totalCount, 2_602);
    assert.equal(result.tokens.length, 2_500);
    assert.equal(result.notListed, 102);
    assert.equal(result.revoked, 2_500);
    assert.match(result.action ?? '', /run the command again/);
    const pages = s.org.stats.log.filter((e) => e.method === 'GET' && /\/query\/01gOAUTH/.test(e.path));
    assert.equal(pages.length, 4, 'four more batches of 500 after the first');
    const again = await runIn(['revoke', ...s.target, '--user', 'old.connector@acme.example', '--json'], {
      env: s.env
    });
    assert.equal(again.code, 0, again.stderr);
    assert.equal((again.json!.result as RevokeResult).revoked, 102);
    assert.equal(held(s, s.oldId).length, 0);
  });

  it('needs --user, and a connected app name from somewhere', async () => {
    s = await orgWithTokens();
    assert.equal((await runIn(['revoke', ...s.target], { env: s.env })).code, 2);
    delete s.org.settings['connectedAppName'];
    const noApp = await runIn(['revoke', ...s.target, '--user', 'old.connector@acme.example'], { env: s.env });
    assert.equal(noApp.code, 2);
    assert.match(noApp.stderr, /--app/);
  });
});
