import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { runIn, seededOrg, type SeededOrg } from '../fake-org/harness.ts';
import type { RevokeResult } from './revoke.ts';

async function orgWithTokens(): Promise<SeededOrg & { oldId: string }> {
  const s = await seededOrg();
  const oldId = s.org.addUser('old.connector@acme.example', { profileId: s.standardProfileId });
  s.org.settings['connectorUserId'] = s.connectorId;
  s.org.settings['connectedAppName'] = 'Acme Connector';
  for (const [userId, app] of [
    [oldId, 'Acme Connector'],
    [oldId, 'Acme Connector'],
    [oldId, 'Other App'],
    [s.connectorId, 'Acme Connector']
  ] as const) {
    s.org.db.insert('OauthToken', {
      AppName: app,
      UserId: userId,
      UseCount: 3,
      LastUsedDate: '2026-01-01T00:00:00.000Z'
    });
  }
  return { ...s, oldId };
}

const tokensOf = (s: SeededOrg, userId: string, app = 'Acme Connector') =>
  s.org.db.rows('OauthToken').filter((t) => t['UserId'] === userId && t['AppName'] === app);

describe('revoke', () => {
  let s: (SeededOrg & { oldId: string }) | undefined;
  afterEach(async () => {
    await s?.org.stop();
    s = undefined;
  });

  it("deletes the old user's tokens of the connected app only, through sObject Collections", async () => {
    s = await orgWithTokens();
    const run = await runIn(['revoke', ...s.target, '--user', 'old.connector@acme.example', '--json'], { env: s.env });
    assert.equal(run.code, 0, run.stderr);
    const result = run.json!.result as RevokeResult;
    assert.equal(result.revoked, 2);
    assert.equal(result.appName, 'Acme Connector');
    assert.equal(tokensOf(s, s.oldId).length, 0);
    assert.equal(tokensOf(s, s.oldId, 'Other App').length, 1);
    assert.equal(tokensOf(s, s.connectorId).length, 1);
    const deletes = s.org.stats.log.filter((e) => e.method === 'DELETE');
    assert.equal(deletes.length, 1);
    assert.deepEqual(deletes[0]!.types, ['OauthToken']);
  });

  it('refuses to revoke the configured connector user unless --force', async () => {
    s = await orgWithTokens();
    const refused = await runIn(['revoke', ...s.target, '--user', 'connector@acme.example'], { env: s.env });
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /is the configured connector user.*--force/);
    assert.equal(tokensOf(s, s.connectorId).length, 1);
    const forced = await runIn(['revoke', ...s.target, '--user', 'connector@acme.example', '--force'], { env: s.env });
    assert.equal(forced.code, 0);
    assert.equal(tokensOf(s, s.connectorId).length, 0);
  });

  it('lists without deleting on --dry-run, and reports per-token failures with exit 1', async () => {
    s = await orgWithTokens();
    const dry = await runIn(['revoke', ...s.target, '--user', 'old.connector@acme.example', '--dry-run'], {
      env: s.env
    });
    assert.equal(dry.code, 0);
    assert.match(dry.stdout, /2 token\(s\) of 'Acme Connector' would be revoked/);
    assert.equal(tokensOf(s, s.oldId).length, 2);
    const first = tokensOf(s, s.oldId)[0]!['Id'];
    s.org.recordFault = (_object, record, operation) =>
      operation === 'delete' && record['Id'] === first
        ? { statusCode: 'INSUFFICIENT_ACCESS', message: 'Manage Users required', fields: [] }
        : undefined;
    const run = await runIn(['revoke', ...s.target, '--user', 'old.connector@acme.example', '--json'], { env: s.env });
    assert.equal(run.code, 1);
    const result = run.json!.result as RevokeResult;
    assert.equal(result.revoked, 1);
    assert.equal(result.failed, 1);
    assert.equal(result.tokens.find((t) => t.id === first)!.error, 'INSUFFICIENT_ACCESS: Manage Users required');
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
