/** The setup objects the "before it breaks" rules read, as the REST face serves them (policy-objects.ts). */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { addConnectedApplication, userLicenseId } from './policy-objects.ts';
import { seededOrg, type SeededOrg, stopSeededOrg } from './seeded.ts';

describe('fake org: ConnectedApplication, UserLicense, PermissionSetLicense(Assign), SetupEntityAccess', () => {
  let s: SeededOrg | undefined;
  afterEach(async () => (s = await stopSeededOrg(s)));

  async function rest(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
    const response = await fetch(s!.org.url + path, {
      method,
      headers: { Authorization: `Bearer ${s!.token}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body)
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }
  const data = (relative: string) => `/services/data/v${s!.org.apiVersion}/${relative}`;
  const query = async (soql: string) =>
    (await rest('GET', data(`query?q=${encodeURIComponent(soql)}`))).body as {
      records: Record<string, unknown>[];
    };

  it('refuses writes to the query-only ConnectedApplication, UserLicense and PermissionSetLicense', async () => {
    s = await seededOrg();
    const app = addConnectedApplication(s.org.db, { Name: 'Acme Connector' });
    for (const [method, path] of [
      ['POST', 'sobjects/ConnectedApplication'],
      ['PATCH', `sobjects/ConnectedApplication/${app}`],
      ['DELETE', `sobjects/ConnectedApplication/${app}`],
      ['POST', 'sobjects/UserLicense'],
      ['POST', 'sobjects/PermissionSetLicense']
    ] as const) {
      const answer = await rest(method, data(path), method === 'DELETE' ? undefined : { Name: 'x' });
      assert.equal(answer.status, 405, `${method} ${path}`);
      assert.deepEqual(answer.body, [
        { errorCode: 'METHOD_NOT_ALLOWED', message: `HTTP Method '${method}' not allowed. Allowed are HEAD,GET` }
      ]);
    }
    const update = await rest('PATCH', data('composite/sobjects'), {
      allOrNone: false,
      records: [{ attributes: { type: 'ConnectedApplication' }, Id: app, OptionsAllowAdminApprovedUsersOnly: true }]
    });
    assert.deepEqual(update.body, [
      {
        id: null,
        success: false,
        errors: [{ statusCode: 'INVALID_TYPE_FOR_OPERATION', message: 'entity type cannot be updated', fields: [] }]
      }
    ]);
    const remove = await rest('DELETE', data(`composite/sobjects?ids=${app}`));
    assert.equal((remove.body as { success: boolean }[])[0]!.success, false);
    assert.equal(s.org.db.rows('ConnectedApplication').length, 1, 'nothing changed');
    assert.equal(
      (await query(`SELECT OptionsAllowAdminApprovedUsersOnly FROM ConnectedApplication WHERE Name = 'Acme Connector'`))
        .records[0]!['OptionsAllowAdminApprovedUsersOnly'],
      false
    );
  });

  it('answers the user license through Profile.UserLicense and permission set licenses through the assignment', async () => {
    s = await seededOrg();
    s.org.db.update('Profile', s.standardProfileId, {
      UserLicenseId: userLicenseId(s.org.db, 'Salesforce Integration')
    });
    const psl = s.org.db.insert('PermissionSetLicense', {
      DeveloperName: 'SalesforceAPIIntegrationPsl',
      MasterLabel: 'Salesforce API Integration'
    });
    // PermissionSetLicenseAssign supports create(): the REST face accepts it.
    const created = await rest('POST', data('sobjects/PermissionSetLicenseAssign'), {
      AssigneeId: s.connectorId,
      PermissionSetLicenseId: psl
    });
    assert.equal(created.status, 201);
    const users = await query(`SELECT Profile.UserLicense.Name FROM User WHERE Username = 'connector@acme.example'`);
    const profile = users.records[0]!['Profile'] as { UserLicense: { Name: string } };
    assert.equal(profile.UserLicense.Name, 'Salesforce Integration');
    const assigned = await query(
      `SELECT Id FROM PermissionSetLicenseAssign WHERE AssigneeId = '${s.connectorId}' AND PermissionSetLicense.MasterLabel = 'Salesforce API Integration'`
    );
    assert.equal(assigned.records.length, 1);
  });
});
