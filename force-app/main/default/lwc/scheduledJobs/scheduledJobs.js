import { LightningElement, api } from 'lwc';
import LightningConfirm from 'lightning/confirm';
import { returnFocus } from 'c/focusReturn';
import stopJob from '@salesforce/apex/AdminHomeController.stopJob';
import startJob from '@salesforce/apex/AdminHomeController.startJob';
import restartAllJobs from '@salesforce/apex/AdminHomeController.restartAllJobs';
import { commandToast, followJobCommand } from 'c/jobCommandFollow';
import { act, showToast } from 'c/cardAction';
import { formatLabel } from 'c/formatUtils';
import TIME_ZONE from '@salesforce/i18n/timeZone';
import TITLE from '@salesforce/label/c.Jobs_Title';
import RESTART_ALL from '@salesforce/label/c.Jobs_RestartAll';
import CONFIRM_RESTART_TITLE from '@salesforce/label/c.Jobs_ConfirmRestartTitle';
import CONFIRM_RESTART_AS from '@salesforce/label/c.Jobs_ConfirmRestartAs';
import CONFIRM_RESTART_NONE_MOVE from '@salesforce/label/c.Jobs_ConfirmRestartNoneMove';
import RUNNER_UNSEEN from '@salesforce/label/c.Jobs_RunnerUnseen';
import COMMAND_PENDING from '@salesforce/label/c.Jobs_CommandPending';
import TOAST_REQUESTED from '@salesforce/label/c.Jobs_ToastRequested';
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
import COMMAND_JOBS from '@salesforce/label/c.Jobs_CommandJobs';
import OUTCOME_SUCCESS from '@salesforce/label/c.Events_OutcomeSuccess';
import OUTCOME_FAILURE from '@salesforce/label/c.Events_OutcomeFailure';
import OUTCOME_NO_CHANGE from '@salesforce/label/c.Events_OutcomeNoChange';

const STATES = {
  NotScheduled: { label: STATE_NOT_SCHEDULED, badgeClass: 'slds-badge_lightest' },
  Waiting: { label: STATE_WAITING, badgeClass: 'slds-theme_success' },
  Running: { label: STATE_RUNNING, badgeClass: 'slds-badge_inverse' },
  Paused: { label: STATE_PAUSED, badgeClass: 'slds-theme_warning' },
  Error: { label: STATE_ERROR, badgeClass: 'slds-theme_error' },
  Unmanaged: { label: STATE_UNMANAGED, badgeClass: 'slds-theme_warning' }
};
// A job command's outcome on one job (an audit entry's outcome).
const OUTCOMES = {
  Success: { label: OUTCOME_SUCCESS, badgeClass: 'slds-theme_success' },
  Failure: { label: OUTCOME_FAILURE, badgeClass: 'slds-theme_error' },
  NoChange: { label: OUTCOME_NO_CHANGE, badgeClass: 'slds-badge_lightest' }
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
  /** JobRunnerView: who job commands ran as last. */
  @api jobRunner;

  isWorking = false;
  /** The job a status cause's link asked for: named above the table. */
  revealed = null;
  /** The outcome of the job command followed now: { text, isPending, jobs, hasJobs }. */
  commandStatus = null;

  label = {
    title: TITLE,
    restartAll: RESTART_ALL,
    empty: EMPTY,
    working: WORKING,
    commandJobs: COMMAND_JOBS
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
        // The state cell's badge (scheduledJobsTable/stateBadge.html), which wraps a long state in a narrow column.
        badgeClasses: `slds-badge ${state.badgeClass} state-badge`.replace(/\s+/g, ' '),
        warningIcon: job.warning ? 'utility:warning' : null
      };
    });
  }

  /**
   * The columns share the card's width (one narrow fixed column), so the table never gets wider than its card (at
   * 1024 px fixed widths made it 1,090 px in a 998 px card), and every cell wraps instead of cutting its text.
   */
  get columns() {
    return [
      { label: COLUMN_JOB, fieldName: 'label', wrapText: true },
      {
        label: COLUMN_STATE,
        fieldName: 'stateLabel',
        type: 'stateBadge',
        typeAttributes: { badgeClass: { fieldName: 'badgeClasses' } },
        wrapText: true
      },
      // A cron expression is short: its room goes to the job and what needs attention.
      { label: COLUMN_SCHEDULE, fieldName: 'cronExpression', wrapText: true, initialWidth: 110 },
      { label: COLUMN_NEXT_RUN, fieldName: 'nextFireTime', type: 'date', typeAttributes: DATE_TIME, wrapText: true },
      {
        label: COLUMN_PREVIOUS_RUN,
        fieldName: 'previousFireTime',
        type: 'date',
        typeAttributes: DATE_TIME,
        wrapText: true
      },
      { label: COLUMN_RUNS_AS, fieldName: 'runAsUserName', wrapText: true },
      {
        label: COLUMN_ATTENTION,
        fieldName: 'warning',
        wrapText: true,
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

  /**
   * Brings a job into view and focus (a status cause's link): `job-RUNNER` is who jobs start as; `job-<key>` puts the
   * job's name and what needs attention above the table (the table's own rows cannot take focus from outside).
   * @returns {Promise<boolean>} the job was found
   */
  @api
  async reveal(row) {
    if (row !== 'job-RUNNER') {
      const job = this.rows.find((candidate) => `job-${candidate.key}` === row);
      if (!job) {
        return false;
      }
      this.revealed = { rowId: row, label: job.label, text: job.warning || job.stateLabel || '' };
      await Promise.resolve();
    }
    const target = [...this.template.querySelectorAll('[data-row]')].find((element) => element.dataset.row === row);
    if (!target) {
      return false;
    }
    target.focus();
    return true;
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

  async handleRestartAll(event) {
    const opener = event.target;
    const confirmed = await LightningConfirm.open({
      label: CONFIRM_RESTART_TITLE,
      message: this.restartMessage(),
      theme: 'warning'
    });
    if (confirmed) {
      await this.run(() => restartAllJobs());
    }
    await returnFocus(opener);
  }

  /** Who the jobs will run as, and which scheduled jobs move to that user. */
  restartMessage() {
    const runner = this.jobRunner;
    const runnerName = runner?.known ? runner.userName : RUNNER_UNSEEN;
    const moving = (this.jobs ?? [])
      .filter((job) => job.definitionName && job.runAsUserId && job.runAsUserId !== runner?.userId)
      .map((job) => `${job.label} (${job.runAsUserName ?? job.runAsUserId})`);
    return formatLabel(CONFIRM_RESTART_AS, runnerName, moving.length ? moving.join(', ') : CONFIRM_RESTART_NONE_MOVE);
  }

  async run(action) {
    await act(this, {
      call: action,
      busy: 'isWorking',
      titles: { done: TOAST_DONE, unchanged: TOAST_NO_CHANGE, failed: TOAST_FAILED },
      toast: (result) => {
        const requested = result.ok && result.requestId;
        return requested ? { title: TOAST_REQUESTED, message: result.message, variant: 'info' } : undefined;
      },
      // A job command is followed to its end before the card is free again.
      onResult: async (result) => {
        if (result.ok && result.requestId) {
          await this.follow(result.requestId);
        }
      },
      // The page reloads the live job states, whatever the outcome.
      refresh: 'always'
    });
  }

  /** Follows a job command to its end: pending, then done or failed, as which user. */
  async follow(requestId) {
    this.commandStatus = { text: COMMAND_PENDING, isPending: true };
    const status = await followJobCommand(requestId);
    const toast = commandToast(status, TOAST_FAILED);
    // The toast's message is the status line too: the outcome, or that the command is still pending.
    const jobs = jobResults(status?.jobs);
    this.commandStatus = { text: toast.message, isPending: false, jobs, hasJobs: jobs.length > 0 };
    showToast(this, toast);
  }
}

/** The per-job results of a finished job command, as listed under its status. */
function jobResults(jobs) {
  return (jobs ?? []).map((job, index) => {
    const outcome = OUTCOMES[job.outcome] ?? { label: job.outcome, badgeClass: '' };
    return {
      key: `${index}-${job.jobName}`,
      jobName: job.jobName,
      outcome: job.outcome,
      outcomeLabel: outcome.label,
      badgeClass: `slds-badge ${outcome.badgeClass}`.trim(),
      detail: job.detail
    };
  });
}
