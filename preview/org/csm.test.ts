/** The CSM sync twin follows the rules of CsmSyncService / CsmSyncBatch (see CsmSyncService_Tests). */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type {
  ActionResult,
  LoadedAdminHome,
  CsmPreview,
  CsmProgress,
  CsmRunStart
} from '../../scripts/contract/types.ts';
import { validateContract } from '../lib/contract.ts';
import { csmSeedIds as ids } from './csmSeed.ts';
import { label } from './labels.ts';
import type { Org } from './org.ts';
import { callAura, seededAt } from './testing.ts';
import { invokeApex } from './registry.ts';
import { scenarios } from './scenarios.ts';

const seeded = (): Org => seededAt(new Date('2025-11-23T14:05:00.000Z'));
const call = callAura;

function error(org: Org, method: string, params: Record<string, unknown> = {}): string {
  const response = invokeApex(org, `AdminHomeController.${method}`, params);
  assert.equal(response.status, 400, JSON.stringify(response.body));
  return (response.body as { message: string }).message;
}

function configured(): Org {
  const org = seeded();
  call(org, 'saveCsmSettings', { fieldName: 'csm_email__c', enabled: true });
  return org;
}

/** Runs now and polls until done, like the card. */
function runToEnd(org: Org): CsmProgress {
  const started = call<CsmRunStart>(org, 'runCsmSyncNow');
  for (let poll = 0; poll < 10; poll++) {
    const progress = call<CsmProgress>(org, 'getCsmSyncProgress', { jobId: started.jobId });
    if (progress.done) return progress;
  }
  throw new Error('the run never finished');
}

const actionsByAccount = (preview: CsmPreview) =>
  Object.fromEntries(preview.rows.map((row) => [row.accountName, row.action]));

describe('in-memory org: CSM sync', () => {
  test('offers only readable Email and Text fields of Account, sorted by label', () => {
    const options = call<{ value: string; label: string; type: string }[]>(seeded(), 'getCsmFieldOptions');
    assert.deepEqual(
      options.map((o) => o.value),
      ['Name', 'AccountNumber', 'Site', 'CSM_Email__c']
    );
    for (const option of options) assert.deepEqual(validateContract(option, 'CsmFieldOption'), []);
  });

  test('saves the field by its API name and rejects fields that cannot hold an email', () => {
    const org = seeded();
    const saved = call<ActionResult>(org, 'saveCsmSettings', { fieldName: 'csm_email__c', enabled: true });
    assert.equal(saved.changed, true);
    assert.equal(org.state.settings?.CsmEmailField__c, 'CSM_Email__c');
    assert.equal(
      call<ActionResult>(org, 'saveCsmSettings', { fieldName: 'CSM_Email__c', enabled: true }).changed,
      false
    );
    for (const field of ['AnnualRevenue', 'Legal_Contact_Email__c', 'No_Such__c']) {
      assert.equal(
        error(org, 'saveCsmSettings', { fieldName: field, enabled: true }),
        label('Csm_ErrorInvalidField').replace('{0}', field)
      );
    }
    assert.equal(error(org, 'saveCsmSettings', { fieldName: null, enabled: true }), label('Csm_ErrorEnableNeedsField'));
    assert.equal(org.state.settings?.CsmEmailField__c, 'CSM_Email__c', 'a rejected save changes nothing');
  });

  test('previews every case without writing', () => {
    const org = configured();
    const before = JSON.stringify(org.state.csmAssignments);
    const preview = call<CsmPreview>(org, 'previewCsmSync');
    assert.deepEqual(validateContract(preview, 'CsmPreview'), []);
    assert.deepEqual(actionsByAccount(preview), {
      'Acme Corporation': 'Create',
      'Contoso Ltd': 'Update',
      'Globex Corporation': 'KeepManual',
      Hooli: 'Unchanged',
      'Umbrella Corp': 'Unmatched',
      'Vandelay Industries': 'Unmatched',
      Initech: 'Clear'
    });
    const acme = preview.rows.find((r) => r.accountName === 'Acme Corporation');
    assert.equal(acme?.email, 'grace.hopper@acme.example', 'trimmed and lower-cased');
    assert.equal(acme?.newCsmName, 'Grace Hopper');
    assert.equal(
      preview.rows.find((r) => r.accountName === 'Vandelay Industries')?.reason,
      label('Csm_ReasonInactiveUser')
    );
    assert.deepEqual(
      [preview.summary.created, preview.summary.updated, preview.summary.unchanged, preview.summary.skippedManual],
      [1, 1, 1, 1]
    );
    assert.deepEqual([preview.summary.unmatched, preview.summary.cleared], [2, 1]);
    assert.equal(JSON.stringify(org.state.csmAssignments), before, 'a dry run writes nothing');
  });

  test('runs in two passes, reports the run and keeps manual assignments', () => {
    const org = configured();
    const progress = runToEnd(org);
    assert.deepEqual(validateContract(progress, 'CsmProgress'), []);
    assert.equal(progress.run?.status, 'Completed');
    const run = progress.run;
    assert.deepEqual(
      [run?.created, run?.updated, run?.unchanged, run?.skippedManual, run?.unmatched, run?.cleared, run?.errors],
      [1, 1, 1, 1, 2, 1, 0]
    );
    assert.deepEqual(run?.unmatchedEmails, ['j.doe@old-domain.example', 'linus.left@acme.example']);
    const byAccount = new Map(org.state.csmAssignments.map((a) => [a.Account__c, a]));
    assert.equal(byAccount.get(ids.acme)?.CsmUser__c, ids.grace);
    assert.equal(byAccount.get(ids.contoso)?.CsmUser__c, ids.alan);
    assert.equal(byAccount.get(ids.globex)?.CsmUser__c, ids.alan, 'manual kept');
    assert.equal(byAccount.has(ids.initech), false, 'emptied field cleared');
    const page = call<LoadedAdminHome>(org, 'getAdminHome');
    assert.equal(page.csm.lastRun?.id, run?.id, 'Admin Home shows the run');
    assert.deepEqual(
      org.state.events.slice(-2).map((e) => e.Action__c),
      ['Start CSM sync', 'Finish CSM sync']
    );
    // Nothing left to do: a second run changes nothing.
    const second = runToEnd(org).run;
    assert.deepEqual([second?.created, second?.updated, second?.cleared, second?.unchanged], [0, 0, 0, 3]);
  });

  test('refuses a second run while one is open, and runs without a field', () => {
    const org = configured();
    call<CsmRunStart>(org, 'runCsmSyncNow');
    assert.equal(error(org, 'runCsmSyncNow'), label('Csm_ErrorAlreadyRunning'));
    const unconfigured = seeded();
    assert.equal(error(unconfigured, 'previewCsmSync'), label('Csm_ErrorNoField'));
    assert.equal(error(unconfigured, 'runCsmSyncNow'), label('Csm_ErrorNoField'));
    assert.equal(error(org, 'getCsmSyncProgress', { jobId: '707000000000000AAA' }), label('Csm_ErrorUnknownJob'));
  });

  test('sets a CSM by hand that the next run keeps, and returns it to the sync', () => {
    const org = configured();
    const set = call<ActionResult>(org, 'setManualCsm', { accountId: ids.acme, userId: ids.alan });
    assert.equal(
      set.message,
      label('Csm_MessageManualSet').replace('{0}', 'Acme Corporation').replace('{1}', 'Alan Turing')
    );
    assert.equal(
      error(org, 'setManualCsm', { accountId: ids.acme, userId: ids.linus }),
      label('Csm_ErrorUserNotActive')
    );
    runToEnd(org);
    const acme = () => org.state.csmAssignments.find((a) => a.AccountKey__c === ids.acme);
    assert.equal(acme()?.CsmUser__c, ids.alan, 'the run never overwrites a manual assignment');

    const returned = call<ActionResult>(org, 'returnToSynced', { assignmentId: acme()?.Id });
    assert.equal(returned.message, label('Csm_MessageReturnedSynced'));
    assert.equal(acme()?.Source__c, 'Synced');
    assert.equal(acme()?.CsmUser__c, ids.grace, 'follows the Account field again');
    assert.equal(call<ActionResult>(org, 'returnToSynced', { assignmentId: acme()?.Id }).changed, false);

    call<ActionResult>(org, 'setManualCsm', { accountId: ids.wayne, userId: null });
    const page = call<LoadedAdminHome>(org, 'getAdminHome');
    assert.deepEqual(
      page.csm.manualAssignments.map((a) => [a.accountName, a.csmUserName]),
      [
        ['Wayne Enterprises', null],
        ['Globex Corporation', 'Alan Turing']
      ]
    );
  });

  test('searches accounts and active users from two characters', () => {
    const org = seeded();
    assert.deepEqual(
      call<{ label: string }[]>(org, 'searchCsmAccounts', { term: ' CORP' }).map((o) => o.label),
      ['Acme Corporation', 'Globex Corporation', 'Umbrella Corp']
    );
    assert.deepEqual(call<unknown[]>(org, 'searchCsmUsers', { term: 'l' }), []);
    assert.deepEqual(
      call<{ label: string }[]>(org, 'searchCsmUsers', { term: 'linus' }),
      [],
      'inactive users are not offered'
    );
  });

  test('users without Manage Connector can see the card but not use it', () => {
    const org = configured();
    scenarios['read-only-user']?.(org);
    assert.equal(error(org, 'previewCsmSync'), label('Error_ManageConnectorRequired'));
    assert.equal(
      error(org, 'setManualCsm', { accountId: ids.acme, userId: ids.alan }),
      label('Error_ManageConnectorRequired')
    );
    assert.equal(call<LoadedAdminHome>(org, 'getAdminHome').csm.emailField, 'CSM_Email__c');
  });
});
