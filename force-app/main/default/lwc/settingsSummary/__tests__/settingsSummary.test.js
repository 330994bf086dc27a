import { createElement } from '@lwc/engine-dom';
import SettingsSummary from 'c/settingsSummary';
import ADMIN_HOME from 'contract/fixtures/adminHome.json';

jest.mock('@salesforce/label/c.Settings_SecretSet', () => ({ default: 'Set on {0} by {1}' }), { virtual: true });
jest.mock('@salesforce/label/c.Settings_SecretSetNoUser', () => ({ default: 'Set on {0}' }), { virtual: true });
jest.mock('@salesforce/label/c.Settings_SecretNotSet', () => ({ default: 'Not set' }), { virtual: true });

describe('c-settings-summary', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
  });

  function render(settings) {
    const element = createElement('c-settings-summary', { is: SettingsSummary });
    element.settings = settings;
    document.body.appendChild(element);
    return element;
  }

  function settingText(element, key) {
    return element.shadowRoot.querySelector(`[data-setting="${key}"]`).textContent;
  }

  function secretStatus(element, name) {
    return element.shadowRoot.querySelector(`[data-secret="${name}"] [data-id="secret-status"]`).textContent;
  }

  it('shows when and by whom a secret was set, never a value', async () => {
    const element = render(ADMIN_HOME.settings);

    const status = secretStatus(element, 'clientSecret');
    expect(status).toMatch(/^Set on Oct 2, 2025, 2:15\sAM by Ada Lovelace$/);
    expect(secretStatus(element, 'apiKey')).toBe('Not set');
    await expect(element).toBeAccessible();
  });

  it('shows the set date alone when the setter is unknown', () => {
    const element = render({
      ...ADMIN_HOME.settings,
      secrets: [{ name: 'apiKey', label: 'API key', isSet: true, setAt: '2025-10-02T09:15:00.000Z', setBy: null }]
    });

    expect(secretStatus(element, 'apiKey')).toMatch(/^Set on Oct 2, 2025, 2:15\sAM$/);
  });

  it('names the connector user instead of showing its id', async () => {
    const element = createElement('c-settings-summary', { is: SettingsSummary });
    element.settings = ADMIN_HOME.settings;
    element.connectorUserName = ADMIN_HOME.connection.displayName;
    document.body.appendChild(element);
    await Promise.resolve();

    expect(settingText(element, 'connectorUser')).toBe('Connector Integration');
    expect(element.shadowRoot.textContent).not.toContain(ADMIN_HOME.settings.connectorUserId);
    await expect(element).toBeAccessible();
  });

  it('shows the plain settings', () => {
    const element = render(ADMIN_HOME.settings);

    expect(settingText(element, 'connectedApp')).toBe('Platform Connector');
    expect(settingText(element, 'integrationPermissionSet')).toBe('Connector_Integration_Access');
    expect(settingText(element, 'csmSync')).toBe('c.Settings_On');
    expect(settingText(element, 'lastHeartbeat')).toContain('Nov 23, 2025');
  });

  it('breaks a long value such as the platform URL inside the card instead of running past it', () => {
    const element = render(ADMIN_HOME.settings);

    const values = [...element.shadowRoot.querySelectorAll('dd[data-setting]')];
    expect(values.length).toBeGreaterThan(0);
    expect(values.filter((dd) => !dd.classList.contains('slds-hyphenate'))).toEqual([]);
  });

  it('marks missing settings as not configured and a missing heartbeat as never', () => {
    const element = render({
      connectorUserId: null,
      connectedAppName: null,
      platformBaseUrl: null,
      integrationPermissionSetName: 'Connector_Integration_Access',
      csmEmailField: null,
      csmSyncEnabled: false,
      lastHeartbeat: null,
      secrets: []
    });

    expect(settingText(element, 'connectorUser')).toBe('c.Settings_NotConfigured');
    expect(settingText(element, 'csmSync')).toBe('c.Settings_Off');
    expect(settingText(element, 'lastHeartbeat')).toBe('c.Settings_Never');
    expect(element.shadowRoot.querySelectorAll('[data-secret]')).toHaveLength(0);
  });
});
