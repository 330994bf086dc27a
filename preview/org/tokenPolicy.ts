/**
 * Token and connected-app policy, the TypeScript twin of TokenPolicyFindings (Apex): the pure rules (shared with the
 * CLI doctor) and the model of the platform objects they read.
 */

// The pure rules live in scripts/lib/connector-rules.ts (the CLI doctor runs them too).
export {
  APPROVAL_LIMIT,
  APPROVAL_WARNING,
  blockedByApproval,
  CONNECTED_APPS_URL,
  type ConnectedApplicationRow,
  idlePolicyAtRisk,
  nearApprovalLimit,
  type PolicyFinding,
  tokenPolicyFindings
} from '../../scripts/lib/connector-rules.ts';
import { APPROVAL_LIMIT, type ConnectedApplicationRow } from '../../scripts/lib/connector-rules.ts';

export interface Approval {
  userId: string;
  createdDate: Date;
}

/**
 * One more authorization of the app by this user: at the limit, the oldest approval of that user is revoked.
 * platform-rule: connected-app-five-approvals — five approvals per user per app; a further one revokes the oldest.
 */
export function authorize(
  approvals: Approval[],
  userId: string,
  now: Date
): { approvals: Approval[]; revoked: Approval | null } {
  const mine = approvals
    .filter((a) => a.userId === userId)
    .sort((a, b) => a.createdDate.getTime() - b.createdDate.getTime());
  let revoked: Approval | null = null;
  let kept = approvals;
  if (mine.length >= APPROVAL_LIMIT) {
    revoked = mine[0]!;
    kept = approvals.filter((a) => a !== revoked);
  }
  return { approvals: [...kept, { userId, createdDate: now }], revoked };
}

// platform-rule: connectedapplication-oauth-policy-fields — the twin answers only the fields the Object Reference lists.
/** The fields a query of ConnectedApplication may name; the twin refuses others as the platform does. */
export const CONNECTED_APPLICATION_FIELDS = new Set([
  'Id',
  'Name',
  'CreatedById',
  'CreatedDate',
  'LastModifiedById',
  'LastModifiedDate',
  'MobileSessionTimeout',
  'MobileStartUrl',
  'NamedUserUvidTimeout',
  'OptionsAllowAdminApprovedUsersOnly',
  'OptionsCodeCredentialGuestEnabled',
  'OptionsFullContentPushNotifications',
  'OptionsHasSessionLevelPolicy',
  'OptionsIsInternal',
  'OptionsRefreshTokenValidityMetric',
  'OptionsTokenExchangeManageBitEnabled',
  'PinLength',
  'RefreshTokenValidityPeriod',
  'StartUrl'
]);

export class InvalidField extends Error {
  readonly errorCode = 'INVALID_FIELD';
}

/** The supported calls are describe, query and retrieve: every field is read-only, so no DML. */
export function queryConnectedApplication(
  rows: ConnectedApplicationRow[],
  fields: string[],
  name: string
): Partial<ConnectedApplicationRow>[] {
  for (const field of fields) {
    if (!CONNECTED_APPLICATION_FIELDS.has(field)) {
      throw new InvalidField(`No such column '${field}' on entity 'ConnectedApplication'.`);
    }
  }
  return rows
    .filter((row) => row.Name === name)
    .map((row) => Object.fromEntries(fields.map((field) => [field, row[field as keyof ConnectedApplicationRow]])));
}

/**
 * platform-rule: setupentityaccess-view-setup — SetupEntityAccess (which permission sets, profiles' own included,
 * grant a connected app, SetupEntityType ConnectedApplication, or a custom permission, CustomPermission) is readable
 * only with View Setup and Configuration (Spring '20 on). The twin refuses others; the Apex reads approvals in user
 * mode and reports "cannot tell", and reads the alert recipients in system mode (the job's user may lack it).
 */
export interface SetupEntityAccessRow {
  /** Set when the REST face's store inserted it; rows seeded without one get an id derived from their fields. */
  Id?: string;
  ParentId: string;
  SetupEntityId: string;
  SetupEntityType: 'ApexClass' | 'ApexPage' | 'ConnectedApplication' | 'CustomPermission' | 'TabSet';
}

export function querySetupEntityAccess(
  rows: SetupEntityAccessRow[],
  reader: { viewSetup: boolean; systemMode: boolean },
  setupEntityId: string,
  parentIds: string[]
): SetupEntityAccessRow[] {
  if (!reader.systemMode && !reader.viewSetup) {
    throw new InvalidField("sObject type 'SetupEntityAccess' is not supported.");
  }
  return rows.filter((row) => row.SetupEntityId === setupEntityId && parentIds.includes(row.ParentId));
}
