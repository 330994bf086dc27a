import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { seededOrg, type SeededOrg, stopSeededOrg } from './seeded.ts';

// The fake org refuses what Salesforce refuses, in the platform's JSON shapes.
describe('fake org: REST limits and refusals of the platform', () => {
  let s: SeededOrg | undefined;
  afterEach(async () => (s = await stopSeededOrg(s)));

  const post = async (path: string, body: unknown): Promise<{ status: number; body: unknown }> => {
    const response = await fetch(`${s!.org.url}/services/data/v65.0/${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${s!.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body)
    });
    return { status: response.status, body: await response.json() };
  };
  const query = (i: number): { method: string; url: string; referenceId: string } => ({
    method: 'GET',
    url: `/services/data/v65.0/query?q=${encodeURIComponent('SELECT Id FROM User')}`,
    referenceId: `q${i}`
  });
  const refusal = (body: unknown): { errorCode: string; message: string } | undefined => {
    const first = (body as { compositeResponse: { body: unknown; httpStatusCode: number; referenceId: unknown }[] })
      .compositeResponse[0]!;
    if (first.referenceId !== null || first.httpStatusCode !== 400) return undefined;
    return (first.body as { errorCode: string; message: string }[])[0];
  };

  it('refuses a Composite call with more than 5 query subrequests with LIMIT_EXCEEDED and runs none of them', async () => {
    s = await seededOrg();
    const five = await post('composite', { allOrNone: false, compositeRequest: [0, 1, 2, 3, 4].map(query) });
    assert.equal(five.status, 200);
    assert.equal(refusal(five.body), undefined, 'five queries are allowed');
    const six = await post('composite', { allOrNone: false, compositeRequest: [0, 1, 2, 3, 4, 5].map(query) });
    assert.equal(six.status, 200);
    assert.equal(refusal(six.body)?.errorCode, 'LIMIT_EXCEEDED');
    assert.equal((six.body as { compositeResponse: unknown[] }).compositeResponse.length, 1);
    // sObject Collections subrequests count toward the same 5.
    const collections = Array.from({ length: 6 }, (_, i) => ({
      method: 'POST',
      url: '/services/data/v65.0/composite/sobjects',
      referenceId: `c${i}`,
      body: { allOrNone: false, records: [{ attributes: { type: 'PermissionSet' }, Name: `Limit_${i}`, Label: 'x' }] }
    }));
    const writes = await post('composite', { allOrNone: false, compositeRequest: collections });
    assert.equal(refusal(writes.body)?.errorCode, 'LIMIT_EXCEEDED');
    assert.equal(s.org.db.rows('PermissionSet').filter((ps) => String(ps['Name']).startsWith('Limit_')).length, 0);
  });

  it('refuses a Composite call with more than 25 subrequests with LIMIT_EXCEEDED', async () => {
    s = await seededOrg();
    const describes = Array.from({ length: 26 }, (_, i) => ({
      method: 'GET',
      url: '/services/data/v65.0/sobjects/User/describe',
      referenceId: `d${i}`
    }));
    const answer = await post('composite', { compositeRequest: describes });
    assert.match(refusal(answer.body)?.message ?? '', /more than 25 operations/);
    const ok = await post('composite', { compositeRequest: describes.slice(0, 25) });
    assert.equal(refusal(ok.body), undefined);
  });

  it('refuses an sObject Collections create mixing a setup object with another type and creates nothing', async () => {
    s = await seededOrg();
    const set = { attributes: { type: 'PermissionSet' }, Name: 'Mixed_Set', Label: 'Mixed' };
    // A package object (no namespace in the seeded org): not a setup object.
    const run = { attributes: { type: 'CsmSyncRun__c' } };
    const mixed = await post('composite/sobjects', { allOrNone: false, records: [set, run] });
    assert.equal(mixed.status, 400);
    assert.deepEqual(
      (mixed.body as { errorCode: string; fields: string[] }[]).map((e) => [e.errorCode, e.fields]),
      [['MIXED_DML_OPERATION', []]]
    );
    assert.equal(s.org.db.rows('PermissionSet').filter((ps) => ps['Name'] === 'Mixed_Set').length, 0);
    assert.equal(s.org.db.rows('CsmSyncRun__c').length, 0);
    // One type a request is how the CLI writes: each is accepted.
    for (const record of [set, run]) {
      const alone = await post('composite/sobjects', { allOrNone: false, records: [record] });
      assert.equal((alone.body as { success: boolean }[])[0]!.success, true, JSON.stringify(alone.body));
    }
  });

  it('answers a duplicate PermissionSetAssignment with a per-record DUPLICATE_VALUE (allOrNone=false)', async () => {
    s = await seededOrg();
    const record = {
      attributes: { type: 'PermissionSetAssignment' },
      AssigneeId: s.connectorId,
      PermissionSetId: s.packaged['ConnectorBasicUser']
    };
    const other = { ...record, PermissionSetId: s.packaged['ConnectorAdministrator'] };
    const first = await post('composite/sobjects', { allOrNone: false, records: [record] });
    assert.equal((first.body as { success: boolean }[])[0]!.success, true);
    const again = await post('composite/sobjects', { allOrNone: false, records: [record, other] });
    assert.equal(again.status, 200);
    const [dup, fresh] = again.body as { id: string | null; success: boolean; errors: Record<string, unknown>[] }[];
    assert.deepEqual(dup, {
      id: null,
      success: false,
      errors: [{ statusCode: 'DUPLICATE_VALUE', message: 'Duplicate PermissionSetAssignment', fields: [] }]
    });
    assert.equal(fresh!.success, true, 'the other record of the request is saved');
  });

  it('injects a 502 after the request committed (afterCommit)', async () => {
    s = await seededOrg();
    s.org.fail({ method: 'POST', path: '/composite/sobjects', times: 1, status: 502, afterCommit: true, body: [] });
    const record = {
      attributes: { type: 'PermissionSetAssignment' },
      AssigneeId: s.connectorId,
      PermissionSetId: s.packaged['ConnectorBasicUser']
    };
    const answer = await post('composite/sobjects', { allOrNone: false, records: [record] });
    assert.equal(answer.status, 502);
    assert.equal(
      s.org.db.rows('PermissionSetAssignment').filter((a) => a['PermissionSetId'] === s!.packaged['ConnectorBasicUser'])
        .length,
      1,
      'committed'
    );
  });
});
