/** The fake org's OauthToken refuses over REST what the platform refuses (Object Reference, OauthToken). */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { seededOrg, type SeededOrg, stopSeededOrg } from './seeded.ts';

const APP = 'Acme Connector';

describe('fake org: OauthToken and the OAuth revoke endpoint', () => {
  let s: SeededOrg | undefined;
  afterEach(async () => (s = await stopSeededOrg(s)));

  async function rest(
    method: string,
    path: string,
    body?: unknown,
    token = s!.token
  ): Promise<{ status: number; body: unknown }> {
    const response = await fetch(s!.org.url + path, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body)
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  const data = (relative: string) => `/services/data/v${s!.org.apiVersion}/${relative}`;
  const query = (soql: string, token?: string) =>
    rest('GET', data(`query?q=${encodeURIComponent(soql)}`), undefined, token);

  it('is query-only: REST POST, PATCH and DELETE on OauthToken are refused, single and in collections', async () => {
    s = await seededOrg();
    s.org.oauthTokens.authorize({ userId: s.connectorId, appName: APP });
    for (const [method, path] of [
      ['POST', 'sobjects/OauthToken'],
      ['PATCH', 'sobjects/OauthToken/0CQ000000000001AAA'],
      ['DELETE', 'sobjects/OauthToken/0CQ000000000001AAA']
    ] as const) {
      const answer = await rest(method, data(path), method === 'DELETE' ? undefined : { AppName: APP });
      assert.equal(answer.status, 405, `${method} ${path}`);
      assert.deepEqual(answer.body, [
        { errorCode: 'METHOD_NOT_ALLOWED', message: `HTTP Method '${method}' not allowed. Allowed are HEAD,GET` }
      ]);
    }
    const insert = await rest('POST', data('composite/sobjects'), {
      allOrNone: false,
      records: [{ attributes: { type: 'OauthToken' }, AppName: APP, UserId: s.connectorId }]
    });
    assert.equal(insert.status, 200);
    assert.deepEqual(insert.body, [
      {
        id: null,
        success: false,
        errors: [{ statusCode: 'INVALID_TYPE_FOR_OPERATION', message: 'entity type cannot be inserted', fields: [] }]
      }
    ]);
    const internalId = String(s.org.oauthTokens.held()[0]!['Id']);
    const remove = await rest('DELETE', data(`composite/sobjects?ids=${internalId}`));
    assert.equal((remove.body as { success: boolean }[])[0]!.success, false);
    assert.equal(s.org.oauthTokens.held().length, 1, 'still held');
  });

  it('returns Id null, pages at 500 with nextRecordsUrl and stops at 2,500; COUNT() gives the total', async () => {
    s = await seededOrg();
    for (let i = 0; i < 2_600; i++) s.org.oauthTokens.authorize({ userId: s.connectorId, appName: APP });
    const first = await query(`SELECT Id, DeleteToken, UserId FROM OauthToken WHERE AppName = '${APP}'`);
    const page = first.body as {
      totalSize: number;
      done: boolean;
      records: Record<string, unknown>[];
      nextRecordsUrl?: string;
    };
    assert.equal(page.records.length, 500);
    assert.equal(page.done, false);
    assert.ok(page.records.every((r) => r['Id'] === null && typeof r['DeleteToken'] === 'string'));
    let next = page.nextRecordsUrl;
    let rows = page.records.length;
    let pages = 1;
    while (next) {
      const more = (await rest('GET', next)).body as { records: unknown[]; nextRecordsUrl?: string };
      assert.ok(more.records.length <= 500);
      rows += more.records.length;
      next = more.nextRecordsUrl;
      pages++;
    }
    assert.equal(rows, 2_500, 'no row past the 2,500th');
    assert.equal(pages, 5);
    const count = await query(`SELECT COUNT() FROM OauthToken WHERE AppName = '${APP}'`);
    assert.deepEqual(count.body, { totalSize: 2_600, done: true, records: [] });
  });

  it("shows other users' tokens only to Customize Application", async () => {
    s = await seededOrg();
    s.org.oauthTokens.authorize({ userId: s.connectorId, appName: APP });
    const plain = s.org.addProfile('Operator', { PermissionsApiEnabled: true });
    const operator = s.org.addUser('operator@acme.example', { profileId: plain });
    s.org.oauthTokens.authorize({ userId: operator, appName: APP });
    const soql = 'SELECT UserId FROM OauthToken';
    const asAdmin = (await query(soql)).body as { records: { UserId: string }[] };
    assert.equal(asAdmin.records.length, 2);
    const asOperator = (await query(soql, s.org.issueToken(operator))).body as { records: { UserId: string }[] };
    assert.deepEqual(
      asOperator.records.map((r) => r.UserId),
      [operator]
    );
  });

  it('revokes a token at POST /services/oauth2/revoke with token=<DeleteToken>, form-encoded; 400 invalid_token otherwise', async () => {
    s = await seededOrg();
    const deleteToken = s.org.oauthTokens.authorize({ userId: s.connectorId, appName: APP });
    const revoke = (body: string, contentType = 'application/x-www-form-urlencoded') =>
      fetch(`${s!.org.url}/services/oauth2/revoke`, { method: 'POST', headers: { 'Content-Type': contentType }, body });
    const json = await revoke(JSON.stringify({ token: deleteToken }), 'application/json');
    assert.equal(json.status, 400, 'the documented form is form-encoded');
    assert.equal(((await json.json()) as { error: string }).error, 'invalid_token');
    const ok = await revoke(new URLSearchParams({ token: deleteToken }).toString());
    assert.equal(ok.status, 200);
    assert.equal(s.org.oauthTokens.held().length, 0);
    const again = await revoke(new URLSearchParams({ token: deleteToken }).toString());
    assert.equal(again.status, 400);
    assert.deepEqual(await again.json(), { error: 'invalid_token', error_description: 'Token was invalid' });
  });
});
