import type { UserOptionView, UserReadinessView } from '../../scripts/contract/types.ts';
import { canSeeTokensOf, searchUsers, tokenRows } from './connection.ts';
import { isIntegrationLicense, missingPermissionSetLicense, PERMISSION_SET_LICENSE } from './integrationLicense.ts';
import { label } from './labels.ts';
import { readRequirements } from './metadata.ts';
import { OAUTH_TOKEN_MAX_ROWS } from './oauthTokens.ts';
import type { Org } from './org.ts';
import { auditUser, isLimitedLicense, type AuditResult } from './status.ts';
import { hasPermissionSetLicense, permissionsBeyondLicense } from './statusProviders.ts';

/**
 * Twin of UserReadinessService: each candidate connector user audited by the audit's rules (auditUser, the twin of
 * IntegrationUserAudit.run over an IntegrationUserAuditSnapshot), judged by the status's user rules and the
 * Integration-license rule, and told what Fix would grant and what only Setup can.
 */

/** AdminHomeController.searchConnectorCandidates(): searchUsers, each option with its readiness. */
export function searchConnectorCandidates(org: Org, term: unknown): UserOptionView[] {
  const options = searchUsers(org, term);
  const readiness = userReadiness(
    org,
    options.map((option) => option.id)
  );
  return options.map((option) => ({ ...option, readiness: readiness.get(option.id) ?? null }));
}

/** UserReadinessService.evaluate(): the readiness of each user found, by id. */
export function userReadiness(org: Org, userIds: string[]): Map<string, UserReadinessView> {
  const views = new Map<string, UserReadinessView>();
  const requirements = readRequirements();
  const rows = tokenRows(org);
  // What the Integration license's permission set license cannot hold (one read in the Apex).
  const beyondLicense = permissionsBeyondLicense(org, PERMISSION_SET_LICENSE, org.state.permissionFields);
  for (const userId of userIds) {
    const audit = auditUser(org, userId, requirements);
    if (!audit.user) continue;
    const hasLicense = hasPermissionSetLicense(org, userId, PERMISSION_SET_LICENSE);
    const count = rows.filter((row) => row.UserId === userId).length;
    // platform-rule: oauthtoken-visibility-customize-application — an invisible token is not a missing one.
    const hidden = !canSeeTokensOf(org, userId) || rows.length >= OAUTH_TOKEN_MAX_ROWS;
    views.set(userId, readinessOf(audit, hasLicense, count === 0 && hidden ? null : count, beyondLicense));
  }
  return views;
}

/** UserReadinessService.toView(). */
export function readinessOf(
  audit: AuditResult,
  hasLicense: boolean | null,
  holdsTokens: number | null,
  beyondLicense: string[] = []
): UserReadinessView {
  const { view: auditView } = audit;
  const licenseName = auditView.licenseName;
  const integrationLicense = isIntegrationLicense(licenseName);
  const view: UserReadinessView = {
    ready: false,
    fixMakesReady: false,
    isActive: auditView.isActive,
    isFrozen: auditView.isFrozen,
    profileName: auditView.profileName,
    licenseName,
    apiEnabled: false,
    requiredMet: 0,
    requiredMissing: 0,
    missingRequired: [],
    breaks: [],
    fixGrants: [],
    cannotFix: [],
    holdsTokens,
    integrationLicense,
    hasPermissionSetLicense: integrationLicense ? hasLicense : null,
    notes: []
  };
  if (!view.isActive) view.breaks.push(label('Readiness_Inactive'));
  if (view.isFrozen) view.breaks.push(label('Readiness_Frozen'));
  const limitedLicense = isLimitedLicense(licenseName);
  if (limitedLicense) view.breaks.push(label('Readiness_LicenseLimited', licenseName));
  // platform-rule: salesforce-integration-user-license — without the permission set license, no permission set
  // (so not Fix's either) can give an Integration-license user the connector's permissions.
  const noPermissionSetLicense = missingPermissionSetLicense(licenseName, hasLicense);
  if (noPermissionSetLicense) {
    view.breaks.push(label('Status_IntegrationPslMissing', auditView.userName, PERMISSION_SET_LICENSE));
  }
  if (integrationLicense) view.notes.push(label('Status_FixNoTokenApiOnly'));
  const fixBlocked = limitedLicense || noPermissionSetLicense;
  const beyond = new Set(integrationLicense && hasLicense === true ? beyondLicense.map((f) => f.toLowerCase()) : []);
  for (const result of auditView.results) {
    // platform-rule: permissionsetlicense-maximum-permissions — a permission the license cannot hold is not Fix's.
    const beyondTheLicense = result.kind === 'SystemPermission' && beyond.has(result.target.trim().toLowerCase());
    const met = result.state === 'Met';
    const missing = result.state === 'Missing' || result.state === 'NotAvailable';
    const required = result.severity === 'Required';
    if (result.target.trim().toLowerCase() === 'permissionsapienabled') view.apiEnabled = met;
    if (required && met) view.requiredMet++;
    if (required && missing) {
      view.requiredMissing++;
      view.missingRequired.push(result.label);
    }
    // What the Fix button grants: every fixable Required and Recommended requirement (IntegrationAccessRepair).
    const fixable = result.state === 'Missing' && result.fixAction !== null && result.severity !== 'Conditional';
    if (fixable && !fixBlocked && !beyondTheLicense) view.fixGrants.push(result.label);
    else if ((fixable || missing) && required) view.cannotFix.push(result.label);
  }
  view.ready = view.breaks.length === 0 && view.requiredMissing === 0;
  view.fixMakesReady = view.breaks.length === 0 && view.cannotFix.length === 0;
  return view;
}
