import { createElement } from '@lwc/engine-dom';
import AdminHome from 'c/adminHome';
import getAdminHome from '@salesforce/apex/AdminHomeController.getAdminHome';
import ADMIN_HOME from 'contract/fixtures/adminHome.json';
import CSM_UNREADABLE from 'contract/fixtures/adminHome.csmUnreadable.json';

jest.mock('@salesforce/apex/AdminHomeController.getAdminHome', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/label/c.AdminHome_UpdatedAt', () => ({ default: 'Updated {0}' }), { virtual: true });

const APEX_ERROR = {
  body: { message: 'Something went wrong: Requirement definitions are unavailable' },
  ok: false,
  status: 500,
  statusText: 'Server Error'
};

// Imperative Apex resolves in a microtask; two ticks let the component re-render.
async function flushPromises() {
  await Promise.resolve();
  await Promise.resolve();
}

describe('c-admin-home', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
  });

  function render() {
    const element = createElement('c-admin-home', { is: AdminHome });
    document.body.appendChild(element);
    return element;
  }

  it('shows a spinner while the page loads', async () => {
    let resolve;
    getAdminHome.mockReturnValue(
      new Promise((done) => {
        resolve = done;
      })
    );
    const element = render();
    await flushPromises();

    expect(element.shadowRoot.querySelector('lightning-spinner')).not.toBeNull();
    expect(element.shadowRoot.querySelector('[data-id="refresh"]').disabled).toBe(true);

    resolve(ADMIN_HOME);
    await flushPromises();
    expect(element.shadowRoot.querySelector('lightning-spinner')).toBeNull();
  });

  it('loads once and hands each card its part of the page', async () => {
    getAdminHome.mockResolvedValue(ADMIN_HOME);
    const element = render();
    await flushPromises();

    expect(getAdminHome).toHaveBeenCalledTimes(1);
    expect(element.shadowRoot.querySelector('c-settings-summary').settings).toEqual(ADMIN_HOME.settings);
    expect(element.shadowRoot.querySelector('c-connector-status').status).toEqual(ADMIN_HOME.status);
    expect(element.shadowRoot.querySelector('c-integration-user-audit').audit).toEqual(ADMIN_HOME.audit);
    expect(element.shadowRoot.querySelector('c-event-log').events).toEqual(ADMIN_HOME.events);
    expect(element.shadowRoot.querySelector('c-connection').connection).toEqual(ADMIN_HOME.connection);
    expect(element.shadowRoot.querySelector('c-connection').canManage).toBe(true);
    expect(element.shadowRoot.querySelector('c-oauth-usage').tokens).toEqual(ADMIN_HOME.tokens);
    expect(element.shadowRoot.querySelector('c-connector-settings').settings).toEqual(ADMIN_HOME.settings);
    expect(element.shadowRoot.querySelector('c-csm-sync').csm).toEqual(ADMIN_HOME.csm);
    expect(element.shadowRoot.querySelector('c-csm-sync').canManage).toBe(true);
    expect(element.shadowRoot.querySelector('c-error-panel')).toBeNull();
    expect(element.shadowRoot.querySelector('[data-id="read-only"]')).toBeNull();
    expect(element.shadowRoot.querySelector('[data-id="updated-at"]').textContent).toMatch(/^Updated Nov 23, 2025/);
    await expect(element).toBeAccessible();
  });

  it('shows why a card the user cannot read is empty, and still loads every other card', async () => {
    getAdminHome.mockResolvedValue(CSM_UNREADABLE);
    const element = render();
    await flushPromises();

    expect(element.shadowRoot.querySelector('c-csm-sync')).toBeNull();
    const reason = element.shadowRoot.querySelector('[data-unreadable="csm"]');
    expect(reason).not.toBeNull();
    expect(reason.textContent).toBe(CSM_UNREADABLE.unreadable[0].message);
    expect(reason.textContent).toMatch(/^CSM sync can't be shown: you can't read Account \(Name\)/);
    expect(element.shadowRoot.querySelectorAll('[data-unreadable]')).toHaveLength(1);
    expect(element.shadowRoot.querySelector('c-settings-summary').settings).toEqual(CSM_UNREADABLE.settings);
    expect(element.shadowRoot.querySelector('c-scheduled-jobs').jobs).toEqual(CSM_UNREADABLE.jobs);
    expect(element.shadowRoot.querySelector('c-event-log').events).toEqual(CSM_UNREADABLE.events);
    expect(element.shadowRoot.querySelector('c-error-panel')).toBeNull();
    expect(element.shadowRoot.querySelector('[data-id="read-only"]')).not.toBeNull();
    await expect(element).toBeAccessible();
  });

  it('gives the jobs card its jobs and reloads the page when the card asks for a refresh', async () => {
    getAdminHome.mockResolvedValue(ADMIN_HOME);
    const element = render();
    await flushPromises();

    const jobs = element.shadowRoot.querySelector('c-scheduled-jobs');
    expect(jobs.jobs).toEqual(ADMIN_HOME.jobs);
    expect(jobs.canManage).toBe(true);
    jobs.dispatchEvent(new CustomEvent('refresh'));
    await flushPromises();

    expect(getAdminHome).toHaveBeenCalledTimes(2);
  });

  it('tells users without Manage Connector that the page is read-only', async () => {
    getAdminHome.mockResolvedValue({ ...ADMIN_HOME, canManage: false });
    const element = render();
    await flushPromises();

    expect(element.shadowRoot.querySelector('[data-id="read-only"]').textContent).toBe('c.AdminHome_ReadOnly');
    await expect(element).toBeAccessible();
  });

  it('shows a readable error when the page cannot load', async () => {
    getAdminHome.mockRejectedValue(APEX_ERROR);
    const element = render();
    await flushPromises();

    const panel = element.shadowRoot.querySelector('c-error-panel');
    expect(panel).not.toBeNull();
    expect(panel.errors).toEqual(APEX_ERROR);
    expect(panel.heading).toBe('c.AdminHome_LoadError');
    expect(element.shadowRoot.querySelector('c-settings-summary')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('reloads on refresh and clears a previous error', async () => {
    getAdminHome.mockRejectedValueOnce(APEX_ERROR).mockResolvedValueOnce(ADMIN_HOME);
    const element = render();
    await flushPromises();
    expect(element.shadowRoot.querySelector('c-error-panel')).not.toBeNull();

    element.shadowRoot.querySelector('[data-id="refresh"]').click();
    await flushPromises();

    expect(getAdminHome).toHaveBeenCalledTimes(2);
    expect(element.shadowRoot.querySelector('c-error-panel')).toBeNull();
    expect(element.shadowRoot.querySelector('c-settings-summary')).not.toBeNull();
  });

  it('reloads when the status or audit card reports a change', async () => {
    getAdminHome.mockResolvedValue(ADMIN_HOME);
    const element = render();
    await flushPromises();

    element.shadowRoot.querySelector('c-integration-user-audit').dispatchEvent(new CustomEvent('refresh'));
    await flushPromises();
    element.shadowRoot.querySelector('c-connector-status').dispatchEvent(new CustomEvent('refresh'));
    await flushPromises();

    expect(getAdminHome).toHaveBeenCalledTimes(3);
  });

  it('keeps the last page when a refresh fails', async () => {
    getAdminHome.mockResolvedValueOnce(ADMIN_HOME).mockRejectedValueOnce(APEX_ERROR);
    const element = render();
    await flushPromises();

    element.shadowRoot.querySelector('[data-id="refresh"]').click();
    await flushPromises();

    expect(element.shadowRoot.querySelector('c-error-panel')).not.toBeNull();
    expect(element.shadowRoot.querySelector('c-event-log').events).toEqual(ADMIN_HOME.events);
  });
  it('reloads when a connection card reports a change', async () => {
    getAdminHome.mockResolvedValue(ADMIN_HOME);
    const element = render();
    await flushPromises();

    element.shadowRoot.querySelector('c-connection').dispatchEvent(new CustomEvent('refresh'));
    await flushPromises();
    element.shadowRoot.querySelector('c-oauth-usage').dispatchEvent(new CustomEvent('refresh'));
    await flushPromises();
    element.shadowRoot.querySelector('c-connector-settings').dispatchEvent(new CustomEvent('refresh'));
    await flushPromises();

    expect(getAdminHome).toHaveBeenCalledTimes(4);
  });
});
