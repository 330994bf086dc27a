import LightningConfirm from 'lightning/confirm';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import repairIntegrationAccess from '@salesforce/apex/AdminHomeController.repairIntegrationAccess';
import { reduceErrors } from 'c/errorUtils';
import CONFIRM_TITLE from '@salesforce/label/c.Repair_ConfirmTitle';
import CONFIRM_ONE from '@salesforce/label/c.Repair_ConfirmOne';
import CONFIRM_ALL from '@salesforce/label/c.Repair_ConfirmAll';
import TOAST_DONE from '@salesforce/label/c.Repair_ToastDone';
import TOAST_UNCHANGED from '@salesforce/label/c.Repair_ToastUnchanged';
import TOAST_FAILED from '@salesforce/label/c.Repair_ToastFailed';
import OPEN_SETUP from '@salesforce/label/c.Status_OpenSetup';
import { formatLabel } from 'c/formatUtils';

/** The server action name carried by findings and audit results the package can fix itself. */
export const REPAIR_ACTION = 'repairIntegrationAccess';

/**
 * Asks for confirmation, runs the repair on the server and reports the result with a toast.
 * @param {LightningElement} component the card that owns the button (toasts and refresh are dispatched from it)
 * @param {string|null} requirementName one requirement, or null for every Required and Recommended one
 * @param {string|null} requirementLabel shown in the confirmation text
 * @param {function(boolean): void} [onWorking] told true once confirmed (show a spinner), false when done
 * @returns {Promise<boolean>} true when the server was called (the card then asks the page to refresh)
 */
export async function confirmAndRepair(component, requirementName, requirementLabel, onWorking = () => {}) {
  const confirmed = await LightningConfirm.open({
    label: CONFIRM_TITLE,
    message: requirementName ? formatLabel(CONFIRM_ONE, requirementLabel ?? requirementName) : CONFIRM_ALL,
    theme: 'warning'
  });
  if (!confirmed) {
    return false;
  }
  onWorking(true);
  try {
    const result = await repairIntegrationAccess({ requirementName });
    let title = TOAST_DONE;
    let variant = 'success';
    if (!result.ok) {
      title = TOAST_FAILED;
      variant = 'error';
    } else if (!result.changed) {
      title = TOAST_UNCHANGED;
      variant = 'info';
    }
    const toast = { title, message: result.message, variant };
    if (result.setupUrl) {
      // What the package could not do is finished by hand in Setup: the toast links there and stays open.
      toast.message = `${result.message} {0}`;
      toast.messageData = [{ url: result.setupUrl, label: OPEN_SETUP }];
      toast.mode = 'sticky';
    }
    component.dispatchEvent(new ShowToastEvent(toast));
  } catch (error) {
    component.dispatchEvent(
      new ShowToastEvent({ title: TOAST_FAILED, message: reduceErrors(error).join(' '), variant: 'error' })
    );
  } finally {
    onWorking(false);
  }
  component.dispatchEvent(new CustomEvent('refresh'));
  return true;
}
