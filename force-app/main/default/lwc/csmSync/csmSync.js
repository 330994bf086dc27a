import { LightningElement, api } from 'lwc';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import LightningConfirm from 'lightning/confirm';
import getCsmFieldOptions from '@salesforce/apex/AdminHomeController.getCsmFieldOptions';
import saveCsmSettings from '@salesforce/apex/AdminHomeController.saveCsmSettings';
import previewCsmSync from '@salesforce/apex/AdminHomeController.previewCsmSync';
import runCsmSyncNow from '@salesforce/apex/AdminHomeController.runCsmSyncNow';
import getCsmSyncProgress from '@salesforce/apex/AdminHomeController.getCsmSyncProgress';
import setManualCsm from '@salesforce/apex/AdminHomeController.setManualCsm';
import returnToSynced from '@salesforce/apex/AdminHomeController.returnToSynced';
import searchCsmAccounts from '@salesforce/apex/AdminHomeController.searchCsmAccounts';
import searchCsmUsers from '@salesforce/apex/AdminHomeController.searchCsmUsers';
import { reduceErrors } from 'c/errorUtils';
import { formatDateTime, formatLabel } from 'c/formatUtils';
import TITLE from '@salesforce/label/c.Csm_Title';
import DESCRIPTION from '@salesforce/label/c.Csm_Description';
import EMAIL_FIELD from '@salesforce/label/c.Csm_EmailField';
import EMAIL_FIELD_PLACEHOLDER from '@salesforce/label/c.Csm_EmailFieldPlaceholder';
import EMAIL_FIELD_HELP from '@salesforce/label/c.Csm_EmailFieldHelp';
import ENABLED from '@salesforce/label/c.Csm_Enabled';
import ON from '@salesforce/label/c.Csm_On';
import OFF from '@salesforce/label/c.Csm_Off';
import SAVE from '@salesforce/label/c.Csm_Save';
import DRY_RUN from '@salesforce/label/c.Csm_DryRun';
import ENABLED_HELP from '@salesforce/label/c.Csm_EnabledHelp';
import RUN_HINT_READ_ONLY from '@salesforce/label/c.Csm_RunHintReadOnly';
import RUN_HINT_NO_FIELD from '@salesforce/label/c.Csm_RunHintNoField';
import RUN_HINT_FIELD_ERROR from '@salesforce/label/c.Csm_RunHintFieldError';
import RUN_HINT_RUNNING from '@salesforce/label/c.Csm_RunHintRunning';
import RUN_NOW from '@salesforce/label/c.Csm_RunNow';
import CONFIRM_RUN_TITLE from '@salesforce/label/c.Csm_ConfirmRunTitle';
import CONFIRM_RUN_MESSAGE from '@salesforce/label/c.Csm_ConfirmRunMessage';
import PROGRESS from '@salesforce/label/c.Csm_Progress';
import PROGRESS_LABEL from '@salesforce/label/c.Csm_ProgressLabel';
import RUN_FINISHED from '@salesforce/label/c.Csm_RunFinished';
import RUN_STOPPED from '@salesforce/label/c.Csm_RunStopped';
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
import OVERRIDE_TITLE from '@salesforce/label/c.Csm_OverrideTitle';
import OVERRIDE_HELP from '@salesforce/label/c.Csm_OverrideHelp';
import SEARCH_ACCOUNT from '@salesforce/label/c.Csm_SearchAccount';
import SEARCH_ACCOUNT_PLACEHOLDER from '@salesforce/label/c.Csm_SearchAccountPlaceholder';
import SEARCH_USER from '@salesforce/label/c.Csm_SearchUser';
import SEARCH_USER_PLACEHOLDER from '@salesforce/label/c.Csm_SearchUserPlaceholder';
import NO_RESULTS from '@salesforce/label/c.Csm_NoResults';
import SET_MANUAL from '@salesforce/label/c.Csm_SetManual';
import CLEAR_MANUAL from '@salesforce/label/c.Csm_ClearManual';
import MANUAL_ASSIGNMENTS from '@salesforce/label/c.Csm_ManualAssignments';
import NO_MANUAL from '@salesforce/label/c.Csm_NoManual';
import RETURN_TO_SYNC from '@salesforce/label/c.Csm_ReturnToSync';
import RETURN_TO_SYNC_FOR from '@salesforce/label/c.Csm_ReturnToSyncFor';
import CONFIRM_RETURN_TITLE from '@salesforce/label/c.Csm_ConfirmReturnTitle';
import CONFIRM_RETURN_MESSAGE from '@salesforce/label/c.Csm_ConfirmReturnMessage';
import NO_CSM from '@salesforce/label/c.Csm_NoCsm';
import WORKING from '@salesforce/label/c.Csm_Working';
import TOAST_ERROR from '@salesforce/label/c.Csm_ToastError';
import READ_ONLY from '@salesforce/label/c.Csm_ReadOnly';

const ACTIONS = {
  Create: { label: ACTION_CREATE, badgeClass: 'slds-badge slds-theme_success' },
  Update: { label: ACTION_UPDATE, badgeClass: 'slds-badge slds-theme_warning' },
  Unchanged: { label: ACTION_UNCHANGED, badgeClass: 'slds-badge slds-badge_lightest' },
  KeepManual: { label: ACTION_KEEP_MANUAL, badgeClass: 'slds-badge slds-badge_inverse' },
  Unmatched: { label: ACTION_UNMATCHED, badgeClass: 'slds-badge slds-theme_error' },
  Clear: { label: ACTION_CLEAR, badgeClass: 'slds-badge slds-theme_error' }
};
const RUN_STATUSES = { Running: STATUS_RUNNING, Completed: STATUS_COMPLETED, Failed: STATUS_FAILED };
/** How often Run now asks for the batch job's progress. */
export const POLL_INTERVAL_MS = 2000;
/** Pause after the last keystroke before a search goes to the server. */
export const SEARCH_DELAY_MS = 300;

/**
 * The CSM sync card. Admin Home hands it the csm section of getAdminHome (CsmView); actions call Apex and
 * raise "refresh" so the page reloads the section and the audit log.
 */
export default class CsmSync extends LightningElement {
  /** CsmView of the contract. */
  @api csm;
  /** The running user holds ManageConnector. */
  @api canManage = false;

  label = {
    title: TITLE,
    description: DESCRIPTION,
    emailField: EMAIL_FIELD,
    emailFieldPlaceholder: EMAIL_FIELD_PLACEHOLDER,
    emailFieldHelp: EMAIL_FIELD_HELP,
    enabled: ENABLED,
    on: ON,
    off: OFF,
    save: SAVE,
    dryRun: DRY_RUN,
    enabledHelp: ENABLED_HELP,
    runNow: RUN_NOW,
    progressLabel: PROGRESS_LABEL,
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
    columnReason: COLUMN_REASON,
    overrideTitle: OVERRIDE_TITLE,
    overrideHelp: OVERRIDE_HELP,
    searchAccount: SEARCH_ACCOUNT,
    searchAccountPlaceholder: SEARCH_ACCOUNT_PLACEHOLDER,
    searchUser: SEARCH_USER,
    searchUserPlaceholder: SEARCH_USER_PLACEHOLDER,
    noResults: NO_RESULTS,
    setManual: SET_MANUAL,
    clearManual: CLEAR_MANUAL,
    manualAssignments: MANUAL_ASSIGNMENTS,
    noManual: NO_MANUAL,
    returnToSync: RETURN_TO_SYNC,
    working: WORKING,
    readOnly: READ_ONLY
  };

  fieldOptions = [];
  /** Field and switch as edited; undefined = as saved. */
  draftField;
  draftEnabled;
  isWorking = false;
  /** CsmPreview of the last dry run. */
  preview;
  /** CsmProgress while a run started here is followed. */
  progress;
  /** CsmRunView reported by the progress of a finished run, newer than the page's. */
  finishedRun;

  accountTerm = '';
  accountResults;
  selectedAccount;
  userTerm = '';
  userResults;
  selectedUser;

  pollTimer;
  searchTimers = {};

  connectedCallback() {
    this.loadFieldOptions();
  }

  disconnectedCallback() {
    clearTimeout(this.pollTimer);
    Object.values(this.searchTimers).forEach((timer) => clearTimeout(timer));
  }

  async loadFieldOptions() {
    try {
      const options = await getCsmFieldOptions();
      this.fieldOptions = options.map((option) => ({
        label: `${option.label} (${option.value})`,
        value: option.value
      }));
    } catch (error) {
      this.toastError(error);
    }
  }

  // ------------------------------------------------------------ settings

  get selectedField() {
    return this.draftField ?? this.csm?.emailField ?? null;
  }

  get isEnabled() {
    return this.draftEnabled ?? this.csm?.enabled ?? false;
  }

  get isReadOnly() {
    return !this.canManage;
  }

  get fieldError() {
    return this.draftField === undefined ? (this.csm?.emailFieldError ?? null) : null;
  }

  get isUnsaved() {
    return this.draftField !== undefined || this.draftEnabled !== undefined;
  }

  get saveDisabled() {
    return this.isReadOnly || this.isWorking || !this.isUnsaved;
  }

  /** Why Dry run and Run now are disabled (shown beside them); empty while they are enabled or busy. */
  get runHint() {
    if (this.isReadOnly) {
      return RUN_HINT_READ_ONLY;
    }
    if (this.isRunning) {
      return RUN_HINT_RUNNING;
    }
    if (!this.csm?.emailField) {
      return RUN_HINT_NO_FIELD;
    }
    return this.csm?.emailFieldError ? RUN_HINT_FIELD_ERROR : '';
  }

  get runDisabled() {
    return this.isReadOnly || this.isWorking || !this.csm?.emailField || !!this.csm?.emailFieldError || this.isRunning;
  }

  handleFieldChange(event) {
    this.draftField = event.detail.value;
  }

  handleEnabledChange(event) {
    this.draftEnabled = event.target.checked;
  }

  async handleSave() {
    await this.act(async () => {
      const result = await saveCsmSettings({ fieldName: this.selectedField, enabled: this.isEnabled });
      this.draftField = undefined;
      this.draftEnabled = undefined;
      // A preview of another field would mislead.
      this.preview = undefined;
      this.toast(result.message, 'success');
      this.requestRefresh();
    });
  }

  // ------------------------------------------------------------ dry run

  async handleDryRun() {
    await this.act(async () => {
      this.preview = await previewCsmSync();
    });
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

  // ------------------------------------------------------------ run now

  get isRunning() {
    return !!this.progress && !this.progress.done;
  }

  get progressValue() {
    const total = this.progress?.totalJobItems ?? 0;
    return total > 0 ? Math.round((100 * this.progress.jobItemsProcessed) / total) : 0;
  }

  get progressText() {
    const progress = this.progress;
    return progress
      ? formatLabel(PROGRESS, progress.jobItemsProcessed ?? 0, progress.totalJobItems ?? 0, progress.status)
      : '';
  }

  async handleRunNow() {
    const confirmed = await LightningConfirm.open({
      label: CONFIRM_RUN_TITLE,
      message: formatLabel(CONFIRM_RUN_MESSAGE, this.csm?.emailFieldLabel ?? this.csm?.emailField),
      theme: 'warning'
    });
    if (!confirmed) {
      return;
    }
    await this.act(async () => {
      const started = await runCsmSyncNow();
      this.toast(started.message, 'success');
      this.progress = { jobId: started.jobId, status: 'Queued', jobItemsProcessed: 0, totalJobItems: 0, done: false };
      this.schedulePoll();
    });
  }

  schedulePoll() {
    clearTimeout(this.pollTimer);
    // eslint-disable-next-line @lwc/lwc/no-async-operation
    this.pollTimer = setTimeout(() => this.poll(), POLL_INTERVAL_MS);
  }

  async poll() {
    try {
      const progress = await getCsmSyncProgress({ jobId: this.progress.jobId });
      this.progress = progress;
      if (!progress.done) {
        this.schedulePoll();
        return;
      }
      this.finishedRun = progress.run ?? undefined;
      // The run changed what a dry run would show.
      this.preview = undefined;
      const stopped =
        progress.status === 'Aborted' || progress.status === 'Failed' || progress.run?.status === 'Failed';
      this.toast(
        stopped ? formatLabel(RUN_STOPPED, progress.run?.status ?? progress.status) : RUN_FINISHED,
        stopped ? 'error' : 'success'
      );
      this.requestRefresh();
    } catch (error) {
      this.progress = undefined;
      this.toastError(error);
    }
  }

  // ------------------------------------------------------------ last run

  get lastRun() {
    const pageRun = this.csm?.lastRun;
    const run = this.finishedRun && this.finishedRun.id === pageRun?.id ? pageRun : (this.finishedRun ?? pageRun);
    return run ?? null;
  }

  get runMeta() {
    const run = this.lastRun;
    return run ? formatLabel(RUN_META, formatDateTime(run.startedAt), RUN_STATUSES[run.status] ?? run.status) : '';
  }

  get runCounts() {
    return countsOf(this.lastRun);
  }

  get previewCounts() {
    return countsOf(this.preview?.summary).filter((count) => count.key !== 'errors');
  }

  get unmatchedEmails() {
    return this.lastRun?.unmatchedEmails ?? [];
  }

  get hasUnmatchedEmails() {
    return this.unmatchedEmails.length > 0;
  }

  get errorDetails() {
    return (this.lastRun?.errorDetails ?? []).map((text, index) => ({ key: String(index), text }));
  }

  get hasErrorDetails() {
    return this.errorDetails.length > 0;
  }

  // ------------------------------------------------------------ manual override

  handleAccountSearch(event) {
    this.accountTerm = event.detail.value ?? '';
    this.search('account', this.accountTerm, searchCsmAccounts, (results) => {
      this.accountResults = results;
    });
  }

  handleUserSearch(event) {
    this.userTerm = event.detail.value ?? '';
    this.search('user', this.userTerm, searchCsmUsers, (results) => {
      this.userResults = results;
    });
  }

  search(kind, term, method, apply) {
    clearTimeout(this.searchTimers[kind]);
    if (term.trim().length < 2) {
      apply(undefined);
      return;
    }
    // eslint-disable-next-line @lwc/lwc/no-async-operation
    this.searchTimers[kind] = setTimeout(async () => {
      try {
        apply(await method({ term }));
      } catch (error) {
        this.toastError(error);
      }
    }, SEARCH_DELAY_MS);
  }

  get accountOptions() {
    return toOptions(this.accountResults);
  }

  get userOptions() {
    return toOptions(this.userResults);
  }

  get showAccountResults() {
    return !this.selectedAccount && Array.isArray(this.accountResults);
  }

  get showUserResults() {
    return !this.selectedUser && Array.isArray(this.userResults);
  }

  get noAccountResults() {
    return this.accountOptions.length === 0;
  }

  get noUserResults() {
    return this.userOptions.length === 0;
  }

  handleAccountPick(event) {
    this.selectedAccount = this.accountResults.find((option) => option.id === event.currentTarget.dataset.id);
    this.accountResults = undefined;
  }

  handleUserPick(event) {
    this.selectedUser = this.userResults.find((option) => option.id === event.currentTarget.dataset.id);
    this.userResults = undefined;
  }

  handleAccountRemove() {
    this.selectedAccount = undefined;
  }

  handleUserRemove() {
    this.selectedUser = undefined;
  }

  get setManualDisabled() {
    return this.isReadOnly || this.isWorking || !this.selectedAccount || !this.selectedUser;
  }

  get clearManualDisabled() {
    return this.isReadOnly || this.isWorking || !this.selectedAccount;
  }

  async handleSetManual() {
    await this.saveManual(this.selectedUser.id);
  }

  async handleClearManual() {
    await this.saveManual(null);
  }

  async saveManual(userId) {
    await this.act(async () => {
      const result = await setManualCsm({ accountId: this.selectedAccount.id, userId });
      this.toast(result.message, 'success');
      this.selectedAccount = undefined;
      this.selectedUser = undefined;
      this.accountTerm = '';
      this.userTerm = '';
      this.requestRefresh();
    });
  }

  get manualRows() {
    return (this.csm?.manualAssignments ?? []).map((assignment) => ({
      id: assignment.id,
      accountName: assignment.accountName ?? assignment.accountId ?? '',
      csmName: assignment.csmUserName ?? NO_CSM,
      returnLabel: formatLabel(RETURN_TO_SYNC_FOR, assignment.accountName ?? '')
    }));
  }

  get hasManualRows() {
    return this.manualRows.length > 0;
  }

  async handleReturnToSync(event) {
    const row = this.manualRows.find((candidate) => candidate.id === event.currentTarget.dataset.id);
    const confirmed = await LightningConfirm.open({
      label: formatLabel(CONFIRM_RETURN_TITLE, row?.accountName ?? ''),
      message: CONFIRM_RETURN_MESSAGE,
      theme: 'warning'
    });
    if (!confirmed) {
      return;
    }
    await this.act(async () => {
      const result = await returnToSynced({ assignmentId: row.id });
      this.toast(result.message, 'success');
      this.requestRefresh();
    });
  }

  // ------------------------------------------------------------ helpers

  /** Runs one action with the spinner on; any error becomes a toast. */
  async act(work) {
    this.isWorking = true;
    try {
      await work();
    } catch (error) {
      this.toastError(error);
    } finally {
      this.isWorking = false;
    }
  }

  requestRefresh() {
    this.dispatchEvent(new CustomEvent('refresh'));
  }

  toast(message, variant) {
    this.dispatchEvent(new ShowToastEvent({ title: TITLE, message, variant }));
  }

  toastError(error) {
    this.dispatchEvent(
      new ShowToastEvent({ title: TOAST_ERROR, message: reduceErrors(error).join(' '), variant: 'error' })
    );
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

function toOptions(results) {
  return (results ?? []).map((option) => ({
    id: option.id,
    label: option.label,
    detail: option.detail ?? ''
  }));
}
