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

const OUTCOMES = {
  Success: { label: OUTCOME_SUCCESS, badgeClass: 'slds-badge slds-theme_success' },
  Failure: { label: OUTCOME_FAILURE, badgeClass: 'slds-badge slds-theme_error' },
  NoChange: { label: OUTCOME_NO_CHANGE, badgeClass: 'slds-badge slds-badge_lightest' }
};
// Details can be long (up to 32k); the list shows the start, the record page the rest.
const MAX_DETAIL_LENGTH = 300;
const ALL_ACTIONS = '';

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
    const actions = [...new Set((this.events ?? []).map((event) => event.action).filter(Boolean))].sort();
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
      .filter((event) => this.actionFilter === ALL_ACTIONS || event.action === this.actionFilter)
      .map((event) => {
        const outcome = OUTCOMES[event.outcome] ?? { label: event.outcome, badgeClass: 'slds-badge' };
        return {
          key: event.id,
          when: formatDateTime(event.createdDate),
          actorName: event.ranAsName ? formatLabel(RAN_AS, event.actorName, event.ranAsName) : event.actorName,
          action: event.action,
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
