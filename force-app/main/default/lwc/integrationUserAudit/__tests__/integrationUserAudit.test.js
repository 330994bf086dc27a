import { createElement } from '@lwc/engine-dom';
import IntegrationUserAudit from 'c/integrationUserAudit';
import LightningConfirm from 'lightning/confirm';
import repairIntegrationAccess from '@salesforce/apex/AdminHomeController.repairIntegrationAccess';
import ADMIN_HOME from 'contract/fixtures/adminHome.json';
import DISCONNECTED from 'contract/fixtures/adminHome.disconnected.json';
import NO_USER from 'contract/fixtures/adminHome.noConnectorUser.json';
import REPAIR_NO_CHANGE from 'contract/fixtures/actionResult.repairNoChange.json';
import REPAIR_REFUSED from 'contract/fixtures/actionResult.repairRefused.json';

// The event name of ShowToastEvent (lightning/platformShowToastEvent).
const ShowToastEventName = 'lightning__showtoast';

jest.mock('@salesforce/apex/AdminHomeController.repairIntegrationAccess', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('lightning/confirm', () => ({ __esModule: true, default: { open: jest.fn() } }));
jest.mock('@salesforce/label/c.Audit_StateMet', () => ({ default: 'Met' }), { virtual: true });
jest.mock('@salesforce/label/c.Audit_StateMissing', () => ({ default: 'Missing' }), { virtual: true });
jest.mock('@salesforce/label/c.Audit_OnlyIf', () => ({ default: 'Only if: {0}' }), { virtual: true });
jest.mock('@salesforce/label/c.Audit_Profile', () => ({ default: '({0})' }), { virtual: true });
jest.mock('@salesforce/label/c.Repair_ConfirmOne', () => ({ default: 'Grant {0}?' }), { virtual: true });
jest.mock('@salesforce/label/c.Audit_NoUser', () => ({ default: 'No connector user' }), { virtual: true });
jest.mock('@salesforce/label/c.Status_OpenSetup', () => ({ default: 'Open in Setup' }), { virtual: true });

// Confirmation, Apex and re-render each settle in their own microtasks.
function flushPromises() {
  let chain = Promise.resolve();
  for (let i = 0; i < 10; i++) {
    chain = chain.then(() => undefined);
  }
  return chain;
}

describe('c-integration-user-audit', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
  });

  function render(home, canManage = home.canManage) {
    const element = createElement('c-integration-user-audit', { is: IntegrationUserAudit });
    element.audit = home.audit;
    element.canManage = canManage;
    document.body.appendChild(element);
    return element;
  }

  async function showAll(element) {
    const toggle = element.shadowRoot.querySelector('[data-id="show-all"]');
    toggle.checked = true;
    toggle.dispatchEvent(new CustomEvent('change'));
    await flushPromises();
  }

  const row = (element, name) => element.shadowRoot.querySelector(`[data-requirement="${name}"]`);
  const rowNames = (element) =>
    [...element.shadowRoot.querySelectorAll('[data-requirement]')].map((item) => item.dataset.requirement);

  it('lists only what is missing or unavailable until Show all is on', async () => {
    const element = render(ADMIN_HOME);
    await flushPromises();

    const needsAction = ADMIN_HOME.audit.results.filter((result) => ['Missing', 'NotAvailable'].includes(result.state));
    expect(needsAction.length).toBeGreaterThan(0);
    expect(needsAction.length).toBeLessThan(ADMIN_HOME.audit.results.length);
    expect(rowNames(element).sort()).toEqual(needsAction.map((result) => result.developerName).sort());
    expect(element.shadowRoot.querySelector('[data-id="show-all"]').checked).toBe(false);
    await expect(element).toBeAccessible();

    await showAll(element);
    expect(rowNames(element)).toHaveLength(ADMIN_HOME.audit.results.length);
  });

  it('says every requirement is met instead of an empty list', async () => {
    const results = ADMIN_HOME.audit.results.map((result) => ({ ...result, state: 'Met' }));
    const element = render({ ...ADMIN_HOME, audit: { ...ADMIN_HOME.audit, results } });
    await flushPromises();

    expect(rowNames(element)).toEqual([]);
    expect(element.shadowRoot.querySelector('[data-id="all-met"]')).not.toBeNull();
    await expect(element).toBeAccessible();
  });

  it("reveals a cause's row: focused, and shown even when the filters hid it", async () => {
    const element = render(ADMIN_HOME);
    await flushPromises();

    expect(await element.reveal('requirement-CustomizeApplication')).toBe(true);
    expect(element.shadowRoot.activeElement).toBe(row(element, 'CustomizeApplication'));

    // A met requirement is hidden by default: reveal shows every requirement first.
    expect(row(element, 'ApiEnabled')).toBeNull();
    expect(await element.reveal('requirement-ApiEnabled')).toBe(true);
    await flushPromises();
    expect(element.shadowRoot.activeElement).toBe(row(element, 'ApiEnabled'));
    expect(element.shadowRoot.querySelector('[data-id="show-all"]').checked).toBe(true);

    expect(await element.reveal('recommended')).toBe(true);
    expect(element.shadowRoot.activeElement.dataset.severity).toBe('Recommended');
    expect(await element.reveal('requirement-NoSuchThing')).toBe(false);
  });

  it('groups every requirement by kind with its state, source and reason', async () => {
    const element = render(ADMIN_HOME);
    await flushPromises();
    await showAll(element);

    const kinds = [...element.shadowRoot.querySelectorAll('section')].map((section) => section.dataset.kind);
    expect(kinds).toEqual(['SystemPermission', 'ObjectAccess', 'PackagePermissionSet']);
    expect(rowNames(element)).toHaveLength(ADMIN_HOME.audit.results.length);
    const api = row(element, 'ApiEnabled');
    expect(api.dataset.state).toBe('Met');
    expect(api.querySelector('[data-id="granted-by"]').textContent).toBe(
      'Permission set: Connector Integration Access'
    );
    expect(api.querySelector('[data-id="reason"]').textContent).toBe(ADMIN_HOME.audit.results[0].reason);
    expect(api.querySelector('[data-id="fix-button"]')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('shows the fix, the Setup link and a Fix button for a missing requirement', async () => {
    const element = render(ADMIN_HOME);
    await flushPromises();

    const missing = row(element, 'CustomizeApplication');
    expect(missing.dataset.state).toBe('Missing');
    expect(missing.querySelector('[data-id="fix"]').textContent).toContain('Connector_Integration_Access');
    expect(missing.querySelector('[data-id="setup-link"]').getAttribute('href')).toBe('/lightning/setup/PermSets/home');
    expect(missing.querySelector('[data-id="fix-button"]')).not.toBeNull();
  });

  it('shows conditional and unavailable requirements as such, without a Fix button', async () => {
    const element = render(ADMIN_HOME);
    await flushPromises();

    const setAudit = row(element, 'SetAuditFields');
    expect(setAudit.dataset.state).toBe('NotAvailable');
    expect(setAudit.querySelector('[data-id="condition"]').textContent).toBe('Only if: Wrap-up used');
    expect(setAudit.querySelector('[data-id="setup-link"]').getAttribute('href')).toBe(
      '/lightning/setup/UserInterfaceUI/home'
    );
    expect(setAudit.querySelector('[data-id="fix-button"]')).toBeNull();
  });

  it('filters by severity', async () => {
    const element = render(ADMIN_HOME);
    await flushPromises();
    await showAll(element);

    const filter = element.shadowRoot.querySelector('[data-id="filter"]');
    filter.dispatchEvent(new CustomEvent('change', { detail: { value: 'Conditional' } }));
    await flushPromises();
    const conditional = ADMIN_HOME.audit.results.filter((result) => result.severity === 'Conditional');
    expect(conditional.length).toBeGreaterThan(0);
    expect(rowNames(element).sort()).toEqual(conditional.map((result) => result.developerName).sort());

    filter.dispatchEvent(new CustomEvent('change', { detail: { value: 'Recommended' } }));
    await flushPromises();
    const recommended = ADMIN_HOME.audit.results.filter((result) => result.severity === 'Recommended');
    expect(rowNames(element).sort()).toEqual(recommended.map((result) => result.developerName).sort());
  });

  it('shows the user with profile, license and a frozen badge', async () => {
    const element = render(DISCONNECTED);
    await flushPromises();

    expect(element.shadowRoot.querySelector('[data-id="user-name"]').textContent).toBe('Connector User');
    expect(element.shadowRoot.querySelector('[data-id="profile"]').textContent).toBe(
      '(Minimum Access - Salesforce, Salesforce)'
    );
    expect(element.shadowRoot.querySelector('[data-id="frozen"]')).not.toBeNull();
  });

  it('marks everything not applicable without a connector user, with nothing to fix', async () => {
    const element = render(NO_USER, true);
    await flushPromises();
    await showAll(element);

    expect(element.shadowRoot.querySelector('[data-id="user-name"]').textContent).toBe('No connector user');
    const states = [...element.shadowRoot.querySelectorAll('[data-requirement]')].map((item) => item.dataset.state);
    expect(new Set(states)).toEqual(new Set(['NotApplicable']));
    expect(element.shadowRoot.querySelector('[data-id="fix-all"]')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('hides every Fix button from users without Manage Connector', async () => {
    const element = render(ADMIN_HOME, false);
    await flushPromises();

    expect(element.shadowRoot.querySelector('[data-id="fix-button"]')).toBeNull();
    expect(element.shadowRoot.querySelector('[data-id="fix-all"]')).toBeNull();
  });

  it('repairs one requirement after confirmation and asks the page to refresh', async () => {
    LightningConfirm.open.mockResolvedValue(true);
    repairIntegrationAccess.mockResolvedValue(REPAIR_NO_CHANGE);
    const element = render(ADMIN_HOME);
    const toast = jest.fn();
    const refresh = jest.fn();
    element.addEventListener(ShowToastEventName, toast);
    element.addEventListener('refresh', refresh);
    await flushPromises();

    row(element, 'CaseEdit').querySelector('[data-id="fix-button"]').click();
    await flushPromises();

    expect(LightningConfirm.open.mock.calls[0][0].message).toContain('Edit access to Case');
    expect(repairIntegrationAccess).toHaveBeenCalledWith({ requirementName: 'CaseEdit' });
    expect(toast.mock.calls[0][0].detail.variant).toBe('info');
    expect(toast.mock.calls[0][0].detail.message).toBe(REPAIR_NO_CHANGE.message);
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('a refused repair says why in an error toast that links to Setup and stays open', async () => {
    LightningConfirm.open.mockResolvedValue(true);
    repairIntegrationAccess.mockResolvedValue(REPAIR_REFUSED);
    const element = render(ADMIN_HOME);
    const toast = jest.fn();
    element.addEventListener(ShowToastEventName, toast);
    await flushPromises();

    element.shadowRoot.querySelector('[data-id="fix-all"]').click();
    await flushPromises();

    const detail = toast.mock.calls[0][0].detail;
    expect(detail.variant).toBe('error');
    expect(detail.mode).toBe('sticky');
    expect(detail.message).toBe(`${REPAIR_REFUSED.message} {0}`);
    expect(detail.messageData).toEqual([{ url: '/lightning/setup/PermSets/home', label: 'Open in Setup' }]);
  });

  it('fixes all Required and Recommended gaps with one call', async () => {
    LightningConfirm.open.mockResolvedValue(true);
    repairIntegrationAccess.mockResolvedValue(REPAIR_NO_CHANGE);
    const element = render(ADMIN_HOME);
    await flushPromises();

    element.shadowRoot.querySelector('[data-id="fix-all"]').click();
    await flushPromises();

    expect(repairIntegrationAccess).toHaveBeenCalledTimes(1);
    expect(repairIntegrationAccess).toHaveBeenCalledWith({ requirementName: null });
  });

  it('asks the page to refresh from its refresh button', async () => {
    const element = render(ADMIN_HOME);
    const refresh = jest.fn();
    element.addEventListener('refresh', refresh);
    await flushPromises();

    element.shadowRoot.querySelector('[data-id="refresh"]').click();

    expect(refresh).toHaveBeenCalledTimes(1);
  });
});
