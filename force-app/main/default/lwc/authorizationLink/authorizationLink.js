import { LightningElement, api } from 'lwc';
import LightningConfirm from 'lightning/confirm';
import sendAuthorizationLink from '@salesforce/apex/AdminHomeController.sendAuthorizationLink';
import { act, showToast } from 'c/cardAction';
import { returnFocus } from 'c/focusReturn';
import { formatLabel } from 'c/formatUtils';
import TITLE from '@salesforce/label/c.Connection_Title';
import ACTION_FAILED from '@salesforce/label/c.Connection_ActionFailed';
import LINK_HELP from '@salesforce/label/c.Connection_LinkHelp';
import LINK_LABEL from '@salesforce/label/c.Connection_LinkLabel';
import COPY_LINK from '@salesforce/label/c.Connection_CopyLink';
import LINK_COPIED from '@salesforce/label/c.Connection_LinkCopied';
import COPY_FAILED from '@salesforce/label/c.Connection_CopyFailed';
import SEND_TO_USER from '@salesforce/label/c.Connection_SendToUser';
import SEND_TO_OTHER from '@salesforce/label/c.Connection_SendToOther';
import PICK_RECIPIENT from '@salesforce/label/c.Connection_PickRecipient';
import CONFIRM_SEND_TITLE from '@salesforce/label/c.Connection_ConfirmSendTitle';
import CONFIRM_SEND from '@salesforce/label/c.Connection_ConfirmSend';

/**
 * The connector user's authorization link: who opens it and how to pass it on (email it to the connector user or to
 * someone chosen in the user search, after confirming), or why there is no link yet. Shared by the Connection card
 * (the link in a field with Copy) and the guided setup's authorize step (`guided`: the email buttons only, Email
 * naming the connector user). Raises `busy` (detail: true/false) around a send and `refresh` after it: when it went
 * through (the card), or whatever the outcome (the guided setup reloads after every action). Focus goes back to the
 * button that was pressed.
 */
export default class AuthorizationLink extends LightningElement {
  /** ConnectionView of the contract: the link, why there is none, the connector user. */
  @api connection;
  /** The sends are off (no Manage Connector, or the page is busy); Copy stays on. */
  @api disabled = false;
  /** The guided setup's form. */
  @api guided = false;

  label = { linkHelp: LINK_HELP, linkLabel: LINK_LABEL, pickRecipient: PICK_RECIPIENT };
  pickingRecipient = false;

  get authorizationUrl() {
    return this.connection?.authorizationUrl;
  }

  get linkProblem() {
    return this.connection?.authorizationUrlProblem;
  }

  /** The card shows the link itself, to copy or select. */
  get withField() {
    return !this.guided;
  }

  get helpClass() {
    return this.guided ? 'slds-m-bottom_x-small' : 'slds-text-body_small slds-text-color_weak';
  }

  get buttonsClass() {
    return this.guided ? 'slds-grid slds-wrap' : 'slds-m-top_x-small slds-grid slds-wrap';
  }

  /**
   * The card's Copy (always on), then Email to the connector user and Email to someone else. In the guided setup
   * sending is the step's action, and Email says whom it goes to.
   */
  get buttons() {
    const name = this.connection?.displayName;
    const sends = [
      {
        id: 'send',
        label: this.guided && name ? `${SEND_TO_USER} (${name})` : SEND_TO_USER,
        iconName: 'utility:email',
        variant: this.guided ? 'brand' : 'neutral',
        disabled: this.disabled
      },
      { id: 'send-other', label: SEND_TO_OTHER, variant: 'neutral', disabled: this.disabled }
    ];
    const copy = { id: 'copy', label: COPY_LINK, iconName: 'utility:copy', variant: 'neutral', disabled: false };
    return this.withField ? [copy, ...sends] : sends;
  }

  get problemClass() {
    return this.guided ? 'slds-text-color_error' : 'slds-text-color_weak';
  }

  handleButtonClick(event) {
    const handlers = { copy: this.copy, send: this.sendToUser, 'send-other': this.openRecipientSearch };
    return handlers[event.target.dataset.id].call(this, event);
  }

  async copy() {
    try {
      await navigator.clipboard.writeText(this.authorizationUrl);
      showToast(this, { title: TITLE, message: LINK_COPIED, variant: 'success' });
    } catch {
      // Clipboard access can be refused by the browser: the link stays selectable in the field.
      this.refs.link?.focus();
      showToast(this, { title: TITLE, message: COPY_FAILED, variant: 'warning' });
    }
  }

  async sendToUser(event) {
    const opener = event.target;
    await this.send(this.connection?.userId, this.connection?.displayName);
    await returnFocus(opener);
  }

  /** The user search opens under the buttons (it takes focus itself). */
  openRecipientSearch() {
    this.pickingRecipient = true;
  }

  /** The search chose someone (select) or was closed (cancel): focus goes back to Email to someone else after it. */
  async handleRecipientSearchEnd(event) {
    this.pickingRecipient = false;
    if (event.type === 'select') {
      await this.send(event.detail.user.id, event.detail.user.name);
    }
    await returnFocus(this.template.querySelector('[data-id="send-other"]'));
  }

  async send(recipientId, recipientName) {
    const confirmed = await LightningConfirm.open({
      message: formatLabel(CONFIRM_SEND, recipientName),
      label: CONFIRM_SEND_TITLE,
      variant: 'header'
    });
    if (!confirmed) {
      return;
    }
    await act(this, {
      call: () => sendAuthorizationLink({ recipientId }),
      busy: (on) => this.dispatchEvent(new CustomEvent('busy', { detail: on })),
      titles: { done: TITLE, error: ACTION_FAILED },
      refresh: this.guided ? 'always' : 'ok'
    });
  }
}
