import { createElement } from '@lwc/engine-dom';
import ConnectorStatus from 'c/connectorStatus';
import LightningConfirm from 'lightning/confirm';
import repairIntegrationAccess from '@salesforce/apex/AdminHomeController.repairIntegrationAccess';
import ADMIN_HOME from 'contract/fixtures/adminHome.json';
import DISCONNECTED from 'contract/fixtures/adminHome.disconnected.json';
import CONNECTED from 'contract/fixtures/adminHome.connected.json';
import SANDBOX_COPY from 'contract/fixtures/statusView.sandboxCopy.json';
import { formatDateTime, formatLabel } from 'c/formatUtils';
import REPAIR_CHANGED from 'contract/fixtures/actionResult.repairChanged.json';

// The event name of ShowToastEvent (lightning/platformShowToastEvent).
const ShowToastEventName = 'lightning__showtoast';

jest.mock('@salesforce/apex/AdminHomeController.repairIntegrationAccess', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('lightning/confirm', () => ({ __esModule: true, default: { open: jest.fn() } }));
jest.mock('@salesforce/label/c.Status_Connected', () => ({ default: 'Connected' }), { virtual: true });
jest.mock('@salesforce/label/c.Status_NeedsAttention', () => ({ default: 'Needs attention' }), { virtual: true });
jest.mock('@salesforce/label/c.Status_Disconnected', () => ({ default: 'Disconnected' }), { virtual: true });
jest.mock('@salesforce/label/c.Status_AtAge', () => ({ default: '{0} ({1})' }), { virtual: true });
jest.mock('@salesforce/label/c.Status_TokenMissing', () => ({ default: 'No token' }), { virtual: true });
jest.mock('@salesforce/label/c.Status_ShowInSection', () => ({ default: 'Show in {0}' }), { virtual: true });
jest.mock('@salesforce/label/c.Repair_ConfirmOne', () => ({ default: 'Fix will grant {0} to the connector user.' }), {
  virtual: true
});
jest.mock('@salesforce/label/c.AdminHome_SectionUser', () => ({ default: 'Integration user' }), { virtual: true });
jest.mock('@salesforce/label/c.AdminHome_SectionConnection', () => ({ default: 'Connection & OAuth' }), {
  virtual: true
});

// Confirmation, Apex and re-render each settle in their own microtasks.
function flushPromises() {
  let chain = Promise.resolve();
  for (let i = 0; i < 10; i++) {
    chain = chain.then(() => undefined);
  }
  return chain;
}

describe('c-connector-status', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
  });

  function render(home, canManage = home.canManage) {
    const element = createElement('c-connector-status', { is: ConnectorStatus });
    element.requirementLabels = Object.fromEntries(
      home.audit.results.map((result) => [result.developerName, result.label])
    );
    element.status = home.status;
    element.canManage = canManage;
    element.generatedAt = home.generatedAt;
    document.body.appendChild(element);
    return element;
  }

  const codes = (element) => [...element.shadowRoot.querySelectorAll('[data-cause]')].map((item) => item.dataset.cause);

  it('shows Needs attention with every cause in the order the server gave', async () => {
    const element = render(ADMIN_HOME);
    await flushPromises();

    expect(element.shadowRoot.querySelector('[data-id="verdict"]').textContent).toContain('Needs attention');
    expect(element.shadowRoot.querySelector('[data-id="verdict"]').className).toContain('slds-theme_warning');
    expect(codes(element)).toEqual(ADMIN_HOME.status.causes.map((cause) => cause.code));
    const first = element.shadowRoot.querySelector('[data-cause="MISSING_CustomizeApplication"]');
    expect(first.querySelector('[data-id="message"]').textContent).toBe(ADMIN_HOME.status.causes[0].message);
    expect(first.querySelector('[data-id="fix"]').textContent).toBe(ADMIN_HOME.status.causes[0].fix);
    expect(first.querySelector('[data-id="setup-link"]').getAttribute('href')).toBe('/lightning/setup/PermSets/home');
    expect(first.querySelector('[data-id="fix-button"]')).not.toBeNull();
    // Revoking an old user's tokens is done in the OAuth usage card: no fix button here.
    const oldUser = element.shadowRoot.querySelector('[data-cause^="OLD_USER_AUTHORIZED_"]');
    expect(oldUser.querySelector('[data-id="message"]').textContent).toMatch(/Old connector user still authorized/);
    expect(oldUser.querySelector('[data-id="fix-button"]')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('shows the heartbeat and the token use with their age', async () => {
    const element = render(ADMIN_HOME);
    await flushPromises();

    expect(element.shadowRoot.querySelector('[data-id="heartbeat"]').textContent).toMatch(/7 minutes ago/);
    expect(element.shadowRoot.querySelector('[data-id="token"]').textContent).toMatch(/7 minutes ago/);
  });

  it('shows Disconnected with its causes, Setup links and no fix button where the package cannot fix', async () => {
    const element = render(DISCONNECTED);
    await flushPromises();

    expect(element.shadowRoot.querySelector('[data-id="verdict"]').textContent).toContain('Disconnected');
    expect(codes(element)).toEqual(['CONNECTOR_USER_FROZEN', 'NO_OAUTH_TOKEN', 'HEARTBEAT_STALE']);
    expect(element.shadowRoot.querySelector('[data-id="fix-button"]')).toBeNull();
    const frozen = element.shadowRoot.querySelector('[data-cause="CONNECTOR_USER_FROZEN"] [data-id="setup-link"]');
    expect(frozen.getAttribute('href')).toBe(DISCONNECTED.status.causes[0].setupUrl);
    expect(element.shadowRoot.querySelector('[data-id="token"]').textContent).toBe('No token');
    await expect(element).toBeAccessible();
  });

  it('shows the date of a cause in the user locale like every date, never server text or a placeholder', async () => {
    const element = render({ ...DISCONNECTED, status: SANDBOX_COPY });
    await flushPromises();

    const copy = SANDBOX_COPY.causes.find((cause) => cause.code === 'SANDBOX_COPY');
    const message = element.shadowRoot.querySelector('[data-cause="SANDBOX_COPY"] [data-id="message"]').textContent;
    expect(copy.message).toContain('{0}');
    expect(message).toBe(formatLabel(copy.message, formatDateTime(copy.messageAt)));
    expect(message).toContain(formatDateTime(copy.messageAt));
    expect(message).not.toContain('{0}');
    const messages = [...element.shadowRoot.querySelectorAll('[data-id="message"]')].map((item) => item.textContent);
    expect(messages.filter((text) => /\{\d+\}/.test(text))).toEqual([]);
    await expect(element).toBeAccessible();
  });

  it('shows Connected without causes', async () => {
    const element = render(CONNECTED);
    await flushPromises();

    expect(element.shadowRoot.querySelector('[data-id="verdict"]').className).toContain('slds-theme_success');
    expect(element.shadowRoot.querySelector('[data-id="no-causes"]')).not.toBeNull();
    await expect(element).toBeAccessible();
  });

  it('hides fix buttons from users without Manage Connector', async () => {
    const element = render(ADMIN_HOME, false);
    await flushPromises();

    expect(element.shadowRoot.querySelector('[data-id="fix-button"]')).toBeNull();
  });

  it('repairs one requirement after confirmation, toasts the result and asks for a refresh', async () => {
    LightningConfirm.open.mockResolvedValue(true);
    repairIntegrationAccess.mockResolvedValue(REPAIR_CHANGED);
    const element = render(ADMIN_HOME);
    const toast = jest.fn();
    const refresh = jest.fn();
    element.addEventListener(ShowToastEventName, toast);
    element.addEventListener('refresh', refresh);
    await flushPromises();

    element.shadowRoot.querySelector('[data-cause="MISSING_CustomizeApplication"] [data-id="fix-button"]').click();
    await flushPromises();

    expect(LightningConfirm.open).toHaveBeenCalledTimes(1);
    expect(repairIntegrationAccess).toHaveBeenCalledWith({ requirementName: 'CustomizeApplication' });
    expect(toast.mock.calls[0][0].detail.variant).toBe('success');
    expect(toast.mock.calls[0][0].detail.message).toBe(REPAIR_CHANGED.message);
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('repairs everything for a summary finding', async () => {
    LightningConfirm.open.mockResolvedValue(true);
    repairIntegrationAccess.mockResolvedValue(REPAIR_CHANGED);
    const element = render(ADMIN_HOME);
    await flushPromises();

    element.shadowRoot.querySelector('[data-cause="RECOMMENDED_MISSING"] [data-id="fix-button"]').click();
    await flushPromises();

    expect(repairIntegrationAccess).toHaveBeenCalledWith({ requirementName: null });
  });

  it('does nothing when the confirmation is cancelled', async () => {
    LightningConfirm.open.mockResolvedValue(false);
    const element = render(ADMIN_HOME);
    const refresh = jest.fn();
    element.addEventListener('refresh', refresh);
    await flushPromises();

    element.shadowRoot.querySelector('[data-id="fix-button"]').click();
    await flushPromises();

    expect(repairIntegrationAccess).not.toHaveBeenCalled();
    expect(refresh).not.toHaveBeenCalled();
  });

  it('toasts a refusal from the server as an error', async () => {
    LightningConfirm.open.mockResolvedValue(true);
    repairIntegrationAccess.mockRejectedValue({ body: { message: 'You need the Manage Connector permission.' } });
    const element = render(ADMIN_HOME);
    const toast = jest.fn();
    element.addEventListener(ShowToastEventName, toast);
    await flushPromises();

    element.shadowRoot.querySelector('[data-id="fix-button"]').click();
    await flushPromises();

    expect(toast.mock.calls[0][0].detail.variant).toBe('error');
    expect(toast.mock.calls[0][0].detail.message).toBe('You need the Manage Connector permission.');
  });

  it('links every cause to the section and row that fixes it', async () => {
    const element = render(ADMIN_HOME);
    const navigate = jest.fn();
    element.addEventListener('navigate', navigate);
    await flushPromises();

    const link = (code) => element.shadowRoot.querySelector(`[data-cause="${code}"] [data-id="section-link"]`);
    expect(link('MISSING_CustomizeApplication').label).toBe('Show in Integration user');
    const oldUser = ADMIN_HOME.status.causes.find((cause) => cause.code.startsWith('OLD_USER_AUTHORIZED_'));
    expect(link(oldUser.code).label).toBe('Show in Connection & OAuth');

    link('MISSING_CustomizeApplication').click();
    link(oldUser.code).click();

    expect(navigate.mock.calls.map((call) => call[0].detail)).toEqual([
      { section: 'user', row: 'requirement-CustomizeApplication' },
      { section: 'connection', row: `token-${oldUser.code.slice('OLD_USER_AUTHORIZED_'.length)}` }
    ]);
    await expect(element).toBeAccessible();
  });

  it("names the permission in the Fix dialog, not the cause's sentence", async () => {
    LightningConfirm.open.mockResolvedValue(false);
    const element = render(ADMIN_HOME);
    await flushPromises();

    element.shadowRoot.querySelector('[data-cause="MISSING_CustomizeApplication"] [data-id="fix-button"]').click();
    await flushPromises();

    const label = ADMIN_HOME.audit.results.find((result) => result.developerName === 'CustomizeApplication').label;
    const { message } = LightningConfirm.open.mock.calls[0][0];
    expect(message).toBe(`Fix will grant ${label} to the connector user.`);
    expect(message).not.toContain(ADMIN_HOME.status.causes[0].message);
  });

  it('returns focus to the Fix button after the dialog, whether cancelled or confirmed', async () => {
    repairIntegrationAccess.mockResolvedValue(REPAIR_CHANGED);
    const element = render(ADMIN_HOME);
    await flushPromises();
    const button = element.shadowRoot.querySelector(
      '[data-cause="MISSING_CustomizeApplication"] [data-id="fix-button"]'
    );
    const focused = jest.spyOn(button, 'focus');

    LightningConfirm.open.mockResolvedValueOnce(false);
    button.click();
    await flushPromises();
    expect(focused).toHaveBeenCalledTimes(1);

    LightningConfirm.open.mockResolvedValueOnce(true);
    button.click();
    await flushPromises();
    expect(focused).toHaveBeenCalledTimes(2);
  });

  it('moves focus to the verdict when the fixed cause leaves the page', async () => {
    LightningConfirm.open.mockResolvedValue(true);
    repairIntegrationAccess.mockResolvedValue(REPAIR_CHANGED);
    const element = render(ADMIN_HOME);
    await flushPromises();

    element.shadowRoot.querySelector('[data-cause="MISSING_CustomizeApplication"] [data-id="fix-button"]').click();
    await flushPromises();
    element.status = { ...ADMIN_HOME.status, causes: ADMIN_HOME.status.causes.slice(1) };
    await flushPromises();

    expect(element.shadowRoot.activeElement).toBe(element.shadowRoot.querySelector('[data-id="verdict"]'));
  });
});
