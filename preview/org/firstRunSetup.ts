import type {
  AdminHome,
  AuditView,
  ConnectionView,
  EventView,
  JobView,
  SetupStepKey,
  SetupStepView,
  SetupView
} from '../../scripts/contract/types.ts';
import { isIntegrationLicense } from './integrationLicense.ts';
import { label } from './labels.ts';
import { REPAIR_ACTION } from './status.ts';

/**
 * Twin of FirstRunSetupService: Admin Home's guided first-run setup, four steps in order, each Done, Current (the first
 * not done) or ToDo, computed from the page's own sections. Active while the connector has never been set up (no
 * previous connector user, no heartbeat ever) and a step is left.
 */

/** ScheduledJobService: the states of a job with a live trigger. */
const LIVE_JOB_STATES = new Set(['Waiting', 'Running', 'Paused']);
/** ConnectionService.ACTION_CONNECT / ACTION_SEND_LINK */
const ACTION_CONNECT = 'Connect user';
const ACTION_SEND_LINK = 'Send authorization link';
const API_USER_ONLY = 'PermissionsApiUserOnly';

type SectionsRead = Pick<AdminHome, 'settings' | 'connection' | 'audit' | 'jobs' | 'events'>;

function step(
  key: SetupStepKey,
  done: boolean,
  detail: string | null,
  missing: string[] = [],
  detailAt: string | null = null
): SetupStepView {
  return { key, state: done ? 'Done' : 'ToDo', detail, detailAt, missing };
}

function checklistStep(connection: ConnectionView, key: string) {
  return (connection.steps ?? []).find((s) => s.key === key);
}

function userStep(connection: ConnectionView): SetupStepView {
  const userSet = checklistStep(connection, 'userSet');
  return step('user', userSet?.done === true, userSet?.detail ?? null);
}

function accessStep(audit: AuditView): SetupStepView {
  const missing: string[] = [];
  let requiredMissing = false;
  for (const result of audit.results ?? []) {
    if (result.state !== 'Missing') continue;
    if (result.severity === 'Required') {
      requiredMissing = true;
      missing.push(result.label);
    } else if (result.severity === 'Recommended' && result.fixAction === REPAIR_ACTION) missing.push(result.label);
  }
  const done = Boolean(audit.userId) && !requiredMissing;
  const detail = done ? label('Setup_AccessDone') : label('Setup_AccessMissing', missing.length);
  return step('access', done, audit.userId ? detail : null, missing);
}

/** Who the link went to since the connector user was last chosen (newest first); null when not sent since. */
function linkSentTo(events: EventView[] | null): string | null {
  for (const event of events ?? []) {
    if (event.outcome !== 'Success') continue;
    if (event.action === ACTION_SEND_LINK) return event.target;
    if (event.action === ACTION_CONNECT) return null;
  }
  return null;
}

function authorizeStep(page: SectionsRead, connection: ConnectionView, apiOnly: boolean): SetupStepView {
  const authorized = checklistStep(connection, 'authorized');
  // The checklist's date travels as a value, formatted by the page like every date.
  if (authorized?.done === true) return step('authorize', true, authorized.detail, [], authorized.detailAt ?? null);
  const sentTo = apiOnly ? null : linkSentTo(page.events);
  if (sentTo !== null) return step('authorize', true, label('Setup_LinkSent', sentTo));
  return step('authorize', false, apiOnly ? label('Status_FixNoTokenApiOnly') : null);
}

function jobsStep(connection: ConnectionView, jobs: JobView[]): SetupStepView {
  const active = jobs.filter((job) => job.definitionName && job.isActive === true);
  const running = active.filter(
    (job) => LIVE_JOB_STATES.has(job.state) && Boolean(connection.userId) && job.runAsUserId === connection.userId
  ).length;
  // Without a connector user there is no one for the jobs to run as yet: nothing to count.
  let detail: string | null = null;
  if (active.length === 0) detail = label('Connection_StepJobsNone');
  else if (connection.userId) detail = label('Setup_JobsDetail', running, active.length, connection.displayName);
  return step('jobs', Boolean(connection.userId) && running === active.length, detail);
}

/**
 * FirstRunSetupService.isApiOnly: the Integration license, or API Only User granted.
 * platform-rule: salesforce-integration-user-license — the license's profile restricts its users to the API.
 * platform-rule: api-only-user-no-ui-login — such a user cannot sign in at the link's login page to click Allow.
 */
export function isApiOnly(audit: AuditView): boolean {
  if (isIntegrationLicense(audit.licenseName)) return true;
  return (audit.results ?? []).some((r) => r.target === API_USER_ONLY && r.state === 'Met');
}

/** FirstRunSetupService.getSetup(page): null when settings, connection, audit or jobs could not be read. */
export function setupView(page: SectionsRead): SetupView | null {
  const { settings, connection, audit, jobs } = page;
  if (!settings || !connection || !audit || !jobs) return null;
  const apiOnly = isApiOnly(audit);
  const steps = [
    userStep(connection),
    accessStep(audit),
    authorizeStep(page, connection, apiOnly),
    jobsStep(connection, jobs)
  ];
  let currentStep: SetupStepKey | null = null;
  // Each step needs the ones before it (the audit, the link and the jobs are the connector user's).
  let before = true;
  for (const s of steps) {
    const done: boolean = before && s.state === 'Done';
    if (!done && currentStep === null) {
      currentStep = s.key;
      s.state = 'Current';
    } else if (!done) s.state = 'ToDo';
    before = done;
  }
  const neverSetUp = !connection.previousUserId && !settings.lastHeartbeat;
  return { active: neverSetUp && currentStep !== null, currentStep, apiOnly, steps };
}
