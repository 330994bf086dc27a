import { LightningElement, api } from 'lwc';
import { formatDateTime, formatLabel } from 'c/formatUtils';
import { confirmAndRepair, REPAIR_ACTION } from 'c/integrationRepair';
import { locateFinding, SECTION_LABELS } from 'c/adminSections';
import { returnFocus } from 'c/focusReturn';
import SHOW_IN_SECTION from '@salesforce/label/c.Status_ShowInSection';
import TITLE from '@salesforce/label/c.Status_Title';
import CONNECTED from '@salesforce/label/c.Status_Connected';
import NEEDS_ATTENTION from '@salesforce/label/c.Status_NeedsAttention';
import DISCONNECTED from '@salesforce/label/c.Status_Disconnected';
import LAST_HEARTBEAT from '@salesforce/label/c.Status_LastHeartbeat';
import TOKEN_LAST_USED from '@salesforce/label/c.Status_TokenLastUsed';
import CAUSES from '@salesforce/label/c.Status_Causes';
import NO_CAUSES from '@salesforce/label/c.Status_NoCauses';
import NEVER from '@salesforce/label/c.Status_Never';
import TOKEN_MISSING from '@salesforce/label/c.Status_TokenMissing';
import TOKEN_UNKNOWN from '@salesforce/label/c.Status_TokenUnknown';
import TOKEN_NOT_USED from '@salesforce/label/c.Status_TokenNotUsed';
import AT_AGE from '@salesforce/label/c.Status_AtAge';
import OPEN_SETUP from '@salesforce/label/c.Status_OpenSetup';
import FIX from '@salesforce/label/c.Status_Fix';
import FIX_TITLE from '@salesforce/label/c.Status_FixTitle';
import WORKING from '@salesforce/label/c.Status_Working';
import EMPTY from '@salesforce/label/c.Status_Empty';
import SEVERITY_REQUIRED from '@salesforce/label/c.Requirements_SeverityRequired';
import SEVERITY_RECOMMENDED from '@salesforce/label/c.Requirements_SeverityRecommended';
import SEVERITY_CONDITIONAL from '@salesforce/label/c.Requirements_SeverityConditional';
import LOCALE from '@salesforce/i18n/locale';

const VERDICTS = {
  Connected: { label: CONNECTED, badge: 'slds-badge slds-theme_success', icon: 'utility:success' },
  NeedsAttention: { label: NEEDS_ATTENTION, badge: 'slds-badge slds-theme_warning', icon: 'utility:warning' },
  Disconnected: { label: DISCONNECTED, badge: 'slds-badge slds-theme_error', icon: 'utility:error' }
};
const SEVERITIES = {
  Required: { label: SEVERITY_REQUIRED, badge: 'slds-badge slds-theme_error' },
  Recommended: { label: SEVERITY_RECOMMENDED, badge: 'slds-badge slds-theme_warning' },
  Conditional: { label: SEVERITY_CONDITIONAL, badge: 'slds-badge slds-badge_lightest' }
};
const MISSING_PREFIX = 'MISSING_';

/** The connector's verdict with its causes, each with its fix: a Setup link or a Fix button. */
export default class ConnectorStatus extends LightningElement {
  /** StatusView of the contract. */
  @api status;
  /** Running user holds Manage Connector: Fix buttons are shown. */
  @api canManage = false;
  /** When the page data was read (ISO): ages are measured from it. */
  @api generatedAt;
  /** Requirement developer name → label: the Fix dialog names the permission it grants. */
  @api requirementLabels = {};

  isWorking = false;

  label = {
    title: TITLE,
    lastHeartbeat: LAST_HEARTBEAT,
    tokenLastUsed: TOKEN_LAST_USED,
    causes: CAUSES,
    noCauses: NO_CAUSES,
    openSetup: OPEN_SETUP,
    fix: FIX,
    working: WORKING,
    empty: EMPTY
  };

  get verdict() {
    return VERDICTS[this.status?.verdict] ?? { label: this.status?.verdict, badge: 'slds-badge', icon: 'utility:info' };
  }

  get verdictLabel() {
    return this.verdict.label;
  }

  get verdictClass() {
    return `${this.verdict.badge} verdict`;
  }

  get verdictIcon() {
    return this.verdict.icon;
  }

  get heartbeatText() {
    return this.dateWithAge(this.status?.lastHeartbeat) || NEVER;
  }

  get tokenText() {
    switch (this.status?.tokenState) {
      case 'Missing':
        return TOKEN_MISSING;
      case 'Present':
        return this.dateWithAge(this.status.tokenLastUsed) || TOKEN_NOT_USED;
      default:
        return TOKEN_UNKNOWN;
    }
  }

  get causes() {
    return (this.status?.causes ?? []).map((cause) => {
      const severity = SEVERITIES[cause.severity] ?? { label: cause.severity, badge: 'slds-badge' };
      // A date comes as a value (messageAt, the message's {0}), formatted in the user's locale like every date.
      const message = cause.messageAt ? formatLabel(cause.message, formatDateTime(cause.messageAt)) : cause.message;
      return {
        ...cause,
        message,
        severityLabel: severity.label,
        severityClass: severity.badge,
        canFix: this.canManage && cause.fixAction === REPAIR_ACTION,
        sectionLink: this.sectionLinkOf(cause.code),
        fixTitle: formatLabel(FIX_TITLE, message)
      };
    });
  }

  get hasCauses() {
    return this.causes.length > 0;
  }

  /** "Show in Scheduled jobs": the section whose row fixes the cause; none for a cause the page does not place. */
  sectionLinkOf(code) {
    const place = locateFinding(code);
    return place ? formatLabel(SHOW_IN_SECTION, SECTION_LABELS[place.section]) : null;
  }

  handleShowInSection(event) {
    const place = locateFinding(event.target.dataset.code);
    if (place) {
      this.dispatchEvent(new CustomEvent('navigate', { detail: { ...place } }));
    }
  }

  async handleFix(event) {
    const opener = event.target;
    const code = opener.dataset.code;
    // MISSING_<requirement> repairs that requirement; any other finding repairs everything it summarises.
    const requirementName = code.startsWith(MISSING_PREFIX) ? code.slice(MISSING_PREFIX.length) : null;
    const requirementLabel = requirementName ? (this.requirementLabels?.[requirementName] ?? requirementName) : null;
    await confirmAndRepair(this, requirementName, requirementLabel, (working) => {
      this.isWorking = working;
    });
    this.focusAfterDialog(opener);
  }

  /**
   * Focus back on the Fix button. The refresh that follows may remove its cause (fixed): focus then moves to the
   * verdict rather than falling to the page body.
   */
  async focusAfterDialog(opener) {
    await returnFocus(opener);
    this.watchedOpener = opener;
    this.focusVerdictIfOpenerGone();
  }

  renderedCallback() {
    this.focusVerdictIfOpenerGone();
  }

  focusVerdictIfOpenerGone() {
    const opener = this.watchedOpener;
    if (!opener || opener.isConnected) {
      return;
    }
    this.watchedOpener = null;
    const focusLost = !document.activeElement || document.activeElement === document.body;
    const verdict = this.template.querySelector('[data-id="verdict"]');
    if (focusLost && verdict) {
      verdict.focus();
    }
  }

  dateWithAge(isoValue) {
    const formatted = formatDateTime(isoValue);
    if (!formatted) {
      return '';
    }
    const age = relativeAge(isoValue, this.generatedAt);
    return age ? formatLabel(AT_AGE, formatted, age) : formatted;
  }
}

/** "5 minutes ago", "2 days ago" in the user's locale; empty when either date is missing. */
function relativeAge(isoValue, nowIso) {
  const then = new Date(isoValue).getTime();
  const now = nowIso ? new Date(nowIso).getTime() : Number.NaN;
  if (Number.isNaN(then) || Number.isNaN(now)) {
    return '';
  }
  const minutes = Math.round((then - now) / 60000);
  const format = new Intl.RelativeTimeFormat(LOCALE, { numeric: 'auto' });
  if (Math.abs(minutes) < 60) {
    return format.format(minutes, 'minute');
  }
  const hours = Math.round(minutes / 60);
  if (Math.abs(hours) < 48) {
    return format.format(hours, 'hour');
  }
  return format.format(Math.round(hours / 24), 'day');
}
