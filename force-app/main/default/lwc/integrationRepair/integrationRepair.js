import LightningConfirm from 'lightning/confirm';
import repairIntegrationAccess from '@salesforce/apex/AdminHomeController.repairIntegrationAccess';
import { act } from 'c/cardAction';
import CONFIRM_TITLE from '@salesforce/label/c.Repair_ConfirmTitle';
import CONFIRM_ONE from '@salesforce/label/c.Repair_ConfirmOne';
import CONFIRM_ALL from '@salesforce/label/c.Repair_ConfirmAll';
import TOAST_DONE from '@salesforce/label/c.Repair_ToastDone';
import TOAST_UNCHANGED from '@salesforce/label/c.Repair_ToastUnchanged';
import TOAST_FAILED from '@salesforce/label/c.Repair_ToastFailed';
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
  await act(component, {
    call: () => repairIntegrationAccess({ requirementName }),
    busy: onWorking,
    titles: { done: TOAST_DONE, unchanged: TOAST_UNCHANGED, failed: TOAST_FAILED },
    // The page reloads the audit and the status, whatever the outcome.
    refresh: 'always'
  });
  return true;
}
