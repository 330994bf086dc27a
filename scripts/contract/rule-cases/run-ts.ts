/**
 * The one place the rule cases reach the TypeScript services: each function puts a case's given state into an
 * in-memory org and returns what the service decided, in the table's terms. When the in-memory org moves, only
 * the imports of this file change.
 */
import type { RequirementResultView } from '../types.ts';
import { getStatus, type AuditResult } from '../../../preview/org/status.ts';
import { getJobs } from '../../../preview/org/jobs.ts';
import { decideAccounts } from '../../../preview/org/csm.ts';
import { readCustomLabels } from '../../../preview/org/metadata.ts';
import { Org } from '../../../preview/org/org.ts';
import type { OauthTokenRecord, ProfileRecord, UserRecord } from '../../../preview/org/state.ts';
import { formatApex } from '../../lib/message-format.ts';
import type { CsmExpect, CsmGiven, JobsExpect, JobsGiven, LabelText, StatusExpect, StatusGiven } from './types.ts';

/** A fixed clock: the cases say "hours ago" and "days ago". */
export const NOW = new Date('2026-03-02T12:00:00.000Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const RUNNING_USER_ID = '005000000000099AAA';
const RUNNING_PROFILE_ID = '00e000000000099AAA';
const CASE_PROFILE_ID = '00e000000000001AAA';

const labels = readCustomLabels();

/** A custom label formatted like String.format(System.Label.X, values). */
export function labelText([name, ...values]: LabelText): string {
  const template = labels.get(name);
  if (template === undefined) throw new Error(`no custom label ${name}`);
  return values.length === 0 ? template : formatApex(template, values);
}

/** The custom label whose text is this, or the text itself when no label has it. */
function labelNamed(text: string | null): string | null {
  if (text === null) return null;
  for (const [name, value] of labels) if (value === text) return name;
  return text;
}

function user(id: string, name: string, isActive: boolean, isFrozen: boolean, profileId = CASE_PROFILE_ID): UserRecord {
  return {
    Id: id,
    Name: name,
    Username: `${id}@rule.cases`,
    Email: `${id}@rule.cases`,
    IsActive: isActive,
    IsFrozen: isFrozen,
    ProfileId: profileId,
    LastLoginDate: null,
    LocaleSidKey: 'en_US',
    LanguageLocaleKey: 'en_US',
    TimeZoneSidKey: 'GMT'
  };
}

function profile(id: string, licenseName: string, customizeApplication: boolean): ProfileRecord {
  return {
    Id: id,
    Name: `Profile ${id}`,
    UserLicense: licenseName,
    permissions: { PermissionsCustomizeApplication: customizeApplication },
    objectPermissions: {}
  };
}

/** An org holding only a running user (an admin, with or without Customize Application) and what the case adds. */
function emptyOrg(customizeApplication: boolean): Org {
  const org = Org.open({ stateFile: null, now: () => NOW });
  const state = org.state as { -readonly [K in keyof typeof org.state]: (typeof org.state)[K] };
  state.runningUserId = RUNNING_USER_ID;
  state.users = [user(RUNNING_USER_ID, 'Running Admin', true, false, RUNNING_PROFILE_ID)];
  state.profiles = [profile(RUNNING_PROFILE_ID, 'Salesforce', customizeApplication)];
  state.permissionSets = [];
  state.permissionSetAssignments = [];
  state.cronTriggers = [];
  state.oauthTokens = [];
  state.accounts = [];
  state.csmAssignments = [];
  if (state.settings) {
    state.settings.ConnectorUserId__c = null;
    state.settings.ConnectedAppName__c = null;
    state.settings.LastHeartbeat__c = null;
    state.settings.LastHeartbeatUserId__c = null;
  }
  return org;
}

const ago = (ms: number): string => new Date(NOW.getTime() - ms).toISOString();

/** ConnectorStatusService.getStatus over the case's audit, settings, tokens, jobs and job runner. */
export function runStatusCase(given: StatusGiven): StatusExpect {
  const org = emptyOrg(given.runningUserCanCustomizeApplication);
  const settings = org.state.settings;
  if (!settings) throw new Error('the in-memory org has no settings record');
  settings.ConnectorUserId__c = given.connectorUserId;
  settings.ConnectedAppName__c = given.connectedAppName;
  settings.LastHeartbeat__c = given.heartbeatHoursAgo === null ? null : ago(given.heartbeatHoursAgo * HOUR);
  settings.LastHeartbeatUserId__c = given.heartbeatUserId;
  // The connected app is found and its policy is neutral (self-authorized, no idle policy), as the Apex stub says.
  org.state.connectedApplications = given.connectedAppName
    ? [
        {
          Id: '0H45g0000000001AAA',
          Name: given.connectedAppName,
          OptionsAllowAdminApprovedUsersOnly: false,
          OptionsRefreshTokenValidityMetric: false,
          RefreshTokenValidityPeriod: null
        }
      ]
    : [];
  let userRecord: UserRecord | null = null;
  if (given.user) {
    userRecord = user(given.user.id, given.user.name, given.user.isActive, given.user.isFrozen);
    org.state.users.push(userRecord);
    org.state.profiles.push(profile(CASE_PROFILE_ID, given.user.licenseName, false));
  }
  for (const token of given.tokens) {
    if (!org.user(token.userId)) org.state.users.push(user(token.userId, token.userName, true, false));
  }
  (org.state as unknown as { oauthTokens: OauthTokenRecord[] }).oauthTokens = given.tokens.map((token, i) => ({
    Id: null,
    AppName: given.connectedAppName ?? '',
    DeleteToken: `delete-${i}`,
    UserId: token.userId,
    CreatedDate: ago(token.createdDaysAgo * DAY),
    LastUsedDate: token.lastUsedDaysAgo === null ? null : ago(token.lastUsedDaysAgo * DAY),
    UseCount: token.useCount
  }));
  const results: RequirementResultView[] = given.requirements.map((r) => ({
    developerName: r.developerName,
    label: r.developerName,
    kind: 'SystemPermission',
    target: r.target,
    accessLevel: null,
    severity: r.severity,
    condition: null,
    reason: r.developerName,
    state: r.state,
    grantedBy: [],
    fix: null,
    fixAction: r.state === 'Missing' ? 'repairIntegrationAccess' : null,
    setupUrl: null
  }));
  const audit: AuditResult = {
    view: {
      userId: given.connectorUserId,
      userName: given.user?.name ?? null,
      isActive: given.user?.isActive ?? false,
      isFrozen: given.user?.isFrozen ?? false,
      profileName: null,
      licenseName: given.user?.licenseName ?? null,
      integrationPermissionSetName: 'Connector_Integration_Access',
      userSetupUrl: null,
      results
    },
    user: userRecord,
    isConfigured: given.connectorUserId !== null,
    assigned: [],
    integrationPermissionSetName: 'Connector_Integration_Access'
  };
  const jobs = given.jobs.map((job) => ({
    definitionName: job.definitionName,
    label: job.label,
    description: null,
    apexClass: '',
    jobName: job.label,
    isActive: true,
    state: job.state,
    cronTriggerId: job.cronTriggerId,
    cronExpression: null,
    nextFireTime: null,
    previousFireTime: null,
    runAsUserId: null,
    runAsUserName: null,
    warning: job.warning
  }));
  const runner = given.jobRunner && {
    ...given.jobRunner,
    userId: null,
    seenAt: null
  };
  const status = getStatus(org, audit, jobs, runner);
  return {
    verdict: status.verdict,
    tokenState: status.tokenState,
    causes: status.causes.map((cause) => ({ code: cause.code, severity: cause.severity }))
  };
}

/** ScheduledJobService.getJobs over the case's definitions, cron triggers and their owners. */
/** A job as the table compares it: the warning as the text the service wrote. */
export interface JobOutcome {
  label: string;
  definitionName: string | null;
  state: JobsExpect['jobs'][number]['state'];
  runAsUserId: string | null;
  warning: string | null;
}

export function runJobsCase(given: JobsGiven): JobOutcome[] {
  const org = emptyOrg(true);
  if (org.state.settings) org.state.settings.ConnectorUserId__c = given.connectorUserId;
  for (const u of given.users) org.state.users.push(user(u.id, u.name, u.isActive, u.isFrozen));
  org.state.cronTriggers = given.triggers.map((t) => ({
    Id: t.id,
    JobName: t.jobName,
    ApexClass: t.apexClass,
    CronExpression: t.cronExpression,
    // PAUSED_BLOCKED is a CronTrigger.State the in-memory record type does not list; the rule maps it.
    State: t.state as 'WAITING',
    NextFireTime: null,
    PreviousFireTime: null,
    TimesTriggered: 0,
    OwnerId: t.ownerId,
    CreatedDate: NOW.toISOString()
  }));
  const definitions = given.definitions.map((d) => ({ ...d, description: null }));
  return getJobs(org, definitions).map((view) => ({
    label: view.label,
    definitionName: view.definitionName,
    state: view.state,
    runAsUserId: view.runAsUserId,
    warning: view.warning
  }));
}

/** The expected warning: its sentences, each a label formatted with its values, joined by a space. */
export function warningText(sentences: LabelText[]): string | null {
  return sentences.length === 0 ? null : sentences.map(labelText).join(' ');
}

/** CsmSyncService.decideAccounts for one Account holding the case's email. */
export function runCsmCase(given: CsmGiven): CsmExpect {
  const org = emptyOrg(true);
  const field = 'CSM_Email__c';
  const accountId = '001000000000001AAA';
  for (const u of given.users) org.state.users.push({ ...user(u.id, u.id, u.isActive, false), Email: u.email });
  if (given.current) {
    org.state.csmAssignments.push({
      Id: 'a00000000000001AAA',
      Name: 'CSM-0001',
      Account__c: accountId,
      AccountKey__c: accountId,
      CsmUser__c: given.current.csmUserId,
      Source__c: given.current.source,
      SyncedEmail__c: given.current.syncedEmail,
      LastSynced__c: null,
      LastModifiedDate: NOW.toISOString()
    });
  }
  const account = { Id: accountId, Name: 'Rule case account', fields: { [field]: given.email } };
  const [decision] = decideAccounts(org, [account], field);
  if (!decision) return { action: null, unmatched: false, reason: null, newUserId: null };
  return {
    action: decision.action,
    unmatched: decision.unmatched,
    reason: labelNamed(decision.reason),
    newUserId: decision.newUser?.Id ?? null
  };
}
