import { LightningElement, api } from 'lwc';
import { formatLabel } from 'c/formatUtils';
import { confirmAndRepair, REPAIR_ACTION } from 'c/integrationRepair';
import TITLE from '@salesforce/label/c.Audit_Title';
import FIX_ALL from '@salesforce/label/c.Audit_FixAll';
import REFRESH from '@salesforce/label/c.Audit_Refresh';
import FILTER from '@salesforce/label/c.Audit_Filter';
import FILTER_ALL from '@salesforce/label/c.Audit_FilterAll';
import FROZEN from '@salesforce/label/c.Audit_Frozen';
import ACTIVE from '@salesforce/label/c.Audit_Active';
import INACTIVE from '@salesforce/label/c.Audit_Inactive';
import NO_USER from '@salesforce/label/c.Audit_NoUser';
import PROFILE from '@salesforce/label/c.Audit_Profile';
import SUMMARY from '@salesforce/label/c.Audit_Summary';
import COLUMN_STATE from '@salesforce/label/c.Audit_ColumnState';
import COLUMN_REQUIREMENT from '@salesforce/label/c.Requirements_ColumnRequirement';
import COLUMN_GRANTED_BY from '@salesforce/label/c.Audit_ColumnGrantedBy';
import COLUMN_REASON from '@salesforce/label/c.Requirements_ColumnReason';
import COLUMN_FIX from '@salesforce/label/c.Audit_ColumnFix';
import STATE_MET from '@salesforce/label/c.Audit_StateMet';
import STATE_MISSING from '@salesforce/label/c.Audit_StateMissing';
import STATE_NOT_APPLICABLE from '@salesforce/label/c.Audit_StateNotApplicable';
import STATE_NOT_AVAILABLE from '@salesforce/label/c.Audit_StateNotAvailable';
import ONLY_IF from '@salesforce/label/c.Audit_OnlyIf';
import OPEN_SETUP from '@salesforce/label/c.Status_OpenSetup';
import FIX from '@salesforce/label/c.Status_Fix';
import FIX_TITLE from '@salesforce/label/c.Status_FixTitle';
import WORKING from '@salesforce/label/c.Status_Working';
import EMPTY from '@salesforce/label/c.Audit_Empty';
import FILTERED_EMPTY from '@salesforce/label/c.Audit_FilteredEmpty';
import SHOW_ALL from '@salesforce/label/c.Audit_ShowAll';
import ALL_MET from '@salesforce/label/c.Audit_AllMet';
import KIND_SYSTEM_PERMISSION from '@salesforce/label/c.Audit_GroupSystemPermissions';
import KIND_OBJECT_ACCESS from '@salesforce/label/c.Audit_GroupObjectAccess';
import KIND_PACKAGE_PERMISSION_SET from '@salesforce/label/c.Audit_GroupPackagePermissionSets';
import SEVERITY_REQUIRED from '@salesforce/label/c.Requirements_SeverityRequired';
import SEVERITY_RECOMMENDED from '@salesforce/label/c.Requirements_SeverityRecommended';
import SEVERITY_CONDITIONAL from '@salesforce/label/c.Requirements_SeverityConditional';

const STATES = {
  Met: { label: STATE_MET, icon: 'utility:success', variant: 'success' },
  Missing: { label: STATE_MISSING, icon: 'utility:error', variant: 'error' },
  NotApplicable: { label: STATE_NOT_APPLICABLE, icon: 'utility:dash', variant: '' },
  NotAvailable: { label: STATE_NOT_AVAILABLE, icon: 'utility:ban', variant: 'warning' }
};
const SEVERITIES = {
  Required: { label: SEVERITY_REQUIRED, badge: 'slds-badge slds-theme_error' },
  Recommended: { label: SEVERITY_RECOMMENDED, badge: 'slds-badge slds-theme_warning' },
  Conditional: { label: SEVERITY_CONDITIONAL, badge: 'slds-badge slds-badge_lightest' }
};
const KINDS = [
  { kind: 'SystemPermission', title: KIND_SYSTEM_PERMISSION },
  { kind: 'ObjectAccess', title: KIND_OBJECT_ACCESS },
  { kind: 'PackagePermissionSet', title: KIND_PACKAGE_PERMISSION_SET }
];
const ALL = 'All';
/** States shown while "Show all" is off. */
const NEEDS_ACTION = new Set(['Missing', 'NotAvailable']);

/** The connector user checked against every requirement, grouped by kind, with the fix for each gap. */
export default class IntegrationUserAudit extends LightningElement {
  /** AuditView of the contract. */
  @api audit;
  /** Running user holds Manage Connector: Fix buttons are shown. */
  @api canManage = false;

  filter = ALL;
  /** Off: only what is missing or not available (what an admin has to act on); on: every requirement. */
  showAll = false;
  isWorking = false;

  label = {
    title: TITLE,
    fixAll: FIX_ALL,
    refresh: REFRESH,
    filter: FILTER,
    frozen: FROZEN,
    columnState: COLUMN_STATE,
    columnRequirement: COLUMN_REQUIREMENT,
    columnGrantedBy: COLUMN_GRANTED_BY,
    columnReason: COLUMN_REASON,
    columnFix: COLUMN_FIX,
    openSetup: OPEN_SETUP,
    fix: FIX,
    working: WORKING,
    empty: EMPTY,
    filteredEmpty: FILTERED_EMPTY,
    showAll: SHOW_ALL,
    allMet: ALL_MET
  };

  get filterOptions() {
    return [
      { label: FILTER_ALL, value: ALL },
      { label: SEVERITY_REQUIRED, value: 'Required' },
      { label: SEVERITY_RECOMMENDED, value: 'Recommended' },
      { label: SEVERITY_CONDITIONAL, value: 'Conditional' }
    ];
  }

  get results() {
    return this.audit?.results ?? [];
  }

  get userName() {
    return this.audit?.userName || NO_USER;
  }

  get profileText() {
    const parts = [this.audit.profileName, this.audit.licenseName].filter((part) => !!part);
    return formatLabel(PROFILE, parts.join(', '));
  }

  get activeLabel() {
    return this.audit?.isActive ? ACTIVE : INACTIVE;
  }

  get activeClass() {
    return this.audit?.isActive
      ? 'slds-badge slds-theme_success slds-m-left_x-small'
      : 'slds-badge slds-theme_error slds-m-left_x-small';
  }

  get summary() {
    const count = (state) => this.results.filter((result) => result.state === state).length;
    return formatLabel(SUMMARY, count('Met'), count('Missing'), count('NotAvailable'), this.results.length);
  }

  /** Fixable gaps outside Conditional ones: what "Fix all" repairs. */
  get canFixAll() {
    return (
      this.canManage &&
      this.results.some(
        (result) =>
          result.state === 'Missing' && result.fixAction === REPAIR_ACTION && result.severity !== 'Conditional'
      )
    );
  }

  get groups() {
    const visible = this.results.filter(
      (result) =>
        (this.filter === ALL || result.severity === this.filter) && (this.showAll || NEEDS_ACTION.has(result.state))
    );
    return KINDS.map(({ kind, title }) => ({
      kind,
      title,
      rows: visible.filter((result) => result.kind === kind).map((result) => this.toRow(result))
    })).filter((group) => group.rows.length > 0);
  }

  get isFilteredEmpty() {
    return this.results.length > 0 && this.groups.length === 0;
  }

  /** Nothing to act on and the met requirements are hidden. */
  get isAllMetHidden() {
    return this.isFilteredEmpty && !this.showAll && this.filter === ALL;
  }

  toRow(result) {
    const state = STATES[result.state] ?? { label: result.state, icon: 'utility:info', variant: '' };
    const severity = SEVERITIES[result.severity] ?? { label: result.severity, badge: 'slds-badge' };
    return {
      ...result,
      rowId: `requirement-${result.developerName}`,
      stateLabel: state.label,
      stateIcon: state.icon,
      stateVariant: state.variant,
      severityLabel: severity.label,
      severityClass: `${severity.badge} slds-m-top_xx-small`,
      conditionText: formatLabel(ONLY_IF, result.condition),
      grantedBy: result.grantedBy ?? [],
      showFix: result.state !== 'Met' && !!result.fix,
      canFix: this.canManage && result.state === 'Missing' && result.fixAction === REPAIR_ACTION,
      fixTitle: formatLabel(FIX_TITLE, result.label)
    };
  }

  handleShowAll(event) {
    this.showAll = event.target.checked;
  }

  /**
   * Brings a row into view and focus (a status cause's link): `requirement-<name>`, `recommended` (the first missing
   * Recommended one) or `user`. Shows every requirement first when the filters hide the row.
   * @returns {Promise<boolean>} the row was found
   */
  @api
  async reveal(row) {
    let target = this.findRow(row);
    if (!target && (!this.showAll || this.filter !== ALL)) {
      this.showAll = true;
      this.filter = ALL;
      await Promise.resolve();
      target = this.findRow(row);
    }
    if (!target) {
      return false;
    }
    target.focus();
    return true;
  }

  findRow(row) {
    if (row === 'recommended') {
      return this.template.querySelector('tr[data-severity="Recommended"][data-state="Missing"]');
    }
    return [...this.template.querySelectorAll('[data-row]')].find((element) => element.dataset.row === row) ?? null;
  }

  handleFilter(event) {
    this.filter = event.detail.value;
  }

  handleRefresh() {
    this.dispatchEvent(new CustomEvent('refresh'));
  }

  async handleFix(event) {
    const name = event.target.dataset.name;
    const result = this.results.find((entry) => entry.developerName === name);
    await this.repair(name, result?.label);
  }

  async handleFixAll() {
    await this.repair(null, null);
  }

  async repair(requirementName, requirementLabel) {
    await confirmAndRepair(this, requirementName, requirementLabel, (working) => {
      this.isWorking = working;
    });
  }
}
