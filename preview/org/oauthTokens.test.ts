/** The preview's OauthToken refuses what the platform refuses (Object Reference, OauthToken). */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { AdminHome } from '../../scripts/contract/types.ts';
import { disconnectImpact } from './connection.ts';
import {
  authorizeApp,
  countOauthTokens,
  oauthTokenDml,
  PlatformException,
  queryOauthTokenBatches,
  queryOauthTokens,
  revokeToken
} from './oauthTokens.ts';
import { Org } from './org.ts';
import { invokeApex } from './registry.ts';
import { seedIds } from './seed.ts';

const NOW = new Date('2025-11-23T14:05:00.000Z');
const APP = 'Connector Platform';

function seeded(): Org {
  return Org.open({ stateFile: null, now: () => NOW });
}

function page(org: Org): AdminHome {
  const response = invokeApex(org, 'AdminHomeController.getAdminHome', {});
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return JSON.parse(JSON.stringify(response.body)) as AdminHome;
}

const platformError = (type: string, message?: RegExp) => (error: unknown) =>
  error instanceof PlatformException && error.exceptionType === type && (!message || message.test(error.message));

describe('in-memory org: OauthToken as the platform has it', () => {
  test('query returns Id null: rows are known by DeleteToken, which never reaches the page', () => {
    const org = seeded();
    const rows = queryOauthTokens(org, { appName: APP });
    assert.equal(rows.length, 3);
    assert.ok(rows.every((row) => row.Id === null));
    assert.ok(rows.every((row) => row.DeleteToken.length > 0));
    const json = JSON.stringify(page(org));
    for (const row of rows) assert.ok(!json.includes(row.DeleteToken), 'no DeleteToken in getAdminHome');
  });

  test('OauthToken is query-only: DML is refused, revoking goes through revokeToken by DeleteToken', () => {
    for (const operation of ['Insert', 'Update', 'Delete', 'Upsert'] as const) {
      assert.throws(
        () => oauthTokenDml(operation),
        platformError('System.TypeException', new RegExp(`DML operation ${operation} not allowed on OauthToken`))
      );
    }
    const org = seeded();
    const [first] = queryOauthTokens(org, { userId: seedIds.oldConnector });
    assert.ok(first);
    assert.equal(revokeToken(org, 'DELETE_TOKEN', first.DeleteToken), true);
    assert.equal(queryOauthTokens(org, { userId: seedIds.oldConnector }).length, 1);
    assert.throws(
      () => revokeToken(org, 'DELETE_TOKEN', first.DeleteToken),
      platformError('System.NoDataFoundException'),
      'a revoked (invalid) token cannot be revoked again'
    );
  });

  test('a query returns 500 rows a batch and 2,500 in all; COUNT() gives the total; the card says rows were cut', () => {
    const org = seeded();
    for (let i = 0; i < 2_609; i++) {
      authorizeApp(org, { userId: seedIds.oldConnector, appName: APP, useCount: 1 });
    }
    const batches = queryOauthTokenBatches(org, { appName: APP });
    assert.deepEqual(
      batches.map((b) => b.length),
      [500, 500, 500, 500, 500]
    );
    assert.equal(countOauthTokens(org, { appName: APP }), 2_612);
    const home = page(org);
    assert.deepEqual(home.tokenAccess, { canSeeAllUsers: true, shownCount: 2_500, totalCount: 2_612, truncated: true });
  });

  test('without Customize Application the running user sees only its own tokens', () => {
    const org = seeded();
    org.state.runningUserId = seedIds.support;
    assert.deepEqual(queryOauthTokens(org, { appName: APP }), []);
    authorizeApp(org, { userId: seedIds.support, appName: APP });
    assert.deepEqual(
      queryOauthTokens(org, { appName: APP }).map((t) => t.UserId),
      [seedIds.support]
    );
    org.state.runningUserId = seedIds.admin;
    assert.equal(queryOauthTokens(org, { appName: APP }).length, 4, 'Customize Application sees every user');
  });

  test('a query of OauthToken after DML in the same call fails with UncommittedWork', () => {
    const org = seeded();
    assert.throws(
      () =>
        org.transaction(() => {
          // System.abortJob, then the old order of ConnectionService.disconnect: read the tokens.
          org.state.cronTriggers = org.state.cronTriggers.filter((t) => t.OwnerId !== seedIds.connector);
          return disconnectImpact(org);
        }),
      platformError('UncommittedWork', /pending uncommitted work/)
    );
    assert.equal(org.transaction(() => disconnectImpact(org)).tokenCount, 1, 'reading first, in a fresh call, works');
  });
});
