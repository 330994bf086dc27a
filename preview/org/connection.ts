import { ConnectionSelector } from './selectors/ConnectionSelector.ts';
import type {
  ActionResult,
  ChecklistStepView,
  ConnectionView,
  DisconnectImpactView,
  SaveResult,
  TokenAccessView,
  TokenUserView,
  UserOptionView
} from '../../scripts/contract/types.ts';
import { label } from './labels.ts';
import { findUsableCsmField } from '../../scripts/lib/csm-field.ts';
import type { Org } from './org.ts';
import type { ConnectorSettingsRecord, OauthTokenRecord, UserRecord } from './state.ts';
import {
  canCustomizeApplication,
  countOauthTokens,
  OAUTH_TOKEN_MAX_ROWS,
  PlatformException,
  queryOauthTokens,
  revokeToken
} from './oauthTokens.ts';

/**
 * Twins of the connection capability: ConnectionService, OauthUsageService and the write side of
 * ConnectorSettingsService. Same rules and messages as the Apex (messages come from the custom labels).
 */

/** ConnectionSelector.SEARCH_LIMIT / MIN_SEARCH_LENGTH */
export const SEARCH_LIMIT = 20;
export const MIN_SEARCH_LENGTH = 2;
/** ConnectorSettingsService.MAX_SCOPE_SIZE */
export const MAX_SCOPE_SIZE = 2000;

const ACTION_CONNECT = 'Connect user';
const ACTION_DISCONNECT = 'Disconnect user';
const ACTION_SEND_LINK = 'Send authorization link';
const ACTION_REVOKE = 'Revoke OAuth tokens';
const ACTION_SAVE = 'Save settings';

/** String.format(System.Label.X, new List<Object>{ ... }). */
export const format = label;

/**
 * ConnectionService.dateSlot: a checklist step's date is a value (detailAt) that the page formats in the user's
 * locale; the detail keeps {0} for it, or '-' when there is none.
 */
function dateSlot(iso: string | null | undefined): string {
  return iso ? '{0}' : '-';
}

/** Datetime.format(): the running user's locale and time zone. */
export function formatDatetime(org: Org, iso: string | null | undefined): string {
  if (!iso) return '-';
  const user = org.runningUser();
  return new Intl.DateTimeFormat(user.LocaleSidKey.replace('_', '-'), {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone: user.TimeZoneSidKey
  }).format(new Date(iso));
}

/** ConnectorConfigSelector: the org defaults of ConnectorSettings__c, created blank on first write. */
export function settingsOf(org: Org): ConnectorSettingsRecord {
  if (!org.state.settings) {
    org.state.settings = {
      ConnectorUserId__c: null,
      ConnectedAppName__c: null,
      PlatformBaseUrl__c: null,
      ConsumerKey__c: null,
      CallbackUrl__c: null,
      IntegrationPermissionSetName__c: null,
      ClientSecret__c: null,
      ClientSecretSetAt__c: null,
      ClientSecretSetBy__c: null,
      ApiKey__c: null,
      ApiKeySetAt__c: null,
      ApiKeySetBy__c: null,
      CsmEmailField__c: null,
      CsmSyncEnabled__c: false,
      CsmSyncScopeSize__c: null,
      LastHeartbeat__c: null,
      LastHeartbeatUserId__c: null,
      AlertsMuted__c: false,
      AlertEmail__c: false,
      AlertDigest__c: false,
      LastAlertAt__c: null
    };
  }
  return org.state.settings;
}

/** ConnectorSettingsService.toUserId(): a stored id that names a user, else null. */
function toUserId(value: string | null | undefined): string | null {
  return value && /^005[A-Za-z0-9]{12}(?:[A-Za-z0-9]{3})?$/.test(value.trim()) ? value.trim() : null;
}

/** Ids compare as 15-character case-sensitive prefixes, like Apex Id equality. */
function sameId(a: string | null | undefined, b: string | null | undefined): boolean {
  return Boolean(a && b && a.slice(0, 15) === b.slice(0, 15));
}

/** ConnectorSettingsService.setConnectorUser(): remembers the user it replaces. */
function setConnectorUser(org: Org, userId: string | null): string | null {
  const settings = settingsOf(org);
  const previous = toUserId(settings.ConnectorUserId__c);
  settings.ConnectorUserId__c = userId;
  if (previous) settings.PreviousConnectorUserId__c = previous;
  settings.ConnectorUserChangedAt__c = org.now().toISOString();
  return previous;
}

function log(
  org: Org,
  action: string,
  target: string | null,
  outcome: 'Success' | 'Failure' | 'NoChange',
  detail: string
) {
  org.logEvent({ Action__c: action, Target__c: target, Outcome__c: outcome, Detail__c: detail });
}

// ---- OAuth usage (OauthUsageService) ----

/** OauthUsageService.getTokenRows(): the connected app's tokens the running user may see (at most 2,500). */
export function tokenRows(org: Org): OauthTokenRecord[] {
  const appName = org.state.settings?.ConnectedAppName__c;
  return appName ? queryOauthTokens(org, { appName }) : [];
}

/** OauthUsageService.getTokenAccess(): whose tokens the list shows, and whether the 2,500-row cap cut it. */
export function tokenAccess(org: Org, rows: OauthTokenRecord[]): TokenAccessView {
  const appName = org.state.settings?.ConnectedAppName__c ?? null;
  const totalCount = rows.length >= OAUTH_TOKEN_MAX_ROWS && appName ? countOauthTokens(org, { appName }) : rows.length;
  return {
    canSeeAllUsers: !appName || canCustomizeApplication(org, org.state.runningUserId),
    shownCount: rows.length,
    totalCount,
    truncated: totalCount > rows.length
  };
}

/** OauthUsageService.canSeeTokensOf(): own tokens, or anyone's with Customize Application. */
export function canSeeTokensOf(org: Org, userId: string): boolean {
  return userId === org.state.runningUserId || canCustomizeApplication(org, org.state.runningUserId);
}

/** OauthUsageService.getTokenUsers(): one view per user, connector user first, then most recently used. */
export function tokenUsers(org: Org, rows: OauthTokenRecord[] = tokenRows(org)): TokenUserView[] {
  const connectorId = toUserId(org.state.settings?.ConnectorUserId__c);
  const byUser = new Map<string, TokenUserView>();
  for (const row of rows) {
    let view = byUser.get(row.UserId);
    if (!view) {
      view = {
        userId: row.UserId,
        userName: org.user(row.UserId)?.Name ?? row.UserId,
        isConnectorUser: sameId(row.UserId, connectorId),
        tokenCount: 0,
        lastUsed: null,
        firstCreated: null,
        useCount: 0
      };
      byUser.set(row.UserId, view);
    }
    view.tokenCount++;
    view.useCount += row.UseCount ?? 0;
    if (row.LastUsedDate && (!view.lastUsed || row.LastUsedDate > view.lastUsed)) view.lastUsed = row.LastUsedDate;
    if (!view.firstCreated || row.CreatedDate < view.firstCreated) view.firstCreated = row.CreatedDate;
  }
  const time = (iso: string | null) => (iso ? Date.parse(iso) : 0);
  return [...byUser.values()].sort(
    (a, b) =>
      Number(b.isConnectorUser) - Number(a.isConnectorUser) ||
      time(b.lastUsed) - time(a.lastUsed) ||
      a.userName.localeCompare(b.userName)
  );
}

export interface TokenFinding {
  code: 'OldConnectorUserAuthorized' | 'ConnectorUserNotAuthorized';
  severity: 'Required';
  message: string;
  fix: string;
  fixAction: 'revokeUserTokens' | 'sendAuthorizationLink';
  userId: string;
}

/** OauthUsageService.getFindings(): for the status verdict. */
export function tokenFindings(org: Org): TokenFinding[] {
  const settings = org.state.settings;
  const appName = settings?.ConnectedAppName__c ?? null;
  const connectorId = toUserId(settings?.ConnectorUserId__c);
  const users = tokenUsers(org);
  const findings: TokenFinding[] = users
    .filter((user) => !user.isConnectorUser)
    .map((user) => ({
      code: 'OldConnectorUserAuthorized',
      severity: 'Required',
      message: format('Tokens_FindingOldUser', user.userName, appName),
      fix: format('Tokens_FindingOldUserFix', user.userName),
      fixAction: 'revokeUserTokens',
      userId: user.userId
    }));
  if (connectorId && appName && !users.some((user) => user.isConnectorUser) && canSeeTokensOf(org, connectorId)) {
    findings.push({
      code: 'ConnectorUserNotAuthorized',
      severity: 'Required',
      message: format('Tokens_FindingNotAuthorized', appName),
      fix: label('Tokens_FindingNotAuthorizedFix'),
      fixAction: 'sendAuthorizationLink',
      userId: connectorId
    });
  }
  return findings;
}

/** OauthUsageService.revoke(): audit-logged, without the flush; rows already read, or read here. */
function revoke(org: Org, userId: string, confirmCurrentUser: boolean, rows?: OauthTokenRecord[]): ActionResult {
  const settings = org.state.settings;
  const appName = settings?.ConnectedAppName__c ?? null;
  const refuse = (message: string): ActionResult => {
    log(org, ACTION_REVOKE, userId, 'Failure', message);
    return { ok: false, changed: false, message };
  };
  if (sameId(userId, toUserId(settings?.ConnectorUserId__c)) && !confirmCurrentUser) {
    return refuse(label('Tokens_RevokeCurrentUserRefused'));
  }
  if (!canSeeTokensOf(org, userId)) return refuse(label('Tokens_CustomizeApplicationRequired'));
  const tokens = (rows ?? tokenRows(org)).filter((t) => sameId(t.UserId, userId) && t.DeleteToken);
  const userName = org.user(userId)?.Name ?? userId;
  if (tokens.length === 0) {
    const message = format('Tokens_RevokeNone', userName, appName);
    log(org, ACTION_REVOKE, userId, 'NoChange', message);
    return { ok: true, changed: false, message };
  }
  let revoked = 0;
  const errors = new Set<string>();
  for (const token of tokens) {
    try {
      if (revokeToken(org, 'DELETE_TOKEN', token.DeleteToken)) revoked++;
      else errors.add(label('Tokens_RevokeTokenRefused'));
    } catch (error) {
      if (!(error instanceof PlatformException) || error.exceptionType !== 'System.NoDataFoundException') throw error;
      errors.add(label('Tokens_RevokeTokenInvalid'));
    }
  }
  const ok = errors.size === 0;
  const message = ok
    ? format('Tokens_Revoked', revoked, userName, appName)
    : format('Tokens_RevokePartial', revoked, tokens.length, userName, [...errors].join('; '));
  log(org, ACTION_REVOKE, `${userName} (${userId})`, ok ? 'Success' : 'Failure', message);
  return { ok, changed: revoked > 0, message };
}

/** AdminHomeController.revokeUserTokens() */
export function revokeUserTokens(org: Org, userId: unknown, confirmCurrentUser: unknown): ActionResult {
  if (typeof userId !== 'string' || !userId) {
    throw new Error('Choose the user whose tokens to revoke.');
  }
  return revoke(org, userId, confirmCurrentUser === true);
}

// ---- connection (ConnectionService) ----

/** The package's job names: JobName__c of the active definitions. */
function activeJobNames(org: Org): Set<string> {
  return new Set(
    org
      .jobDefinitions()
      .filter((job) => job.active)
      .map((job) => job.jobName)
  );
}

function jobTriggersOwnedBy(org: Org, userId: string | null) {
  const names = activeJobNames(org);
  return userId ? ConnectionSelector.getJobTriggers(org, names).filter((t) => sameId(t.OwnerId, userId)) : [];
}

function encode(value: string | null | undefined): string {
  // EncodingUtil.urlEncode(): form encoding, a space becomes '+'.
  return encodeURIComponent(value ?? '').replace(/%20/g, '+');
}

/** ConnectionService.buildAuthorizationUrl(): this org's My Domain authorize endpoint. */
export function buildAuthorizationUrl(org: Org, settings: ConnectorSettingsRecord, loginHint: string | null): string {
  const url =
    `${org.state.organization.InstanceUrl}/services/oauth2/authorize?response_type=code` +
    `&client_id=${encode(settings.ConsumerKey__c)}&redirect_uri=${encode(settings.CallbackUrl__c)}` +
    `&prompt=${encode('login consent')}`;
  return loginHint ? `${url}&login_hint=${encode(loginHint)}` : url;
}

function authorizationUrlProblem(
  settings: ConnectorSettingsRecord | null,
  connector: UserRecord | undefined
): string | null {
  if (!connector) return label('Connection_LinkNeedsUser');
  if (!settings?.ConsumerKey__c?.trim() || !settings.CallbackUrl__c?.trim())
    return label('Connection_LinkNeedsSettings');
  return null;
}

function steps(org: Org, user: UserRecord | undefined, tokens: TokenUserView[]): ChecklistStepView[] {
  const settings = org.state.settings;
  const userSet: ChecklistStepView = {
    key: 'userSet',
    label: label('Connection_StepUserSet'),
    done: user?.IsActive === true,
    detail: !user
      ? label('Connection_StepUserSetMissing')
      : !user.IsActive
        ? format('Connection_StepUserSetInactive', user.Name)
        : `${user.Name} (${user.Username})`,
    detailAt: null
  };
  const token = user ? tokens.find((t) => sameId(t.userId, user.Id)) : undefined;
  const authorized: ChecklistStepView = {
    key: 'authorized',
    label: label('Connection_StepAuthorized'),
    done: Boolean(token),
    detail: token
      ? format('Connection_StepAuthorizedDone', dateSlot(token.lastUsed), token.tokenCount)
      : label('Connection_StepAuthorizedMissing'),
    detailAt: token?.lastUsed ?? null
  };
  const heartbeat = settings?.LastHeartbeat__c ?? null;
  const changedAt = settings?.ConnectorUserChangedAt__c ?? null;
  const heartbeatDone =
    Boolean(heartbeat) &&
    Boolean(user) &&
    sameId(settings?.LastHeartbeatUserId__c, user?.Id) &&
    (!changedAt || (heartbeat ?? '') >= changedAt);
  const heartbeatStep: ChecklistStepView = {
    key: 'heartbeat',
    label: label('Connection_StepHeartbeat'),
    done: heartbeatDone,
    detail: format(
      heartbeatDone ? 'Connection_StepHeartbeatDone' : 'Connection_StepHeartbeatMissing',
      dateSlot(heartbeatDone ? heartbeat : changedAt)
    ),
    detailAt: (heartbeatDone ? heartbeat : changedAt) ?? null
  };
  const names = activeJobNames(org);
  const triggers = ConnectionSelector.getJobTriggers(org, names);
  const owned = user ? triggers.filter((t) => sameId(t.OwnerId, user.Id)).length : 0;
  const scheduled = new Set(triggers.map((t) => t.JobName));
  const jobs: ChecklistStepView = {
    key: 'jobsOwned',
    label: label('Connection_StepJobs'),
    done: Boolean(user) && owned >= names.size && [...names].every((name) => scheduled.has(name)),
    detail:
      names.size === 0
        ? label('Connection_StepJobsNone')
        : format('Connection_StepJobsDetail', owned, names.size, user?.Name ?? '-'),
    detailAt: null
  };
  const others = tokens.filter((t) => !t.isConnectorUser).map((t) => t.userName);
  const oldTokens: ChecklistStepView = {
    key: 'oldTokensRevoked',
    label: label('Connection_StepOldTokens'),
    done: others.length === 0,
    detail:
      others.length === 0
        ? label('Connection_StepOldTokensDone')
        : format('Connection_StepOldTokensMissing', others.join(', ')),
    detailAt: null
  };
  return [userSet, authorized, heartbeatStep, jobs, oldTokens];
}

/** ConnectionService.getConnectionView() */
export function connectionView(org: Org, tokens: TokenUserView[]): ConnectionView {
  const settings = org.state.settings;
  const userId = toUserId(settings?.ConnectorUserId__c);
  const previousId = toUserId(settings?.PreviousConnectorUserId__c);
  const user = org.user(userId);
  const previous = org.user(previousId);
  const problem = authorizationUrlProblem(settings, user);
  return {
    userId: user ? user.Id : null,
    displayName: user?.Name ?? null,
    username: user?.Username ?? null,
    isActive: user?.IsActive === true,
    lastLogin: user?.LastLoginDate ?? null,
    previousUserId: previousId,
    previousUserName: previous?.Name ?? null,
    changedAt: settings?.ConnectorUserChangedAt__c ?? null,
    authorizationUrl: problem === null && settings && user ? buildAuthorizationUrl(org, settings, user.Username) : null,
    authorizationUrlProblem: problem,
    steps: steps(org, user, tokens)
  };
}

/** ConnectionSelector.searchActiveUsers(): name, username or email contains the term. */
export function searchUsers(org: Org, term: unknown): UserOptionView[] {
  const trimmed = typeof term === 'string' ? term.trim().toLowerCase() : '';
  if (trimmed.length < MIN_SEARCH_LENGTH) return [];
  return ConnectionSelector.searchActiveUsers(org, trimmed, SEARCH_LIMIT).map((u) => ({
    id: u.Id,
    name: u.Name,
    username: u.Username,
    email: u.Email
  }));
}

/** ConnectionService.connect() */
export function connectUser(org: Org, userId: unknown): ActionResult {
  const user = typeof userId === 'string' ? org.user(userId) : undefined;
  if (!user || !user.IsActive) {
    const message = label('Connection_ChooseActiveUser');
    log(org, ACTION_CONNECT, typeof userId === 'string' ? userId : null, 'Failure', message);
    return { ok: false, changed: false, message };
  }
  const target = `${user.Name} (${user.Username})`;
  if (sameId(toUserId(org.state.settings?.ConnectorUserId__c), user.Id)) {
    const message = format('Connection_AlreadyConnected', user.Name);
    log(org, ACTION_CONNECT, target, 'NoChange', message);
    return { ok: true, changed: false, message };
  }
  const previous = setConnectorUser(org, user.Id);
  const message = format('Connection_Connected', user.Name);
  // People by name: the id only when the previous user no longer exists.
  const previousName = previous ? (org.user(previous)?.Name ?? previous) : null;
  log(
    org,
    ACTION_CONNECT,
    target,
    'Success',
    previousName ? `${message} ${format('Connection_PreviousUserDetail', previousName)}` : message
  );
  return { ok: true, changed: true, message };
}

/** ConnectionService.getDisconnectImpact() */
export function disconnectImpact(org: Org, rows: OauthTokenRecord[] = tokenRows(org)): DisconnectImpactView {
  const userId = toUserId(org.state.settings?.ConnectorUserId__c);
  return {
    userId,
    userName: org.user(userId)?.Name ?? null,
    jobNames: jobTriggersOwnedBy(org, userId).map((t) => t.JobName),
    tokenCount: tokenUsers(org, rows).find((t) => sameId(t.userId, userId))?.tokenCount ?? 0
  };
}

/**
 * ConnectionService.disconnect(): stops jobs and revokes tokens only when asked.
 * platform-rule: oauthtoken-uncommitted-work — reads the tokens first: after System.abortJob or DML, a query of
 * OauthToken in the same call fails (oauthTokens.ts).
 */
export function disconnectUser(org: Org, stopJobs: unknown, revokeTokens: unknown): ActionResult {
  const rows = tokenRows(org);
  const impact = disconnectImpact(org, rows);
  if (!impact.userId) {
    const message = label('Connection_NoUserToDisconnect');
    log(org, ACTION_DISCONNECT, null, 'NoChange', message);
    return { ok: true, changed: false, message };
  }
  const userName = impact.userName ?? impact.userId;
  const parts = [format('Connection_Disconnected', userName)];
  let ok = true;
  const triggers = jobTriggersOwnedBy(org, impact.userId);
  let tokensPart: string | null = null;
  if (revokeTokens === true && impact.tokenCount > 0) {
    const revoked = revoke(org, impact.userId, true, rows);
    ok = revoked.ok;
    tokensPart = revoked.message;
  } else if (impact.tokenCount > 0) {
    tokensPart = format('Connection_TokensKept', impact.tokenCount, userName);
  }
  if (stopJobs === true) {
    // System.abortJob
    const ids = new Set(triggers.map((t) => t.Id));
    org.state.cronTriggers = org.state.cronTriggers.filter((t) => !ids.has(t.Id));
    if (triggers.length > 0) parts.push(format('Connection_JobsStopped', impact.jobNames.join(', ')));
  } else if (triggers.length > 0) {
    parts.push(format('Connection_JobsStillRunning', userName, impact.jobNames.join(', ')));
  }
  if (tokensPart) parts.push(tokensPart);
  setConnectorUser(org, null);
  const message = parts.join(' ');
  log(org, ACTION_DISCONNECT, `${userName} (${impact.userId})`, ok ? 'Success' : 'Failure', message);
  return { ok, changed: true, message };
}

/** ConnectionService.sendAuthorizationLink(): the preview has no mail server; it records the send. */
export function sendAuthorizationLink(org: Org, recipientId: unknown): ActionResult {
  const settings = org.state.settings;
  const connector = org.user(toUserId(settings?.ConnectorUserId__c));
  const recipient = typeof recipientId === 'string' ? org.user(recipientId) : undefined;
  let problem = authorizationUrlProblem(settings, connector);
  if (problem === null && (!recipient || !recipient.IsActive)) problem = label('Connection_ChooseActiveRecipient');
  const target = recipient ? `${recipient.Name} <${recipient.Email}>` : String(recipientId);
  if (problem !== null || !recipient) {
    const message = problem ?? label('Connection_ChooseActiveRecipient');
    log(org, ACTION_SEND_LINK, target, 'Failure', message);
    return { ok: false, changed: false, message };
  }
  const message = format('Connection_LinkSent', recipient.Name, recipient.Email);
  log(org, ACTION_SEND_LINK, target, 'Success', message);
  return { ok: true, changed: false, message };
}

// ---- settings (ConnectorSettingsService.saveSettings) ----

type FieldKind = 'text' | 'boolean' | 'number';
interface EditableField {
  field: keyof ConnectorSettingsRecord;
  label: string;
  kind: FieldKind;
  length: number;
}

/** ConnectorSettingsService.EDITABLE_FIELDS with each field's label and length (from the field XML). */
const EDITABLE_FIELDS: Record<string, EditableField> = {
  connectorUserId: { field: 'ConnectorUserId__c', label: 'Connector User Id', kind: 'text', length: 18 },
  connectedAppName: { field: 'ConnectedAppName__c', label: 'Connected App Name', kind: 'text', length: 255 },
  platformBaseUrl: { field: 'PlatformBaseUrl__c', label: 'Platform Base URL', kind: 'text', length: 255 },
  consumerKey: { field: 'ConsumerKey__c', label: 'Consumer Key', kind: 'text', length: 255 },
  callbackUrl: { field: 'CallbackUrl__c', label: 'Callback URL', kind: 'text', length: 255 },
  integrationPermissionSetName: {
    field: 'IntegrationPermissionSetName__c',
    label: 'Integration Permission Set Name',
    kind: 'text',
    length: 80
  },
  csmEmailField: { field: 'CsmEmailField__c', label: 'CSM Email Field', kind: 'text', length: 80 },
  csmSyncEnabled: { field: 'CsmSyncEnabled__c', label: 'CSM Sync Enabled', kind: 'boolean', length: 0 },
  csmSyncScopeSize: { field: 'CsmSyncScopeSize__c', label: 'CSM Sync Scope Size', kind: 'number', length: 0 },
  alertsMuted: { field: 'AlertsMuted__c', label: 'Alerts Muted', kind: 'boolean', length: 0 },
  alertEmail: { field: 'AlertEmail__c', label: 'Alert Email', kind: 'boolean', length: 0 },
  alertDigest: { field: 'AlertDigest__c', label: 'Alert Daily Digest', kind: 'boolean', length: 0 }
};
const REQUIRED_KEYS = new Set(['connectedAppName', 'platformBaseUrl', 'consumerKey', 'callbackUrl']);
const URL_KEYS = new Set(['platformBaseUrl', 'callbackUrl']);
const HTTPS_URL = /^https:\/\/[A-Za-z0-9.-]+(:[0-9]{1,5})?(\/\S*)?$/;
const API_NAME = /^[A-Za-z](?:[A-Za-z0-9]|_(?!_))*(?<!_)$/;
const SECRETS: Record<string, { label: string; prefix: 'ClientSecret' | 'ApiKey' }> = {
  clientSecret: { label: 'Settings_ClientSecret', prefix: 'ClientSecret' },
  apiKey: { label: 'Settings_ApiKey', prefix: 'ApiKey' }
};

class InvalidSetting extends Error {}

function parseValue(org: Org, key: string, spec: EditableField, raw: unknown): string | number | boolean | null {
  if (spec.kind === 'boolean') {
    if (raw === null || raw === undefined || typeof raw === 'boolean') return raw === true;
    throw new InvalidSetting(label('Settings_ErrorBoolean'));
  }
  if (spec.kind === 'number') {
    if (raw === null || raw === undefined || (typeof raw === 'string' && !raw.trim())) return null;
    const size =
      typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d+$/.test(raw.trim()) ? Number(raw) : NaN;
    if (!Number.isInteger(size) || size < 1 || size > MAX_SCOPE_SIZE) {
      throw new InvalidSetting(format('Settings_ErrorScopeSize', MAX_SCOPE_SIZE));
    }
    return size;
  }
  if (raw !== null && raw !== undefined && typeof raw !== 'string')
    throw new InvalidSetting(label('Settings_ErrorText'));
  const value = (raw ?? '').trim();
  if (!value) {
    if (REQUIRED_KEYS.has(key)) throw new InvalidSetting(format('Settings_ErrorRequired', spec.label));
    return null;
  }
  if (value.length > spec.length) throw new InvalidSetting(format('Settings_ErrorTooLong', spec.label, spec.length));
  if (URL_KEYS.has(key) && !HTTPS_URL.test(value)) throw new InvalidSetting(label('Settings_ErrorHttps'));
  if (key === 'consumerKey' && /\s/.test(value)) throw new InvalidSetting(label('Settings_ErrorConsumerKey'));
  if (key === 'integrationPermissionSetName' && !API_NAME.test(value)) {
    throw new InvalidSetting(label('Settings_ErrorApiName'));
  }
  // The CSM card's rule (Email or Text), so the settings form accepts every field the card offers.
  if (key === 'csmEmailField' && !findUsableCsmField(org.accountFields(), value)) {
    throw new InvalidSetting(format('Settings_ErrorEmailField', value));
  }
  if (key === 'connectorUserId') {
    const user = org.user(toUserId(value) ?? undefined);
    if (!user || !user.IsActive) throw new InvalidSetting(format('Settings_ErrorUser', value));
    return user.Id;
  }
  return value;
}

const describe = (value: unknown) => (value === null || value === undefined ? '(blank)' : `"${String(value)}"`);

/** ConnectorSettingsService.saveSettings(): nothing is saved unless every value is valid. */
export function saveSettings(org: Org, values: unknown, secrets: unknown): SaveResult {
  const plain = (values && typeof values === 'object' ? values : {}) as Record<string, unknown>;
  const secretValues = (secrets && typeof secrets === 'object' ? secrets : {}) as Record<string, unknown>;
  const current = settingsOf(org);
  const next: ConnectorSettingsRecord = { ...current };
  const fieldErrors: Record<string, string> = {};
  const changes: string[] = [];
  for (const [key, raw] of Object.entries(plain)) {
    const spec = EDITABLE_FIELDS[key];
    if (!spec) {
      fieldErrors[key] = format('Settings_ErrorUnknown', key, Object.keys(EDITABLE_FIELDS).sort().join(', '));
      continue;
    }
    try {
      const value = parseValue(org, key, spec, raw);
      const old = current[spec.field] ?? null;
      if (String(value) !== String(old) || (value === null) !== (old === null)) {
        (next as unknown as Record<string, unknown>)[spec.field] = value;
        changes.push(`${key}: ${describe(old)} → ${describe(value)}`);
      }
    } catch (error) {
      if (!(error instanceof InvalidSetting)) throw error;
      fieldErrors[key] = error.message;
    }
  }
  for (const [name, value] of Object.entries(secretValues)) {
    const secret = SECRETS[name];
    if (!secret) {
      fieldErrors[name] = format('Settings_ErrorUnknown', name, Object.keys(SECRETS).sort().join(', '));
    } else if (typeof value !== 'string' || !value.trim()) {
      continue;
    } else if (value.length > 255) {
      fieldErrors[name] = format('Settings_ErrorTooLong', label(secret.label), 255);
    } else {
      next[`${secret.prefix}__c`] = value;
      next[`${secret.prefix}SetAt__c`] = org.now().toISOString();
      next[`${secret.prefix}SetBy__c`] = org.runningUser().Name;
      changes.push(`${name}: set`);
    }
  }
  if (Object.keys(fieldErrors).length > 0) {
    const keys = Object.keys(fieldErrors).sort();
    log(org, ACTION_SAVE, keys.join(', '), 'Failure', `Refused, nothing saved. Invalid: ${keys.join(', ')}`);
    return { ok: false, changed: false, message: label('Settings_SaveRefused'), fieldErrors };
  }
  if (changes.length === 0) {
    const message = label('Settings_NoChange');
    log(org, ACTION_SAVE, null, 'NoChange', message);
    return { ok: true, changed: false, message, fieldErrors };
  }
  if (next.ConnectorUserId__c !== current.ConnectorUserId__c) {
    if (current.ConnectorUserId__c) next.PreviousConnectorUserId__c = current.ConnectorUserId__c;
    next.ConnectorUserChangedAt__c = org.now().toISOString();
  }
  org.state.settings = next;
  log(org, ACTION_SAVE, changes.map((change) => change.split(':')[0]).join(', '), 'Success', changes.join('\n'));
  return { ok: true, changed: true, message: format('Settings_Saved', changes.length), fieldErrors };
}
