import getJobCommandStatus from '@salesforce/apex/AdminHomeController.getJobCommandStatus';
import { formatLabel } from 'c/formatUtils';
import COMMAND_DONE from '@salesforce/label/c.Jobs_CommandDone';
import COMMAND_FAILED from '@salesforce/label/c.Jobs_CommandFailed';
import COMMAND_STILL_PENDING from '@salesforce/label/c.Jobs_CommandStillPending';
import TOAST_DONE from '@salesforce/label/c.Jobs_ToastDone';
import TOAST_WARNING from '@salesforce/label/c.Jobs_ToastWarning';

/**
 * Follows a job command (Start, Restart all) to its end. The command runs in its trigger after the request, so the
 * status is asked for every second, for half a minute. Shared by the Scheduled jobs card and the guided setup.
 */
export const POLL_MS = 1000;
export const MAX_POLLS = 30;

function wait(ms) {
  return new Promise((resolve) => {
    // eslint-disable-next-line @lwc/lwc/no-async-operation -- the pause between two status requests
    setTimeout(resolve, ms);
  });
}

/**
 * @param {string} requestId ActionResult.requestId of the command
 * @returns {Promise<object|null>} the JobCommandStatus once Done or Failed; null while still pending after MAX_POLLS
 */
export async function followJobCommand(requestId) {
  for (let poll = 0; poll < MAX_POLLS; poll++) {
    // eslint-disable-next-line no-await-in-loop -- one status request at a time, until the trigger has run
    const status = await getJobCommandStatus({ requestId });
    if (status.state !== 'Pending') {
      return status;
    }
    // eslint-disable-next-line no-await-in-loop -- waits between polls
    await wait(POLL_MS);
  }
  return null;
}

/**
 * What a finished command says and how to show it: success only when done as the connector user with no job failed
 * (done as someone else, or with a failed job, is never a plain success).
 * @param {object} status JobCommandStatus, Done or Failed
 * @returns {{text: string, variant: 'success'|'warning'|'error'}}
 */
export function commandOutcome(status) {
  const done = status.state === 'Done';
  const text = formatLabel(done ? COMMAND_DONE : COMMAND_FAILED, status.ranAsUserName, status.message);
  if (!done) {
    return { text, variant: 'error' };
  }
  const failedJob = (status.jobs ?? []).some((job) => job.outcome === 'Failure');
  return { text, variant: status.ranAsConnectorUser && !failedJob ? 'success' : 'warning' };
}

/**
 * The toast of a followed command: its outcome titled done, warning or the caller's failed title; a command still
 * pending after the last poll (no status) is a warning that says so.
 * @param {object|null} status what followJobCommand returned
 * @param {string} failedTitle the title of a failed command's toast (the card's own)
 * @returns {{title: string, message: string, variant: 'success'|'warning'|'error'}}
 */
export function commandToast(status, failedTitle) {
  if (!status) {
    return { title: TOAST_WARNING, message: COMMAND_STILL_PENDING, variant: 'warning' };
  }
  const { text, variant } = commandOutcome(status);
  const titles = { success: TOAST_DONE, warning: TOAST_WARNING, error: failedTitle };
  return { title: titles[variant], message: text, variant };
}
