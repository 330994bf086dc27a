import { LightningElement, api } from 'lwc';
import { formatDateTime, formatLabel } from 'c/formatUtils';
import LAST_RUN from '@salesforce/label/c.Csm_LastRun';
import NO_RUN from '@salesforce/label/c.Csm_NoRun';
import RUN_META from '@salesforce/label/c.Csm_RunMeta';
import RUN_DRY_RUN from '@salesforce/label/c.Csm_RunDryRun';
import STATUS_RUNNING from '@salesforce/label/c.Csm_StatusRunning';
import STATUS_COMPLETED from '@salesforce/label/c.Csm_StatusCompleted';
import STATUS_FAILED from '@salesforce/label/c.Csm_StatusFailed';
import COUNT_CREATED from '@salesforce/label/c.Csm_CountCreated';
import COUNT_UPDATED from '@salesforce/label/c.Csm_CountUpdated';
import COUNT_UNCHANGED from '@salesforce/label/c.Csm_CountUnchanged';
import COUNT_SKIPPED_MANUAL from '@salesforce/label/c.Csm_CountSkippedManual';
import COUNT_UNMATCHED from '@salesforce/label/c.Csm_CountUnmatched';
import COUNT_CLEARED from '@salesforce/label/c.Csm_CountCleared';
import COUNT_ERRORS from '@salesforce/label/c.Csm_CountErrors';
import UNMATCHED_EMAILS from '@salesforce/label/c.Csm_UnmatchedEmails';
import ERROR_DETAILS from '@salesforce/label/c.Csm_ErrorDetails';
import PREVIEW_TITLE from '@salesforce/label/c.Csm_PreviewTitle';
import PREVIEW_LIMIT from '@salesforce/label/c.Csm_PreviewLimit';
import PREVIEW_EMPTY from '@salesforce/label/c.Csm_PreviewEmpty';
import COLUMN_ACCOUNT from '@salesforce/label/c.Csm_ColumnAccount';
import COLUMN_EMAIL from '@salesforce/label/c.Csm_ColumnEmail';
import COLUMN_CURRENT from '@salesforce/label/c.Csm_ColumnCurrent';
import COLUMN_NEW from '@salesforce/label/c.Csm_ColumnNew';
import COLUMN_ACTION from '@salesforce/label/c.Csm_ColumnAction';
import COLUMN_REASON from '@salesforce/label/c.Csm_ColumnReason';
import ACTION_CREATE from '@salesforce/label/c.Csm_ActionCreate';
import ACTION_UPDATE from '@salesforce/label/c.Csm_ActionUpdate';
import ACTION_UNCHANGED from '@salesforce/label/c.Csm_ActionUnchanged';
import ACTION_KEEP_MANUAL from '@salesforce/label/c.Csm_ActionKeepManual';
import ACTION_UNMATCHED from '@salesforce/label/c.Csm_ActionUnmatched';
import ACTION_CLEAR from '@salesforce/label/c.Csm_ActionClear';
import NO_CSM from '@salesforce/label/c.Csm_NoCsm';

const ACTIONS = {
  Create: { label: ACTION_CREATE, badgeClass: 'slds-badge slds-theme_success' },
  Update: { label: ACTION_UPDATE, badgeClass: 'slds-badge slds-theme_warning' },
  Unchanged: { label: ACTION_UNCHANGED, badgeClass: 'slds-badge slds-badge_lightest' },
  KeepManual: { label: ACTION_KEEP_MANUAL, badgeClass: 'slds-badge slds-badge_inverse' },
  Unmatched: { label: ACTION_UNMATCHED, badgeClass: 'slds-badge slds-theme_error' },
  Clear: { label: ACTION_CLEAR, badgeClass: 'slds-badge slds-theme_error' }
};
const RUN_STATUSES = { Running: STATUS_RUNNING, Completed: STATUS_COMPLETED, Failed: STATUS_FAILED };

/** CSM sync reports: what the last run did (CsmRunView) and what a dry run would do (CsmPreview). Display only. */
export default class CsmSyncReport extends LightningElement {
  /** CsmRunView of the last run, or null before the first. */
  @api run;
  /** CsmPreview of the last dry run, or undefined. */
  @api preview;

  label = {
    lastRun: LAST_RUN,
    noRun: NO_RUN,
    runDryRun: RUN_DRY_RUN,
    unmatchedEmails: UNMATCHED_EMAILS,
    errorDetails: ERROR_DETAILS,
    previewTitle: PREVIEW_TITLE,
    previewEmpty: PREVIEW_EMPTY,
    columnAccount: COLUMN_ACCOUNT,
    columnEmail: COLUMN_EMAIL,
    columnCurrent: COLUMN_CURRENT,
    columnNew: COLUMN_NEW,
    columnAction: COLUMN_ACTION,
    columnReason: COLUMN_REASON
  };

  get runMeta() {
    const run = this.run;
    return run ? formatLabel(RUN_META, formatDateTime(run.startedAt), RUN_STATUSES[run.status] ?? run.status) : '';
  }

  get runCounts() {
    return countsOf(this.run);
  }

  get unmatchedEmails() {
    return this.run?.unmatchedEmails ?? [];
  }

  get hasUnmatchedEmails() {
    return this.unmatchedEmails.length > 0;
  }

  get errorDetails() {
    return (this.run?.errorDetails ?? []).map((text, index) => ({ key: String(index), text }));
  }

  get hasErrorDetails() {
    return this.errorDetails.length > 0;
  }

  get previewRows() {
    return (this.preview?.rows ?? []).map((row, index) => {
      const action = ACTIONS[row.action] ?? { label: row.action, badgeClass: 'slds-badge' };
      return {
        key: `${row.accountId ?? 'deleted'}-${index}`,
        accountName: row.accountName ?? row.accountId ?? '',
        email: row.email ?? '',
        currentCsm: row.currentCsmName ?? (row.currentSource ? NO_CSM : ''),
        newCsm: row.newCsmName ?? NO_CSM,
        actionLabel: action.label,
        actionClass: action.badgeClass,
        action: row.action,
        reason: row.reason ?? ''
      };
    });
  }

  get hasPreviewRows() {
    return this.previewRows.length > 0;
  }

  get previewLimitNote() {
    return this.preview?.limitReached ? formatLabel(PREVIEW_LIMIT, this.preview.rowLimit) : null;
  }

  get previewCounts() {
    return countsOf(this.preview?.summary).filter((count) => count.key !== 'errors');
  }
}

function countsOf(run) {
  const values = run ?? {};
  return [
    ['created', COUNT_CREATED],
    ['updated', COUNT_UPDATED],
    ['unchanged', COUNT_UNCHANGED],
    ['skippedManual', COUNT_SKIPPED_MANUAL],
    ['unmatched', COUNT_UNMATCHED],
    ['cleared', COUNT_CLEARED],
    ['errors', COUNT_ERRORS]
  ].map(([key, label]) => ({ key, label, value: values[key] ?? 0 }));
}
