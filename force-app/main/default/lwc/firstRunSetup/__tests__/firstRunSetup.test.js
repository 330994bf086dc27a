import { cleanUpAfterEach, flushPromises, renderComponent, SHOW_TOAST } from 'lwc-test-utils';
import FirstRunSetup from 'c/firstRunSetup';
import LightningConfirm from 'lightning/confirm';
import ReadinessConfirm from 'c/readinessConfirm';
import connectUser from '@salesforce/apex/AdminHomeController.connectUser';
import repairIntegrationAccess from '@salesforce/apex/AdminHomeController.repairIntegrationAccess';
import sendAuthorizationLink from '@salesforce/apex/AdminHomeController.sendAuthorizationLink';
import startJob from '@salesforce/apex/AdminHomeController.startJob';
import getJobCommandStatus from '@salesforce/apex/AdminHomeController.getJobCommandStatus';
import FIRST_RUN from 'contract/fixtures/adminHome.firstRun.json';
import FIRST_RUN_ACCESS from 'contract/fixtures/adminHome.firstRunAccess.json';
import NEW_CONNECTOR from 'contract/fixtures/userOptionView.newConnector.json';
import ADA from 'contract/fixtures/userOptionView.ada.json';
import IVY from 'contract/fixtures/userOptionView.candidateIntegrationLicense.json';
import REPAIRED from 'contract/fixtures/actionResult.repairChanged.json';
import REQUESTED from 'contract/fixtures/actionResult.jobCommandRequested.json';
import COMMAND_DONE from 'contract/fixtures/jobCommandStatus.done.json';

jest.mock('@salesforce/apex/AdminHomeController.connectUser', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/AdminHomeController.repairIntegrationAccess', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/AdminHomeController.sendAuthorizationLink', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/AdminHomeController.startJob', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/AdminHomeController.getJobCommandStatus', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/AdminHomeController.searchUsers', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/label/c.Setup_Progress', () => ({ default: '{0} of {1} steps done' }), { virtual: true });
jest.mock('@salesforce/label/c.Setup_StepNumber', () => ({ default: 'Step {0}' }), { virtual: true });
jest.mock('@salesforce/label/c.Setup_StateDone', () => ({ default: 'Done' }), { virtual: true });
jest.mock('@salesforce/label/c.Setup_StateCurrent', () => ({ default: 'Current step' }), { virtual: true });
jest.mock('@salesforce/label/c.Setup_StateToDo', () => ({ default: 'To do' }), { virtual: true });
jest.mock('@salesforce/label/c.Jobs_RunnerLabel', () => ({ default: 'Jobs are started as: {0}' }), { virtual: true });
jest.mock('@salesforce/label/c.Jobs_RunnerNotConnector', () => ({ default: '{0}, not the connector user' }), {
  virtual: true
});
jest.mock('@salesforce/label/c.Connection_ConfirmSend', () => ({ default: 'Email the link to {0}?' }), {
  virtual: true
});
jest.mock('@salesforce/label/c.Connection_ConfirmConnect', () => ({ default: 'Make {0} ({1}) the connector user?' }), {
  virtual: true
});

const CONNECTED = { ok: true, changed: true, message: 'New Connector is now the connector user.' };
const SENT = { ok: true, changed: false, message: 'Authorization link sent.' };

/** The setup of a page, with the steps before `current` done and the ones after it to do. */
function setupAt(current, overrides = {}) {
  const keys = ['user', 'access', 'authorize', 'jobs'];
  const index = keys.indexOf(current);
  return {
    ...FIRST_RUN_ACCESS.setup,
    currentStep: current,
    steps: FIRST_RUN_ACCESS.setup.steps.map((step, i) => ({
      ...step,
      state: i < index ? 'Done' : i === index ? 'Current' : 'ToDo'
    })),
    ...overrides
  };
}

describe('c-first-run-setup', () => {
  let confirm;
  cleanUpAfterEach();
  // The readiness dialog (a LightningModal): jest cannot open one, so its open() is mocked like LightningConfirm's.
  let readinessConfirm;

  beforeEach(() => {
    confirm = jest.spyOn(LightningConfirm, 'open').mockResolvedValue(true);
    readinessConfirm = jest.spyOn(ReadinessConfirm, 'open').mockResolvedValue(true);
  });

  function render(page = FIRST_RUN, props = {}) {
    const { element, spies } = renderComponent(
      'c-first-run-setup',
      FirstRunSetup,
      {
        setup: page.setup,
        connection: page.connection,
        jobRunner: page.jobRunner,
        canManage: page.canManage,
        ...props
      },
      ['refresh', SHOW_TOAST, 'showall']
    );
    return { element, events: { refresh: spies.refresh, toast: spies[SHOW_TOAST], showall: spies.showall } };
  }

  // The setup's own elements, then those of the shared pieces it shows (the authorization link, the job runner).
  function query(element, selector) {
    const inner = [...element.shadowRoot.querySelectorAll('c-authorization-link, c-job-runner')];
    return (
      element.shadowRoot.querySelector(selector) ??
      inner.map((child) => child.shadowRoot.querySelector(selector)).find(Boolean) ??
      null
    );
  }

  function stepStates(element) {
    return [...element.shadowRoot.querySelectorAll('li[data-step]')].map(
      (item) => `${item.dataset.step}:${item.querySelector('[data-id="state"]').textContent}`
    );
  }

  it('shows the four steps in order with their state, the first one current, and is accessible', async () => {
    const { element } = render();

    expect(stepStates(element)).toEqual(['user:Current step', 'access:To do', 'authorize:To do', 'jobs:To do']);
    expect(query(element, '[data-id="progress"]').textContent).toBe('0 of 4 steps done');
    expect(query(element, '[role="progressbar"]').getAttribute('aria-valuenow')).toBe('0');
    // Only the current step offers its action.
    expect(query(element, '[data-id="choose-user"]')).not.toBeNull();
    expect(query(element, '[data-id="fix"]')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('chooses the connector user through the user search, then focuses the next step when the page reloads', async () => {
    connectUser.mockResolvedValue(CONNECTED);
    const { element, events } = render();

    query(element, '[data-id="choose-user"]').click();
    await flushPromises();
    const search = query(element, 'c-user-search');
    expect(search).not.toBeNull();
    search.dispatchEvent(new CustomEvent('select', { detail: { user: NEW_CONNECTOR } }));
    await flushPromises();

    expect(readinessConfirm.mock.calls[0][0].question).toBe(
      `Make ${NEW_CONNECTOR.name} (${NEW_CONNECTOR.username}) the connector user?`
    );
    expect(connectUser).toHaveBeenCalledWith({ userId: NEW_CONNECTOR.id });
    expect(events.toast.mock.calls[0][0].detail.variant).toBe('success');
    expect(events.refresh).toHaveBeenCalled();

    element.setup = FIRST_RUN_ACCESS.setup;
    await flushPromises();
    expect(element.shadowRoot.activeElement).toBe(query(element, '[data-heading="access"]'));
    expect(query(element, '[data-id="progress"]').textContent).toBe('1 of 4 steps done');
  });

  it("shows each candidate's readiness, and the gaps of an unready one before connecting it", async () => {
    readinessConfirm.mockResolvedValue(false);
    const { element } = render();

    query(element, '[data-id="choose-user"]').click();
    await flushPromises();
    const search = query(element, 'c-user-search');
    expect(search.withReadiness).toBe(true);
    search.dispatchEvent(new CustomEvent('select', { detail: { user: IVY } }));
    await flushPromises();

    const options = readinessConfirm.mock.calls[0][0];
    expect(options.hasGaps).toBe(true);
    expect(options.label).toBe('c.Readiness_ConfirmTitleGaps');
    // The break and what only Setup can grant are lists of their own in the dialog.
    const list = (key) => options.blocks.find((block) => block.key === key)?.items;
    expect(list('breaks')).toHaveLength(IVY.readiness.breaks.length);
    expect(list('cannotFix')).toEqual(IVY.readiness.cannotFix);
    expect(options.blocks.map((block) => block.text)).toContain(IVY.readiness.notes[0]);
    expect(connectUser).not.toHaveBeenCalled();
    expect(confirm).not.toHaveBeenCalled();
  });

  it('connects nobody when the confirmation is cancelled', async () => {
    readinessConfirm.mockResolvedValue(false);
    const focus = jest.spyOn(HTMLElement.prototype, 'focus');
    const { element, events } = render();

    query(element, '[data-id="choose-user"]').click();
    await flushPromises();
    query(element, 'c-user-search').dispatchEvent(new CustomEvent('select', { detail: { user: NEW_CONNECTOR } }));
    await flushPromises();

    expect(connectUser).not.toHaveBeenCalled();
    expect(events.refresh).not.toHaveBeenCalled();
    // The search took Choose user's place: focus goes to the button rendered anew, not to the page.
    const chooseUser = query(element, '[data-id="choose-user"]');
    expect(chooseUser).not.toBeNull();
    expect(focus.mock.contexts).toContain(chooseUser);
  });

  it('puts focus back on Choose user when the user search is cancelled', async () => {
    const focus = jest.spyOn(HTMLElement.prototype, 'focus');
    const { element } = render();

    query(element, '[data-id="choose-user"]').click();
    await flushPromises();
    query(element, 'c-user-search').dispatchEvent(new CustomEvent('cancel'));
    await flushPromises();

    expect(query(element, 'c-user-search')).toBeNull();
    expect(focus.mock.contexts).toContain(query(element, '[data-id="choose-user"]'));
  });

  it('lists what is missing and grants it with the shared repair', async () => {
    repairIntegrationAccess.mockResolvedValue(REPAIRED);
    const { element, events } = render(FIRST_RUN_ACCESS);

    const missing = [...element.shadowRoot.querySelectorAll('[data-id="missing"] li')].map((li) =>
      li.textContent.trim()
    );
    expect(missing).toEqual(FIRST_RUN_ACCESS.setup.steps[1].missing);
    expect(query(element, 'li[data-step="access"] [data-id="detail"]').textContent.trim()).toBe(
      FIRST_RUN_ACCESS.setup.steps[1].detail
    );

    query(element, '[data-id="fix"]').click();
    await flushPromises();

    expect(repairIntegrationAccess).toHaveBeenCalledWith({ requirementName: null });
    expect(events.refresh).toHaveBeenCalled();
    await expect(element).toBeAccessible();
  });

  it('emails the authorization link to the connector user, or to someone the admin chooses', async () => {
    sendAuthorizationLink.mockResolvedValue(SENT);
    const page = { ...FIRST_RUN_ACCESS, setup: setupAt('authorize') };
    const { element, events } = render(page);

    expect(query(element, '[data-id="send"]').label).toContain(page.connection.displayName);
    query(element, '[data-id="send"]').click();
    await flushPromises();
    expect(confirm.mock.calls[0][0].message).toBe(`Email the link to ${page.connection.displayName}?`);
    expect(sendAuthorizationLink).toHaveBeenCalledWith({ recipientId: page.connection.userId });
    expect(events.refresh).toHaveBeenCalledTimes(1);

    query(element, '[data-id="send-other"]').click();
    await flushPromises();
    query(element, 'c-user-search').dispatchEvent(new CustomEvent('select', { detail: { user: ADA } }));
    await flushPromises();
    expect(sendAuthorizationLink).toHaveBeenLastCalledWith({ recipientId: ADA.id });
    await expect(element).toBeAccessible();
  });

  it('tells an API-only connector user what to do instead of sending a link', () => {
    const guidance = 'The connector user is API-only: have the platform authorize with the client credentials flow.';
    const setup = setupAt('authorize', { apiOnly: true });
    setup.steps[2] = { ...setup.steps[2], detail: guidance };
    const { element } = render({ ...FIRST_RUN_ACCESS, setup });

    expect(query(element, '[data-id="send"]')).toBeNull();
    expect(query(element, 'li[data-step="authorize"] [data-id="detail"]').textContent.trim()).toBe(guidance);
  });

  it('says why there is no link yet when a setting is missing', () => {
    const connection = {
      ...FIRST_RUN_ACCESS.connection,
      authorizationUrl: null,
      authorizationUrlProblem: 'Set the consumer key.'
    };
    const { element } = render({ ...FIRST_RUN_ACCESS, connection, setup: setupAt('authorize') });

    expect(query(element, '[data-id="send"]')).toBeNull();
    expect(query(element, '[data-id="link-problem"]').textContent).toBe('Set the consumer key.');
  });

  it('starts every job as a job command and follows it to its end', async () => {
    startJob.mockResolvedValue(REQUESTED);
    getJobCommandStatus.mockResolvedValue(COMMAND_DONE);
    const { element, events } = render({ ...FIRST_RUN_ACCESS, setup: setupAt('jobs') });

    query(element, '[data-id="start-jobs"]').click();
    await flushPromises();

    expect(startJob).toHaveBeenCalledWith({ definitionName: null });
    expect(getJobCommandStatus).toHaveBeenCalledWith({ requestId: REQUESTED.requestId });
    const variants = events.toast.mock.calls.map(([event]) => event.detail.variant);
    expect(variants).toEqual(['info', COMMAND_DONE.ranAsConnectorUser ? 'success' : 'warning']);
    expect(events.refresh).toHaveBeenCalled();
  });

  it('warns when the job command trigger runs as someone else', () => {
    const jobRunner = {
      known: true,
      userId: '005000000000009AAA',
      userName: 'Automated Process',
      isConnectorUser: false
    };
    const { element } = render({ ...FIRST_RUN_ACCESS, jobRunner, setup: setupAt('jobs') });

    const warning = query(element, '[data-id="runner-warning"]').shadowRoot.querySelector('[data-id="text"]');
    expect(warning.textContent).toBe('Jobs are started as: Automated Process, not the connector user');
  });

  it('reports a failed action and keeps the step', async () => {
    startJob.mockRejectedValue({ body: { message: 'Manage Connector is required.' } });
    const { element, events } = render({ ...FIRST_RUN_ACCESS, setup: setupAt('jobs') });

    query(element, '[data-id="start-jobs"]').click();
    await flushPromises();

    expect(events.toast.mock.calls[0][0].detail).toMatchObject({
      variant: 'error',
      message: 'Manage Connector is required.'
    });
  });

  it('asks the page for all of Admin Home', () => {
    const { element, events } = render();

    query(element, '[data-id="show-all"]').click();

    expect(events.showall).toHaveBeenCalled();
  });

  it('disables every action for a user without Manage Connector', () => {
    const { element } = render(FIRST_RUN, { canManage: false });

    expect(query(element, '[data-id="choose-user"]').disabled).toBe(true);
  });
});
