/*
 * `lightning/confirm` in the preview: `LightningConfirm.open({ message, label, variant, theme })` shows an
 * SLDS prompt with Cancel / OK and resolves to true (OK) or false (Cancel, Escape).
 * Focus follows lightning-base-components' modal (modalBase.focusFirstElement / returnFocusToBackground): it opens
 * on the heading (the dialog itself when headerless), never on OK, so Enter alone confirms nothing; on close it
 * goes back to the element that had focus, inside shadow roots too.
 */
let sequence = 0;

/** The focused element itself, not the shadow host that document.activeElement reports. */
function deepActiveElement() {
  let element = document.activeElement;
  while (element && element.shadowRoot && element.shadowRoot.activeElement) {
    element = element.shadowRoot.activeElement;
  }
  return element;
}

function button(label, className, onClick) {
  const element = document.createElement('button');
  element.type = 'button';
  element.className = `slds-button ${className}`;
  element.textContent = label;
  element.addEventListener('click', onClick);
  return element;
}

export default class LightningConfirm {
  static open({ message = '', label = 'Confirm', variant = 'header', theme = 'default' } = {}) {
    return new Promise((resolve) => {
      const id = `preview-confirm-${++sequence}`;
      const previousFocus = deepActiveElement();
      const root = document.createElement('div');
      root.className = 'preview-confirm';

      const section = document.createElement('section');
      section.className = 'slds-modal slds-fade-in-open slds-modal_prompt';
      section.setAttribute('role', 'alertdialog');
      section.setAttribute('tabindex', '-1');
      section.setAttribute('aria-modal', 'true');
      section.setAttribute('aria-labelledby', `${id}-heading`);
      section.setAttribute('aria-describedby', `${id}-message`);

      const container = document.createElement('div');
      container.className = 'slds-modal__container';

      const header = document.createElement('div');
      const heading = document.createElement('h1');
      heading.id = `${id}-heading`;
      heading.setAttribute('tabindex', '-1');
      heading.textContent = label;
      if (variant === 'headerless') {
        header.className = 'slds-modal__header slds-modal__header_empty';
        heading.className = 'slds-assistive-text';
      } else {
        header.className = `slds-modal__header slds-theme_${theme} slds-theme_alert-texture`;
        heading.className = 'slds-text-heading_medium slds-hyphenate';
      }
      header.appendChild(heading);

      const content = document.createElement('div');
      content.className = 'slds-modal__content slds-p-around_medium';
      content.id = `${id}-message`;
      const text = document.createElement('p');
      text.textContent = message;
      content.appendChild(text);

      const close = (result) => {
        document.removeEventListener('keydown', onKey, true);
        root.remove();
        if (previousFocus && typeof previousFocus.focus === 'function') previousFocus.focus();
        resolve(result);
      };
      const cancel = button('Cancel', 'slds-button_neutral', () => close(false));
      const ok = button('OK', 'slds-button_brand', () => close(true));
      const footer = document.createElement('div');
      footer.className = 'slds-modal__footer slds-theme_default';
      footer.append(cancel, ok);

      // Escape cancels; Tab stays inside the dialog, Cancel first.
      const onKey = (event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          close(false);
        } else if (event.key === 'Tab') {
          event.preventDefault();
          const order = [cancel, ok];
          const at = order.indexOf(document.activeElement);
          const next = at === -1 ? (event.shiftKey ? 1 : 0) : (at + 1) % order.length;
          order[next].focus();
        }
      };
      document.addEventListener('keydown', onKey, true);

      container.append(header, content, footer);
      section.appendChild(container);
      const backdrop = document.createElement('div');
      backdrop.className = 'slds-backdrop slds-backdrop_open';
      backdrop.setAttribute('role', 'presentation');
      root.append(section, backdrop);
      document.body.appendChild(root);
      (variant === 'headerless' ? section : heading).focus();
    });
  }
}
