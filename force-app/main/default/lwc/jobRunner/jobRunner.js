import { LightningElement, api } from 'lwc';
import { formatDateTime, formatLabel } from 'c/formatUtils';
import RUNNER_LABEL from '@salesforce/label/c.Jobs_RunnerLabel';
import RUNNER_UNKNOWN from '@salesforce/label/c.Jobs_RunnerUnknown';
import RUNNER_NOT_CONNECTOR from '@salesforce/label/c.Jobs_RunnerNotConnector';
import RUNNER_SOURCE from '@salesforce/label/c.Jobs_RunnerSource';

/**
 * Who job commands run as (the trigger's last run), in red when that is not the connector user: Start and Restart
 * all are refused then. Shared by the Scheduled jobs card (always, with when it was seen) and the guided setup's
 * jobs step (`warning-only`: only the warning).
 */
export default class JobRunner extends LightningElement {
  /** JobRunnerView of the contract. */
  @api runner;
  /** Show nothing unless the runner is known and is not the connector user. */
  @api warningOnly = false;

  get isWrong() {
    return Boolean(this.runner?.known && !this.runner.isConnectorUser);
  }

  get show() {
    return !this.warningOnly || this.isWrong;
  }

  get text() {
    const runner = this.runner;
    if (!runner?.known) {
      return formatLabel(RUNNER_LABEL, RUNNER_UNKNOWN);
    }
    const name = runner.isConnectorUser ? runner.userName : formatLabel(RUNNER_NOT_CONNECTOR, runner.userName);
    return formatLabel(RUNNER_LABEL, name);
  }

  get textClass() {
    const classes = [];
    if (this.isWrong) {
      classes.push('slds-text-color_error');
    }
    if (this.warningOnly) {
      classes.push('slds-m-bottom_x-small');
    }
    return classes.join(' ');
  }

  /** When the runner was seen (the card only). */
  get source() {
    return !this.warningOnly && this.runner?.known
      ? formatLabel(RUNNER_SOURCE, formatDateTime(this.runner.seenAt))
      : null;
  }

  /** Focus on the runner's line (a status cause's link lands here). */
  @api
  focus() {
    this.template.querySelector('[data-id="text"]')?.focus();
  }
}
