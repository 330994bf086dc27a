/**
 * The status findings of SandboxCopyService, TokenPolicyFindings and IntegrationLicenseFindings over the in-memory
 * org: the selectors read the Org's records, the rules are the standalone twins' (sandboxCopy.ts, tokenPolicy.ts,
 * integrationLicense.ts), the messages the same custom labels as the Apex.
 */
import type { FindingView, Severity } from '../../scripts/contract/types.ts';
import { isIntegrationLicense, missingPermissionSetLicense, PERMISSION_SET_LICENSE } from './integrationLicense.ts';
import { label } from './labels.ts';
import type { Org } from './org.ts';
import { needsReconnect, SANDBOX_COPY_FINDING } from './sandboxCopy.ts';
import type { ConnectorSettingsRecord, OauthTokenRecord, UserRecord } from './state.ts';
import {
  APPROVAL_LIMIT,
  blockedByApproval,
  CONNECTED_APPS_URL,
  type ConnectedApplicationRow,
  idlePolicyAtRisk,
  InvalidField,
  nearApprovalLimit,
  queryConnectedApplication,
  querySetupEntityAccess
} from './tokenPolicy.ts';

export interface ProviderFinding {
  view: FindingView;
  disconnects: boolean;
}

const CONNECTED_APPS_USAGE_URL = '/lightning/setup/ConnectedAppsUsage/home';
const USERS_URL = '/lightning/setup/ManageUsers/home';

function finding(
  code: string,
  severity: Severity,
  disconnects: boolean,
  message: string,
  fix: string,
  setupUrl: string | null,
  messageAt: string | null = null
): ProviderFinding {
  return { view: { code, severity, message, messageAt, fix, fixAction: null, setupUrl }, disconnects };
}

function hasSystemPermission(org: Org, userId: string, field: string): boolean {
  const user = org.user(userId);
  if (org.profile(user?.ProfileId)?.permissions[field]) return true;
  return org.permissionSetsOf(userId).some((ps) => ps.permissions[field]);
}

const toDate = (iso: string | null | undefined): Date | null => (iso ? new Date(iso) : null);

/** SandboxCopyService.findings(): a copy from production not yet reconnected disconnects the connector. */
export function sandboxCopyFindings(org: Org, settings: ConnectorSettingsRecord | null): ProviderFinding[] {
  const copiedAt = settings?.SandboxCopiedAt__c ?? null;
  if (!needsReconnect(toDate(copiedAt), [toDate(settings?.ApiKeySetAt__c), toDate(settings?.ClientSecretSetAt__c)])) {
    return [];
  }
  return [
    finding(
      SANDBOX_COPY_FINDING,
      'Required',
      true,
      // The date stays a value (messageAt) for the message's {0}: the page formats it in the user's locale.
      label('Status_SandboxCopy', settings?.SandboxName__c ?? '', '{0}'),
      label('Status_FixSandboxCopy'),
      null,
      copiedAt
    )
  ];
}

/** Date.daysBetween of two datetimes' dates in the running user's time zone (Datetime.date()). */
function daysBetween(org: Org, fromIso: string, to: Date): number {
  const day = (d: Date) =>
    Date.parse(new Intl.DateTimeFormat('en-CA', { timeZone: org.runningUser().TimeZoneSidKey }).format(d));
  return Math.round((day(to) - day(new Date(fromIso))) / 86_400_000);
}

/** ConnectedAppSelector.getPolicy(): null when the app is not found under that name. */
function appPolicy(org: Org, appName: string): ConnectedApplicationRow | null {
  const rows = queryConnectedApplication(
    org.state.connectedApplications,
    [
      'Id',
      'Name',
      'OptionsAllowAdminApprovedUsersOnly',
      'OptionsRefreshTokenValidityMetric',
      'RefreshTokenValidityPeriod'
    ],
    appName
  );
  return (rows[0] as ConnectedApplicationRow | undefined) ?? null;
}

/**
 * ConnectedAppSelector.isUserApproved(): the user's permission sets and profile (its own permission set; the
 * profile's Id stands for it here) approved for the app; null when the running user may not read SetupEntityAccess.
 */
function isUserApproved(org: Org, appId: string, user: UserRecord): boolean | null {
  const parentIds = [...org.permissionSetsOf(user.Id).map((ps) => ps.Id), user.ProfileId];
  try {
    // platform-rule: setupentityaccess-view-setup — user mode: without View Setup and Configuration, "cannot tell".
    const reader = {
      viewSetup: hasSystemPermission(org, org.state.runningUserId, 'PermissionsViewSetup'),
      systemMode: false
    };
    return querySetupEntityAccess(org.state.setupEntityAccess, reader, appId, parentIds).length > 0;
  } catch (e) {
    if (e instanceof InvalidField) return null;
    throw e;
  }
}

/** TokenPolicyFindings.findings(): from the app's tokens the status already read (appTokens). */
export function tokenPolicyStatusFindings(
  org: Org,
  settings: ConnectorSettingsRecord | null,
  user: UserRecord | null,
  userName: string | null,
  appTokens: OauthTokenRecord[]
): ProviderFinding[] {
  const appName = settings?.ConnectedAppName__c;
  if (!appName?.trim() || !user) return [];
  const findings: ProviderFinding[] = [];
  const mine = appTokens.filter((t) => t.UserId === user.Id);
  const approvals = mine.length;
  let lastUse: string | null = null;
  for (const token of mine) {
    const used = token.LastUsedDate ?? token.CreatedDate;
    if (used && (!lastUse || used > lastUse)) lastUse = used;
  }
  if (nearApprovalLimit(approvals)) {
    findings.push(
      finding(
        'TOKEN_APPROVALS_NEAR_LIMIT',
        'Recommended',
        false,
        label('Status_TokenApprovals', userName, approvals, appName, APPROVAL_LIMIT),
        label('Status_FixTokenApprovals'),
        CONNECTED_APPS_USAGE_URL
      )
    );
  }
  const policy = appPolicy(org, appName);
  if (!policy) {
    findings.push(
      finding(
        'CONNECTED_APP_POLICY_UNREADABLE',
        'Recommended',
        false,
        label('Status_AppPolicyUnreadable', appName),
        label('Status_FixAppPolicyUnreadable'),
        CONNECTED_APPS_URL
      )
    );
    return findings;
  }
  const approved = policy.OptionsAllowAdminApprovedUsersOnly ? isUserApproved(org, policy.Id, user) : null;
  if (blockedByApproval(policy.OptionsAllowAdminApprovedUsersOnly, approved)) {
    findings.push(
      finding(
        'CONNECTED_APP_NOT_APPROVED',
        'Required',
        false,
        label('Status_AppNotApproved', userName, appName),
        label('Status_FixAppNotApproved'),
        CONNECTED_APPS_URL
      )
    );
  }
  const idleDays = lastUse === null ? null : daysBetween(org, lastUse, org.now());
  if (idlePolicyAtRisk(policy.OptionsRefreshTokenValidityMetric, policy.RefreshTokenValidityPeriod, idleDays)) {
    findings.push(
      finding(
        'TOKEN_IDLE_POLICY',
        'Recommended',
        false,
        label('Status_TokenIdlePolicy', appName, policy.RefreshTokenValidityPeriod, userName, idleDays),
        label('Status_FixTokenIdlePolicy'),
        CONNECTED_APPS_URL
      )
    );
  }
  return findings;
}

/**
 * IntegrationLicenseFindings.Selector.hasPermissionSetLicense(): null when the running user cannot read the
 * assignments. platform-rule: permissionsetlicenseassign-view-setup — only users with View Setup and Configuration
 * or Assign Permission Sets can access PermissionSetLicenseAssign (Summer '20 on); the Apex reads it in user mode.
 */
export function hasPermissionSetLicense(org: Org, userId: string, masterLabel: string): boolean | null {
  const reader = org.state.runningUserId;
  if (
    !hasSystemPermission(org, reader, 'PermissionsViewSetup') &&
    !hasSystemPermission(org, reader, 'PermissionsAssignPermissionSets')
  ) {
    return null;
  }
  return org.state.permissionSetLicenseAssigns.some((a) => a.AssigneeId === userId && a.MasterLabel === masterLabel);
}

/**
 * IntegrationLicenseFindings.permissionsBeyondLicense(): the permission fields the named permission set license cannot
 * grant (MaximumPermissions<Name> false), among those given; empty when there is no such license or it is unreadable.
 * platform-rule: permissionsetlicense-maximum-permissions — one MaximumPermissions field per permission.
 */
export function permissionsBeyondLicense(org: Org, masterLabel: string, permissionFields: string[]): string[] {
  const reader = org.state.runningUserId;
  if (
    !hasSystemPermission(org, reader, 'PermissionsViewSetup') &&
    !hasSystemPermission(org, reader, 'PermissionsAssignPermissionSets')
  ) {
    return [];
  }
  const license = (org.state.permissionSetLicenses ?? []).find((l) => l.MasterLabel === masterLabel);
  if (!license) return [];
  return permissionFields.filter(
    (field) => field in license.maximumPermissions && license.maximumPermissions[field] !== true
  );
}

/** IntegrationLicenseFindings.findings(): an Integration-license user without the Salesforce API Integration PSL. */
export function integrationLicenseStatusFindings(
  org: Org,
  user: UserRecord | null,
  userName: string | null,
  licenseName: string | null,
  userSetupUrl: string | null
): ProviderFinding[] {
  if (!user || !isIntegrationLicense(licenseName)) return [];
  const hasLicense = hasPermissionSetLicense(org, user.Id, PERMISSION_SET_LICENSE);
  if (!missingPermissionSetLicense(licenseName, hasLicense)) return [];
  return [
    finding(
      'INTEGRATION_PSL_MISSING',
      'Required',
      false,
      label('Status_IntegrationPslMissing', userName, PERMISSION_SET_LICENSE),
      label('Status_FixIntegrationPslMissing'),
      userSetupUrl ?? USERS_URL
    )
  ];
}
