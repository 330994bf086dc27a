import { LightningElement, api } from 'lwc';
import LightningConfirm from 'lightning/confirm';
import { returnFocus } from 'c/focusReturn';
import connectUser from '@salesforce/apex/AdminHomeController.connectUser';
import getDisconnectImpact from '@salesforce/apex/AdminHomeController.getDisconnectImpact';
import disconnectUser from '@salesforce/apex/AdminHomeController.disconnectUser';
import { act, showError } from 'c/cardAction';
import { formatDateTime, formatLabel } from 'c/formatUtils';
import ReadinessConfirm from 'c/readinessConfirm';
import TITLE from '@salesforce/label/c.Connection_Title';
import CONNECT from '@salesforce/label/c.Connection_Connect';
import CHANGE_USER from '@salesforce/label/c.Connection_ChangeUser';
import DISCONNECT from '@salesforce/label/c.Connection_Disconnect';
import WORKING from '@salesforce/label/c.Connection_Working';
import NO_USER from '@salesforce/label/c.Connection_NoUser';
import USER_NAME from '@salesforce/label/c.Connection_UserName';
import USERNAME from '@salesforce/label/c.Connection_Username';
import STATUS from '@salesforce/label/c.Connection_Status';
import ACTIVE from '@salesforce/label/c.Connection_Active';
import INACTIVE from '@salesforce/label/c.Connection_Inactive';
import LAST_LOGIN from '@salesforce/label/c.Connection_LastLogin';
import NEVER from '@salesforce/label/c.Connection_Never';
import PREVIOUS_USER from '@salesforce/label/c.Connection_PreviousUser';
import LINK_HEADING from '@salesforce/label/c.Connection_LinkHeading';
import CHECKLIST_HEADING from '@salesforce/label/c.Connection_ChecklistHeading';
import STEP_DONE from '@salesforce/label/c.Connection_StepDone';
import STEP_TO_DO from '@salesforce/label/c.Connection_StepToDo';
import PICK_CONNECTOR from '@salesforce/label/c.Connection_PickConnector';
import CONFIRM_CONNECT from '@salesforce/label/c.Connection_ConfirmConnect';
import CONFIRM_CHANGE from '@salesforce/label/c.Connection_ConfirmChange';
import CONFIRM_DISCONNECT_TITLE from '@salesforce/label/c.Connection_ConfirmDisconnectTitle';
import CONFIRM_DISCONNECT from '@salesforce/label/c.Connection_ConfirmDisconnect';
import CONFIRM_DISCONNECT_JOBS from '@salesforce/label/c.Connection_ConfirmDisconnectJobs';
import CONFIRM_DISCONNECT_TOKENS from '@salesforce/label/c.Connection_ConfirmDisconnectTokens';
import CONFIRM_STOP_JOBS_TITLE from '@salesforce/label/c.Connection_ConfirmStopJobsTitle';
import CONFIRM_STOP_JOBS from '@salesforce/label/c.Connection_ConfirmStopJobs';
import CONFIRM_REVOKE_TITLE from '@salesforce/label/c.Connection_ConfirmRevokeTitle';
import CONFIRM_REVOKE from '@salesforce/label/c.Connection_ConfirmRevoke';
import ACTION_FAILED from '@salesforce/label/c.Connection_ActionFailed';

const STEP_ICONS = { true: 'utility:success', false: 'utility:clock' };

/**
 * The Connection card: who the connector user is, connect / change / disconnect it, the authorization
 * link (copy or email) and the reauthorization checklist, whose steps the server ticks from live data.
 */
export default class Connection extends LightningElement {
  /** ConnectionView of the contract. */
  @api connection;
  /** Running user may change the connector (ManageConnector). */
  @api canManage = false;

  label = {
    title: TITLE,
    connect: CONNECT,
    changeUser: CHANGE_USER,
    disconnect: DISCONNECT,
    working: WORKING,
    noUser: NO_USER,
    userName: USER_NAME,
    username: USERNAME,
    status: STATUS,
    lastLogin: LAST_LOGIN,
    previousUser: PREVIOUS_USER,
    linkHeading: LINK_HEADING,
    checklistHeading: CHECKLIST_HEADING,
    pickConnector: PICK_CONNECTOR
  };

  /** The user search is open (choosing the connector user). */
  showPicker = false;
  isBusy = false;

  get hasUser() {
    return Boolean(this.connection?.userId);
  }

  get disableActions() {
    return !this.canManage || this.isBusy;
  }

  get disableDisconnect() {
    return this.disableActions || !this.hasUser;
  }

  get connectLabel() {
    return this.hasUser ? CHANGE_USER : CONNECT;
  }

  get activeLabel() {
    return this.connection?.isActive ? ACTIVE : INACTIVE;
  }

  get activeClass() {
    return this.connection?.isActive ? 'slds-badge slds-theme_success' : 'slds-badge slds-theme_error';
  }

  get lastLogin() {
    return this.connection?.lastLogin ? formatDateTime(this.connection.lastLogin) : NEVER;
  }

  get hasPreviousUser() {
    return Boolean(this.connection?.previousUserId) && this.connection.previousUserId !== this.connection.userId;
  }

  get previousUserText() {
    const connection = this.connection ?? {};
    const name = connection.previousUserName ?? connection.previousUserId;
    return connection.changedAt ? `${name} (${formatDateTime(connection.changedAt)})` : name;
  }

  get steps() {
    return (this.connection?.steps ?? []).map((step) => ({
      ...step,
      // The server sends a step's date as a value (detailAt, the detail's {0}): formatted here like every date.
      detail: step.detailAt ? formatLabel(step.detail, formatDateTime(step.detailAt)) : step.detail,
      iconName: STEP_ICONS[Boolean(step.done)],
      iconVariant: step.done ? 'success' : 'warning',
      stateText: step.done ? STEP_DONE : STEP_TO_DO,
      itemClass: step.done ? 'slds-item step step_done' : 'slds-item step'
    }));
  }

  get hasSteps() {
    return this.steps.length > 0;
  }

  /** The picker opens with focus in its search field; closing it returns focus to the button that opened it. */
  handleConnectClick(event) {
    this.showPicker = true;
    this.pickerOpener = event.target;
  }

  handlePickerCancel() {
    this.showPicker = false;
    returnFocus(this.pickerOpener);
  }

  /**
   * Brings a checklist step into view and focus (a status cause's link): `step-<key>`.
   * @returns {Promise<boolean>} the step was found
   */
  @api
  async reveal(row) {
    const target = [...this.template.querySelectorAll('li[data-step]')].find(
      (element) => `step-${element.dataset.step}` === row
    );
    if (!target) {
      return false;
    }
    target.focus();
    return true;
  }

  async handleUserSelected(event) {
    this.showPicker = false;
    // The picker is gone: focus back on its opener before the dialog opens, as a modal returns focus on closing to
    // the element that had it when it opened.
    await returnFocus(this.pickerOpener);
    await this.connect(event.detail.user);
    await returnFocus(this.pickerOpener);
  }

  /**
   * Asks before connecting; with the candidate's readiness, the dialog lists what will break, what only Setup can
   * grant and what Fix will grant, and says that nothing has changed yet.
   */
  async connect(user) {
    const question = this.hasUser
      ? formatLabel(CONFIRM_CHANGE, this.connection.displayName, user.name, user.username)
      : formatLabel(CONFIRM_CONNECT, user.name, user.username);
    if (!(await ReadinessConfirm.confirmConnect(question, user))) {
      return;
    }
    await this.run(() => connectUser({ userId: user.id }));
  }

  async handleDisconnectClick(event) {
    const opener = event.target;
    await this.disconnect();
    await returnFocus(opener);
  }

  async disconnect() {
    let impact;
    this.isBusy = true;
    try {
      impact = await getDisconnectImpact();
    } catch (error) {
      this.toastError(error);
      return;
    } finally {
      this.isBusy = false;
    }
    const name = impact.userName ?? this.connection.displayName;
    const jobNames = impact.jobNames ?? [];
    const parts = [formatLabel(CONFIRM_DISCONNECT, name)];
    if (jobNames.length > 0) {
      parts.push(formatLabel(CONFIRM_DISCONNECT_JOBS, name, jobNames.join(', ')));
    }
    if (impact.tokenCount > 0) {
      parts.push(formatLabel(CONFIRM_DISCONNECT_TOKENS, impact.tokenCount, name));
    }
    const confirmed = await LightningConfirm.open({
      message: parts.join(' '),
      label: CONFIRM_DISCONNECT_TITLE,
      theme: 'warning',
      variant: 'header'
    });
    if (!confirmed) {
      return;
    }
    // Nothing is stopped silently: each follow-up is offered, and Cancel keeps it as it is.
    const stopJobs =
      jobNames.length > 0 &&
      (await LightningConfirm.open({
        message: formatLabel(CONFIRM_STOP_JOBS, jobNames.join(', ')),
        label: CONFIRM_STOP_JOBS_TITLE,
        variant: 'header'
      }));
    const revokeTokens =
      impact.tokenCount > 0 &&
      (await LightningConfirm.open({
        message: formatLabel(CONFIRM_REVOKE, impact.tokenCount, name),
        label: CONFIRM_REVOKE_TITLE,
        variant: 'header'
      }));
    await this.run(() => disconnectUser({ stopJobs: Boolean(stopJobs), revokeTokens: Boolean(revokeTokens) }));
  }

  /** The authorization link's send is busy (detail: true/false): the card waits with it. */
  handleBusy(event) {
    this.isBusy = event.detail;
  }

  /** A link was sent: the page reloads. */
  handleRefresh() {
    this.dispatchEvent(new CustomEvent('refresh'));
  }

  /** Runs an action, toasts its ActionResult and asks the page to reload when something changed. */
  async run(action) {
    await act(this, { call: action, busy: 'isBusy', titles: { done: TITLE, error: ACTION_FAILED }, refresh: 'ok' });
  }

  toastError(error) {
    showError(this, error, ACTION_FAILED);
  }
}
