/**
 * The in-memory org's data: the records the package's Apex reads and writes, by sObject, with their
 * API field names kept where the Apex uses them. Plain JSON so a session can persist it between runs.
 */
import type { CsmRunView } from '../../scripts/contract/types.ts';
import type { ConnectedApplicationRow, SetupEntityAccessRow } from './tokenPolicy.ts';

export interface UserRecord {
  Id: string;
  Name: string;
  Username: string;
  Email: string;
  IsActive: boolean;
  /** UserLogin.IsFrozen */
  IsFrozen: boolean;
  ProfileId: string;
  LastLoginDate: string | null;
  /** e.g. en_US; drives `@salesforce/i18n/locale` in the page. */
  LocaleSidKey: string;
  LanguageLocaleKey: string;
  TimeZoneSidKey: string;
  /** 'AutomatedProcess' for the platform's Automated Process user (never offered as a connector user). */
  UserType?: string;
}

/** System permissions by field name (`PermissionsApiEnabled`: true); absent = false. */
export type SystemPermissions = Record<string, boolean>;

export interface ObjectAccess {
  PermissionsRead: boolean;
  PermissionsCreate: boolean;
  PermissionsEdit: boolean;
  PermissionsDelete: boolean;
  PermissionsViewAllRecords: boolean;
  PermissionsModifyAllRecords: boolean;
}

export interface ProfileRecord {
  Id: string;
  Name: string;
  /** The user license's Name; Profile.UserLicenseId is that license's id (store/orgRecords.ts). */
  UserLicense: string;
  permissions: SystemPermissions;
  objectPermissions: Record<string, ObjectAccess>;
}

export interface PermissionSetRecord {
  Id: string;
  /** DeveloperName */
  Name: string;
  Label: string;
  NamespacePrefix: string | null;
  /** Shipped in force-app: its custom permissions are read from the permission set XML. */
  packaged: boolean;
  permissions: SystemPermissions;
  objectPermissions: Record<string, ObjectAccess>;
  /** Custom permissions of org-local permission sets; packaged ones come from force-app. */
  customPermissions: string[];
  /** Set when not what the Org assumes (null; 'Regular'; none), e.g. by the CLI tests through the REST face. */
  Description?: string | null;
  Type?: string;
  PermissionSetGroupId?: string | null;
}

export interface PermissionSetAssignmentRecord {
  Id: string;
  AssigneeId: string;
  PermissionSetId: string;
  /** Set when the permission set comes with a permission set group. */
  PermissionSetGroupId?: string | null;
}

export interface CronTriggerRecord {
  Id: string;
  /** CronJobDetail.Name */
  JobName: string;
  /** The Apex class the job runs (from AsyncApexJob / the schedulable). */
  ApexClass: string;
  CronExpression: string;
  State: 'WAITING' | 'ACQUIRED' | 'EXECUTING' | 'COMPLETE' | 'ERROR' | 'DELETED' | 'PAUSED' | 'BLOCKED';
  NextFireTime: string | null;
  PreviousFireTime: string | null;
  TimesTriggered: number;
  /** The user who scheduled it: the job runs as this user. */
  OwnerId: string;
  CreatedDate: string;
}

/** OauthToken: query-only; read, create and revoke it only through oauthTokens.ts. */
export interface OauthTokenRecord {
  /** Always null on the platform (Object Reference, OauthToken). */
  Id: null;
  AppName: string;
  /** What the revoke call takes; whoever holds it can revoke the token, so it never reaches the browser. */
  DeleteToken: string;
  UserId: string;
  CreatedDate: string;
  LastUsedDate: string | null;
  UseCount: number;
}

/** ConnectorSettings__c org defaults, field API name → value (secrets included: never sent to the browser). */
export interface ConnectorSettingsRecord {
  ConnectorUserId__c: string | null;
  ConnectedAppName__c: string | null;
  PlatformBaseUrl__c: string | null;
  ConsumerKey__c: string | null;
  CallbackUrl__c: string | null;
  IntegrationPermissionSetName__c: string | null;
  ClientSecret__c: string | null;
  ClientSecretSetAt__c: string | null;
  ClientSecretSetBy__c: string | null;
  ApiKey__c: string | null;
  ApiKeySetAt__c: string | null;
  ApiKeySetBy__c: string | null;
  CsmEmailField__c: string | null;
  CsmSyncEnabled__c: boolean;
  CsmSyncScopeSize__c: number | null;
  LastHeartbeat__c: string | null;
  LastHeartbeatUserId__c: string | null;
  /** The connector user before the last change (optional: older saved states lack it). */
  PreviousConnectorUserId__c?: string | null;
  ConnectorUserChangedAt__c?: string | null;
  /** Alert channels (checkbox fields, default false; optional: older saved states lack them). */
  AlertsMuted__c?: boolean;
  AlertEmail__c?: boolean;
  AlertDigest__c?: boolean;
  LastAlertAt__c?: string | null;
  LastVerdict__c?: string | null;
  LastVerdictAt__c?: string | null;
  /** Set by ConnectorSandboxPostCopy when the org was copied from production (optional as above). */
  SandboxCopiedAt__c?: string | null;
  SandboxName__c?: string | null;
}

/** A UserLicense the store inserted; the license names profiles carry are UserLicense rows without one. */
export interface UserLicenseRecord {
  Id: string;
  Name: string;
  MasterLabel: string;
  LicenseDefinitionKey: string | null;
  Status: string;
}

/** PermissionSetLicenseAssign with PermissionSetLicense.MasterLabel (what IntegrationLicenseFindings reads). */
export interface PermissionSetLicenseAssignRecord {
  Id: string;
  AssigneeId: string;
  MasterLabel: string;
}

/**
 * PermissionSetLicense with its MaximumPermissions<Name> fields (by the PermissionSet field they match: PermissionsX),
 * what IntegrationLicenseFindings.Selector.maximumPermissions reads. A field left out is one the org lacks.
 */
export interface PermissionSetLicenseRecord {
  Id: string;
  MasterLabel: string;
  /** Set when the store inserted it (a test's org); else derived from MasterLabel. */
  DeveloperName?: string;
  Status?: string;
  maximumPermissions: Record<string, boolean>;
}

export interface ConnectorEventRecord {
  Id: string;
  Name: string;
  CreatedDate: string;
  CreatedById: string;
  Action__c: string;
  Target__c: string | null;
  Outcome__c: 'Success' | 'Failure' | 'NoChange';
  Detail__c: string | null;
  /** The job command this entry reports on; CreatedById is then the user the command ran as. */
  RequestId__c?: string | null;
  /** Who asked for the job command. */
  RequestedById__c?: string | null;
}

/** Tooling API PlatformEventSubscriberConfig: the running user and batch size of a platform event trigger. */
export interface PlatformEventSubscriberConfigRecord {
  Id: string;
  DeveloperName: string;
  MasterLabel: string;
  /** The ApexTrigger id. */
  PlatformEventConsumerId: string;
  /** Null: the trigger runs as the Automated Process user. */
  UserId: string | null;
  BatchSize: number | null;
}

/** A published ConnectorJobCommand__e not yet delivered to its trigger. */
export interface JobCommandEventRecord {
  RequestId__c: string;
  Action__c: string;
  JobKey__c: string | null;
  RequestedById__c: string;
}

export interface OrgState {
  /** Bumped when the shape changes: an older state file is replaced by the seed. */
  version: number;
  organization: { Id: string; Name: string; InstanceUrl: string; NamespacePrefix: string | null };
  /** The user the page runs as (UserInfo.getUserId()). */
  runningUserId: string;
  /** PermissionSet fields that exist in this org; others are "not available in this org". */
  permissionFields: string[];
  users: UserRecord[];
  profiles: ProfileRecord[];
  permissionSets: PermissionSetRecord[];
  permissionSetAssignments: PermissionSetAssignmentRecord[];
  cronTriggers: CronTriggerRecord[];
  /** Read-only here: OauthToken takes no DML (see oauthTokens.ts for the calls the platform supports). */
  readonly oauthTokens: readonly OauthTokenRecord[];
  settings: ConnectorSettingsRecord | null;
  events: ConnectorEventRecord[];
  /** Account fields as Schema describe reports them to the running user (CSM email field picker). */
  accountFields: AccountFieldRecord[];
  accounts: AccountRecord[];
  csmAssignments: CsmAssignmentRecord[];
  csmSyncRuns: CsmSyncRunRecord[];
  /** CSM sync batch jobs (AsyncApexJob) and the state the batch carries between scopes. */
  csmJobs: CsmJobRecord[];
  /** PlatformEventSubscriberConfig records (org-specific, set by the CLI, never packaged). */
  subscriberConfigs: PlatformEventSubscriberConfigRecord[];
  /** The event bus: job commands published and not yet delivered to ConnectorJobCommandTrigger. */
  jobCommandBus: JobCommandEventRecord[];
  /** ConnectedApplication rows (read-only: the platform takes no DML on them). */
  connectedApplications: ConnectedApplicationRow[];
  /** SetupEntityAccess rows: which permission sets (ParentId; a profile's own set is its Profile Id here) grant an app. */
  setupEntityAccess: SetupEntityAccessRow[];
  permissionSetLicenseAssigns: PermissionSetLicenseAssignRecord[];
  /** Permission set licenses of the org (absent in states saved before they were modelled). */
  permissionSetLicenses?: PermissionSetLicenseRecord[];
  /** User licenses inserted by the REST face's store (absent otherwise: profiles' license names are the rest). */
  userLicenses?: UserLicenseRecord[];
  /** Next number per key prefix, for new record ids. */
  idCounters: Record<string, number>;
}

export const STATE_VERSION = 7;

/** Schema.DescribeFieldResult of an Account field: what the CSM field picker and validation read. */
export interface AccountFieldRecord {
  name: string;
  label: string;
  /** Schema.DisplayType name. */
  type: 'EMAIL' | 'STRING' | 'PHONE' | 'CURRENCY' | 'REFERENCE' | 'PICKLIST';
  /** isAccessible() for the running user (field-level security). */
  accessible: boolean;
  filterable: boolean;
}

export interface AccountRecord {
  Id: string;
  Name: string;
  /** Other fields by API name (Site, CSM_Email__c, …). */
  fields: Record<string, string | null>;
}

export interface CsmAssignmentRecord {
  Id: string;
  Name: string;
  Account__c: string | null;
  AccountKey__c: string;
  CsmUser__c: string | null;
  Source__c: 'Synced' | 'Manual' | null;
  SyncedEmail__c: string | null;
  LastSynced__c: string | null;
  LastModifiedDate: string;
}

export interface CsmSyncRunRecord {
  Id: string;
  Status__c: 'Running' | 'Completed' | 'Failed';
  DryRun__c: boolean;
  EmailField__c: string | null;
  StartedAt__c: string;
  FinishedAt__c: string | null;
  AsyncApexJobId__c: string | null;
  Created__c: number;
  Updated__c: number;
  Unchanged__c: number;
  SkippedManual__c: number;
  Unmatched__c: number;
  Cleared__c: number;
  Errors__c: number;
  UnmatchedEmails__c: string | null;
  ErrorDetail__c: string | null;
}

/** A CsmSyncRun__c as it is inserted: Running, every counter 0. */
export function newCsmSyncRun(Id: string, StartedAt__c: string): CsmSyncRunRecord {
  return {
    Id,
    Status__c: 'Running',
    DryRun__c: false,
    EmailField__c: null,
    StartedAt__c,
    FinishedAt__c: null,
    AsyncApexJobId__c: null,
    Created__c: 0,
    Updated__c: 0,
    Unchanged__c: 0,
    SkippedManual__c: 0,
    Unmatched__c: 0,
    Cleared__c: 0,
    Errors__c: 0,
    UnmatchedEmails__c: null,
    ErrorDetail__c: null
  };
}

/** The Database.Stateful counters of CsmSyncService.Tally: the counters of the run view. */
export type CsmTallyState = Pick<
  CsmRunView,
  | 'created'
  | 'updated'
  | 'unchanged'
  | 'skippedManual'
  | 'unmatched'
  | 'cleared'
  | 'errors'
  | 'unmatchedEmails'
  | 'errorDetails'
>;

export interface CsmJobRecord {
  /** AsyncApexJob fields */
  Id: string;
  Status: 'Queued' | 'Processing' | 'Completed' | 'Aborted' | 'Failed';
  JobItemsProcessed: number;
  TotalJobItems: number;
  NumberOfErrors: number;
  /** CsmSyncBatch state */
  pass: 'ACCOUNTS' | 'EMPTIED';
  emailField: string;
  dryRun: boolean;
  scopeSize: number;
  runId: string;
  /** The first pass's job id: the one Admin Home follows. */
  firstJobId: string;
  /** Records the locator returned at start() that no scope has processed yet. */
  pendingIds: string[];
  /** Why start() found nothing to do (the field can no longer be used). */
  failure: string | null;
  tally: CsmTallyState;
}
