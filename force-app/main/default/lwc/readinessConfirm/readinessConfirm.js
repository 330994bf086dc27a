import { api } from 'lwc';
import LightningModal from 'lightning/modal';
import CANCEL from '@salesforce/label/c.Readiness_ConfirmCancel';
import CONNECT from '@salesforce/label/c.Readiness_ConfirmConnect';

/**
 * The confirm dialog before a candidate becomes the connector user: the question, then its readiness as lists (what
 * will break, what only Setup can grant, what Fix will grant). Open with ReadinessConfirm.open(
 * readinessConfirmOptions(...)) from c/readinessUtils.
 * platform-rule: lightning-modal-open-close-result — open() resolves with the value given to close(): true from
 * Connect, false from Cancel, and undefined when closed with the X or Escape, which callers read as "no".
 * platform-rule: lightning-modal-initial-focus — focus opens on the first interactive element, here the footer's
 * first button, Cancel (the body holds no control): Enter alone changes nothing.
 */
export default class ReadinessConfirm extends LightningModal {
  /** The header's text; the options' label names the dialog for assistive technology. */
  @api heading;
  /** The candidate has gaps: Connect is styled as a destructive choice. */
  @api hasGaps = false;
  @api question;
  /** confirmBlocks(): sentences ({ key, text }) and lists ({ key, heading, items }), in order. */
  @api blocks = [];

  // Not "label": LightningModal's label names the dialog.
  buttonLabels = { cancel: CANCEL, connect: CONNECT };

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
