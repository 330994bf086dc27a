/**
 * The Admin Home contract: the JSON shape of AdminHomeController's DTOs.
 * One type file for Apex DTOs (AdminHomeDtos.cls), LWC fixtures, the preview's in-memory org and the CLI.
 * Dates are ISO-8601 strings in UTC; ids are 18-character Salesforce ids.
 * `npm test` (contract check) fails when an Apex DTO, an interface here, or a fixture disagree.
 * Note: Aura drops null properties of Apex DTOs on the way to the LWC, so components treat a missing
 * property like null.
 */

export type Severity = 'Required' | 'Recommended' | 'Conditional';
export type RequirementKind = 'SystemPermission' | 'ObjectAccess' | 'PackagePermissionSet';
export type Outcome = 'Success' | 'Failure' | 'NoChange';

/**
 * getAdminHome(): everything the page needs in one call. A section the running user cannot read is null and
 * listed in `unreadable` with the reason; the other sections still load.
 */
export interface AdminHome {
  generatedAt: string;
  /** Running user holds the ManageConnector custom permission: actions are enabled. */
  canManage: boolean;
  settings: SettingsView | null;
  requirements: RequirementView[] | null;
  events: EventView[] | null;
  /** The connector user, the authorization link and the reauthorization checklist. */
  connection: ConnectionView | null;
  /** Users holding OAuth tokens of the connector's connected app: connector user first. */
  tokens: TokenUserView[] | null;
  /** What the token list covers (who may see whose tokens, and the 2,500-row cap); null when tokens are unreadable. */
  tokenAccess: TokenAccessView | null;
  csm: CsmView | null;
  /** The package's scheduled jobs (definitions first, in restart order), with their live state. */
  jobs: JobView[] | null;
  /** Who job commands (Start, Restart all) run as, from the last command; absent in older fixtures. */
  jobRunner?: JobRunnerView | null;
  /** The connector's verdict and its causes (ConnectorStatusService). */
  status: StatusView | null;
  /** The connector user checked against every requirement record (IntegrationUserAudit). */
  audit: AuditView | null;
  /** Sections the running user cannot read (Apex always sends the list; empty or absent when all loaded). */
  unreadable?: UnreadableSection[];
  /** The guided first-run setup (FirstRunSetupService); null when a section it is computed from is unreadable. */
  setup: SetupView | null;
}

export type SetupStepKey = 'user' | 'access' | 'authorize' | 'jobs';
export type SetupStepState = 'Done' | 'Current' | 'ToDo';

/** The guided first-run setup: its steps in order, and whether the page opens as it. */
export interface SetupView {
  /** The connector was never set up (no previous connector user, no heartbeat ever) and a step is left. */
  active: boolean;
  /** Key of the first step not done; null when every step is done. */
  currentStep: SetupStepKey | null;
  /** The connector user is API-only: it cannot open the authorization link and click Allow. */
  apiOnly: boolean;
  steps: SetupStepView[];
}

/** One step of the guided setup. */
export interface SetupStepView {
  key: SetupStepKey;
  /** Done, Current (the first step not done) or ToDo. */
  state: SetupStepState;
  /** What is done or left, e.g. the chosen user or how many permissions Fix grants; null when nothing to say. */
  detail: string | null;
  /** The date the detail's {0} stands for, formatted by the page in the user's locale; null when none. */
  detailAt: string | null;
  /** For access: the labels of the requirements Fix grants (Required and Recommended); empty otherwise. */
  missing: string[];
}

/** AdminHome when every section loaded (what an admin sees; tests of a readable org use it). */
export type LoadedAdminHome = { [K in keyof AdminHome]-?: NonNullable<AdminHome[K]> };

/** The AdminHome properties that are read one by one and may be unreadable. */
export type AdminHomeSection =
  'settings' | 'requirements' | 'events' | 'tokens' | 'connection' | 'csm' | 'jobs' | 'audit' | 'status';

/** A section of getAdminHome() the running user cannot read, and what to ask the admin for. */
export interface UnreadableSection {
  section: AdminHomeSection;
  message: string;
}

/** Settings without secret values: secrets are only ever reported as set / not set. */
export interface SettingsView {
  connectorUserId: string | null;
  connectedAppName: string | null;
  platformBaseUrl: string | null;
  integrationPermissionSetName: string;
  csmEmailField: string | null;
  csmSyncEnabled: boolean;
  /** Accounts per CSM sync batch scope; null until set (the batch then uses its default). */
  csmSyncScopeSize: number | null;
  lastHeartbeat: string | null;
  secrets: SecretView[];
  /** Consumer key of the connected app: public (it appears in the authorization link), not a secret. */
  consumerKey: string | null;
  callbackUrl: string | null;
  /** Alerts muted (default off: the health check alerts on a change of verdict); absent from servers before alerts. */
  alertsMuted?: boolean;
  /** Each alert is also emailed to the Connector Administrators. */
  alertEmail?: boolean;
  /** A reminder once a day while the verdict stays Needs attention or Disconnected. */
  alertDigest?: boolean;
}

export interface SecretView {
  /** 'clientSecret' | 'apiKey': the key of this secret in the settings REST body's `secrets`. */
  name: string;
  label: string;
  isSet: boolean;
  setAt: string | null;
  setBy: string | null;
}

/** What a ConnectorRequirement__mdt record says: the record itself and each audit result carry it. */
export interface RequirementFields {
  developerName: string;
  label: string;
  kind: RequirementKind;
  target: string;
  accessLevel: string | null;
  severity: Severity;
  condition: string | null;
  /** Why the connector needs it (from the record). */
  reason: string;
}

/** One ConnectorRequirement__mdt record. */
export interface RequirementView extends RequirementFields {
  sourceManual: string | null;
  sortOrder: number;
}

/** One ConnectorEvent__c: the audit log. Never holds a secret value. */
export interface EventView {
  id: string;
  createdDate: string;
  actorName: string;
  /** For a job command's entry: the user its trigger ran as (actorName is the user who asked). */
  ranAsName?: string | null;
  action: string;
  target: string | null;
  outcome: Outcome;
  detail: string | null;
}

export type Verdict = 'Connected' | 'NeedsAttention' | 'Disconnected';
/** Unknown: no connected-app name in the settings, so the connector's token cannot be told apart. */
export type TokenState = 'Present' | 'Missing' | 'Unknown';

export interface StatusView {
  verdict: Verdict;
  /** Most severe first: causes that disconnect, then Required, then Recommended. Empty when Connected and clean. */
  causes: FindingView[];
  lastHeartbeat: string | null;
  /** Who sent the last heartbeat: a user other than the connector user means the platform signs in as an old user. */
  lastHeartbeatUserId: string | null;
  tokenState: TokenState;
  tokenLastUsed: string | null;
  /** When the oldest of the connector user's tokens for the connected app was issued. */
  tokenCreated: string | null;
  tokenUseCount: number;
}

export interface FindingView {
  /**
   * Stable code, e.g. NO_CONNECTOR_USER, CONNECTOR_USER_FROZEN, MISSING_<requirement>, HEARTBEAT_STALE, NO_OAUTH_TOKEN,
   * OLD_USER_AUTHORIZED_<user id>, JOB_<definition or trigger id>.
   */
  code: string;
  severity: Severity;
  /**
   * May hold {0}: the date in messageAt, which the page formats in the user's locale. The health endpoint (a REST
   * reader without a browser) sends it with the date written in as UTC (ConnectorStatusService.writeDatesIn).
   */
  message: string;
  /** ISO date time the message's {0} stands for; null when the message has no date. */
  messageAt: string | null;
  fix: string | null;
  /**
   * Server action the status card runs to repair it ('repairIntegrationAccess', the only one it knows), else null:
   * causes fixed in another card (jobs, OAuth usage) say so in `fix`.
   */
  fixAction: string | null;
  /** Relative Lightning Setup URL where an admin fixes it by hand. */
  setupUrl: string | null;
}

export type RequirementState = 'Met' | 'Missing' | 'NotApplicable' | 'NotAvailable';

export interface AuditView {
  userId: string | null;
  userName: string | null;
  isActive: boolean;
  isFrozen: boolean;
  profileName: string | null;
  licenseName: string | null;
  /** API name of the org-local permission set the repair creates or completes. */
  integrationPermissionSetName: string;
  userSetupUrl: string | null;
  /** One per requirement record, in the records' order. */
  results: RequirementResultView[];
}

export interface RequirementResultView extends RequirementFields {
  state: RequirementState;
  /** Where a met requirement comes from, one entry per source: 'Profile: X', 'Permission set: Y', 'Permission set group: Z'. */
  grantedBy: string[];
  fix: string | null;
  /** 'repairIntegrationAccess' when the package can grant it. */
  fixAction: string | null;
  setupUrl: string | null;
}

/**
 * NotScheduled: no live trigger (never scheduled, stopped, or finished). Waiting: CronTrigger WAITING, ACQUIRED
 * or BLOCKED. Running: EXECUTING. Paused: PAUSED, PAUSED_BLOCKED. Error: ERROR. Unmanaged: a job of the
 * package's classes scheduled outside the definitions (Stop only).
 */
export type JobState = 'NotScheduled' | 'Waiting' | 'Running' | 'Paused' | 'Error' | 'Unmanaged';

/** One scheduled job: a ConnectorJob__mdt definition, or a package job scheduled outside them. */
export interface JobView {
  /** DeveloperName of the definition: the key of startJob/stopJob; null for an Unmanaged job. */
  definitionName: string | null;
  label: string;
  description: string | null;
  apexClass: string;
  /** Name of the scheduled job (CronJobDetail.Name); the definition's JobName__c. */
  jobName: string;
  /** The definition lets Start and Restart all schedule the job (false for Unmanaged jobs). */
  isActive: boolean;
  state: JobState;
  /** Live cron expression when scheduled, else the definition's. */
  cronExpression: string | null;
  /** Key of stopJob for an Unmanaged job; also set for a finished trigger that still holds the name. */
  cronTriggerId: string | null;
  nextFireTime: string | null;
  previousFireTime: string | null;
  /** The user the job runs as: the one who scheduled it (CronTrigger.OwnerId). */
  runAsUserId: string | null;
  runAsUserName: string | null;
  /** Why the job needs attention (runs as another, inactive or frozen user; outside the definitions...). */
  warning: string | null;
}

/** One user holding OAuth tokens of the connector's connected app (OauthToken rows grouped by user). */
export interface TokenUserView {
  userId: string;
  userName: string;
  isConnectorUser: boolean;
  tokenCount: number;
  lastUsed: string | null;
  firstCreated: string | null;
  /** Sum of UseCount over the user's tokens. */
  useCount: number;
}

/**
 * What the token list covers. Salesforce shows other users' OAuth tokens only to users with Customize Application,
 * and a query returns at most 2,500 rows. Tokens are never identified here: OauthToken.Id is always null and the
 * DeleteToken, which can revoke a token, never leaves the server.
 */
export interface TokenAccessView {
  /**
   * The list is not limited to the running user's own tokens: the user holds Customize Application (or no
   * connected app is configured, so there is no list to limit).
   */
  canSeeAllUsers: boolean;
  /** Token rows read (at most 2,500). */
  shownCount: number;
  /** Token rows of the app the running user may see (a COUNT() when the list is full). */
  totalCount: number;
  /** totalCount > shownCount: the list is cut at the platform's cap. */
  truncated: boolean;
}

export interface ConnectionView {
  userId: string | null;
  /** The connector user's name (Apex names are case-insensitive: `userName` would clash with `username`). */
  displayName: string | null;
  username: string | null;
  isActive: boolean;
  lastLogin: string | null;
  /** The connector user before the last change: its tokens should be revoked. */
  previousUserId: string | null;
  previousUserName: string | null;
  changedAt: string | null;
  /** `<My Domain>/services/oauth2/authorize?response_type=code&client_id=…&redirect_uri=…&prompt=login%20consent&login_hint=…` */
  authorizationUrl: string | null;
  /** Why there is no authorization link yet (no user, consumer key or callback URL). */
  authorizationUrlProblem: string | null;
  steps: ChecklistStepView[];
}

export type ChecklistStepKey = 'userSet' | 'authorized' | 'heartbeat' | 'jobsOwned' | 'oldTokensRevoked';

/** One step of the reauthorization checklist; `done` is read from live data. */
export interface ChecklistStepView {
  key: ChecklistStepKey;
  label: string;
  done: boolean;
  /** May hold {0}: the place of `detailAt`, which the page formats in the user's locale. */
  detail: string | null;
  /** ISO-8601 date time that `detail`'s {0} stands for; null when the step shows no date. */
  detailAt: string | null;
}

/**
 * searchUsers(term): active users, at most 20, for choosing the connector user (or a link recipient).
 * searchConnectorCandidates(term): the same users, each with its readiness.
 */
export interface UserOptionView {
  id: string;
  name: string;
  username: string;
  email: string | null;
  /** Only from searchConnectorCandidates (Aura drops the null searchUsers leaves). */
  readiness?: UserReadinessView | null;
}

/**
 * A candidate connector user checked by the audit's rules before anything changes: what would break, what Fix
 * would grant and what only Setup (profile, license) can grant. Labels are the requirements' Setup labels.
 */
export interface UserReadinessView {
  /** Nothing breaks and no Required requirement is missing. */
  ready: boolean;
  /** Fix alone would make the user ready. */
  fixMakesReady: boolean;
  isActive: boolean;
  isFrozen: boolean;
  profileName: string | null;
  licenseName: string | null;
  /** The API Enabled requirement is met (by the profile or a permission set). */
  apiEnabled: boolean;
  requiredMet: number;
  requiredMissing: number;
  /** Required requirements not met, by label. */
  missingRequired: string[];
  /** What breaks the connection whatever Fix does (inactive, frozen, license, permission set license). */
  breaks: string[];
  /** What Fix would add (Required and Recommended, as the Fix button grants them). */
  fixGrants: string[];
  /** Missing Required requirements Fix cannot grant: only the profile, the license or Setup can. */
  cannotFix: string[];
  /** OAuth tokens of the connector's connected app the user holds; null when the running user cannot see them. */
  holdsTokens: number | null;
  /** The Salesforce Integration user license (API only). */
  integrationLicense: boolean;
  /** The Salesforce API Integration permission set license; null unless Integration license, or unreadable. */
  hasPermissionSetLicense: boolean | null;
  /** What to know before choosing the user (for example how an API-only user authorizes). */
  notes: string[];
}

/** getDisconnectImpact(): what disconnecting leaves behind, for the confirm dialog. */
export interface DisconnectImpactView {
  userId: string | null;
  userName: string | null;
  /** Package jobs scheduled by (so running as) the connector user. */
  jobNames: string[];
  tokenCount: number;
}

/** saveSettings(settings, secrets) and PUT connector/v1/settings: nothing is saved unless ok. */
export interface SaveResult {
  ok: boolean;
  changed: boolean;
  message: string;
  /** Setting or secret key → what is wrong with its value. */
  fieldErrors: Record<string, string>;
}

/** Keys saveSettings accepts in `settings` (secrets: 'clientSecret' | 'apiKey'). */
export type SettingKey =
  | 'connectorUserId'
  | 'connectedAppName'
  | 'platformBaseUrl'
  | 'consumerKey'
  | 'callbackUrl'
  | 'integrationPermissionSetName'
  | 'csmEmailField'
  | 'csmSyncEnabled'
  | 'csmSyncScopeSize';

/** CSM sync section of Admin Home (getAdminHome().csm). */
export interface CsmView {
  enabled: boolean;
  /** API name of the Account field holding the CSM email, as saved. */
  emailField: string | null;
  emailFieldLabel: string | null;
  /** Why the saved field can no longer be used (deleted, wrong type, not readable); null when fine. */
  emailFieldError: string | null;
  scopeSize: number;
  lastRun: CsmRunView | null;
  /** Up to 50 assignments set by hand, newest first. */
  manualAssignments: CsmAssignmentView[];
}

export type CsmRunStatus = 'Running' | 'Completed' | 'Failed';

/** One CsmSyncRun__c: counters of a run. */
export interface CsmRunView {
  /** Null for the summary of a dry-run preview (no run record). */
  id: string | null;
  status: CsmRunStatus;
  dryRun: boolean;
  emailField: string | null;
  startedAt: string;
  finishedAt: string | null;
  /** AsyncApexJob id of the run's first batch. */
  jobId: string | null;
  created: number;
  updated: number;
  unchanged: number;
  skippedManual: number;
  unmatched: number;
  cleared: number;
  errors: number;
  /** At most 50 emails that matched no single active user. */
  unmatchedEmails: string[];
  /** At most 10 messages of records that could not be written. */
  errorDetails: string[];
}

export type CsmSource = 'Synced' | 'Manual';

/** One CsmAssignment__c. */
export interface CsmAssignmentView {
  id: string;
  accountId: string | null;
  accountName: string | null;
  csmUserId: string | null;
  csmUserName: string | null;
  source: CsmSource;
  syncedEmail: string | null;
  lastSynced: string | null;
}

/** getCsmFieldOptions(): an Account Email or Text field the running user can read. */
export interface CsmFieldOption {
  value: string;
  label: string;
  /** Schema.DisplayType name. */
  type: 'EMAIL' | 'STRING';
}

export type CsmAction = 'Create' | 'Update' | 'Unchanged' | 'KeepManual' | 'Unmatched' | 'Clear';

/** previewCsmSync() and the REST dry run: what a run would do for the first rowLimit rows. */
export interface CsmPreview {
  emailField: string;
  rowLimit: number;
  /** More Accounts or assignments exist than the preview shows. */
  limitReached: boolean;
  /** What a run would count over these rows; id and jobId are null. */
  summary: CsmRunView;
  rows: CsmPreviewRow[];
}

export interface CsmPreviewRow {
  accountId: string | null;
  accountName: string | null;
  /** Normalized (trimmed, lower-case) email read from the Account field. */
  email: string | null;
  currentCsmId: string | null;
  currentCsmName: string | null;
  currentSource: CsmSource | null;
  newCsmId: string | null;
  newCsmName: string | null;
  action: CsmAction;
  reason: string | null;
}

/** runCsmSyncNow(): the started batch job. */
export interface CsmRunStart {
  ok: boolean;
  changed: boolean;
  message: string;
  jobId: string;
}

/** getCsmSyncProgress(jobId): AsyncApexJob state plus the run record; poll until done. */
export interface CsmProgress {
  jobId: string;
  /** AsyncApexJob.Status: Holding, Queued, Preparing, Processing, Completed, Aborted, Failed. */
  status: string;
  jobItemsProcessed: number;
  totalJobItems: number;
  numberOfErrors: number;
  done: boolean;
  run: CsmRunView | null;
}

/** searchCsmAccounts / searchCsmUsers: one result of the manual override pickers. */
export interface CsmLookupOption {
  id: string;
  label: string;
  /** The user's email; null for accounts. */
  detail: string | null;
}

/**
 * connector/v1/csm-sync responses. POST { dryRun: true }: preview + run (its summary); POST { dryRun: false }:
 * jobId of the started batch; GET ?jobId=: progress + run of that job; GET: run = the latest run (or null).
 */
export interface CsmSyncRestResponse {
  ok: boolean;
  changed?: boolean;
  message: string;
  preview?: CsmPreview;
  run?: CsmRunView | null;
  progress?: CsmProgress;
  jobId?: string;
  errorCode?: string;
}

/** Result of every mutating action. */
export interface ActionResult {
  ok: boolean;
  changed: boolean;
  message: string;
  /** Where an admin finishes by hand what the action could not do (absent or null otherwise). */
  setupUrl?: string | null;
  /** Set when the action was sent as a job command (ConnectorJobCommand__e): follow it with getJobCommandStatus. */
  requestId?: string | null;
}

/** Who the job command trigger ran as last: Apex cannot read its PlatformEventSubscriberConfig. */
export interface JobRunnerView {
  known: boolean;
  userId: string | null;
  userName: string | null;
  isConnectorUser: boolean | null;
  seenAt: string | null;
}

export type JobCommandState = 'Pending' | 'Done' | 'Failed';

/** A job command followed by its request id. */
export interface JobCommandStatus {
  requestId: string | null;
  state: JobCommandState;
  message: string | null;
  ranAsUserId: string | null;
  ranAsUserName: string | null;
  ranAsConnectorUser: boolean | null;
  /** One result per job the command acted on, from its audit entries; empty while pending. */
  jobs: JobCommandJobResult[];
}

/** The outcome of a job command on one job (an audit entry's outcome). */
export interface JobCommandJobResult {
  jobName: string;
  outcome: 'Success' | 'Failure' | 'NoChange';
  detail: string | null;
}
