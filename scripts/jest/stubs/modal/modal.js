/*
 * lightning/modal for jest: sfdx-lwc-jest stubs the lightning-modal-header, -body and -footer helpers but not the
 * module itself. A LightningElement with LightningModal's public properties, so a modal renders in a test;
 * close(result) fires "close" with the result, and open() resolves undefined (a dialog dismissed with the X) unless
 * the test mocks it (jest.spyOn(MyModal, 'open')).
 */
import { LightningElement, api } from 'lwc';

export default class LightningModal extends LightningElement {
  @api size;
  @api label;
  @api description;
  @api disableClose = false;

  static open() {
    return Promise.resolve(undefined);
  }

  @api
  close(result) {
    this.dispatchEvent(new CustomEvent('close', { detail: result }));
  }
}
