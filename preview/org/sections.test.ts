/** getAdminHome reads each section on its own, as AdminHomeController does (see AdminHomeController_Tests). */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { AdminHome, SaveResult } from '../../scripts/contract/types.ts';
import { formatApex } from '../../scripts/lib/message-format.ts';
import { validateContract } from '../lib/contract.ts';
import { label } from './labels.ts';
import type { Org } from './org.ts';
import { callAura, seededAt } from './testing.ts';
import { scenarios } from './scenarios.ts';

const seeded = (): Org => seededAt(new Date('2025-11-23T14:05:00.000Z'));
const call = callAura;

describe('in-memory org: a section the running user cannot read', () => {
  test('an admin reads every section', () => {
    const page = call<AdminHome>(seeded(), 'getAdminHome');
    assert.deepEqual(page.unreadable, []);
    assert.ok(page.csm);
  });

  test('a basic user without Account access gets the page, and the CSM card says why', () => {
    const org = seeded();
    scenarios['basic-user']?.(org);
    const page = call<AdminHome>(org, 'getAdminHome');
    assert.deepEqual(validateContract(page, 'AdminHome'), []);
    assert.equal(page.canManage, false);
    assert.equal(page.csm, null, 'Account__r.Name of the manual assignments is a user-mode read of Account');
    assert.deepEqual(page.unreadable, [
      {
        section: 'csm',
        message: formatApex(label('AdminHome_SectionUnreadable'), [label('Csm_Title'), 'Account (Name)'])
      }
    ]);
    assert.match(page.unreadable?.[0]?.message ?? '', /^CSM sync can't be shown: you can't read Account \(Name\)\./);
    assert.ok(page.settings && page.events && page.jobs && page.status && page.audit, 'every other section loads');
  });

  test('the read-only user, who can read Account, still sees the CSM card', () => {
    const org = seeded();
    scenarios['read-only-user']?.(org);
    const page = call<AdminHome>(org, 'getAdminHome');
    assert.deepEqual(page.unreadable, []);
    assert.ok(page.csm);
  });

  test('a basic user is not offered Account fields: every field is unreadable to her', () => {
    const org = seeded();
    scenarios['basic-user']?.(org);
    assert.deepEqual(call(org, 'getCsmFieldOptions'), []);
  });
});

describe('in-memory org: the CSM email field setting follows the CSM card', () => {
  test('accepts a Text field and an Email field, refuses a Phone field with the Apex message', () => {
    const org = seeded();
    const save = (value: string) => call<SaveResult>(org, 'saveSettings', { settings: { csmEmailField: value } });
    assert.equal(save('AccountNumber').ok, true, 'a Text field the card offers');
    assert.equal(org.state.settings?.CsmEmailField__c, 'AccountNumber');
    assert.equal(save('CSM_Email__c').ok, true, 'an Email field');
    const refused = save('Phone');
    assert.equal(refused.ok, false);
    assert.equal(refused.fieldErrors['csmEmailField'], formatApex(label('Settings_ErrorEmailField'), ['Phone']));
  });
});
