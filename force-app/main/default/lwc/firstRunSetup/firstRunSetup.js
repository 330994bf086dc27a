import { LightningElement, api } from 'lwc';
import connectUser from '@salesforce/apex/AdminHomeController.connectUser';
import startJob from '@salesforce/apex/AdminHomeController.startJob';
import { confirmAndRepair } from 'c/integrationRepair';
import { commandToast, followJobCommand } from 'c/jobCommandFollow';
import { returnFocus } from 'c/focusReturn';
import { act, showToast } from 'c/cardAction';
import ReadinessConfirm from 'c/readinessConfirm';
import { formatDateTime, formatLabel } from 'c/formatUtils';
import TITLE from '@salesforce/label/c.Setup_Title';
import INTRO from '@salesforce/label/c.Setup_Intro';
import SHOW_ALL from '@salesforce/label/c.Setup_ShowAll';
import PROGRESS from '@salesforce/label/c.Setup_Progress';
import STEPS_LABEL from '@salesforce/label/c.Setup_StepsLabel';
import STEP_NUMBER from '@salesforce/label/c.Setup_StepNumber';
import STATE_DONE from '@salesforce/label/c.Setup_StateDone';
import STATE_CURRENT from '@salesforce/label/c.Setup_StateCurrent';
import STATE_TO_DO from '@salesforce/label/c.Setup_StateToDo';
import STEP_USER from '@salesforce/label/c.Setup_StepUser';
import STEP_USER_HELP from '@salesforce/label/c.Setup_StepUserHelp';
import CHOOSE_USER from '@salesforce/label/c.Setup_ChooseUser';
import STEP_ACCESS from '@salesforce/label/c.Setup_StepAccess';
import STEP_ACCESS_HELP from '@salesforce/label/c.Setup_StepAccessHelp';
import MISSING_LABEL from '@salesforce/label/c.Setup_MissingLabel';
import FIX from '@salesforce/label/c.Setup_Fix';
import STEP_AUTHORIZE from '@salesforce/label/c.Setup_StepAuthorize';
import STEP_JOBS from '@salesforce/label/c.Setup_StepJobs';
import STEP_JOBS_HELP from '@salesforce/label/c.Setup_StepJobsHelp';
import START_JOBS from '@salesforce/label/c.Setup_StartJobs';
import WORKING from '@salesforce/label/c.Setup_Working';
import JOBS_REQUESTED from '@salesforce/label/c.Setup_JobsRequested';
import JOBS_FAILED from '@salesforce/label/c.Setup_JobsFailed';
import CONNECTION_TITLE from '@salesforce/label/c.Connection_Title';
import ACTION_FAILED from '@salesforce/label/c.Connection_ActionFailed';
import PICK_CONNECTOR from '@salesforce/label/c.Connection_PickConnector';
import CONFIRM_CONNECT from '@salesforce/label/c.Connection_ConfirmConnect';

const TITLES = { user: STEP_USER, access: STEP_ACCESS, authorize: STEP_AUTHORIZE, jobs: STEP_JOBS };
const HELP = { user: STEP_USER_HELP, access: STEP_ACCESS_HELP, authorize: null, jobs: STEP_JOBS_HELP };
const STATES = {
  Done: { text: STATE_DONE, badge: 'slds-badge slds-theme_success', icon: 'utility:success', variant: 'success' },
  Current: { text: STATE_CURRENT, badge: 'slds-badge slds-badge_inverse', icon: 'utility:edit', variant: null },
  ToDo: { text: STATE_TO_DO, badge: 'slds-badge slds-badge_lightest', icon: 'utility:clock', variant: null }
};

/**
 * Admin Home's guided first-run setup (AdminHome.setup, computed by FirstRunSetupService): the four steps in order,
 * each Done, Current or To do, and the current step's action, through the same Apex and shared code as the cards
 * (the user search, the repair, the authorization link, the job command). The page reloads after each action; focus
 * then moves to the heading of the step that became current. `showall` asks the page for its sections.
 */
export default class FirstRunSetup extends LightningElement {
  /** ConnectionView: the connector user and the authorization link. */
  @api connection;
  /** JobRunnerView: who job commands ran as last. */
  @api jobRunner;
  @api canManage = false;

  label = {
    title: TITLE,
    intro: INTRO,
    showAll: SHOW_ALL,
    stepsLabel: STEPS_LABEL,
    chooseUser: CHOOSE_USER,
    missingLabel: MISSING_LABEL,
    fix: FIX,
    startJobs: START_JOBS,
    working: WORKING
  };

  isBusy = false;
  /** The user search is open (choosing the connector user). */
  pickerOpen = false;
  /** Set when an action asked the page to reload: { from: the current step then, opener: the control pressed }. */
  pendingFocus = null;
  _setup;

  /** SetupView of the contract. */
  @api
  get setup() {
    return this._setup;
  }
  set setup(value) {
    this._setup = value;
    if (this.pendingFocus) {
      this.pendingFocus.reloaded = true;
    }
  }

  get steps() {
    return (this._setup?.steps ?? []).map((step, index) => {
      const state = STATES[step.state] ?? STATES.ToDo;
      const isCurrent = step.state === 'Current';
      return {
        ...step,
        // A date comes as a value (detailAt, the detail's {0}), formatted in the user's locale like every date.
        detail: step.detailAt ? formatLabel(step.detail, formatDateTime(step.detailAt)) : step.detail,
        number: formatLabel(STEP_NUMBER, index + 1),
        title: TITLES[step.key] ?? step.key,
        help: isCurrent ? HELP[step.key] : null,
        stateText: state.text,
        badgeClass: state.badge,
        iconName: state.icon,
        iconVariant: state.variant,
        itemClass: isCurrent ? 'slds-setup-assistant__item step step_current' : 'slds-setup-assistant__item step',
        headingId: `step-${step.key}`,
        isCurrent,
        showUser: isCurrent && step.key === 'user',
        showAccess: isCurrent && step.key === 'access',
        showAuthorize: isCurrent && step.key === 'authorize',
        showJobs: isCurrent && step.key === 'jobs',
        hasMissing: isCurrent && (step.missing ?? []).length > 0
      };
    });
  }

  get progressText() {
    const steps = this._setup?.steps ?? [];
    return formatLabel(PROGRESS, steps.filter((step) => step.state === 'Done').length, steps.length);
  }

  get progressValue() {
    const steps = this._setup?.steps ?? [];
    return steps.length ? Math.round((100 * steps.filter((step) => step.state === 'Done').length) / steps.length) : 0;
  }

  get progressStyle() {
    return `width: ${this.progressValue}%`;
  }

  get disabled() {
    return !this.canManage || this.isBusy;
  }

  get showConnectPicker() {
    return this.pickerOpen;
  }

  get pickConnectorLabel() {
    return PICK_CONNECTOR;
  }

  /** An API-only user cannot open the link: the step's detail says what to do instead. */
  get showAuthorizationLink() {
    return this._setup?.apiOnly !== true;
  }

  renderedCallback() {
    if (this.pendingFocus?.reloaded) {
      const { from, opener } = this.pendingFocus;
      this.pendingFocus = null;
      const current = this._setup?.currentStep;
      const heading = current && current !== from ? this.template.querySelector(`[data-heading="${current}"]`) : null;
      if (heading) {
        heading.focus();
      } else {
        returnFocus(opener);
      }
    }
  }

  /** Focus on the guided setup's heading (the page calls it when the setup opens). */
  @api
  focus() {
    this.template.querySelector('[data-id="title"]')?.focus();
  }

  handleShowAll() {
    this.dispatchEvent(new CustomEvent('showall'));
  }

  /**
   * The user search opens with focus in its field, in place of Choose user; closing it renders Choose user anew, so
   * focus goes back to the new button, found after the render.
   */
  handleChooseUser() {
    this.pickerOpen = true;
  }

  chooseUserButton = () => this.template.querySelector('[data-id="choose-user"]');

  handlePickerCancel() {
    this.pickerOpen = false;
    returnFocus(this.chooseUserButton);
  }

  async handleUserSelected(event) {
    const user = event.detail.user;
    const opener = this.chooseUserButton;
    this.pickerOpen = false;
    // The picker is gone: focus back on its opener before the dialog opens, as a modal returns focus on closing to
    // the element that had it when it opened.
    await returnFocus(opener);
    // The candidate's readiness (what breaks, what Fix grants) is in the dialog before anything changes.
    const question = formatLabel(CONFIRM_CONNECT, user.name, user.username);
    if (!(await ReadinessConfirm.confirmConnect(question, user))) {
      await returnFocus(opener);
      return;
    }
    await this.run(opener, () => connectUser({ userId: user.id }));
  }

  async handleFix(event) {
    const opener = event.target;
    const from = this._setup?.currentStep;
    // The shared repair confirms, calls the server, toasts the outcome and asks the page to reload.
    const called = await confirmAndRepair(this, null, null, (working) => {
      this.isBusy = working;
    });
    if (called) {
      this.pendingFocus = { from, opener };
    } else {
      await returnFocus(opener);
    }
  }

  /** The authorization link's send is busy (detail: true/false): the whole setup waits with it. */
  handleBusy(event) {
    this.isBusy = event.detail;
  }

  /** A link was sent (or refused): the page reloads, as after every setup action; the link put focus back itself. */
  handleLinkSent() {
    this.reload(this._setup?.currentStep, null);
  }

  /** Runs a connection action, toasts its ActionResult and asks the page to reload. */
  async run(opener, action) {
    const from = this._setup?.currentStep;
    await act(this, {
      call: action,
      busy: 'isBusy',
      titles: { done: CONNECTION_TITLE, error: ACTION_FAILED },
      refresh: 'never'
    });
    this.reload(from, opener);
  }

  /** Start every job the definitions hold, as a job command (it runs as the connector user), and follow it. */
  async handleStartJobs(event) {
    const opener = event.target;
    const from = this._setup?.currentStep;
    await act(this, {
      call: () => startJob({ definitionName: null }),
      busy: 'isBusy',
      titles: { done: JOBS_REQUESTED, failed: JOBS_FAILED },
      toast: (result) => ({
        title: result.ok ? JOBS_REQUESTED : JOBS_FAILED,
        message: result.message,
        variant: result.ok ? 'info' : 'error'
      }),
      // The step stays busy until the command has run (or is still pending after the last poll).
      onResult: async (result) => {
        if (result.ok && result.requestId) {
          await this.followJobs(result.requestId);
        }
      },
      refresh: 'never'
    });
    this.reload(from, opener);
  }

  async followJobs(requestId) {
    showToast(this, commandToast(await followJobCommand(requestId), JOBS_FAILED));
  }

  /** Asks the page to reload; when the new setup arrives, focus goes to the step that became current. */
  reload(from, opener) {
    this.pendingFocus = { from, opener };
    this.dispatchEvent(new CustomEvent('refresh'));
  }
}
