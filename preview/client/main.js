/* Mounts the org's root component on the page, with the platform services the preview provides. */
import { createElement } from 'lwc';
import { installToastContainer } from './toast.js';

function showPageError(message) {
  const alert = document.createElement('div');
  alert.className = 'slds-notify slds-notify_alert slds-alert_error preview-page-error';
  alert.setAttribute('role', 'alert');
  alert.textContent = message;
  document.body.prepend(alert);
}

export function mount(Component, tagName) {
  window.addEventListener('error', (event) => showPageError(`Uncaught error: ${event.message}`));
  window.addEventListener('unhandledrejection', (event) => {
    const reason = event.reason || {};
    showPageError(`Unhandled rejection: ${(reason.body && reason.body.message) || reason.message || reason}`);
  });
  installToastContainer();
  const element = createElement(tagName, { is: Component });
  document.getElementById('app').appendChild(element);
}
