import { LightningElement, api } from 'lwc';
import { reduceErrors } from 'c/errorUtils';
import UNKNOWN_ERROR from '@salesforce/label/c.Error_Unknown';

/** An error alert: a title and the readable messages of one or more errors. */
export default class ErrorPanel extends LightningElement {
  @api heading;
  /** A single error or a list of errors, in any shape reduceErrors understands. */
  @api errors;

  get messages() {
    const messages = reduceErrors(this.errors);
    return (messages.length > 0 ? messages : [UNKNOWN_ERROR]).map((text, index) => ({ key: String(index), text }));
  }
}
