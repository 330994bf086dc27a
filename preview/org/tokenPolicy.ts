/**
 * Token and connected-app policy rules, the TypeScript twin of TokenPolicyFindings (Apex). Standalone until the
 * preview's one in-memory org and the CLI doctor take it in.
 */

/**
 * platform-rule: connected-app-five-approvals — each connected app allows five approvals per user (for OAuth 2.0,
 * each refresh token is one); a further approval revokes the oldest. The twin's authorize() does the same.
 */
export const APPROVAL_LIMIT = 5;
export const APPROVAL_WARNING = 4;
export const CONNECTED_APPS_URL = '/lightning/setup/ConnectedApplication/home';

export interface Approval {
  userId: string;
  createdDate: Date;
}

/** One more authorization of the app by this user: at the limit, the oldest approval of that user is revoked. */
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

export function nearApprovalLimit(approvals: number): boolean {
  return approvals >= APPROVAL_WARNING;
}

/**
 * platform-rule: connectedapplication-oauth-policy-fields — ConnectedApplication exposes (read-only)
 * OptionsAllowAdminApprovedUsersOnly, OptionsRefreshTokenValidityMetric (true: validity counts from the last use)
 * and RefreshTokenValidityPeriod (a number; the unit is not a field).
 */
export interface ConnectedApplicationRow {
  Id: string;
  Name: string;
  OptionsAllowAdminApprovedUsersOnly: boolean;
  OptionsRefreshTokenValidityMetric: boolean;
  RefreshTokenValidityPeriod: number | null;
}

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

/** Idle-based policy: flagged once half of the period (counted in days: Apex cannot see the unit) has passed idle. */
export function idlePolicyAtRisk(idleBased: boolean, validityPeriod: number | null, idleDays: number | null): boolean {
  if (!idleBased || validityPeriod === null || validityPeriod <= 0 || idleDays === null) return false;
  return idleDays * 2 >= validityPeriod;
}

/** Admin-approved-only apps refuse users without an approved profile or permission set; unknown is not a finding. */
export function blockedByApproval(adminApprovedOnly: boolean, userApproved: boolean | null): boolean {
  return adminApprovedOnly && userApproved === false;
}

export interface PolicyFinding {
  code:
    | 'TOKEN_APPROVALS_NEAR_LIMIT'
    | 'CONNECTED_APP_NOT_APPROVED'
    | 'TOKEN_IDLE_POLICY'
    | 'CONNECTED_APP_POLICY_UNREADABLE';
  severity: 'Required' | 'Recommended';
  setupUrl: string;
}

/** The findings TokenPolicyFindings.findings() returns, in its order. */
export function tokenPolicyFindings(input: {
  approvals: number;
  policy: ConnectedApplicationRow | null;
  userApproved: boolean | null;
  idleDays: number | null;
}): PolicyFinding[] {
  const findings: PolicyFinding[] = [];
  if (nearApprovalLimit(input.approvals)) {
    findings.push({
      code: 'TOKEN_APPROVALS_NEAR_LIMIT',
      severity: 'Recommended',
      setupUrl: '/lightning/setup/ConnectedAppsUsage/home'
    });
  }
  const policy = input.policy;
  if (!policy) {
    findings.push({ code: 'CONNECTED_APP_POLICY_UNREADABLE', severity: 'Recommended', setupUrl: CONNECTED_APPS_URL });
    return findings;
  }
  if (blockedByApproval(policy.OptionsAllowAdminApprovedUsersOnly, input.userApproved)) {
    findings.push({ code: 'CONNECTED_APP_NOT_APPROVED', severity: 'Required', setupUrl: CONNECTED_APPS_URL });
  }
  if (idlePolicyAtRisk(policy.OptionsRefreshTokenValidityMetric, policy.RefreshTokenValidityPeriod, input.idleDays)) {
    findings.push({ code: 'TOKEN_IDLE_POLICY', severity: 'Recommended', setupUrl: CONNECTED_APPS_URL });
  }
  return findings;
}

/**
 * platform-rule: setupentityaccess-view-setup — SetupEntityAccess (which permission sets, profiles' own included,
 * grant a connected app, SetupEntityType ConnectedApplication, or a custom permission, CustomPermission) is readable
 * only with View Setup and Configuration (Spring '20 on). The twin refuses others; the Apex reads approvals in user
 * mode and reports "cannot tell", and reads the alert recipients in system mode (the job's user may lack it).
 */
export interface SetupEntityAccessRow {
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
