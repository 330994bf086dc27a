import { createElement } from '@lwc/engine-dom';
import CsmSync from 'c/csmSync';
import { POLL_INTERVAL_MS } from 'c/csmSyncRun';
import { SEARCH_DELAY_MS } from 'c/debouncedSearch';
import LightningConfirm from 'lightning/confirm';
import getCsmFieldOptions from '@salesforce/apex/AdminHomeController.getCsmFieldOptions';
import saveCsmSettings from '@salesforce/apex/AdminHomeController.saveCsmSettings';
import previewCsmSync from '@salesforce/apex/AdminHomeController.previewCsmSync';
import runCsmSyncNow from '@salesforce/apex/AdminHomeController.runCsmSyncNow';
import getCsmSyncProgress from '@salesforce/apex/AdminHomeController.getCsmSyncProgress';
import setManualCsm from '@salesforce/apex/AdminHomeController.setManualCsm';
import returnToSynced from '@salesforce/apex/AdminHomeController.returnToSynced';
import searchCsmAccounts from '@salesforce/apex/AdminHomeController.searchCsmAccounts';
import searchCsmUsers from '@salesforce/apex/AdminHomeController.searchCsmUsers';
import ADMIN_HOME from 'contract/fixtures/adminHome.json';
import PREVIEW from 'contract/fixtures/csmPreview.json';
import RUN_START from 'contract/fixtures/csmRunStart.json';
import PROGRESS_RUNNING from 'contract/fixtures/csmProgress.running.json';
import PROGRESS_DONE from 'contract/fixtures/csmProgress.done.json';
import FIELD_EMAIL from 'contract/fixtures/csmFieldOption.email.json';
import FIELD_TEXT from 'contract/fixtures/csmFieldOption.text.json';
import LOOKUP_ACCOUNT from 'contract/fixtures/csmLookupOption.account.json';
import LOOKUP_USER from 'contract/fixtures/csmLookupOption.user.json';
import MANUAL_SET from 'contract/fixtures/actionResult.csmManualSet.json';

jest.mock('@salesforce/apex/AdminHomeController.getCsmFieldOptions', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/AdminHomeController.saveCsmSettings', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/AdminHomeController.previewCsmSync', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/AdminHomeController.runCsmSyncNow', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/AdminHomeController.getCsmSyncProgress', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/AdminHomeController.setManualCsm', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/AdminHomeController.returnToSynced', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/AdminHomeController.searchCsmAccounts', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/AdminHomeController.searchCsmUsers', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('lightning/confirm', () => ({ __esModule: true, default: { open: jest.fn() } }));
jest.mock('@salesforce/label/c.Csm_Progress', () => ({ default: '{0} of {1} batches, status {2}' }), { virtual: true });
jest.mock('@salesforce/label/c.Csm_PreviewLimit', () => ({ default: 'First {0} rows' }), { virtual: true });
jest.mock('@salesforce/label/c.Csm_RunMeta', () => ({ default: 'Started {0} · {1}' }), { virtual: true });

const CSM = ADMIN_HOME.csm;
const APEX_ERROR = { body: { message: 'The Account field "Foo__c" cannot hold the CSM email.' }, status: 500 };

// Imperative Apex resolves in microtasks; a few ticks let chained awaits and re-renders settle.
async function flushPromises() {
  await Promise.resolve();
  await Promise.resolve();
  await Promise.resolve();
  await Promise.resolve();
  await Promise.resolve();
}

describe('c-csm-sync', () => {
  let toasts;
  let refreshes;

  beforeEach(() => {
    getCsmFieldOptions.mockResolvedValue([FIELD_EMAIL, FIELD_TEXT]);
    toasts = [];
    refreshes = 0;
  });

  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
    jest.useRealTimers();
  });

  async function render(props = {}) {
    const element = createElement('c-csm-sync', { is: CsmSync });
    Object.assign(element, { csm: CSM, canManage: true, ...props });
    element.addEventListener('lightning__showtoast', (event) => toasts.push(event.detail));
    element.addEventListener('refresh', () => refreshes++);
    document.body.appendChild(element);
    await flushPromises();
    return element;
  }

  // The card is composed of child components: queries look through every shadow root below the card.
  const $$ = (element, selector) => {
    const found = [];
    const visit = (root) => {
      found.push(...root.querySelectorAll(selector));
      root.querySelectorAll('*').forEach((child) => child.shadowRoot && visit(child.shadowRoot));
    };
    visit(element.shadowRoot);
    return found;
  };
  const $ = (element, selector) => $$(element, selector)[0] ?? null;
  const searchField = (element, kind) =>
    $(element, `c-record-lookup[data-id="${kind}"]`).shadowRoot.querySelector('[data-id="search"]');

  it('shows the saved settings, the last run and the manual assignments', async () => {
    const element = await render();

    const field = $(element, '[data-id="field"]');
    expect(field.value).toBe('CSM_Email__c');
    expect(field.options.map((option) => option.value)).toEqual(['CSM_Email__c', 'Site']);
    expect($(element, '[data-id="enabled"]').checked).toBe(true);
    expect($(element, '[data-id="save"]').disabled).toBe(true);
    expect($(element, '[data-count="created"]').textContent).toBe('12');
    expect($(element, '[data-count="unchanged"]').textContent).toBe('418');
    expect($(element, '[data-count="skippedManual"]').textContent).toBe('2');
    expect($$(element, '[data-id="unmatched-emails"] li').map((li) => li.textContent)).toEqual(
      CSM.lastRun.unmatchedEmails
    );
    expect($$(element, '[data-manual]')).toHaveLength(2);
    expect($(element, '[data-id="read-only"]')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('says when the sync has not run and nobody is set by hand', async () => {
    const element = await render({ csm: { ...CSM, lastRun: null, manualAssignments: [] } });
    expect($(element, '[data-id="no-run"]')).not.toBeNull();
    expect($(element, '[data-id="no-manual"]')).not.toBeNull();
    await expect(element).toBeAccessible();
  });

  it('saves the chosen field and switch, then asks the page to refresh', async () => {
    saveCsmSettings.mockResolvedValue({ ok: true, changed: true, message: 'CSM sync settings saved.' });
    const element = await render();

    $(element, '[data-id="field"]').dispatchEvent(new CustomEvent('change', { detail: { value: 'Site' } }));
    const toggle = $(element, '[data-id="enabled"]');
    toggle.checked = false;
    toggle.dispatchEvent(new CustomEvent('change'));
    await flushPromises();
    expect($(element, '[data-id="save"]').disabled).toBe(false);
    $(element, '[data-id="save"]').click();
    await flushPromises();

    expect(saveCsmSettings).toHaveBeenCalledWith({ fieldName: 'Site', enabled: false });
    expect(toasts).toEqual([expect.objectContaining({ variant: 'success', message: 'CSM sync settings saved.' })]);
    expect(refreshes).toBe(1);
  });

  it('shows the server error when a field is rejected', async () => {
    saveCsmSettings.mockRejectedValue(APEX_ERROR);
    const element = await render();
    $(element, '[data-id="field"]').dispatchEvent(new CustomEvent('change', { detail: { value: 'Foo__c' } }));
    await flushPromises();
    $(element, '[data-id="save"]').click();
    await flushPromises();

    expect(toasts).toEqual([expect.objectContaining({ variant: 'error', message: APEX_ERROR.body.message })]);
    expect(refreshes).toBe(0);
  });

  it('lists what a dry run would do, row by row', async () => {
    previewCsmSync.mockResolvedValue({ ...PREVIEW, limitReached: true });
    const element = await render();
    $(element, '[data-id="dry-run"]').click();
    await flushPromises();

    const rows = $$(element, '[data-id="preview"] tbody tr');
    expect(rows.map((row) => row.dataset.action)).toEqual(PREVIEW.rows.map((row) => row.action));
    expect(rows[1].textContent).toContain('Contoso Ltd');
    expect(rows[1].textContent).toContain('Ada Lovelace');
    expect(rows[1].textContent).toContain('Grace Hopper');
    expect(rows[6].textContent).toContain('c.Csm_NoCsm');
    expect($(element, '[data-id="preview-limit"]').textContent).toBe('First 200 rows');
    expect($(element, '[data-preview-count="skippedManual"]').textContent).toBe('1');
    expect($(element, '[data-preview-count="unmatched"]').textContent).toBe('2');
    expect(refreshes).toBe(0);
    await expect(element).toBeAccessible();
  });

  it('says when a dry run finds nothing to do', async () => {
    previewCsmSync.mockResolvedValue({ ...PREVIEW, rows: [] });
    const element = await render();
    $(element, '[data-id="dry-run"]').click();
    await flushPromises();
    expect($(element, '[data-id="preview-empty"]')).not.toBeNull();
  });

  it('runs now after confirmation and follows the batch until the report is in', async () => {
    jest.useFakeTimers();
    LightningConfirm.open.mockResolvedValue(true);
    runCsmSyncNow.mockResolvedValue(RUN_START);
    getCsmSyncProgress.mockResolvedValueOnce(PROGRESS_RUNNING).mockResolvedValueOnce(PROGRESS_DONE);
    previewCsmSync.mockResolvedValue(PREVIEW);
    const element = await render({ csm: { ...CSM, lastRun: null } });
    $(element, '[data-id="dry-run"]').click();
    await flushPromises();
    expect($(element, '[data-id="preview"]')).not.toBeNull();

    $(element, '[data-id="run-now"]').click();
    await flushPromises();
    expect(LightningConfirm.open).toHaveBeenCalledWith(expect.objectContaining({ theme: 'warning' }));
    expect(runCsmSyncNow).toHaveBeenCalledTimes(1);
    expect($(element, '[data-id="run-now"]').disabled).toBe(true);

    jest.advanceTimersByTime(POLL_INTERVAL_MS);
    await flushPromises();
    expect(getCsmSyncProgress).toHaveBeenCalledWith({ jobId: RUN_START.jobId });
    expect($(element, '[data-id="progress-text"]').textContent).toBe('2 of 5 batches, status Processing');
    expect($(element, 'lightning-progress-bar').value).toBe(40);

    jest.advanceTimersByTime(POLL_INTERVAL_MS);
    await flushPromises();
    expect(getCsmSyncProgress).toHaveBeenCalledTimes(2);
    expect($(element, '[data-count="created"]').textContent).toBe('12');
    expect($(element, '[data-id="preview"]')).toBeNull();
    expect($(element, '[data-id="run-now"]').disabled).toBe(false);
    expect(toasts.map((toast) => toast.variant)).toEqual(['success', 'success']);
    expect(refreshes).toBe(1);

    jest.advanceTimersByTime(POLL_INTERVAL_MS * 3);
    await flushPromises();
    expect(getCsmSyncProgress).toHaveBeenCalledTimes(2);
  });

  it('reports a run that stopped', async () => {
    jest.useFakeTimers();
    LightningConfirm.open.mockResolvedValue(true);
    runCsmSyncNow.mockResolvedValue(RUN_START);
    getCsmSyncProgress.mockResolvedValue({ ...PROGRESS_DONE, status: 'Aborted', run: null });
    const element = await render();
    $(element, '[data-id="run-now"]').click();
    await flushPromises();
    jest.advanceTimersByTime(POLL_INTERVAL_MS);
    await flushPromises();
    expect(toasts[1]).toEqual(expect.objectContaining({ variant: 'error' }));
  });

  it('does nothing when Run now is cancelled', async () => {
    LightningConfirm.open.mockResolvedValue(false);
    const element = await render();
    $(element, '[data-id="run-now"]').click();
    await flushPromises();
    expect(runCsmSyncNow).not.toHaveBeenCalled();
  });

  it('blocks runs while the saved field cannot be used', async () => {
    const element = await render({ csm: { ...CSM, emailFieldError: 'The field is gone.' } });
    expect($(element, '[data-id="field-error"]').textContent).toBe('The field is gone.');
    expect($(element, '[data-id="run-now"]').disabled).toBe(true);
    expect($(element, '[data-id="dry-run"]').disabled).toBe(true);
    // A disabled button says why, beside it and in its title.
    expect($(element, '[data-id="run-hint"]').textContent).toBe('c.Csm_RunHintFieldError');
    expect($(element, '[data-id="dry-run"]').title).toBe('c.Csm_RunHintFieldError');
    await expect(element).toBeAccessible();
  });

  it('says why Dry run is disabled before a field is saved, and nothing while it can run', async () => {
    const element = await render({ csm: { ...CSM, emailField: null, emailFieldLabel: null } });
    expect($(element, '[data-id="dry-run"]').disabled).toBe(true);
    expect($(element, '[data-id="run-hint"]').textContent).toBe('c.Csm_RunHintNoField');

    const ready = await render();
    expect($(ready, '[data-id="dry-run"]').disabled).toBe(false);
    expect($(ready, '[data-id="run-hint"]')).toBeNull();
    // The switch says what it does to the scheduled CSM sync job.
    expect($(ready, '[data-id="enabled-help"]').textContent).toBe('c.Csm_EnabledHelp');
  });

  it('is read-only without Manage Connector', async () => {
    const element = await render({ canManage: false });
    expect($(element, '[data-id="read-only"]')).not.toBeNull();
    expect($(element, '[data-id="field"]').disabled).toBe(true);
    expect($(element, '[data-id="run-now"]').disabled).toBe(true);
    expect(searchField(element, 'account').disabled).toBe(true);
    expect($$(element, '[data-manual] lightning-button').every((button) => button.disabled)).toBe(true);
    await expect(element).toBeAccessible();
  });

  it('sets a CSM by hand from the account and user searches', async () => {
    jest.useFakeTimers();
    searchCsmAccounts.mockResolvedValue([LOOKUP_ACCOUNT]);
    searchCsmUsers.mockResolvedValue([LOOKUP_USER]);
    setManualCsm.mockResolvedValue(MANUAL_SET);
    const element = await render();

    searchField(element, 'account').dispatchEvent(new CustomEvent('change', { detail: { value: 'Ac' } }));
    jest.advanceTimersByTime(SEARCH_DELAY_MS);
    await flushPromises();
    expect(searchCsmAccounts).toHaveBeenCalledWith({ term: 'Ac' });
    $(element, `[data-id="results"] button[data-id="${LOOKUP_ACCOUNT.id}"]`).click();
    await flushPromises();
    expect($(element, '[data-id="pill"]').label).toBe('Acme Corporation');
    expect($(element, '[data-id="set-manual"]').disabled).toBe(true);

    searchField(element, 'user').dispatchEvent(new CustomEvent('change', { detail: { value: 'gra' } }));
    jest.advanceTimersByTime(SEARCH_DELAY_MS);
    await flushPromises();
    expect($(element, '[data-id="results"]').textContent).toContain('grace@example.com');
    $(element, `[data-id="results"] button[data-id="${LOOKUP_USER.id}"]`).click();
    await flushPromises();

    $(element, '[data-id="set-manual"]').click();
    await flushPromises();
    expect(setManualCsm).toHaveBeenCalledWith({ accountId: LOOKUP_ACCOUNT.id, userId: LOOKUP_USER.id });
    expect(toasts).toEqual([expect.objectContaining({ variant: 'success', message: MANUAL_SET.message })]);
    expect(refreshes).toBe(1);
    expect($(element, '[data-id="pill"]')).toBeNull();
  });

  it('lists search results accessibly', async () => {
    searchCsmUsers.mockResolvedValue([LOOKUP_USER]);
    const element = await render();
    searchField(element, 'user').dispatchEvent(new CustomEvent('change', { detail: { value: 'gra' } }));
    await new Promise((resolve) => {
      setTimeout(resolve, SEARCH_DELAY_MS + 50); // eslint-disable-line @lwc/lwc/no-async-operation
    });
    await flushPromises();
    expect($$(element, '[data-id="results"] button')).toHaveLength(1);
    await expect(element).toBeAccessible();
  });

  it('does not search for one character', async () => {
    jest.useFakeTimers();
    const element = await render();
    searchField(element, 'account').dispatchEvent(new CustomEvent('change', { detail: { value: 'A' } }));
    jest.advanceTimersByTime(SEARCH_DELAY_MS);
    await flushPromises();
    expect(searchCsmAccounts).not.toHaveBeenCalled();
  });

  it('sets "no CSM" by hand for the chosen account', async () => {
    jest.useFakeTimers();
    searchCsmAccounts.mockResolvedValue([LOOKUP_ACCOUNT]);
    setManualCsm.mockResolvedValue({ ok: true, changed: true, message: 'Acme Corporation now has no CSM.' });
    const element = await render();
    searchField(element, 'account').dispatchEvent(new CustomEvent('change', { detail: { value: 'Acme' } }));
    jest.advanceTimersByTime(SEARCH_DELAY_MS);
    await flushPromises();
    $(element, `[data-id="results"] button[data-id="${LOOKUP_ACCOUNT.id}"]`).click();
    await flushPromises();
    $(element, '[data-id="clear-manual"]').click();
    await flushPromises();
    expect(setManualCsm).toHaveBeenCalledWith({ accountId: LOOKUP_ACCOUNT.id, userId: null });
  });

  it('returns a manual assignment to the sync after confirmation', async () => {
    LightningConfirm.open.mockResolvedValue(true);
    returnToSynced.mockResolvedValue({ ok: true, changed: true, message: 'Returned to the sync.' });
    const element = await render();
    const first = CSM.manualAssignments[0];
    $(element, `[data-manual="${first.id}"] lightning-button`).click();
    await flushPromises();

    expect(LightningConfirm.open).toHaveBeenCalledWith(expect.objectContaining({ theme: 'warning' }));
    expect(returnToSynced).toHaveBeenCalledWith({ assignmentId: first.id });
    expect(refreshes).toBe(1);
  });

  it('keeps a manual assignment when the return is cancelled', async () => {
    LightningConfirm.open.mockResolvedValue(false);
    const element = await render();
    $(element, '[data-manual] lightning-button').click();
    await flushPromises();
    expect(returnToSynced).not.toHaveBeenCalled();
  });
});
