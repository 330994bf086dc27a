import { cleanUpAfterEach, flushPromises, renderComponent, SHOW_TOAST } from 'lwc-test-utils';
import CsmManualOverrides from 'c/csmManualOverrides';
import LightningConfirm from 'lightning/confirm';
import setManualCsm from '@salesforce/apex/AdminHomeController.setManualCsm';
import returnToSynced from '@salesforce/apex/AdminHomeController.returnToSynced';
import searchCsmAccounts from '@salesforce/apex/AdminHomeController.searchCsmAccounts';
import searchCsmUsers from '@salesforce/apex/AdminHomeController.searchCsmUsers';
import ADMIN_HOME from 'contract/fixtures/adminHome.json';
import LOOKUP_ACCOUNT from 'contract/fixtures/csmLookupOption.account.json';
import LOOKUP_USER from 'contract/fixtures/csmLookupOption.user.json';
import MANUAL_SET from 'contract/fixtures/actionResult.csmManualSet.json';

jest.mock('@salesforce/apex/AdminHomeController.setManualCsm', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/AdminHomeController.returnToSynced', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/AdminHomeController.searchCsmAccounts', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/AdminHomeController.searchCsmUsers', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('lightning/confirm', () => ({ __esModule: true, default: { open: jest.fn() } }));

const MANUAL = ADMIN_HOME.csm.manualAssignments;

describe('c-csm-manual-overrides', () => {
  let events;
  cleanUpAfterEach();

  async function render(props = {}) {
    const rendered = renderComponent(
      'c-csm-manual-overrides',
      CsmManualOverrides,
      { manualAssignments: MANUAL, canManage: true, busy: false, ...props },
      ['busy', 'refresh', SHOW_TOAST]
    );
    events = rendered.events;
    await flushPromises();
    return rendered.element;
  }

  const $ = (element, selector) => element.shadowRoot.querySelector(selector);
  const lookup = (element, kind) => $(element, `c-record-lookup[data-id="${kind}"]`);

  async function pick(element, kind, option) {
    lookup(element, kind).dispatchEvent(new CustomEvent('pick', { detail: { value: option } }));
    await flushPromises();
  }

  it('gives each lookup its own server search', async () => {
    const element = await render();
    expect(lookup(element, 'account').search).toBe(searchCsmAccounts);
    expect(lookup(element, 'user').search).toBe(searchCsmUsers);
    expect(lookup(element, 'account').label).toBe('c.Csm_SearchAccount');
    await expect(element).toBeAccessible();
  });

  it('sets the chosen user as the CSM of the account, then empties both lookups', async () => {
    setManualCsm.mockResolvedValue(MANUAL_SET);
    const element = await render();
    expect($(element, '[data-id="set-manual"]').disabled).toBe(true);
    await pick(element, 'account', LOOKUP_ACCOUNT);
    expect($(element, '[data-id="set-manual"]').disabled).toBe(true);
    expect($(element, '[data-id="clear-manual"]').disabled).toBe(false);
    await pick(element, 'user', LOOKUP_USER);
    const resets = ['account', 'user'].map((kind) => jest.spyOn(lookup(element, kind), 'reset'));
    $(element, '[data-id="set-manual"]').click();
    await flushPromises();

    expect(setManualCsm).toHaveBeenCalledWith({ accountId: LOOKUP_ACCOUNT.id, userId: LOOKUP_USER.id });
    expect(events.map(([name]) => name)).toEqual(['busy', 'lightning__showtoast', 'busy', 'refresh']);
    expect(events[1][1]).toEqual(expect.objectContaining({ variant: 'success', message: MANUAL_SET.message }));
    resets.forEach((reset) => expect(reset).toHaveBeenCalled());
    expect($(element, '[data-id="set-manual"]').disabled).toBe(true);
  });

  it('keeps the choice and toasts the error when the server refuses', async () => {
    setManualCsm.mockRejectedValue({ body: { message: 'That user is inactive.' } });
    const element = await render();
    await pick(element, 'account', LOOKUP_ACCOUNT);
    $(element, '[data-id="clear-manual"]').click();
    await flushPromises();
    expect(setManualCsm).toHaveBeenCalledWith({ accountId: LOOKUP_ACCOUNT.id, userId: null });
    expect(events.filter(([name]) => name === 'refresh')).toEqual([]);
    expect(events[1][1]).toEqual(expect.objectContaining({ variant: 'error', title: 'c.Csm_ToastError' }));
    expect($(element, '[data-id="clear-manual"]').disabled).toBe(false);
  });

  it('returns an account to the sync only after confirmation', async () => {
    returnToSynced.mockResolvedValue({ ok: true, changed: true, message: 'Returned to the sync.' });
    LightningConfirm.open.mockResolvedValueOnce(false).mockResolvedValueOnce(true);
    const element = await render();
    const button = $(element, `[data-manual="${MANUAL[0].id}"] lightning-button`);
    button.click();
    await flushPromises();
    expect(returnToSynced).not.toHaveBeenCalled();
    button.click();
    await flushPromises();
    expect(returnToSynced).toHaveBeenCalledWith({ assignmentId: MANUAL[0].id });
    expect(events.filter(([name]) => name === 'refresh')).toHaveLength(1);
  });

  it('is read-only without Manage Connector, and says when nobody is set by hand', async () => {
    const element = await render({ canManage: false, manualAssignments: [] });
    expect(lookup(element, 'account').disabled).toBe(true);
    expect(lookup(element, 'user').disabled).toBe(true);
    expect($(element, '[data-id="no-manual"]')).not.toBeNull();
    await expect(element).toBeAccessible();
  });
});
