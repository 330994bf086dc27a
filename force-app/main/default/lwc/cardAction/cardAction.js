import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import { reduceErrors } from 'c/errorUtils';
import OPEN_SETUP from '@salesforce/label/c.Status_OpenSetup';

/**
 * The one way a card runs an action: busy on, call Apex, toast the result (an ActionResult's message and outcome),
 * ask the page to reload, busy off; a thrown error becomes an error toast with the server's message.
 *
 * @param {LightningElement} component the card; toasts and `refresh` are dispatched from it
 * @param {object} options
 * @param {function(): Promise<*>} options.call the Apex call
 * @param {string|function(boolean): void} [options.busy] the card's property set while the call runs, or a callback
 * @param {{done: string, unchanged?: string, failed?: string, error?: string}} options.titles toast titles: done (ok),
 *   unchanged (ok but nothing changed: an info toast; without it a success toast titled done), failed (ok is false;
 *   default done), error (the call threw; default failed)
 * @param {false|function(*): (object|undefined)} [options.toast] false: no toast of the result; a function: the toast
 *   for a result (undefined: the default one)
 * @param {'always'|'changed'|'ok'|'never'} [options.refresh] when `refresh` is raised: always (errors too), when the
 *   result changed something, when it is ok or changed something (the default), or never
 * @param {function(*): (void|Promise<void>)} [options.onResult] runs after the toast, while still busy
 * @param {function(*): void} [options.onError] runs after the error toast
 * @returns {Promise<*>} the call's result, or undefined when it threw
 */
export async function act(component, { call, busy, titles, toast, refresh = 'ok', onResult, onError }) {
  setBusy(component, busy, true);
  let result;
  let failed = false;
  try {
    result = await call();
    if (toast !== false) {
      showToast(component, (toast && toast(result)) ?? resultToast(result, titles));
    }
    if (onResult) {
      await onResult(result);
    }
  } catch (error) {
    failed = true;
    result = undefined;
    showError(component, error, titles?.error ?? titles?.failed ?? titles?.done);
    onError?.(error);
  } finally {
    setBusy(component, busy, false);
  }
  if (refresh === 'always' || (!failed && wantsRefresh(refresh, result))) {
    component.dispatchEvent(new CustomEvent('refresh'));
  }
  return result;
}

/**
 * The toast of an ActionResult: error when ok is false, info when nothing changed (if an unchanged title is given),
 * success otherwise. A setupUrl (what the package could not do, finished by hand in Setup) is linked and the toast
 * stays open.
 */
export function resultToast(result, titles = {}) {
  const message = result?.message ?? '';
  let toast;
  if (result?.ok === false) {
    toast = { title: titles.failed ?? titles.done, message, variant: 'error' };
  } else if (titles.unchanged && result?.changed === false) {
    toast = { title: titles.unchanged, message, variant: 'info' };
  } else {
    toast = { title: titles.done, message, variant: 'success' };
  }
  if (result?.setupUrl) {
    // platform-rule: lwc-toast-message-data — {0} becomes a link from messageData; sticky stays until closed.
    toast.message = `${message} {0}`;
    toast.messageData = [{ url: result.setupUrl, label: OPEN_SETUP }];
    toast.mode = 'sticky';
  }
  return toast;
}

/** Dispatches a toast from the component: { title, message, variant, ... } as ShowToastEvent takes it. */
export function showToast(component, toast) {
  component.dispatchEvent(new ShowToastEvent(toast));
}

/** An error toast with the readable messages of an Apex, UI API or JavaScript error. */
export function showError(component, error, title) {
  showToast(component, { title, message: reduceErrors(error).join(' '), variant: 'error' });
}

function wantsRefresh(policy, result) {
  switch (policy) {
    case 'changed':
      return result?.changed === true;
    case 'ok':
      return result?.ok !== false || result?.changed === true;
    default:
      return false;
  }
}

function setBusy(component, busy, on) {
  if (typeof busy === 'function') {
    busy(on);
  } else if (busy) {
    component[busy] = on;
  }
}
