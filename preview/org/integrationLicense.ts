/**
 * The Salesforce Integration user license, the TypeScript twin of IntegrationLicenseFindings (Apex): the pure rules
 * (shared with the CLI doctor) and the model of an assignment to such a user.
 *
 * platform-rule: salesforce-integration-user-license — the license comes with the "Minimum Access - API Only
 * Integrations" profile (API-only access that cannot be turned off) and the "Salesforce API Integration" permission set
 * license, which widens what permission sets can grant such a user. The twin refuses a permission-set assignment to an
 * Integration-license user without that permission set license, and one of a set tied to another user license.
 */

// The pure rules live in scripts/lib/connector-rules.ts (the CLI doctor runs them too).
export {
  isIntegrationLicense,
  LICENSE_NAME,
  missingPermissionSetLicense,
  PERMISSION_SET_LICENSE,
  PROFILE_NAME
} from '../../scripts/lib/connector-rules.ts';
import { isIntegrationLicense, PERMISSION_SET_LICENSE } from '../../scripts/lib/connector-rules.ts';

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
