import { cleanUpAfterEach, flushPromises, renderComponent, SHOW_TOAST } from 'lwc-test-utils';
import CsmSyncRun, { POLL_INTERVAL_MS } from 'c/csmSyncRun';
import LightningConfirm from 'lightning/confirm';
import previewCsmSync from '@salesforce/apex/AdminHomeController.previewCsmSync';
import runCsmSyncNow from '@salesforce/apex/AdminHomeController.runCsmSyncNow';
import getCsmSyncProgress from '@salesforce/apex/AdminHomeController.getCsmSyncProgress';
import ADMIN_HOME from 'contract/fixtures/adminHome.json';
import PREVIEW from 'contract/fixtures/csmPreview.json';
import RUN_START from 'contract/fixtures/csmRunStart.json';
import PROGRESS_RUNNING from 'contract/fixtures/csmProgress.running.json';
import PROGRESS_DONE from 'contract/fixtures/csmProgress.done.json';

jest.mock('@salesforce/apex/AdminHomeController.previewCsmSync', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/AdminHomeController.runCsmSyncNow', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/AdminHomeController.getCsmSyncProgress', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('lightning/confirm', () => ({ __esModule: true, default: { open: jest.fn() } }));
jest.mock('@salesforce/label/c.Csm_Progress', () => ({ default: '{0} of {1} batches, status {2}' }), { virtual: true });

const CSM = ADMIN_HOME.csm;

describe('c-csm-sync-run', () => {
  let named;
  cleanUpAfterEach();

  async function render(props = {}) {
    const rendered = renderComponent(
      'c-csm-sync-run',
      CsmSyncRun,
      { csm: CSM, canManage: true, busy: false, ...props },
      ['busy', 'preview', 'finished', 'refresh', SHOW_TOAST]
    );
    named = rendered.named;
    await flushPromises();
    return rendered.element;
  }

  const $ = (element, selector) => element.shadowRoot.querySelector(selector);

  it('hands a dry run to the card without a toast or a refresh', async () => {
    previewCsmSync.mockResolvedValue(PREVIEW);
    const element = await render();
    $(element, '[data-id="dry-run"]').click();
    await flushPromises();
    expect(named('preview')).toEqual([PREVIEW]);
    expect(named('busy')).toEqual([true, false]);
    expect(named('lightning__showtoast')).toEqual([]);
    expect(named('refresh')).toEqual([]);
    await expect(element).toBeAccessible();
  });

  it('follows Run now until the batch is done, then hands over the run and asks for a refresh', async () => {
    jest.useFakeTimers();
    LightningConfirm.open.mockResolvedValue(true);
    runCsmSyncNow.mockResolvedValue(RUN_START);
    getCsmSyncProgress.mockResolvedValueOnce(PROGRESS_RUNNING).mockResolvedValueOnce(PROGRESS_DONE);
    const element = await render();
    $(element, '[data-id="run-now"]').click();
    await flushPromises();
    expect(named('lightning__showtoast')).toEqual([expect.objectContaining({ variant: 'success' })]);
    expect($(element, '[data-id="run-hint"]').textContent).toBe('c.Csm_RunHintRunning');
    expect(named('refresh')).toEqual([]);

    jest.advanceTimersByTime(POLL_INTERVAL_MS);
    await flushPromises();
    expect($(element, '[data-id="progress-text"]').textContent).toBe('2 of 5 batches, status Processing');
    jest.advanceTimersByTime(POLL_INTERVAL_MS);
    await flushPromises();
    expect(named('finished')).toEqual([PROGRESS_DONE.run]);
    expect(named('refresh')).toEqual([null]);
    expect($(element, '[data-id="run-now"]').disabled).toBe(false);
  });

  it('toasts a failed progress request and stops following', async () => {
    jest.useFakeTimers();
    LightningConfirm.open.mockResolvedValue(true);
    runCsmSyncNow.mockResolvedValue(RUN_START);
    getCsmSyncProgress.mockRejectedValue({ body: { message: 'Job not found.' } });
    const element = await render();
    $(element, '[data-id="run-now"]').click();
    await flushPromises();
    jest.advanceTimersByTime(POLL_INTERVAL_MS);
    await flushPromises();
    expect(named('lightning__showtoast')[1]).toEqual(
      expect.objectContaining({ variant: 'error', message: 'Job not found.' })
    );
    expect($(element, '[data-id="progress"]')).toBeNull();
    jest.advanceTimersByTime(POLL_INTERVAL_MS * 3);
    expect(getCsmSyncProgress).toHaveBeenCalledTimes(1);
  });

  it('says why the runs are disabled', async () => {
    const busy = await render({ busy: true });
    expect($(busy, '[data-id="dry-run"]').disabled).toBe(true);
    expect($(busy, '[data-id="run-hint"]')).toBeNull();
    const readOnly = await render({ canManage: false });
    expect($(readOnly, '[data-id="run-hint"]').textContent).toBe('c.Csm_RunHintReadOnly');
    const noField = await render({ csm: { ...CSM, emailField: null } });
    expect($(noField, '[data-id="run-now"]').title).toBe('c.Csm_RunHintNoField');
    await expect(noField).toBeAccessible();
  });
});
