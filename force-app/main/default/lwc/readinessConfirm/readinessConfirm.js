import { api } from 'lwc';
import LightningModal from 'lightning/modal';
import CANCEL from '@salesforce/label/c.Readiness_ConfirmCancel';
import CONNECT from '@salesforce/label/c.Readiness_ConfirmConnect';
import CONNECT_TITLE from '@salesforce/label/c.Connection_ConfirmConnectTitle';
import { readinessConfirmOptions } from 'c/readinessUtils';

/**
 * The confirm dialog before a candidate becomes the connector user: the question, then its readiness as lists (what
 * will break, what only Setup can grant, what Fix will grant). Ask with ReadinessConfirm.confirmConnect().
 * platform-rule: lightning-modal-open-close-result — open() resolves with the value given to close(): true from
 * Connect, false from Cancel, and undefined when closed with the X or Escape, which callers read as "no".
 * Focus: the Modal Footer reference says it opens on the first interactive element, the footer's first button when
 * the header and body hold none (here Cancel); lightning-base-components' modalBase puts it on the heading instead.
 * For a candidate with gaps it is moved to Cancel whichever did, so Enter alone changes nothing.
 */
export default class ReadinessConfirm extends LightningModal {
  /** The header's text; the options' label names the dialog for assistive technology. */
  @api heading;
  /** The candidate has gaps: Connect is styled as a destructive choice. */
  @api hasGaps = false;
  @api question;
  /** confirmBlocks(): sentences ({ key, text }) and lists ({ key, heading, items }), in order. */
  @api blocks = [];

  /**
   * Asks whether to make `user` (a UserOption with its readiness) the connector user: true only when Connect was
   * pressed; Cancel, the X and Escape are all "no".
   */
  static async confirmConnect(question, user) {
    return (await this.open(readinessConfirmOptions(question, CONNECT_TITLE, user))) === true;
  }

  // Not "label": LightningModal's label names the dialog.
  buttonLabels = { cancel: CANCEL, connect: CONNECT };

  constructor() {
    super();
    this.template.addEventListener('focusin', this.handleFirstFocus);
  }

  /** The modal's own first focus (heading or a button): for a candidate with gaps, moved once to Cancel. */
  handleFirstFocus = (event) => {
    this.template.removeEventListener('focusin', this.handleFirstFocus);
    const cancel = this.template.querySelector('[data-id="cancel"]');
    if (this.hasGaps && cancel && event.target !== cancel) {
      cancel.focus();
    }
  };

  get shownBlocks() {
    return (this.blocks ?? []).map((block) => ({
      ...block,
      isList: Array.isArray(block.items),
      items: (block.items ?? []).map((text, index) => ({ key: `${block.key}-${index}`, text }))
    }));
  }

  get connectVariant() {
    return this.hasGaps ? 'destructive' : 'brand';
  }

  handleCancel() {
    this.close(false);
  }

  handleConnect() {
    this.close(true);
  }
}
