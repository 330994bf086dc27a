/**
 * The pure "before it breaks" rules of TokenPolicyFindings and IntegrationLicenseFindings (Apex), written once for
 * TypeScript: the in-memory org (preview/org/tokenPolicy.ts, integrationLicense.ts re-export them) and the CLI
 * doctor (which cannot import preview/: the plugin compiles scripts/ only) run these same functions.
 */

/**
 * platform-rule: connected-app-five-approvals — each connected app allows five approvals per user (for OAuth 2.0,
 * each refresh token is one); a further approval revokes the oldest. Warn from the fourth.
 */
export const APPROVAL_LIMIT = 5;
export const APPROVAL_WARNING = 4;
export const CONNECTED_APPS_URL = '/lightning/setup/ConnectedApplication/home';
export const CONNECTED_APPS_USAGE_URL = '/lightning/setup/ConnectedAppsUsage/home';

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

/** Idle-based policy: flagged once half of the period (counted in days: Apex cannot see the unit) has passed idle. */
export function idlePolicyAtRisk(idleBased: boolean, validityPeriod: number | null, idleDays: number | null): boolean {
  if (!idleBased || validityPeriod === null || validityPeriod <= 0 || idleDays === null) return false;
  return idleDays * 2 >= validityPeriod;
}

/** Admin-approved-only apps refuse users without an approved profile or permission set; unknown is not a finding. */
export function blockedByApproval(adminApprovedOnly: boolean, userApproved: boolean | null): boolean {
  return adminApprovedOnly && userApproved === false;
}

export type PolicyFindingCode =
  'TOKEN_APPROVALS_NEAR_LIMIT' | 'CONNECTED_APP_NOT_APPROVED' | 'TOKEN_IDLE_POLICY' | 'CONNECTED_APP_POLICY_UNREADABLE';

export interface PolicyFinding {
  code: PolicyFindingCode;
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
    findings.push({ code: 'TOKEN_APPROVALS_NEAR_LIMIT', severity: 'Recommended', setupUrl: CONNECTED_APPS_USAGE_URL });
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
 * platform-rule: salesforce-integration-user-license — the Salesforce Integration user license comes with the
 * "Minimum Access - API Only Integrations" profile and the "Salesforce API Integration" permission set license,
 * without which permission sets cannot grant such a user the connector's permissions.
 */
export const LICENSE_NAME = 'Salesforce Integration';
export const PERMISSION_SET_LICENSE = 'Salesforce API Integration';
export const PROFILE_NAME = 'Minimum Access - API Only Integrations';
export const INTEGRATION_PSL_MISSING = 'INTEGRATION_PSL_MISSING';

export function isIntegrationLicense(licenseName: string | null | undefined): boolean {
  return (licenseName ?? '').trim().toLowerCase() === LICENSE_NAME.toLowerCase();
}

/** Null (cannot read the assignments) is never a finding. */
export function missingPermissionSetLicense(licenseName: string | null, hasLicense: boolean | null): boolean {
  return isIntegrationLicense(licenseName) && hasLicense === false;
}
