import { LightningElement, api } from 'lwc';
import { formatDateTime, formatLabel } from 'c/formatUtils';
import RAN_AS from '@salesforce/label/c.Events_RanAs';
import TITLE from '@salesforce/label/c.Events_Title';
import CAPTION from '@salesforce/label/c.Events_Caption';
import COLUMN_WHEN from '@salesforce/label/c.Events_ColumnWhen';
import COLUMN_WHO from '@salesforce/label/c.Events_ColumnWho';
import COLUMN_ACTION from '@salesforce/label/c.Events_ColumnAction';
import COLUMN_OUTCOME from '@salesforce/label/c.Events_ColumnOutcome';
import COLUMN_DETAIL from '@salesforce/label/c.Events_ColumnDetail';
import EMPTY from '@salesforce/label/c.Events_Empty';
import OUTCOME_SUCCESS from '@salesforce/label/c.Events_OutcomeSuccess';
import OUTCOME_FAILURE from '@salesforce/label/c.Events_OutcomeFailure';
import OUTCOME_NO_CHANGE from '@salesforce/label/c.Events_OutcomeNoChange';
import FILTER_LABEL from '@salesforce/label/c.Events_FilterLabel';
import FILTER_ALL from '@salesforce/label/c.Events_FilterAll';
import VIEW_ALL from '@salesforce/label/c.Events_ViewAll';
import NO_MATCH from '@salesforce/label/c.Events_NoMatch';
import EVENT_OBJECT from '@salesforce/schema/ConnectorEvent__c';
import ACTION_CONNECT_USER from '@salesforce/label/c.Events_ActionConnectUser';
import ACTION_DISCONNECT_USER from '@salesforce/label/c.Events_ActionDisconnectUser';
import ACTION_REVOKE_TOKENS from '@salesforce/label/c.Events_ActionRevokeTokens';
import ACTION_SEND_LINK from '@salesforce/label/c.Events_ActionSendLink';
import ACTION_SAVE_SETTINGS from '@salesforce/label/c.Events_ActionSaveSettings';
import ACTION_SET_SECRET from '@salesforce/label/c.Events_ActionSetSecret';
import ACTION_START_JOB from '@salesforce/label/c.Events_ActionStartJob';
import ACTION_STOP_JOB from '@salesforce/label/c.Events_ActionStopJob';
import ACTION_RESTART_JOBS from '@salesforce/label/c.Events_ActionRestartJobs';
import ACTION_JOB_COMMAND from '@salesforce/label/c.Events_ActionJobCommand';
import ACTION_REPAIR from '@salesforce/label/c.Events_ActionRepair';
import ACTION_HEALTH_CHECK from '@salesforce/label/c.Events_ActionHealthCheck';
import ACTION_INSTALL from '@salesforce/label/c.Events_ActionInstall';
import ACTION_UPGRADE from '@salesforce/label/c.Events_ActionUpgrade';
import ACTION_CSM_SETTINGS from '@salesforce/label/c.Events_ActionCsmSettings';
import ACTION_CSM_START from '@salesforce/label/c.Events_ActionCsmStart';
import ACTION_CSM_FINISH from '@salesforce/label/c.Events_ActionCsmFinish';
import ACTION_CSM_MANUAL from '@salesforce/label/c.Events_ActionCsmManual';
import ACTION_CSM_RETURN from '@salesforce/label/c.Events_ActionCsmReturn';

const OUTCOMES = {
  Success: { label: OUTCOME_SUCCESS, badgeClass: 'slds-badge slds-theme_success' },
  Failure: { label: OUTCOME_FAILURE, badgeClass: 'slds-badge slds-theme_error' },
  NoChange: { label: OUTCOME_NO_CHANGE, badgeClass: 'slds-badge slds-badge_lightest' }
};
// Details can be long (up to 32k); the list shows the start, the record page the rest.
const MAX_DETAIL_LENGTH = 300;
const ALL_ACTIONS = '';
/**
 * Stored action (ConnectorEvent__c.Action__c, written by the Apex services) → its name on the page. Entries written
 * under an older name map to the current action, so the filter lists each action once.
 */
const ACTION_NAMES = {
  'Connect user': ACTION_CONNECT_USER,
  'Change connector user': ACTION_CONNECT_USER,
  'Disconnect user': ACTION_DISCONNECT_USER,
  'Revoke OAuth tokens': ACTION_REVOKE_TOKENS,
  'Revoke tokens': ACTION_REVOKE_TOKENS,
  'Send authorization link': ACTION_SEND_LINK,
  'Save settings': ACTION_SAVE_SETTINGS,
  'Set secret': ACTION_SET_SECRET,
  'Start job': ACTION_START_JOB,
  'Stop job': ACTION_STOP_JOB,
  'Restart all jobs': ACTION_RESTART_JOBS,
  'Job command': ACTION_JOB_COMMAND,
  'Repair integration access': ACTION_REPAIR,
  'Health check': ACTION_HEALTH_CHECK,
  'Install package': ACTION_INSTALL,
  'Upgrade package': ACTION_UPGRADE,
  'Save CSM sync settings': ACTION_CSM_SETTINGS,
  'Start CSM sync': ACTION_CSM_START,
  'Finish CSM sync': ACTION_CSM_FINISH,
  'Set CSM by hand': ACTION_CSM_MANUAL,
  'Return CSM to sync': ACTION_CSM_RETURN
};

/** The page's name of a stored action; an action this version does not know keeps its stored text. */
function actionName(action) {
  return ACTION_NAMES[action] ?? action;
}

/** Recent admin actions on the connector (ConnectorEvent__c), newest first. */
export default class EventLog extends LightningElement {
  /** EventView[] of the contract. */
  @api events;

  label = {
    title: TITLE,
    caption: CAPTION,
    columnWhen: COLUMN_WHEN,
    columnWho: COLUMN_WHO,
    columnAction: COLUMN_ACTION,
    columnOutcome: COLUMN_OUTCOME,
    columnDetail: COLUMN_DETAIL,
    empty: EMPTY,
    filterLabel: FILTER_LABEL,
    viewAll: VIEW_ALL,
    noMatch: NO_MATCH
  };

  /** Action shown, or '' for all. */
  actionFilter = ALL_ACTIONS;

  /** The object's list view; the schema import carries the namespace prefix in a managed package. */
  get listViewUrl() {
    return `/lightning/o/${EVENT_OBJECT.objectApiName}/list`;
  }

  get actionOptions() {
    const actions = [...new Set((this.events ?? []).map((event) => actionName(event.action)).filter(Boolean))].sort();
    return [
      { label: FILTER_ALL, value: ALL_ACTIONS },
      ...actions.map((action) => ({ label: action, value: action }))
    ].map((option) => ({ ...option, selected: option.value === this.actionFilter }));
  }

  get hasAnyEvents() {
    return (this.events ?? []).length > 0;
  }

  get showNoMatch() {
    return this.hasAnyEvents && !this.hasEvents;
  }

  // A native select: lightning-combobox needs ElementInternals, which synthetic shadow lacks.
  handleFilterChange(event) {
    this.actionFilter = event.target.value;
  }

  get hasEvents() {
    return this.rows.length > 0;
  }

  get rows() {
    return (this.events ?? [])
      .filter((event) => this.actionFilter === ALL_ACTIONS || actionName(event.action) === this.actionFilter)
      .map((event) => {
        const outcome = OUTCOMES[event.outcome] ?? { label: event.outcome, badgeClass: 'slds-badge' };
        return {
          key: event.id,
          when: formatDateTime(event.createdDate),
          actorName: event.ranAsName ? formatLabel(RAN_AS, event.actorName, event.ranAsName) : event.actorName,
          action: actionName(event.action),
          target: event.target,
          outcomeLabel: outcome.label,
          outcomeClass: outcome.badgeClass,
          detail: shorten(event.detail)
        };
      });
  }
}

function shorten(text) {
  if (!text || text.length <= MAX_DETAIL_LENGTH) {
    return text;
  }
  return `${text.slice(0, MAX_DETAIL_LENGTH - 1)}…`;
}
