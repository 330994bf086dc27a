import { LightningElement, api } from 'lwc';
import TITLE from '@salesforce/label/c.Csm_Title';
import DESCRIPTION from '@salesforce/label/c.Csm_Description';
import WORKING from '@salesforce/label/c.Csm_Working';
import READ_ONLY from '@salesforce/label/c.Csm_ReadOnly';

/**
 * The CSM sync card. Admin Home hands it the csm section of getAdminHome (CsmView); it lays out the settings
 * (c-csm-sync-settings), the runs (c-csm-sync-run), the reports (c-csm-sync-report) and the manual assignments
 * (c-csm-manual-overrides), holds what they share (one action at a time, the dry run, the run that just ended) and
 * passes their `refresh` on, so the page reloads the section and the audit log.
 */
export default class CsmSync extends LightningElement {
  /** CsmView of the contract. */
  @api csm;
  /** The running user holds ManageConnector. */
  @api canManage = false;

  label = { title: TITLE, description: DESCRIPTION, working: WORKING, readOnly: READ_ONLY };

  /** A CSM action is running: the spinner shows and every other action waits. */
  isWorking = false;
  /** CsmPreview of the last dry run. */
  preview;
  /** CsmRunView reported by the progress of a finished run, newer than the page's. */
  finishedRun;

  get isReadOnly() {
    return !this.canManage;
  }

  get manualAssignments() {
    return this.csm?.manualAssignments ?? [];
  }

  get lastRun() {
    const pageRun = this.csm?.lastRun;
    const run = this.finishedRun && this.finishedRun.id === pageRun?.id ? pageRun : (this.finishedRun ?? pageRun);
    return run ?? null;
  }

  handleBusy(event) {
    this.isWorking = event.detail === true;
  }

  handleSaved() {
    // A preview of another field would mislead.
    this.preview = undefined;
  }

  handlePreview(event) {
    this.preview = event.detail;
  }

  handleFinished(event) {
    this.finishedRun = event.detail ?? undefined;
    // The run changed what a dry run would show.
    this.preview = undefined;
  }

  handleRefresh() {
    this.dispatchEvent(new CustomEvent('refresh'));
  }
}
