import { cleanUpAfterEach, flushPromises, renderComponent, SHOW_TOAST } from 'lwc-test-utils';
import CsmSyncSettings from 'c/csmSyncSettings';
import getCsmFieldOptions from '@salesforce/apex/AdminHomeController.getCsmFieldOptions';
import saveCsmSettings from '@salesforce/apex/AdminHomeController.saveCsmSettings';
import ADMIN_HOME from 'contract/fixtures/adminHome.json';
import FIELD_EMAIL from 'contract/fixtures/csmFieldOption.email.json';
import FIELD_TEXT from 'contract/fixtures/csmFieldOption.text.json';

jest.mock('@salesforce/apex/AdminHomeController.getCsmFieldOptions', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/AdminHomeController.saveCsmSettings', () => ({ default: jest.fn() }), { virtual: true });

const CSM = ADMIN_HOME.csm;

describe('c-csm-sync-settings', () => {
  let events;
  cleanUpAfterEach();

  beforeEach(() => {
    getCsmFieldOptions.mockResolvedValue([FIELD_EMAIL, FIELD_TEXT]);
  });

  async function render(props = {}) {
    const rendered = renderComponent(
      'c-csm-sync-settings',
      CsmSyncSettings,
      { csm: CSM, canManage: true, busy: false, ...props },
      ['busy', 'saved', 'refresh', SHOW_TOAST]
    );
    events = rendered.events;
    await flushPromises();
    return rendered.element;
  }

  const $ = (element, selector) => element.shadowRoot.querySelector(selector);

  it('shows the saved field and switch, with Save off until something changes', async () => {
    const element = await render();
    expect($(element, '[data-id="field"]').value).toBe(CSM.emailField);
    expect($(element, '[data-id="field"]').options.map((option) => option.label)).toEqual([
      `${FIELD_EMAIL.label} (${FIELD_EMAIL.value})`,
      `${FIELD_TEXT.label} (${FIELD_TEXT.value})`
    ]);
    expect($(element, '[data-id="enabled"]').checked).toBe(CSM.enabled);
    expect($(element, '[data-id="save"]').disabled).toBe(true);
    await expect(element).toBeAccessible();
  });

  it('saves the edit, then raises busy, saved and refresh in that order', async () => {
    saveCsmSettings.mockResolvedValue({ ok: true, changed: true, message: 'CSM sync settings saved.' });
    const element = await render();
    $(element, '[data-id="field"]').dispatchEvent(new CustomEvent('change', { detail: { value: 'Site' } }));
    await flushPromises();
    $(element, '[data-id="save"]').click();
    await flushPromises();

    expect(saveCsmSettings).toHaveBeenCalledWith({ fieldName: 'Site', enabled: CSM.enabled });
    expect(events.map(([name]) => name)).toEqual(['busy', 'lightning__showtoast', 'saved', 'busy', 'refresh']);
    expect(events[0][1]).toBe(true);
    expect(events[3][1]).toBe(false);
    // Saved: the form shows the page's values again, and Save waits for the next edit.
    expect($(element, '[data-id="save"]').disabled).toBe(true);
  });

  it('keeps Save off while another CSM action runs, and without Manage Connector', async () => {
    const busy = await render({ busy: true });
    busy.shadowRoot
      .querySelector('[data-id="field"]')
      .dispatchEvent(new CustomEvent('change', { detail: { value: 'Site' } }));
    await flushPromises();
    expect($(busy, '[data-id="save"]').disabled).toBe(true);

    const readOnly = await render({ canManage: false });
    expect($(readOnly, '[data-id="field"]').disabled).toBe(true);
    expect($(readOnly, '[data-id="enabled"]').disabled).toBe(true);
  });

  it('shows why the saved field cannot be used, until another is chosen', async () => {
    const element = await render({ csm: { ...CSM, emailFieldError: 'The field is gone.' } });
    expect($(element, '[data-id="field-error"]').textContent).toBe('The field is gone.');
    $(element, '[data-id="field"]').dispatchEvent(new CustomEvent('change', { detail: { value: 'Site' } }));
    await flushPromises();
    expect($(element, '[data-id="field-error"]')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('toasts a failure to load the fields', async () => {
    getCsmFieldOptions.mockRejectedValue({ body: { message: 'No access to Account.' } });
    await render();
    expect(events).toEqual([
      ['lightning__showtoast', expect.objectContaining({ variant: 'error', message: 'No access to Account.' })]
    ]);
  });
});
