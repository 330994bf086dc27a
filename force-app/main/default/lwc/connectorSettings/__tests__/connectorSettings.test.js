import { createElement } from '@lwc/engine-dom';
import ConnectorSettings from 'c/connectorSettings';
import saveSettings from '@salesforce/apex/AdminHomeController.saveSettings';
import ADMIN_HOME from 'contract/fixtures/adminHome.json';
import SAVED from 'contract/fixtures/saveResult.json';
import INVALID from 'contract/fixtures/saveResult.invalid.json';

jest.mock('@salesforce/apex/AdminHomeController.saveSettings', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/label/c.Settings_SecretSet', () => ({ default: 'Set on {0} by {1}' }), { virtual: true });

async function flushPromises() {
  await Promise.resolve();
  await Promise.resolve();
  await Promise.resolve();
}

describe('c-connector-settings', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
  });

  function render(props = {}) {
    const element = createElement('c-connector-settings', { is: ConnectorSettings });
    Object.assign(element, { settings: ADMIN_HOME.settings, canManage: true, ...props });
    document.body.appendChild(element);
    return element;
  }

  /** The base-component stubs do not validate: give each input a validity we control and can read. */
  function instrument(element, invalidKeys = []) {
    const inputs = {};
    element.shadowRoot.querySelectorAll('lightning-input[data-key]').forEach((input) => {
      const key = input.dataset.key;
      input.customValidity = '';
      input.setCustomValidity = jest.fn((message) => {
        input.customValidity = message;
      });
      input.reportValidity = jest.fn(() => !invalidKeys.includes(key) && !input.customValidity);
      inputs[key] = input;
    });
    return inputs;
  }

  function click(element, id) {
    element.shadowRoot.querySelector(`[data-id="${id}"]`).click();
  }

  it('shows plain settings with their values and secrets only as set or not set', async () => {
    const element = render();

    const inputs = instrument(element);
    expect(inputs.connectedAppName.value).toBe('Platform Connector');
    expect(inputs.consumerKey.value).toBe(ADMIN_HOME.settings.consumerKey);
    expect(inputs.callbackUrl.type).toBe('url');
    expect(inputs.clientSecret.type).toBe('password');
    expect(inputs.clientSecret.value).toBeUndefined();
    expect(inputs.clientSecret.placeholder).toBe('c.SettingsForm_SecretPlaceholder');
    const status = element.shadowRoot.querySelector('[data-secret-status="clientSecret"]').textContent;
    expect(status).toMatch(/^Set on Oct 2, 2025.* by Ada Lovelace$/);
    expect(element.shadowRoot.querySelector('[data-secret-status="apiKey"]').textContent).toBe(
      'c.Settings_SecretNotSet'
    );
    await expect(element).toBeAccessible();
  });

  it('saves changed values and a new secret, then clears the secret input and asks for a refresh', async () => {
    saveSettings.mockResolvedValue(SAVED);
    const element = render();
    const inputs = instrument(element);
    const refresh = jest.fn();
    const toast = jest.fn();
    element.addEventListener('refresh', refresh);
    element.addEventListener('lightning__showtoast', toast);

    inputs.platformBaseUrl.value = ' https://new.example.com ';
    inputs.apiKey.value = 'ak-typed-secret';
    click(element, 'save');
    await flushPromises();

    expect(saveSettings).toHaveBeenCalledWith({
      settings: {
        connectedAppName: 'Platform Connector',
        platformBaseUrl: 'https://new.example.com',
        consumerKey: ADMIN_HOME.settings.consumerKey,
        callbackUrl: ADMIN_HOME.settings.callbackUrl,
        integrationPermissionSetName: 'Connector_Integration_Access',
        alertsMuted: false,
        alertEmail: true,
        alertDigest: false
      },
      secrets: { apiKey: 'ak-typed-secret' }
    });
    expect(inputs.apiKey.value).toBe('');
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(toast.mock.calls[0][0].detail).toMatchObject({ variant: 'success', message: SAVED.message });
  });

  it('shows the alert channels as checkboxes and saves them as booleans', async () => {
    saveSettings.mockResolvedValue(SAVED);
    const element = render();
    const inputs = instrument(element);
    expect(inputs.alertsMuted.type).toBe('checkbox');
    expect(inputs.alertsMuted.checked).toBe(false);
    expect(inputs.alertEmail.checked).toBe(true);

    inputs.alertDigest.checked = true;
    inputs.alertEmail.checked = false;
    click(element, 'save');
    await flushPromises();

    expect(saveSettings.mock.calls[0][0].settings).toMatchObject({
      alertsMuted: false,
      alertEmail: false,
      alertDigest: true
    });
    await expect(element).toBeAccessible();
  });

  it('leaves the alert channels out for a server that does not report them', () => {
    // A server from before alerts: the page's settings without the alert channels.
    const { alertsMuted, alertEmail, alertDigest, ...before } = ADMIN_HOME.settings;
    expect([alertsMuted, alertEmail, alertDigest]).toEqual([false, true, false]);
    const element = render({ settings: before });
    const inputs = instrument(element);
    expect(Object.keys(inputs)).not.toContain('alertsMuted');
    expect(Object.keys(inputs)).toContain('connectedAppName');
  });

  it('leaves blank secrets out so that the stored ones are kept', async () => {
    saveSettings.mockResolvedValue({ ...SAVED, changed: false });
    const element = render();
    instrument(element);
    const refresh = jest.fn();
    element.addEventListener('refresh', refresh);

    click(element, 'save');
    await flushPromises();

    expect(saveSettings.mock.calls[0][0].secrets).toEqual({});
    expect(refresh).not.toHaveBeenCalled();
  });

  it('puts each server field error on its field and saves nothing', async () => {
    saveSettings.mockResolvedValue(INVALID);
    const element = render();
    const inputs = instrument(element);
    const toast = jest.fn();
    const refresh = jest.fn();
    element.addEventListener('lightning__showtoast', toast);
    element.addEventListener('refresh', refresh);

    inputs.platformBaseUrl.value = 'http://insecure.example.com';
    const focused = Object.fromEntries(Object.entries(inputs).map(([key, input]) => [key, jest.spyOn(input, 'focus')]));
    click(element, 'save');
    await flushPromises();

    // Focus goes to the first field the server refused, in the form's order.
    const firstBad = Object.keys(inputs).find((key) => INVALID.fieldErrors[key]);
    expect(focused[firstBad]).toHaveBeenCalledTimes(1);
    expect(Object.values(focused).filter((spy) => spy.mock.calls.length > 0)).toHaveLength(1);

    expect(inputs.platformBaseUrl.setCustomValidity).toHaveBeenLastCalledWith(INVALID.fieldErrors.platformBaseUrl);
    expect(inputs.consumerKey.setCustomValidity).toHaveBeenLastCalledWith(INVALID.fieldErrors.consumerKey);
    expect(inputs.connectedAppName.setCustomValidity).toHaveBeenLastCalledWith('');
    expect(inputs.platformBaseUrl.reportValidity).toHaveBeenCalled();
    expect(toast.mock.calls[0][0].detail).toMatchObject({ variant: 'error', message: INVALID.message });
    expect(refresh).not.toHaveBeenCalled();
    expect(inputs.platformBaseUrl.value).toBe('http://insecure.example.com');
    await expect(element).toBeAccessible();
  });

  it('clears a field error when the field is edited', async () => {
    saveSettings.mockResolvedValue(INVALID);
    const element = render();
    const inputs = instrument(element);
    click(element, 'save');
    await flushPromises();

    inputs.platformBaseUrl.dispatchEvent(new CustomEvent('change', { detail: { value: 'https://ok.example.com' } }));

    expect(inputs.platformBaseUrl.setCustomValidity).toHaveBeenLastCalledWith('');
    expect(inputs.platformBaseUrl.customValidity).toBe('');
    expect(inputs.platformBaseUrl.reportValidity).toHaveBeenCalledTimes(3);
  });

  it('shows errors for keys without a field in a panel', async () => {
    saveSettings.mockResolvedValue({ ...INVALID, fieldErrors: { csmEmailField: 'Account has no email field.' } });
    const element = render();
    instrument(element);

    click(element, 'save');
    await flushPromises();

    const panel = element.shadowRoot.querySelector('c-error-panel');
    expect(panel.errors).toEqual(['csmEmailField: Account has no email field.']);
  });

  it('does not call the server while a field is invalid in the browser', async () => {
    const element = render();
    const inputs = instrument(element, ['connectedAppName']);
    const focused = jest.spyOn(inputs.connectedAppName, 'focus');
    const toast = jest.fn();
    element.addEventListener('lightning__showtoast', toast);

    click(element, 'save');
    await flushPromises();

    expect(focused).toHaveBeenCalledTimes(1);
    expect(saveSettings).not.toHaveBeenCalled();
    expect(toast.mock.calls[0][0].detail.message).toBe('c.SettingsForm_FixFields');
  });

  it('shows a server failure in a panel', async () => {
    saveSettings.mockRejectedValue({ body: { message: 'You need the Connector Administrator permission set.' } });
    const element = render();
    instrument(element);

    click(element, 'save');
    await flushPromises();

    expect(element.shadowRoot.querySelector('c-error-panel')).not.toBeNull();
    expect(element.shadowRoot.querySelector('lightning-spinner')).toBeNull();
  });

  it('resets edits to the saved values', () => {
    const element = render();
    const inputs = instrument(element);
    inputs.connectedAppName.value = 'Typed';
    inputs.clientSecret.value = 'typed';

    click(element, 'reset');

    expect(inputs.connectedAppName.value).toBe('Platform Connector');
    expect(inputs.clientSecret.value).toBe('');
  });

  it('is read-only without Manage Connector', async () => {
    const element = render({ canManage: false });

    expect(element.shadowRoot.querySelector('[data-id="save"]').disabled).toBe(true);
    expect(element.shadowRoot.querySelector('lightning-input[data-key="platformBaseUrl"]').disabled).toBe(true);
    await expect(element).toBeAccessible();
  });
  it('keeps the fields enabled while saving, so that server errors can show on them', async () => {
    let resolve;
    saveSettings.mockReturnValue(
      new Promise((done) => {
        resolve = done;
      })
    );
    const element = render();
    instrument(element);

    click(element, 'save');
    await flushPromises();

    expect(element.shadowRoot.querySelector('lightning-spinner')).not.toBeNull();
    expect(element.shadowRoot.querySelector('[data-id="save"]').disabled).toBe(true);
    expect(element.shadowRoot.querySelector('lightning-input[data-key="platformBaseUrl"]').disabled).toBe(false);
    resolve(SAVED);
    await flushPromises();
    expect(element.shadowRoot.querySelector('[data-id="save"]').disabled).toBe(false);
  });
});
