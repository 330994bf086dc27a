import { createElement } from '@lwc/engine-dom';
import ScheduledJobs from 'c/scheduledJobs';
import LightningConfirm from 'lightning/confirm';
import stopJob from '@salesforce/apex/AdminHomeController.stopJob';
import startJob from '@salesforce/apex/AdminHomeController.startJob';
import restartAllJobs from '@salesforce/apex/AdminHomeController.restartAllJobs';
import ADMIN_HOME from 'contract/fixtures/adminHome.json';
import STOPPED from 'contract/fixtures/actionResult.stopJob.json';
import ALREADY_STARTED from 'contract/fixtures/actionResult.startJob.json';
import RESTARTED from 'contract/fixtures/actionResult.restartAllJobs.json';
import START_FAILED from 'contract/fixtures/actionResult.startJobFailed.json';
import REQUESTED from 'contract/fixtures/actionResult.jobCommandRequested.json';
import COMMAND_DONE from 'contract/fixtures/jobCommandStatus.done.json';
import COMMAND_PENDING from 'contract/fixtures/jobCommandStatus.pending.json';
import getJobCommandStatus from '@salesforce/apex/AdminHomeController.getJobCommandStatus';

jest.mock('@salesforce/apex/AdminHomeController.stopJob', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/AdminHomeController.startJob', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/AdminHomeController.restartAllJobs', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/AdminHomeController.getJobCommandStatus', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/label/c.Jobs_ConfirmRestartAs', () => ({ default: 'Runs as {0}; moving: {1}.' }), {
  virtual: true
});
jest.mock('@salesforce/label/c.Jobs_RunnerLabel', () => ({ default: 'Jobs are started as: {0}' }), { virtual: true });
jest.mock('@salesforce/label/c.Jobs_RunnerNotConnector', () => ({ default: '{0}, not the connector user' }), {
  virtual: true
});
jest.mock('@salesforce/label/c.Jobs_CommandDone', () => ({ default: 'Done as {0}: {1}' }), { virtual: true });
jest.mock('@salesforce/label/c.Jobs_CommandFailed', () => ({ default: 'Failed as {0}: {1}' }), { virtual: true });
jest.mock('lightning/confirm', () => ({ __esModule: true, default: { open: jest.fn() } }));
jest.mock('@salesforce/label/c.Jobs_ConfirmStopMessage', () => ({ default: '{0} loses its schedule ({1}).' }), {
  virtual: true
});

const [HEALTH_CHECK, CSM_SYNC, UNMANAGED] = ADMIN_HOME.jobs;
const CONNECTOR_RUNNER = {
  known: true,
  userId: COMMAND_DONE.ranAsUserId,
  userName: COMMAND_DONE.ranAsUserName,
  isConnectorUser: true,
  seenAt: '2025-11-20T10:00:00.000Z'
};
// The toast event name of lightning/platformShowToastEvent.
const SHOW_TOAST = 'lightning__showtoast';
const APEX_ERROR = { body: { message: 'Manage Connector is required.' }, ok: false, status: 500 };

// Confirm, Apex and the toast each resolve in a microtask: a chain of them lets all settle.
function flushPromises() {
  let chain = Promise.resolve();
  for (let i = 0; i < 5; i++) {
    chain = chain.then(() => undefined);
  }
  return chain;
}

describe('c-scheduled-jobs', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
  });

  function render(props = {}) {
    const element = createElement('c-scheduled-jobs', { is: ScheduledJobs });
    Object.assign(element, { jobs: ADMIN_HOME.jobs, canManage: true }, props);
    const toasts = [];
    const refreshes = [];
    element.addEventListener(SHOW_TOAST, (event) => toasts.push(event.detail));
    element.addEventListener('refresh', (event) => refreshes.push(event));
    document.body.appendChild(element);
    return { element, toasts, refreshes };
  }

  const table = (element) => element.shadowRoot.querySelector('c-scheduled-jobs-table');
  const restartButton = (element) => element.shadowRoot.querySelector('[data-id="restart-all"]');

  function rowAction(element, name, job) {
    const row = table(element).data.find((r) => r.key === (job.definitionName ?? job.cronTriggerId));
    table(element).dispatchEvent(new CustomEvent('rowaction', { detail: { action: { name }, row } }));
  }

  function actionsOf(element, job) {
    const row = table(element).data.find((r) => r.key === (job.definitionName ?? job.cronTriggerId));
    const actionColumn = table(element).columns.find((c) => c.type === 'action');
    let actions;
    actionColumn.typeAttributes.rowActions(row, (result) => {
      actions = result;
    });
    return Object.fromEntries(actions.map((a) => [a.name, a.disabled]));
  }

  it('renders one row per job with state, next run, runs-as user and warning', async () => {
    const { element } = render();
    await flushPromises();

    const rows = table(element).data;
    expect(rows.map((r) => r.key)).toEqual(['ConnectorHealthCheck', 'CsmSyncDaily', UNMANAGED.cronTriggerId]);
    expect(rows[0]).toMatchObject({
      label: 'Connector health check',
      stateLabel: 'c.Jobs_StateWaiting',
      badgeClass: 'slds-theme_success',
      nextFireTime: HEALTH_CHECK.nextFireTime,
      runAsUserName: 'Grace Hopper',
      warning: HEALTH_CHECK.warning,
      warningIcon: 'utility:warning'
    });
    expect(rows[1]).toMatchObject({ stateLabel: 'c.Jobs_StateNotScheduled', warningIcon: null });
    expect(rows[2]).toMatchObject({ stateLabel: 'c.Jobs_StateUnmanaged', badgeClass: 'slds-theme_warning' });
    const columns = table(element).columns;
    const nextRun = columns.find((c) => c.fieldName === 'nextFireTime');
    expect(nextRun.type).toBe('date');
    expect(columns.find((c) => c.fieldName === 'stateLabel').type).toBe('stateBadge');
    expect(columns.find((c) => c.fieldName === 'warning').cellAttributes.iconAlternativeText).toBe(
      'c.Jobs_NeedsAttention'
    );
    expect(restartButton(element).disabled).toBe(false);
    await expect(element).toBeAccessible();
  });

  it('keeps the table to its card: every data column wraps and only the schedule has a fixed width', async () => {
    const { element } = render();
    await flushPromises();

    const dataColumns = table(element).columns.filter((c) => c.type !== 'action');
    expect(dataColumns.filter((c) => !c.wrapText).map((c) => c.fieldName)).toEqual([]);
    expect(dataColumns.filter((c) => c.initialWidth).map((c) => [c.fieldName, c.initialWidth])).toEqual([
      ['cronExpression', 110]
    ]);
    expect(table(element).wrapTextMaxLines).toBeUndefined();
    // The state badge wraps a long state instead of being cut by its column.
    const unmanaged = table(element).data.find((r) => r.key === UNMANAGED.cronTriggerId);
    expect(unmanaged.badgeClasses).toBe('slds-badge slds-theme_warning state-badge');
    await expect(element).toBeAccessible();
  });

  it('offers Stop for scheduled jobs, Start for stopped ones and only Stop outside the definitions', async () => {
    const { element } = render();
    await flushPromises();

    expect(actionsOf(element, HEALTH_CHECK)).toEqual({ stop: false, start: true });
    expect(actionsOf(element, CSM_SYNC)).toEqual({ stop: true, start: false });
    expect(actionsOf(element, UNMANAGED)).toEqual({ stop: false, start: true });
  });

  it('disables every action for users without Manage Connector', async () => {
    const { element } = render({ canManage: false });
    await flushPromises();

    expect(restartButton(element).disabled).toBe(true);
    expect(actionsOf(element, HEALTH_CHECK)).toEqual({ stop: true, start: true });
    expect(actionsOf(element, CSM_SYNC)).toEqual({ stop: true, start: true });
  });

  it('stops a job by its definition name, toasts the outcome and asks for a refresh', async () => {
    stopJob.mockResolvedValue(STOPPED);
    const { element, toasts, refreshes } = render();
    await flushPromises();

    rowAction(element, 'stop', HEALTH_CHECK);
    await flushPromises();

    expect(LightningConfirm.open).not.toHaveBeenCalled();
    expect(stopJob).toHaveBeenCalledWith({ jobKey: 'ConnectorHealthCheck' });
    expect(toasts).toEqual([{ title: 'c.Jobs_ToastDone', message: STOPPED.message, variant: 'success' }]);
    expect(refreshes).toHaveLength(1);
  });

  it('starts a job by its definition name and says when nothing changed', async () => {
    startJob.mockResolvedValue(ALREADY_STARTED);
    const { element, toasts, refreshes } = render();
    await flushPromises();

    rowAction(element, 'start', CSM_SYNC);
    await flushPromises();

    expect(startJob).toHaveBeenCalledWith({ definitionName: 'CsmSyncDaily' });
    expect(toasts).toEqual([{ title: 'c.Jobs_ToastNoChange', message: ALREADY_STARTED.message, variant: 'info' }]);
    expect(refreshes).toHaveLength(1);
  });

  it('shows a spinner while an action runs', async () => {
    let resolve;
    startJob.mockReturnValue(
      new Promise((done) => {
        resolve = done;
      })
    );
    const { element } = render();
    await flushPromises();

    rowAction(element, 'start', CSM_SYNC);
    await flushPromises();
    expect(element.shadowRoot.querySelector('[data-id="working"]')).not.toBeNull();
    expect(restartButton(element).disabled).toBe(true);

    resolve(ALREADY_STARTED);
    await flushPromises();
    expect(element.shadowRoot.querySelector('[data-id="working"]')).toBeNull();
  });

  it('asks before stopping a job outside the definitions and stops it by its trigger id', async () => {
    LightningConfirm.open.mockResolvedValue(true);
    stopJob.mockResolvedValue(STOPPED);
    const { element } = render();
    await flushPromises();

    rowAction(element, 'stop', UNMANAGED);
    await flushPromises();

    expect(LightningConfirm.open).toHaveBeenCalledWith(
      expect.objectContaining({ message: 'Health check (old) loses its schedule (0 30 * * * ?).' })
    );
    expect(stopJob).toHaveBeenCalledWith({ jobKey: UNMANAGED.cronTriggerId });
  });

  it('keeps a job outside the definitions when its stop is cancelled', async () => {
    LightningConfirm.open.mockResolvedValue(false);
    const { element, refreshes } = render();
    await flushPromises();

    rowAction(element, 'stop', UNMANAGED);
    await flushPromises();

    expect(stopJob).not.toHaveBeenCalled();
    expect(refreshes).toHaveLength(0);
  });

  it('restarts all jobs after confirmation', async () => {
    LightningConfirm.open.mockResolvedValue(true);
    restartAllJobs.mockResolvedValue(RESTARTED);
    const { element, toasts, refreshes } = render();
    await flushPromises();

    restartButton(element).click();
    await flushPromises();

    expect(LightningConfirm.open).toHaveBeenCalledWith(
      expect.objectContaining({ label: 'c.Jobs_ConfirmRestartTitle', message: expect.stringMatching(/^Runs as /) })
    );
    expect(restartAllJobs).toHaveBeenCalledTimes(1);
    expect(toasts).toEqual([{ title: 'c.Jobs_ToastDone', message: RESTARTED.message, variant: 'success' }]);
    expect(refreshes).toHaveLength(1);
  });

  it("reveals a job for a status cause's link: named above the table with what needs attention, focused", async () => {
    const { element } = render();
    await flushPromises();
    const [healthCheck] = ADMIN_HOME.jobs;

    expect(await element.reveal(`job-${healthCheck.definitionName}`)).toBe(true);
    const revealed = element.shadowRoot.querySelector('[data-id="revealed"]');
    expect(element.shadowRoot.activeElement).toBe(revealed);
    expect(revealed.textContent).toContain(healthCheck.label);
    expect(revealed.textContent).toContain(healthCheck.warning);

    expect(await element.reveal('job-RUNNER')).toBe(true);
    expect(element.shadowRoot.activeElement.dataset.id).toBe('runner');
    expect(await element.reveal('job-NoSuchJob')).toBe(false);
    await expect(element).toBeAccessible();
  });

  it('does nothing when the restart confirmation is cancelled, and focus returns to Restart all', async () => {
    LightningConfirm.open.mockResolvedValue(false);
    const { element, toasts, refreshes } = render();
    await flushPromises();
    const focused = jest.spyOn(restartButton(element), 'focus');

    restartButton(element).click();
    await flushPromises();

    expect(focused).toHaveBeenCalledTimes(1);
    expect(restartAllJobs).not.toHaveBeenCalled();
    expect(toasts).toHaveLength(0);
    expect(refreshes).toHaveLength(0);
  });

  it('shows an error toast when the server refuses or fails', async () => {
    startJob.mockRejectedValue(APEX_ERROR);
    const { element, toasts, refreshes } = render();
    await flushPromises();

    rowAction(element, 'start', CSM_SYNC);
    await flushPromises();

    expect(toasts).toEqual([
      { title: 'c.Jobs_ToastFailed', message: 'Manage Connector is required.', variant: 'error' }
    ]);
    expect(refreshes).toHaveLength(1);
  });

  it('shows an error toast when an action does not succeed', async () => {
    startJob.mockResolvedValue(START_FAILED);
    const { element, toasts } = render();
    await flushPromises();

    rowAction(element, 'start', CSM_SYNC);
    await flushPromises();

    expect(toasts).toEqual([{ title: 'c.Jobs_ToastFailed', message: START_FAILED.message, variant: 'error' }]);
  });

  it('shows who the jobs are started as, and says when that is not the connector user', async () => {
    const { element } = render({ jobRunner: CONNECTOR_RUNNER });
    await flushPromises();
    // The runner's line is the shared c-job-runner's.
    const runner = () =>
      element.shadowRoot.querySelector('[data-id="runner"]').shadowRoot.querySelector('[data-id="text"]');
    expect(runner().textContent).toBe('Jobs are started as: Connector Integration');

    element.jobRunner = { ...CONNECTOR_RUNNER, userName: 'Automated Process', isConnectorUser: false };
    await flushPromises();
    expect(runner().textContent).toBe('Jobs are started as: Automated Process, not the connector user');
    expect(runner().className).toContain('slds-text-color_error');
    await expect(element).toBeAccessible();
  });

  it('names the user the jobs will run as and the jobs that move to it before restarting', async () => {
    LightningConfirm.open.mockResolvedValue(false);
    const { element } = render({ jobRunner: CONNECTOR_RUNNER });
    await flushPromises();

    restartButton(element).click();
    await flushPromises();

    const { message } = LightningConfirm.open.mock.calls[0][0];
    expect(message).toContain(`Runs as ${CONNECTOR_RUNNER.userName}`);
    expect(message).toContain(`Connector health check (${HEALTH_CHECK.runAsUserName})`);
  });

  it('follows a job command until the trigger has run, then toasts success as the connector user', async () => {
    jest.useFakeTimers();
    LightningConfirm.open.mockResolvedValue(true);
    restartAllJobs.mockResolvedValue(REQUESTED);
    getJobCommandStatus.mockResolvedValueOnce(COMMAND_PENDING).mockResolvedValueOnce(COMMAND_DONE);
    const { element, toasts, refreshes } = render({ jobRunner: CONNECTOR_RUNNER });
    await flushPromises();

    restartButton(element).click();
    await flushPromises();
    expect(toasts[0]).toEqual({ title: 'c.Jobs_ToastRequested', message: REQUESTED.message, variant: 'info' });
    expect(element.shadowRoot.querySelector('[data-id="command-status"]').textContent).toBe('c.Jobs_CommandPending');
    expect(element.shadowRoot.querySelector('[data-id="command-jobs"]')).toBeNull();
    expect(refreshes).toHaveLength(0);

    jest.advanceTimersByTime(1000);
    await flushPromises();
    await flushPromises();
    expect(getJobCommandStatus).toHaveBeenCalledWith({ requestId: REQUESTED.requestId });
    const done = `Done as ${COMMAND_DONE.ranAsUserName}: ${COMMAND_DONE.message}`;
    expect(toasts[1]).toEqual({ title: 'c.Jobs_ToastDone', message: done, variant: 'success' });
    expect(element.shadowRoot.querySelector('[data-id="command-status"]').textContent).toBe(done);
    const list = element.shadowRoot.querySelector('[data-id="command-jobs"]');
    expect(list.getAttribute('aria-label')).toBe('c.Jobs_CommandJobs');
    const items = [...element.shadowRoot.querySelectorAll('[data-id="command-job"]')];
    expect(items.map((item) => item.dataset.job)).toEqual(COMMAND_DONE.jobs.map((job) => job.jobName));
    items.forEach((item, index) => {
      const outcome = item.querySelector('[data-id="command-job-outcome"]');
      expect(outcome.textContent).toBe('c.Events_OutcomeSuccess');
      expect(outcome.className).toContain('slds-theme_success');
      expect(item.querySelector('[data-id="command-job-detail"]').textContent).toBe(COMMAND_DONE.jobs[index].detail);
    });
    expect(refreshes).toHaveLength(1);
    jest.useRealTimers();
  });

  it('lists each job of a failed command with its outcome and reason, and toasts an error', async () => {
    LightningConfirm.open.mockResolvedValue(true);
    restartAllJobs.mockResolvedValue(REQUESTED);
    getJobCommandStatus.mockResolvedValue({
      ...COMMAND_DONE,
      state: 'Failed',
      message: 'Restarted A. B could not start.',
      jobs: [
        { jobName: 'A', outcome: 'Success', detail: 'Restarted A.' },
        { jobName: 'B', outcome: 'Failure', detail: 'B could not start.' },
        { jobName: 'C', outcome: 'NoChange', detail: 'C was stopped already.' }
      ]
    });
    const { element, toasts } = render({ jobRunner: CONNECTOR_RUNNER });
    await flushPromises();

    restartButton(element).click();
    await flushPromises();
    await flushPromises();

    const outcomes = [...element.shadowRoot.querySelectorAll('[data-id="command-job-outcome"]')];
    expect(outcomes.map((badge) => badge.textContent)).toEqual([
      'c.Events_OutcomeSuccess',
      'c.Events_OutcomeFailure',
      'c.Events_OutcomeNoChange'
    ]);
    expect(outcomes[1].className).toContain('slds-theme_error');
    const details = [...element.shadowRoot.querySelectorAll('[data-id="command-job-detail"]')];
    expect(details[1].textContent).toBe('B could not start.');
    expect(toasts[1]).toMatchObject({ title: 'c.Jobs_ToastFailed', variant: 'error' });
    await expect(element).toBeAccessible();
  });

  it('warns instead of succeeding when a job is reported as failed', async () => {
    startJob.mockResolvedValue(REQUESTED);
    getJobCommandStatus.mockResolvedValue({
      ...COMMAND_DONE,
      jobs: [{ jobName: 'A', outcome: 'Failure', detail: 'A could not start.' }]
    });
    const { element, toasts } = render();
    await flushPromises();

    rowAction(element, 'start', HEALTH_CHECK);
    await flushPromises();
    await flushPromises();

    expect(toasts[1]).toMatchObject({ title: 'c.Jobs_ToastWarning', variant: 'warning' });
  });

  it('warns instead of succeeding when the command ran as someone other than the connector user', async () => {
    startJob.mockResolvedValue(REQUESTED);
    getJobCommandStatus.mockResolvedValue({
      ...COMMAND_DONE,
      ranAsUserName: 'Automated Process',
      ranAsConnectorUser: false
    });
    const { element, toasts } = render();
    await flushPromises();

    rowAction(element, 'start', HEALTH_CHECK);
    await flushPromises();
    await flushPromises();

    expect(toasts[1]).toMatchObject({ title: 'c.Jobs_ToastWarning', variant: 'warning' });
  });

  it('shows a refused job command as an error with its reason', async () => {
    startJob.mockResolvedValue(REQUESTED);
    getJobCommandStatus.mockResolvedValue({ ...COMMAND_DONE, state: 'Failed', message: 'Not done.' });
    const { element, toasts } = render();
    await flushPromises();

    rowAction(element, 'start', HEALTH_CHECK);
    await flushPromises();
    await flushPromises();

    expect(toasts[1]).toEqual({
      title: 'c.Jobs_ToastFailed',
      message: `Failed as ${COMMAND_DONE.ranAsUserName}: Not done.`,
      variant: 'error'
    });
  });

  it('says so when there is no job', async () => {
    const { element } = render({ jobs: [] });
    await flushPromises();

    expect(table(element)).toBeNull();
    expect(element.shadowRoot.querySelector('[data-id="empty"]').textContent).toBe('c.Jobs_Empty');
    await expect(element).toBeAccessible();
  });
});
