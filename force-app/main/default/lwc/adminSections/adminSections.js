/**
 * Admin Home's sections and where each status finding is fixed: the section (tab) and the row inside it.
 * Shared by the page (tab counts, URL state) and the status card (each cause links to its row).
 */
import OVERVIEW from '@salesforce/label/c.AdminHome_SectionOverview';
import USER from '@salesforce/label/c.AdminHome_SectionUser';
import CONNECTION from '@salesforce/label/c.AdminHome_SectionConnection';
import JOBS from '@salesforce/label/c.AdminHome_SectionJobs';
import CSM from '@salesforce/label/c.AdminHome_SectionCsm';
import SETTINGS from '@salesforce/label/c.AdminHome_SectionSettings';
import AUDIT from '@salesforce/label/c.AdminHome_SectionAudit';

export const SECTIONS = ['overview', 'user', 'connection', 'jobs', 'csm', 'settings', 'audit'];
export const DEFAULT_SECTION = 'overview';
export const SECTION_LABELS = {
  overview: OVERVIEW,
  user: USER,
  connection: CONNECTION,
  jobs: JOBS,
  csm: CSM,
  settings: SETTINGS,
  audit: AUDIT
};

const MISSING_PREFIX = 'MISSING_';
const OLD_USER_PREFIX = 'OLD_USER_AUTHORIZED_';
const JOB_PREFIX = 'JOB_';

/** Findings about the user itself are fixed on the user (Setup, or change user in Connection). */
const BY_CODE = {
  NO_CONNECTOR_USER: { section: 'connection', row: 'step-userSet' },
  CONNECTOR_USER_NOT_FOUND: { section: 'connection', row: 'step-userSet' },
  CONNECTOR_USER_INACTIVE: { section: 'user', row: 'user' },
  CONNECTOR_USER_FROZEN: { section: 'user', row: 'user' },
  CONNECTOR_USER_LICENSE: { section: 'user', row: 'user' },
  RECOMMENDED_MISSING: { section: 'user', row: 'recommended' },
  HEARTBEAT_NEVER: { section: 'connection', row: 'step-heartbeat' },
  HEARTBEAT_STALE: { section: 'connection', row: 'step-heartbeat' },
  HEARTBEAT_OTHER_USER: { section: 'connection', row: 'step-heartbeat' },
  NO_OAUTH_TOKEN: { section: 'connection', row: 'step-authorized' },
  TOKEN_IDLE: { section: 'connection', row: 'step-authorized' }
};

/**
 * Where a finding is fixed.
 * @param {string} code FindingView.code
 * @returns {{section: string, row: string}|null} null for a code this page does not place
 */
export function locateFinding(code) {
  if (!code) {
    return null;
  }
  if (BY_CODE[code]) {
    return BY_CODE[code];
  }
  if (code.startsWith(MISSING_PREFIX)) {
    return { section: 'user', row: `requirement-${code.slice(MISSING_PREFIX.length)}` };
  }
  if (code.startsWith(OLD_USER_PREFIX)) {
    return { section: 'connection', row: `token-${code.slice(OLD_USER_PREFIX.length)}` };
  }
  if (code.startsWith(JOB_PREFIX)) {
    return { section: 'jobs', row: `job-${code.slice(JOB_PREFIX.length)}` };
  }
  return null;
}

/**
 * Findings per section.
 * @param {Array<{code: string}>} causes StatusView.causes
 * @returns {Object<string, number>} every section, 0 when it has none
 */
export function countFindings(causes) {
  const counts = Object.fromEntries(SECTIONS.map((section) => [section, 0]));
  for (const cause of causes ?? []) {
    const place = locateFinding(cause.code);
    counts[place ? place.section : DEFAULT_SECTION] += 1;
  }
  return counts;
}

/**
 * The URL state key of the section: state keys carry the component's namespace (`<ns>__section`, `c` without one).
 * The namespace is read from the tab's API name (`<ns>__AdminHome` in a managed package).
 * platform-rule: lwc-page-state-namespaced — un-namespaced state keys are reserved for Salesforce.
 * @param {object} pageReference CurrentPageReference
 * @returns {string}
 */
export function sectionStateKey(pageReference) {
  const apiName = pageReference?.attributes?.apiName ?? '';
  const separator = apiName.indexOf('__');
  const namespace = separator > 0 ? apiName.slice(0, separator) : 'c';
  return `${namespace}__section`;
}
