import { LightningElement, api } from 'lwc';

/** Stands in for a card the running user cannot read: says why (AdminHome.unreadable) instead of the card. */
export default class UnreadableSection extends LightningElement {
  /** AdminHomeSection the message is about. */
  @api section;
  /** Why the section cannot be shown and what to ask the admin for. */
  @api message;
}
