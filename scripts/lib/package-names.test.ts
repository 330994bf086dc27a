import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { packageField, packageName } from './package-names.ts';

describe('packageName', () => {
  it('prefixes package objects and fields with the namespace, and leaves them alone without one', () => {
    assert.equal(packageName('acme', 'CsmSyncRun__c'), 'acme__CsmSyncRun__c'); // namespace-safe: sample names
    assert.equal(packageName('', 'CsmSyncRun__c'), 'CsmSyncRun__c');
    assert.equal(packageName('acme', 'Status__c'), 'acme__Status__c'); // namespace-safe: sample names
  });

  it('refuses names that are already qualified or not custom', () => {
    assert.throws(() => packageName('acme', 'acme__Status__c'), /not an unqualified/); // namespace-safe: sample
    assert.throws(() => packageName('acme', 'Account'), /not an unqualified/);
  });

  it('reads a qualified field back from a record', () => {
    const record = { Id: 'a01', acme__Errors__c: 2 }; // namespace-safe: sample record
    assert.equal(packageField<number>('acme', record, 'Errors__c'), 2);
    assert.equal(packageField<number>('', record, 'Errors__c'), null);
  });
});
