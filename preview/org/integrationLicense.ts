/**
 * The Salesforce Integration user license, the TypeScript twin of IntegrationLicenseFindings (Apex). Standalone until
 * the preview's one in-memory org and the CLI doctor take it in.
 *
 * platform-rule: salesforce-integration-user-license — the license comes with the "Minimum Access - API Only
 * Integrations" profile (API-only access that cannot be turned off) and the "Salesforce API Integration" permission set
 * license, which widens what permission sets can grant such a user. The twin refuses a permission-set assignment to an
 * Integration-license user without that permission set license, and one of a set tied to another user license.
 */

export const LICENSE_NAME = 'Salesforce Integration';
export const PERMISSION_SET_LICENSE = 'Salesforce API Integration';
export const PROFILE_NAME = 'Minimum Access - API Only Integrations';

export function isIntegrationLicense(licenseName: string | null | undefined): boolean {
  return (licenseName ?? '').trim().toLowerCase() === LICENSE_NAME.toLowerCase();
}

/** Null (cannot read the assignments) is never a finding. */
export function missingPermissionSetLicense(licenseName: string | null, hasLicense: boolean | null): boolean {
  return isIntegrationLicense(licenseName) && hasLicense === false;
}

export interface IntegrationUser {
  id: string;
  licenseName: string;
  permissionSetLicenses: string[];
}

export interface LocalPermissionSet {
  name: string;
  /** The user license the set is tied to; null for a set without one (what the repair builds). */
  licenseName: string | null;
}

export class AssignmentRefused extends Error {
  readonly errorCode = 'FIELD_INTEGRITY_EXCEPTION';
}

/** Assigning a permission set to the user, as modelled for the Integration license. */
export function assignPermissionSet(user: IntegrationUser, set: LocalPermissionSet): void {
  if (!isIntegrationLicense(user.licenseName)) return;
  if (set.licenseName !== null && !isIntegrationLicense(set.licenseName)) {
    throw new AssignmentRefused(`The permission set ${set.name} requires the ${set.licenseName} user license.`);
  }
  if (!user.permissionSetLicenses.includes(PERMISSION_SET_LICENSE)) {
    throw new AssignmentRefused(
      `Assign the ${PERMISSION_SET_LICENSE} permission set license to the user before permission set ${set.name}.`
    );
  }
}

/** The fix shown for a missing token: an API-only user cannot log in to approve the app in a browser. */
export function noTokenFix(licenseName: string | null): 'Status_FixNoTokenApiOnly' | 'Status_FixNoToken' {
  return isIntegrationLicense(licenseName) ? 'Status_FixNoTokenApiOnly' : 'Status_FixNoToken';
}
