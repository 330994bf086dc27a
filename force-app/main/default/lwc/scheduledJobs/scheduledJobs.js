import { LightningElement, api } from 'lwc';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import LightningConfirm from 'lightning/confirm';
import stopJob from '@salesforce/apex/AdminHomeController.stopJob';
import startJob from '@salesforce/apex/AdminHomeController.startJob';
import restartAllJobs from '@salesforce/apex/AdminHomeController.restartAllJobs';
import { reduceErrors } from 'c/errorUtils';
import { formatLabel } from 'c/formatUtils';
import TIME_ZONE from '@salesforce/i18n/timeZone';
import TITLE from '@salesforce/label/c.Jobs_Title';
import RESTART_ALL from '@salesforce/label/c.Jobs_RestartAll';
import CONFIRM_RESTART_TITLE from '@salesforce/label/c.Jobs_ConfirmRestartTitle';
import CONFIRM_RESTART_MESSAGE from '@salesforce/label/c.Jobs_ConfirmRestartMessage';
import CONFIRM_STOP_TITLE from '@salesforce/label/c.Jobs_ConfirmStopTitle';
import CONFIRM_STOP_MESSAGE from '@salesforce/label/c.Jobs_ConfirmStopMessage';
import ACTION_STOP from '@salesforce/label/c.Jobs_ActionStop';
import ACTION_START from '@salesforce/label/c.Jobs_ActionStart';
import COLUMN_JOB from '@salesforce/label/c.Jobs_ColumnJob';
import COLUMN_STATE from '@salesforce/label/c.Jobs_ColumnState';
import COLUMN_SCHEDULE from '@salesforce/label/c.Jobs_ColumnSchedule';
import COLUMN_NEXT_RUN from '@salesforce/label/c.Jobs_ColumnNextRun';
import COLUMN_PREVIOUS_RUN from '@salesforce/label/c.Jobs_ColumnPreviousRun';
import COLUMN_RUNS_AS from '@salesforce/label/c.Jobs_ColumnRunsAs';
import COLUMN_ATTENTION from '@salesforce/label/c.Jobs_ColumnAttention';
import STATE_NOT_SCHEDULED from '@salesforce/label/c.Jobs_StateNotScheduled';
import STATE_WAITING from '@salesforce/label/c.Jobs_StateWaiting';
import STATE_RUNNING from '@salesforce/label/c.Jobs_StateRunning';
import STATE_PAUSED from '@salesforce/label/c.Jobs_StatePaused';
import STATE_ERROR from '@salesforce/label/c.Jobs_StateError';
import STATE_UNMANAGED from '@salesforce/label/c.Jobs_StateUnmanaged';
import NEEDS_ATTENTION from '@salesforce/label/c.Jobs_NeedsAttention';
import EMPTY from '@salesforce/label/c.Jobs_Empty';
import WORKING from '@salesforce/label/c.Jobs_Working';
import TOAST_DONE from '@salesforce/label/c.Jobs_ToastDone';
import TOAST_NO_CHANGE from '@salesforce/label/c.Jobs_ToastNoChange';
import TOAST_FAILED from '@salesforce/label/c.Jobs_ToastFailed';

const STATES = {
  NotScheduled: { label: STATE_NOT_SCHEDULED, badgeClass: 'slds-badge_lightest' },
  Waiting: { label: STATE_WAITING, badgeClass: 'slds-theme_success' },
  Running: { label: STATE_RUNNING, badgeClass: 'slds-badge_inverse' },
  Paused: { label: STATE_PAUSED, badgeClass: 'slds-theme_warning' },
  Error: { label: STATE_ERROR, badgeClass: 'slds-theme_error' },
  Unmanaged: { label: STATE_UNMANAGED, badgeClass: 'slds-theme_warning' }
};
// A job in one of these states has a live trigger: Start would change nothing.
const SCHEDULED_STATES = new Set(['Waiting', 'Running', 'Paused']);
// Shown in the user's locale and Salesforce time zone.
const DATE_TIME = {
  year: 'numeric',
  month: 'short',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: TIME_ZONE
};

/**
 * The connector's scheduled jobs with Stop / Start per row and Restart all. Every action asks the server,
 * shows the outcome in a toast and raises `refresh` so that the page reloads the live state.
 */
export default class ScheduledJobs extends LightningElement {
  /** JobView[] of the contract. */
  @api jobs;
  /** The running user holds Manage Connector. */
  @api canManage = false;

  isWorking = false;

  label = {
    title: TITLE,
    restartAll: RESTART_ALL,
    empty: EMPTY,
    working: WORKING
  };

  get hasJobs() {
    return this.rows.length > 0;
  }

  get isRestartDisabled() {
    return !this.canManage || this.isWorking;
  }

  get rows() {
    return (this.jobs ?? []).map((job) => {
      const state = STATES[job.state] ?? { label: job.state, badgeClass: '' };
      return {
        ...job,
        key: job.definitionName ?? job.cronTriggerId ?? job.jobName,
        stateLabel: state.label,
        badgeClass: state.badgeClass,
        warningIcon: job.warning ? 'utility:warning' : null
      };
    });
  }

  get columns() {
    return [
      { label: COLUMN_JOB, fieldName: 'label', wrapText: true },
      {
        label: COLUMN_STATE,
        fieldName: 'stateLabel',
        type: 'stateBadge',
        typeAttributes: { badgeClass: { fieldName: 'badgeClass' } },
        initialWidth: 150
      },
      { label: COLUMN_SCHEDULE, fieldName: 'cronExpression', initialWidth: 110 },
      { label: COLUMN_NEXT_RUN, fieldName: 'nextFireTime', type: 'date', typeAttributes: DATE_TIME, initialWidth: 180 },
      {
        label: COLUMN_PREVIOUS_RUN,
        fieldName: 'previousFireTime',
        type: 'date',
        typeAttributes: DATE_TIME,
        initialWidth: 180
      },
      { label: COLUMN_RUNS_AS, fieldName: 'runAsUserName' },
      {
        label: COLUMN_ATTENTION,
        fieldName: 'warning',
        wrapText: true,
        initialWidth: 320,
        cellAttributes: { iconName: { fieldName: 'warningIcon' }, iconAlternativeText: NEEDS_ATTENTION }
      },
      { type: 'action', typeAttributes: { rowActions: (row, done) => done(this.actionsFor(row)) } }
    ];
  }

  /** Stop needs a live trigger; Start needs an active definition that is not scheduled already. */
  actionsFor(row) {
    const locked = !this.canManage || this.isWorking;
    const canStop = Boolean(row.cronTriggerId) && row.state !== 'NotScheduled';
    const canStart = Boolean(row.definitionName) && row.isActive && !SCHEDULED_STATES.has(row.state);
    return [
      { label: ACTION_STOP, name: 'stop', iconName: 'utility:stop', disabled: locked || !canStop },
      { label: ACTION_START, name: 'start', iconName: 'utility:play', disabled: locked || !canStart }
    ];
  }

  async handleRowAction(event) {
    const { action, row } = event.detail;
    if (action.name === 'stop') {
      await this.stop(row);
    } else if (action.name === 'start') {
      await this.run(() => startJob({ definitionName: row.definitionName }));
    }
  }

  async stop(row) {
    if (!row.definitionName) {
      // Outside the definitions nothing keeps the schedule: confirm before it is lost.
      const confirmed = await LightningConfirm.open({
        label: CONFIRM_STOP_TITLE,
        message: formatLabel(CONFIRM_STOP_MESSAGE, row.label, row.cronExpression),
        theme: 'warning'
      });
      if (!confirmed) {
        return;
      }
    }
    await this.run(() => stopJob({ jobKey: row.definitionName ?? row.cronTriggerId }));
  }

  async handleRestartAll() {
    const confirmed = await LightningConfirm.open({
      label: CONFIRM_RESTART_TITLE,
      message: CONFIRM_RESTART_MESSAGE,
      theme: 'warning'
    });
    if (confirmed) {
      await this.run(() => restartAllJobs());
    }
  }

  async run(action) {
    this.isWorking = true;
    try {
      const result = await action();
      this.toast(toastTitle(result), result.message, toastVariant(result));
    } catch (error) {
      this.toast(TOAST_FAILED, reduceErrors(error).join(' '), 'error');
    } finally {
      this.isWorking = false;
      // The page reloads the live job states, whatever the outcome.
      this.dispatchEvent(new CustomEvent('refresh'));
    }
  }

  toast(title, message, variant) {
    this.dispatchEvent(new ShowToastEvent({ title, message, variant }));
  }
}

function toastTitle(result) {
  if (!result.ok) {
    return TOAST_FAILED;
  }
  return result.changed ? TOAST_DONE : TOAST_NO_CHANGE;
}

function toastVariant(result) {
  if (!result.ok) {
    return 'error';
  }
  return result.changed ? 'success' : 'info';
}
