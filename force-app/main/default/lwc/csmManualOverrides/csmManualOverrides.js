import { LightningElement, api } from 'lwc';
import LightningConfirm from 'lightning/confirm';
import setManualCsm from '@salesforce/apex/AdminHomeController.setManualCsm';
import returnToSynced from '@salesforce/apex/AdminHomeController.returnToSynced';
import searchCsmAccounts from '@salesforce/apex/AdminHomeController.searchCsmAccounts';
import searchCsmUsers from '@salesforce/apex/AdminHomeController.searchCsmUsers';
import { act } from 'c/cardAction';
import { formatLabel } from 'c/formatUtils';
import TITLE from '@salesforce/label/c.Csm_Title';
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
import TOAST_ERROR from '@salesforce/label/c.Csm_ToastError';

const TITLES = { done: TITLE, error: TOAST_ERROR };

/**
 * Manual CSM assignments: choose an account and a user (or none) to set by hand, and return an account to the
 * sync. The sync never overwrites a manual assignment. Raises `busy` (detail: true/false) around each call and
 * `refresh` after a change.
 */
export default class CsmManualOverrides extends LightningElement {
  /** CsmManualView[] of the contract. */
  @api manualAssignments;
  @api canManage = false;
  /** Another CSM action is running. */
  @api busy = false;

  label = {
    overrideTitle: OVERRIDE_TITLE,
    overrideHelp: OVERRIDE_HELP,
    noResults: NO_RESULTS,
    setManual: SET_MANUAL,
    clearManual: CLEAR_MANUAL,
    manualAssignments: MANUAL_ASSIGNMENTS,
    noManual: NO_MANUAL,
    returnToSync: RETURN_TO_SYNC,
    toastError: TOAST_ERROR
  };

  /** The two lookups, one template loop, each its own server search: a pick sets selectedAccount or selectedUser. */
  lookups = [
    { kind: 'account', label: SEARCH_ACCOUNT, placeholder: SEARCH_ACCOUNT_PLACEHOLDER, search: searchCsmAccounts },
    { kind: 'user', label: SEARCH_USER, placeholder: SEARCH_USER_PLACEHOLDER, search: searchCsmUsers }
  ];
  selectedAccount;
  selectedUser;

  get isReadOnly() {
    return !this.canManage;
  }

  get setManualDisabled() {
    return this.isReadOnly || this.busy || !this.selectedAccount || !this.selectedUser;
  }

  get clearManualDisabled() {
    return this.isReadOnly || this.busy || !this.selectedAccount;
  }

  handlePick(event) {
    const value = event.detail.value ?? undefined;
    if (event.target.dataset.id === 'account') {
      this.selectedAccount = value;
    } else {
      this.selectedUser = value;
    }
  }

  async handleSetManual() {
    await this.saveManual(this.selectedUser.id);
  }

  async handleClearManual() {
    await this.saveManual(null);
  }

  async saveManual(userId) {
    await act(this, {
      call: () => setManualCsm({ accountId: this.selectedAccount.id, userId }),
      busy: (on) => this.raiseBusy(on),
      titles: TITLES,
      onResult: () => {
        this.selectedAccount = undefined;
        this.selectedUser = undefined;
        this.template.querySelectorAll('c-record-lookup').forEach((lookup) => lookup.reset());
      }
    });
  }

  get manualRows() {
    return (this.manualAssignments ?? []).map((assignment) => ({
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
    await act(this, {
      call: () => returnToSynced({ assignmentId: row.id }),
      busy: (on) => this.raiseBusy(on),
      titles: TITLES
    });
  }

  raiseBusy(on) {
    this.dispatchEvent(new CustomEvent('busy', { detail: on }));
  }
}
