/*
 * `lightning/platformShowToastEvent` in the preview: the same event the platform listens for, rendered by
 * a page-level container as SLDS toasts (so E2E tests can read them).
 */
const config = (typeof window !== 'undefined' && window.__PREVIEW__) || {};
const ICON_SPRITE = '/assets/icons/utility-sprite/svg/symbols.svg';
const VARIANTS = ['info', 'success', 'warning', 'error'];

export class ShowToastEvent extends CustomEvent {
  constructor(toast) {
    super('lightning__showtoast', { bubbles: true, composed: true, cancelable: true, detail: toast });
  }
}

function svgIcon(name, className) {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('class', className);
  svg.setAttribute('aria-hidden', 'true');
  const use = document.createElementNS(ns, 'use');
  use.setAttribute('href', `${ICON_SPRITE}#${name}`);
  svg.appendChild(use);
  return svg;
}

/**
 * `{0}` placeholders filled from messageData: strings, or `{ url, label }` links.
 * platform-rule: lwc-toast-message-data — as the platform's toast does.
 */
function renderMessage(element, message, messageData) {
  const parts = String(message || '').split(/(\{\d+\})/);
  for (const part of parts) {
    const match = /^\{(\d+)\}$/.exec(part);
    const data = match && Array.isArray(messageData) ? messageData[Number(match[1])] : undefined;
    if (data && typeof data === 'object' && data.url) {
      const link = document.createElement('a');
      link.href = data.url;
      link.textContent = data.label || data.url;
      element.appendChild(link);
    } else {
      element.appendChild(document.createTextNode(data !== undefined ? String(data) : part));
    }
  }
}

function showToast(container, toast) {
  const variant = VARIANTS.includes(toast.variant) ? toast.variant : 'info';
  const item = document.createElement('div');
  item.className = `slds-notify slds-notify_toast slds-theme_${variant}`;
  item.setAttribute('role', variant === 'error' || variant === 'warning' ? 'alert' : 'status');
  item.dataset.variant = variant;

  const assistive = document.createElement('span');
  assistive.className = 'slds-assistive-text';
  assistive.textContent = variant;
  item.appendChild(assistive);

  const iconBox = document.createElement('span');
  iconBox.className = `slds-icon_container slds-icon-utility-${variant} slds-m-right_small slds-no-flex slds-align-top`;
  iconBox.appendChild(svgIcon(variant, 'slds-icon slds-icon_small'));
  item.appendChild(iconBox);

  const content = document.createElement('div');
  content.className = 'slds-notify__content';
  if (toast.title) {
    const title = document.createElement('h2');
    title.className = 'slds-text-heading_small';
    title.textContent = toast.title;
    content.appendChild(title);
  }
  if (toast.message) {
    const message = document.createElement('p');
    renderMessage(message, toast.message, toast.messageData);
    content.appendChild(message);
  }
  item.appendChild(content);

  const close = () => item.remove();
  if (toast.mode !== 'pester') {
    const closeBox = document.createElement('div');
    closeBox.className = 'slds-notify__close';
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'slds-button slds-button_icon slds-button_icon-inverse';
    button.title = 'Close';
    button.appendChild(svgIcon('close', 'slds-button__icon slds-button__icon_large'));
    const label = document.createElement('span');
    label.className = 'slds-assistive-text';
    label.textContent = 'Close';
    button.appendChild(label);
    button.addEventListener('click', close);
    closeBox.appendChild(button);
    item.appendChild(closeBox);
  }
  if (toast.mode !== 'sticky') setTimeout(close, config.toastDurationMs || 3000);
  container.appendChild(item);
}

export function installToastContainer() {
  const container = document.createElement('div');
  container.className = 'slds-notify_container preview-toasts';
  document.body.appendChild(container);
  window.addEventListener('lightning__showtoast', (event) => showToast(container, event.detail || {}));
  return container;
}
