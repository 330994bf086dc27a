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

/** getAdminHome(): everything the page needs in one call. Sections appear as their capability lands. */
export interface AdminHome {
  generatedAt: string;
  /** Running user holds the ManageConnector custom permission: actions are enabled. */
  canManage: boolean;
  settings: SettingsView;
  requirements: RequirementView[];
  events: EventView[];
  // Each capability adds its section here and to AdminHomeDtos.AdminHome when it lands
  // (status: StatusView, audit: AuditView, jobs: JobView[], tokens: TokenUserView[], connection, csm).
}

/** Settings without secret values: secrets are only ever reported as set / not set. */
export interface SettingsView {
  connectorUserId: string | null;
  connectedAppName: string | null;
  platformBaseUrl: string | null;
  integrationPermissionSetName: string;
  csmEmailField: string | null;
  csmSyncEnabled: boolean;
  lastHeartbeat: string | null;
  secrets: SecretView[];
}

export interface SecretView {
  /** 'clientSecret' | 'apiKey': the key of this secret in the settings REST body's `secrets`. */
  name: string;
  label: string;
  isSet: boolean;
  setAt: string | null;
  setBy: string | null;
}

/** One ConnectorRequirement__mdt record. */
export interface RequirementView {
  developerName: string;
  label: string;
  kind: RequirementKind;
  target: string;
  accessLevel: string | null;
  severity: Severity;
  condition: string | null;
  reason: string;
  sourceManual: string | null;
  sortOrder: number;
}

/** One ConnectorEvent__c: the audit log. Never holds a secret value. */
export interface EventView {
  id: string;
  createdDate: string;
  actorName: string;
  action: string;
  target: string | null;
  outcome: Outcome;
  detail: string | null;
}

export type Verdict = 'Connected' | 'NeedsAttention' | 'Disconnected';

export interface StatusView {
  verdict: Verdict;
  causes: FindingView[];
  lastHeartbeat: string | null;
  tokenLastUsed: string | null;
}

export interface FindingView {
  code: string;
  severity: Severity;
  message: string;
  fix: string | null;
  /** Server action that repairs it, when the package can do it itself. */
  fixAction: string | null;
  setupUrl: string | null;
}

export type RequirementState = 'Met' | 'Missing' | 'NotApplicable' | 'NotAvailable';

export interface AuditView {
  userId: string | null;
  userName: string | null;
  isActive: boolean;
  isFrozen: boolean;
  profileName: string | null;
  results: RequirementResultView[];
}

export interface RequirementResultView {
  developerName: string;
  state: RequirementState;
  /** Where a met permission comes from: 'Profile: X' or 'Permission set: Y, Z'. */
  grantedBy: string[];
  fix: string | null;
  fixAction: string | null;
}

export type JobState = 'NotScheduled' | 'Waiting' | 'Running' | 'Paused' | 'Error' | 'Unmanaged';

export interface JobView {
  definitionName: string | null;
  label: string;
  apexClass: string;
  cronExpression: string | null;
  cronTriggerId: string | null;
  state: JobState;
  nextFireTime: string | null;
  previousFireTime: string | null;
  runAsUserId: string | null;
  runAsUserName: string | null;
  warning: string | null;
}

export interface TokenUserView {
  userId: string;
  userName: string;
  isConnectorUser: boolean;
  tokenCount: number;
  lastUsed: string | null;
  firstCreated: string | null;
  useCount: number;
}

export interface ConnectionView {
  userId: string | null;
  userName: string | null;
  username: string | null;
  isActive: boolean;
  lastLogin: string | null;
  authorizationUrl: string | null;
  steps: ChecklistStepView[];
}

export interface ChecklistStepView {
  key: string;
  label: string;
  done: boolean;
  detail: string | null;
}

export interface CsmView {
  enabled: boolean;
  emailField: string | null;
  lastRun: CsmRunView | null;
}

export interface CsmRunView {
  runAt: string;
  created: number;
  updated: number;
  unchanged: number;
  skippedManual: number;
  unmatched: number;
  errors: number;
  unmatchedEmails: string[];
}

/** Result of every mutating action. */
export interface ActionResult {
  ok: boolean;
  changed: boolean;
  message: string;
}
