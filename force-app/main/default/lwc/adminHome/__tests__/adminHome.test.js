import { createElement } from '@lwc/engine-dom';
import AdminHome from 'c/adminHome';
import getAdminHome from '@salesforce/apex/AdminHomeController.getAdminHome';
import ADMIN_HOME from 'contract/fixtures/adminHome.json';
import CSM_UNREADABLE from 'contract/fixtures/adminHome.csmUnreadable.json';
import FIRST_RUN from 'contract/fixtures/adminHome.firstRun.json';
import { CurrentPageReference, navigate } from 'lightning/navigation';

jest.mock('lightning/navigation', () => {
  const { createTestWireAdapter } = require('@salesforce/wire-service-jest-util');
  const Navigate = Symbol('Navigate');
  const navigateMock = jest.fn();
  const NavigationMixin = (Base) =>
    class extends Base {
      [Navigate](pageReference, replace) {
        navigateMock(pageReference, replace);
      }
    };
  NavigationMixin.Navigate = Navigate;
  return { CurrentPageReference: createTestWireAdapter(jest.fn()), NavigationMixin, navigate: navigateMock };
});
jest.mock('@salesforce/label/c.AdminHome_SectionWithCount', () => ({ default: '{0} ({1})' }), { virtual: true });
jest.mock('@salesforce/label/c.AdminHome_SectionUser', () => ({ default: 'Integration user' }), { virtual: true });
jest.mock('@salesforce/label/c.AdminHome_SectionJobs', () => ({ default: 'Scheduled jobs' }), { virtual: true });
jest.mock('@salesforce/label/c.AdminHome_SectionConnection', () => ({ default: 'Connection & OAuth' }), {
  virtual: true
});

/** The Admin Home tab of a package with the namespace acme: its state keys carry acme__. */
const PAGE = { type: 'standard__navItemPage', attributes: { apiName: 'acme__AdminHome' }, state: {} };

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

// The axe scan of the whole page takes seconds on a busy 2-core machine.
jest.setTimeout(120000);

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

  describe('first run', () => {
    it('opens as the guided setup instead of the verdict and sections when nothing was ever set up', async () => {
      getAdminHome.mockResolvedValue(FIRST_RUN);
      const element = render();
      await flushPromises();

      const setup = element.shadowRoot.querySelector('c-first-run-setup');
      expect(setup.setup).toEqual(FIRST_RUN.setup);
      expect(setup.connection).toEqual(FIRST_RUN.connection);
      expect(setup.canManage).toBe(true);
      expect(element.shadowRoot.querySelector('c-connector-status')).toBeNull();
      expect(element.shadowRoot.querySelector('lightning-tabset')).toBeNull();
      await expect(element).toBeAccessible();
    });

    it('shows all of Admin Home on request, and goes back to the guided setup', async () => {
      getAdminHome.mockResolvedValue(FIRST_RUN);
      const element = render();
      await flushPromises();

      element.shadowRoot.querySelector('c-first-run-setup').dispatchEvent(new CustomEvent('showall'));
      await flushPromises();
      expect(element.shadowRoot.querySelector('c-first-run-setup')).toBeNull();
      expect(element.shadowRoot.querySelector('c-connector-status')).not.toBeNull();
      expect(element.shadowRoot.activeElement).toBe(element.shadowRoot.querySelector('[data-id="title"]'));

      element.shadowRoot.querySelector('[data-id="resume"]').click();
      await flushPromises();
      expect(element.shadowRoot.querySelector('c-first-run-setup')).not.toBeNull();
      expect(element.shadowRoot.querySelector('[data-id="resume"]')).toBeNull();
    });

    it('keeps "Show all" in the page state: a reload or a link naming a section lands past the guided setup', async () => {
      getAdminHome.mockResolvedValue(FIRST_RUN);
      const element = render();
      CurrentPageReference.emit({ ...PAGE, state: { acme__other: 'kept' } });
      await flushPromises();

      element.shadowRoot.querySelector('c-first-run-setup').dispatchEvent(new CustomEvent('showall'));
      await flushPromises();
      const [shown, replaceShown] = navigate.mock.calls[0];
      expect(shown.state).toEqual({ acme__other: 'kept', acme__section: 'overview' });
      expect(replaceShown).toBe(true);

      // The page reloads on that state: the sections, not the guided setup.
      const reloaded = render();
      CurrentPageReference.emit(shown);
      await flushPromises();
      expect(reloaded.shadowRoot.querySelector('c-first-run-setup')).toBeNull();
      expect(reloaded.shadowRoot.querySelector('lightning-tabset').activeTabValue).toBe('overview');

      reloaded.shadowRoot.querySelector('[data-id="resume"]').click();
      await flushPromises();
      const [resumed] = navigate.mock.calls[1];
      expect(resumed.state).toEqual({ acme__other: 'kept' });
      CurrentPageReference.emit(resumed);
      await flushPromises();
      expect(reloaded.shadowRoot.querySelector('c-first-run-setup')).not.toBeNull();
    });

    it('ends by itself when the steps are done: the page reloads into its sections', async () => {
      getAdminHome.mockResolvedValue(FIRST_RUN);
      const element = render();
      await flushPromises();

      getAdminHome.mockResolvedValue({ ...FIRST_RUN, setup: { ...FIRST_RUN.setup, active: false, currentStep: null } });
      element.shadowRoot.querySelector('c-first-run-setup').dispatchEvent(new CustomEvent('refresh'));
      await flushPromises();
      await flushPromises();

      expect(element.shadowRoot.querySelector('c-first-run-setup')).toBeNull();
      expect(element.shadowRoot.querySelector('lightning-tabset')).not.toBeNull();
      expect(element.shadowRoot.querySelector('[data-id="resume"]')).toBeNull();
      expect(element.shadowRoot.activeElement).toBe(element.shadowRoot.querySelector('[data-id="title"]'));
    });

    it('shows the sections to a user who cannot act on the setup', async () => {
      getAdminHome.mockResolvedValue({ ...FIRST_RUN, canManage: false });
      const element = render();
      await flushPromises();

      expect(element.shadowRoot.querySelector('c-first-run-setup')).toBeNull();
      expect(element.shadowRoot.querySelector('lightning-tabset')).not.toBeNull();
    });
  });

  it('shows why a card the user cannot read is empty, and still loads every other card', async () => {
    getAdminHome.mockResolvedValue(CSM_UNREADABLE);
    const element = render();
    await flushPromises();

    expect(element.shadowRoot.querySelector('c-csm-sync')).toBeNull();
    const reasons = [...element.shadowRoot.querySelectorAll('c-unreadable-section')];
    expect(reasons.map((reason) => reason.section)).toEqual(['csm']);
    expect(reasons[0].message).toBe(CSM_UNREADABLE.unreadable[0].message);
    expect(reasons[0].message).toMatch(/^CSM sync can't be shown: you can't read Account \(Name\)/);
    expect(reasons[0].shadowRoot.querySelector('[data-unreadable="csm"]').textContent).toBe(reasons[0].message);
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
  it('shows the latest load when two overlap, even if the older reply comes back last', async () => {
    let answerOlder;
    const older = new Promise((resolve) => {
      answerOlder = resolve;
    });
    const newer = { ...ADMIN_HOME, events: [] };
    getAdminHome.mockResolvedValueOnce(ADMIN_HOME).mockReturnValueOnce(older).mockResolvedValueOnce(newer);
    const element = render();
    await flushPromises();

    element.shadowRoot.querySelector('[data-id="refresh"]').click();
    element.shadowRoot.querySelector('c-connection').dispatchEvent(new CustomEvent('refresh'));
    await flushPromises();
    answerOlder(ADMIN_HOME);
    await flushPromises();

    expect(element.shadowRoot.querySelector('c-event-log').events).toEqual([]);
    expect(element.shadowRoot.querySelector('lightning-spinner')).toBeNull();
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

  describe('sections', () => {
    const tabset = (element) => element.shadowRoot.querySelector('lightning-tabset');
    const tab = (element, value) =>
      [...element.shadowRoot.querySelectorAll('lightning-tab')].find((candidate) => candidate.value === value);

    it("keeps the verdict above the sections and counts each section's findings in its tab", async () => {
      getAdminHome.mockResolvedValue(ADMIN_HOME);
      const element = render();
      await flushPromises();

      const status = element.shadowRoot.querySelector('c-connector-status');
      expect(status.compareDocumentPosition(tabset(element)) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
      expect(tabset(element).contains(status)).toBe(false);
      // Fixture causes: two missing requirements and the Recommended summary (user), an old token holder (connection).
      expect(tab(element, 'user').label).toBe('Integration user (3)');
      expect(tab(element, 'connection').label).toBe('Connection & OAuth (1)');
      expect(tab(element, 'jobs').label).toBe('Scheduled jobs');
      expect(tabset(element).activeTabValue).toBe('overview');
      expect(tab(element, 'jobs').querySelector('c-scheduled-jobs')).not.toBeNull();
      expect(status.requirementLabels.CustomizeApplication).toBe(
        ADMIN_HOME.audit.results.find((result) => result.developerName === 'CustomizeApplication').label
      );
      await expect(element).toBeAccessible();
    });

    it('opens the section named in the page state, under the package namespace', async () => {
      getAdminHome.mockResolvedValue(ADMIN_HOME);
      const element = render();
      CurrentPageReference.emit({ ...PAGE, state: { acme__section: 'jobs' } });
      await flushPromises();
      expect(tabset(element).activeTabValue).toBe('jobs');

      CurrentPageReference.emit({ ...PAGE, state: { acme__section: 'nonsense' } });
      await flushPromises();
      expect(tabset(element).activeTabValue).toBe('overview');
    });

    it('writes the opened section into the page state, replacing the history entry', async () => {
      getAdminHome.mockResolvedValue(ADMIN_HOME);
      const element = render();
      CurrentPageReference.emit({ ...PAGE, state: { acme__other: 'kept' } });
      await flushPromises();

      tab(element, 'csm').dispatchEvent(new CustomEvent('active'));
      await flushPromises();

      expect(navigate).toHaveBeenCalledTimes(1);
      const [reference, replace] = navigate.mock.calls[0];
      expect(reference.attributes).toEqual(PAGE.attributes);
      expect(reference.state).toEqual({ acme__other: 'kept', acme__section: 'csm' });
      expect(replace).toBe(true);
      expect(tabset(element).activeTabValue).toBe('csm');
    });

    it("follows a cause's link to its section and focuses the row that fixes it", async () => {
      getAdminHome.mockResolvedValue(ADMIN_HOME);
      const element = render();
      CurrentPageReference.emit(PAGE);
      await flushPromises();

      element.shadowRoot
        .querySelector('c-connector-status')
        .dispatchEvent(
          new CustomEvent('navigate', { detail: { section: 'user', row: 'requirement-CustomizeApplication' } })
        );
      // The page waits a frame for the tab's content before it asks the card for the row.
      // eslint-disable-next-line @lwc/lwc/no-async-operation
      await new Promise((resolve) => requestAnimationFrame(resolve));
      await flushPromises();

      expect(tabset(element).activeTabValue).toBe('user');
      expect(navigate.mock.calls[0][0].state).toEqual({ acme__section: 'user' });
      const audit = element.shadowRoot.querySelector('c-integration-user-audit');
      expect(audit.shadowRoot.activeElement.dataset.requirement).toBe('CustomizeApplication');
    });

    it('names the connector user in the settings summary', async () => {
      getAdminHome.mockResolvedValue(ADMIN_HOME);
      const element = render();
      await flushPromises();

      expect(element.shadowRoot.querySelector('c-settings-summary').connectorUserName).toBe(
        ADMIN_HOME.connection.displayName
      );
    });
  });
});
