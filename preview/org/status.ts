import { IntegrationUserAuditSelector } from './selectors/IntegrationUserAuditSelector.ts';
import type {
  ActionResult,
  AuditView,
  FindingView,
  JobRunnerView,
  JobView,
  RequirementResultView,
  RequirementView,
  Severity,
  StatusView
} from '../../scripts/contract/types.ts';
import { DEFAULT_INTEGRATION_PERMISSION_SET } from './adminHome.ts';
import { canSeeTokensOf, tokenFindings } from './connection.ts';
import { OAUTH_TOKEN_MAX_ROWS, queryOauthTokens } from './oauthTokens.ts';
import { KeyPrefix, newId } from './ids.ts';
import { readRequirements } from './metadata.ts';
import { label } from './labels.ts';
import { noTokenFix } from './integrationLicense.ts';
import { integrationLicenseStatusFindings, sandboxCopyFindings, tokenPolicyStatusFindings } from './statusProviders.ts';
import type { Org } from './org.ts';
import { insertPermissionSetAssignments, saveObjectPermissions, savePermissionSet } from './permissionDml.ts';
import { permissionsNamedIn, userFieldByLabel, userPermissionName } from '../../scripts/lib/permission-dependencies.ts';
import type { ObjectAccess, PermissionSetRecord, ProfileRecord, UserRecord } from './state.ts';

/**
 * Twins of IntegrationUserAudit, ConnectorStatusService and IntegrationAccessRepair: the same rules over the
 * in-memory org, the same messages (custom labels), the same finding codes and order.
 */

/** IntegrationUserAudit.FIX_ACTION */
export const REPAIR_ACTION = 'repairIntegrationAccess';
const PERMISSION_SETS_URL = '/lightning/setup/PermSets/home';
const USER_INTERFACE_URL = '/lightning/setup/UserInterfaceUI/home';
const USERS_URL = '/lightning/setup/ManageUsers/home';
const CONNECTED_APPS_USAGE_URL = '/lightning/setup/ConnectedAppsUsage/home';
/** IntegrationUserAudit.FEATURE_SETUP_URLS */
const FEATURE_SETUP_URLS: Record<string, string> = {
  permissionscreateauditfields: USER_INTERFACE_URL,
  permissionsupdatewithinactiveowner: USER_INTERFACE_URL
};
/** ConnectorStatusService.HEARTBEAT_MAX_AGE_HOURS, TOKEN_IDLE_DAYS */
const HEARTBEAT_MAX_AGE_HOURS = 24;
const TOKEN_IDLE_DAYS = 30;
const LIMITED_LICENSE_WORDS = ['chatter', 'guest'];
/** IntegrationAccessRepair.MAX_ROUNDS: saves that add what the refusals named before the repair gives up. */
export const MAX_REPAIR_ROUNDS = 10;
const ACCESS_FIELD: Record<string, keyof ObjectAccess> = {
  Read: 'PermissionsRead',
  Create: 'PermissionsCreate',
  Edit: 'PermissionsEdit',
  Delete: 'PermissionsDelete'
};
/** Objects the preview org has (Schema.getGlobalDescribe()). */
const ORG_OBJECTS = ['Account', 'Contact', 'Case', 'Lead', 'Opportunity', 'Task', 'User'];

export function userSetupUrl(userId: string): string {
  return `/lightning/setup/ManageUsers/page?address=${encodeURIComponent(`/${userId}?noredirect=1`)}`;
}

/** IntegrationUserAudit.Result: the view plus what the status and the repair need. */
export interface AuditResult {
  view: AuditView;
  user: UserRecord | null;
  isConfigured: boolean;
  assigned: PermissionSetRecord[];
  integrationPermissionSetName: string;
}

function integrationPermissionSetName(org: Org): string {
  const name = org.state.settings?.IntegrationPermissionSetName__c;
  return name && name.trim() ? name : DEFAULT_INTEGRATION_PERMISSION_SET;
}

/** The requirement as shown (without its manual and sort order), not yet judged. */
function baseResult(requirement: RequirementView): RequirementResultView {
  const { sourceManual: _manual, sortOrder: _order, ...shown } = requirement;
  return { ...shown, state: 'NotApplicable', grantedBy: [], fix: null, fixAction: null, setupUrl: null };
}

/** A permission field of this org, by describe name (case-insensitive like the Apex map), or null. */
function permissionField(org: Org, target: string): string | null {
  const wanted = target.trim().toLowerCase();
  const field = org.state.permissionFields.find((f) => f.toLowerCase() === wanted);
  return field && field.startsWith('Permissions') ? field : null;
}

function objectName(target: string): string | null {
  const wanted = target.trim().toLowerCase();
  return ORG_OBJECTS.find((name) => name.toLowerCase() === wanted) ?? null;
}

/** Twin of IntegrationUserAudit.run(). */
export function runAudit(org: Org, requirements: RequirementView[] = readRequirements()): AuditResult {
  return auditUser(org, org.state.settings?.ConnectorUserId__c?.trim() || null, requirements);
}

/** Twin of IntegrationUserAudit.run(userId, …): any user (a candidate connector user) by the same rules. */
export function auditUser(
  org: Org,
  userId: string | null,
  requirements: RequirementView[] = readRequirements()
): AuditResult {
  const psName = integrationPermissionSetName(org);
  const view: AuditView = {
    userId,
    userName: null,
    isActive: false,
    isFrozen: false,
    profileName: null,
    licenseName: null,
    integrationPermissionSetName: psName,
    userSetupUrl: null,
    results: []
  };
  const user = org.user(userId) ?? null;
  const result: AuditResult = {
    view,
    user,
    isConfigured: userId !== null,
    assigned: [],
    integrationPermissionSetName: psName
  };
  if (!user) {
    const fix = userId === null ? label('Audit_FixNoConnectorUser') : label('Audit_FixUserNotFound', userId);
    view.results = requirements.map((r) => ({ ...baseResult(r), state: 'NotApplicable', fix }));
    return result;
  }
  const profile = org.profile(user.ProfileId);
  view.userName = user.Name;
  view.isActive = user.IsActive;
  view.isFrozen = user.IsFrozen;
  view.profileName = profile?.Name ?? null;
  view.licenseName = profile?.UserLicense ?? null;
  view.userSetupUrl = userSetupUrl(user.Id);
  // Profile first, then permission sets by the label an admin reads.
  const sets = org.permissionSetsOf(user.Id).sort((a, b) => a.Label.localeCompare(b.Label));
  result.assigned = sets;
  const sources: { source: string; grants: ProfileRecord | PermissionSetRecord; isProfile: boolean }[] = [
    ...(profile ? [{ source: label('Audit_GrantedByProfile', profile.Name), grants: profile, isProfile: true }] : []),
    ...sets.map((ps) => ({ source: label('Audit_GrantedByPermissionSet', ps.Label), grants: ps, isProfile: false }))
  ];

  const missing = (r: RequirementResultView, fix: string, setupUrl: string): RequirementResultView => ({
    ...r,
    state: 'Missing',
    fix,
    fixAction: REPAIR_ACTION,
    setupUrl
  });

  view.results = requirements.map((requirement): RequirementResultView => {
    const base = baseResult(requirement);
    if (requirement.kind === 'SystemPermission') {
      const field = permissionField(org, requirement.target);
      if (!field) {
        return {
          ...base,
          state: 'NotAvailable',
          fix: label('Audit_FixNotAvailable'),
          setupUrl: FEATURE_SETUP_URLS[requirement.target.trim().toLowerCase()] ?? null
        };
      }
      const grantedBy = sources.filter((s) => s.grants.permissions[field] === true).map((s) => s.source);
      return grantedBy.length > 0
        ? { ...base, state: 'Met', grantedBy }
        : missing(base, label('Audit_FixSystemPermission', psName), PERMISSION_SETS_URL);
    }
    if (requirement.kind === 'ObjectAccess') {
      const name = objectName(requirement.target);
      const accessField = ACCESS_FIELD[requirement.accessLevel ?? 'Read'];
      if (!name || !accessField) {
        return { ...base, state: 'NotAvailable', fix: label('Audit_FixObjectNotAvailable', requirement.target) };
      }
      const grantedBy = sources
        .filter((s) => {
          const access = s.grants.objectPermissions[name];
          return access !== undefined && (access[accessField] || access.PermissionsModifyAllRecords);
        })
        .map((s) => s.source)
        .sort();
      return grantedBy.length > 0
        ? { ...base, state: 'Met', grantedBy }
        : missing(
            base,
            label('Audit_FixObjectAccess', requirement.accessLevel ?? 'Read', requirement.target, psName),
            PERMISSION_SETS_URL
          );
    }
    if (requirement.kind === 'PackagePermissionSet') {
      const target = requirement.target.trim().toLowerCase();
      const assigned = sets.some(
        (ps) => ps.NamespacePrefix === org.state.organization.NamespacePrefix && ps.Name.toLowerCase() === target
      );
      return assigned
        ? { ...base, state: 'Met', grantedBy: [label('Audit_GrantedByAssignment')] }
        : missing(base, label('Audit_FixPackagePermissionSet', requirement.target.trim()), userSetupUrl(user.Id));
    }
    return { ...base, state: 'NotApplicable', fix: label('Audit_FixUnknownKind', requirement.kind) };
  });
  return result;
}

interface Finding {
  view: FindingView;
  disconnects: boolean;
}

function finding(
  code: string,
  severity: Severity,
  disconnects: boolean,
  message: string,
  fix: string | null,
  fixAction: string | null,
  setupUrl: string | null
): Finding {
  return { view: { code, severity, message, messageAt: null, fix, fixAction, setupUrl }, disconnects };
}

/** ConnectorStatusService.isLimitedLicense(): a license that cannot reach the records the connector writes. */
export function isLimitedLicense(licenseName: string | null): boolean {
  const license = (licenseName ?? '').toLowerCase();
  return LIMITED_LICENSE_WORDS.some((word) => license.includes(word));
}

function rank(f: Finding): number {
  if (f.disconnects) return 0;
  return f.view.severity === 'Required' ? 1 : f.view.severity === 'Recommended' ? 2 : 3;
}

/** OauthUsageService.STATUS_CODE_OLD_USER */
export const STATUS_CODE_OLD_USER = 'OLD_USER_AUTHORIZED_';

/**
 * Twin of OauthUsageService.StatusFindings: every old user still holding tokens is a Required cause. A connector
 * user without a token is the status's own NO_OAUTH_TOKEN. No fix action: revoking is in the OAuth usage card.
 */
function oauthUsageFindings(org: Org): Finding[] {
  return tokenFindings(org)
    .filter((token) => token.code === 'OldConnectorUserAuthorized')
    .map((token) =>
      finding(
        `${STATUS_CODE_OLD_USER}${token.userId}`,
        token.severity,
        false,
        token.message,
        token.fix,
        null,
        CONNECTED_APPS_USAGE_URL
      )
    );
}

/** Twin of JobHealthFindings: every job with a warning or in Error is a Required cause. */
function jobFindings(jobs: JobView[]): Finding[] {
  return jobs.flatMap((job) => {
    const problem = job.warning?.trim() ? job.warning : job.state === 'Error' ? label('Status_JobError') : null;
    if (!problem) return [];
    return [
      finding(
        `JOB_${job.definitionName ?? job.cronTriggerId}`,
        'Required',
        false,
        label('Status_JobAttention', job.label, problem),
        label(job.definitionName === null ? 'Status_FixUnmanagedJob' : 'Status_FixJob'),
        // No fix action: the status card runs only the repair; the jobs card stops and restarts jobs.
        null,
        null
      )
    ];
  });
}

/** Twin of JobRunnerFindings: the job command trigger ran last as someone other than the connector user. */
function jobRunnerFindings(runner: JobRunnerView | null): Finding[] {
  if (!runner?.known || runner.isConnectorUser === true) return [];
  return [
    finding(
      'JOB_RUNNER',
      'Required',
      false,
      label('Status_JobRunnerWrong', runner.userName ?? runner.userId),
      label('Status_FixJobRunner'),
      null,
      null
    )
  ];
}

/** Twin of ConnectorStatusService.getStatus(audit, [JobHealthFindings, JobRunnerFindings], tokenRows). */
export function getStatus(
  org: Org,
  audit: AuditResult = runAudit(org),
  jobs: JobView[] = [],
  runner: JobRunnerView | null = null
): StatusView {
  const settings = org.state.settings;
  const now = org.now().getTime();
  const status: StatusView = {
    verdict: 'Connected',
    causes: [],
    lastHeartbeat: settings?.LastHeartbeat__c ?? null,
    lastHeartbeatUserId: settings?.LastHeartbeatUserId__c ?? null,
    tokenState: 'Unknown',
    tokenLastUsed: null,
    tokenCreated: null,
    tokenUseCount: 0
  };
  const findings: Finding[] = [];
  const { view, user } = audit;

  // sandbox copy first, as SandboxCopyService.findings() in the Apex
  findings.push(...sandboxCopyFindings(org, settings));

  // user
  if (!audit.isConfigured) {
    findings.push(
      finding(
        'NO_CONNECTOR_USER',
        'Required',
        true,
        label('Status_NoConnectorUser'),
        label('Status_FixNoConnectorUser'),
        null,
        null
      )
    );
  } else if (!user) {
    findings.push(
      finding(
        'CONNECTOR_USER_NOT_FOUND',
        'Required',
        true,
        label('Status_UserNotFound', view.userId),
        label('Status_FixNoConnectorUser'),
        null,
        USERS_URL
      )
    );
  } else {
    if (!view.isActive) {
      findings.push(
        finding(
          'CONNECTOR_USER_INACTIVE',
          'Required',
          true,
          label('Status_UserInactive', view.userName),
          label('Status_FixUserInactive'),
          null,
          view.userSetupUrl
        )
      );
    }
    if (isLimitedLicense(view.licenseName)) {
      findings.push(
        finding(
          'CONNECTOR_USER_LICENSE',
          'Required',
          false,
          label('Status_UserLicense', view.userName, view.licenseName),
          label('Status_FixUserLicense'),
          null,
          view.userSetupUrl
        )
      );
    }
    if (view.isFrozen) {
      findings.push(
        finding(
          'CONNECTOR_USER_FROZEN',
          'Required',
          true,
          label('Status_UserFrozen', view.userName),
          label('Status_FixUserFrozen'),
          null,
          view.userSetupUrl
        )
      );
    }
  }

  // audit
  const recommended: string[] = [];
  for (const result of view.results) {
    if (result.state !== 'Missing') continue;
    if (result.severity === 'Required') {
      findings.push(
        finding(
          `MISSING_${result.developerName}`,
          'Required',
          result.target.trim().toLowerCase() === 'permissionsapienabled',
          label('Status_RequirementMissing', result.label, result.reason),
          result.fix,
          result.fixAction,
          result.setupUrl
        )
      );
    } else if (result.severity === 'Recommended') {
      recommended.push(result.label);
    }
  }
  if (recommended.length > 0) {
    findings.push(
      finding(
        'RECOMMENDED_MISSING',
        'Recommended',
        false,
        label('Status_RecommendedMissing', recommended.length, recommended.join(', ')),
        label('Status_FixRecommendedMissing'),
        REPAIR_ACTION,
        PERMISSION_SETS_URL
      )
    );
  }

  // heartbeat
  const last = settings?.LastHeartbeat__c ? Date.parse(settings.LastHeartbeat__c) : null;
  if (last === null) {
    findings.push(
      finding(
        'HEARTBEAT_NEVER',
        'Recommended',
        false,
        label('Status_HeartbeatNever'),
        label('Status_FixHeartbeat'),
        null,
        null
      )
    );
  } else if (last + HEARTBEAT_MAX_AGE_HOURS * 3_600_000 < now) {
    findings.push(
      finding(
        'HEARTBEAT_STALE',
        'Required',
        false,
        label('Status_HeartbeatStale', Math.floor((now - last) / 3_600_000)),
        label('Status_FixHeartbeat'),
        null,
        null
      )
    );
  }
  const heartbeatUser = settings?.LastHeartbeatUserId__c?.trim() || null;
  if (heartbeatUser && user && heartbeatUser !== user.Id) {
    findings.push(
      finding(
        'HEARTBEAT_OTHER_USER',
        'Required',
        false,
        label('Status_HeartbeatOtherUser', heartbeatUser),
        label('Status_FixHeartbeatOtherUser'),
        null,
        CONNECTED_APPS_USAGE_URL
      )
    );
  }

  // token: without the connected app's name the connector's token cannot be told apart
  const appName = settings?.ConnectedAppName__c?.trim() || null;
  const appTokens = appName && user ? queryOauthTokens(org, { appName }) : [];
  const tokens = appTokens.filter((t) => t.UserId === user?.Id);
  // platform-rule: oauthtoken-visibility-customize-application — an invisible token is not a missing one; nor
  // is one past the 2,500 rows a query returns: state Unknown, no finding (ConnectorStatusService).
  const tokenHidden =
    tokens.length === 0 && user !== null && (!canSeeTokensOf(org, user.Id) || appTokens.length >= OAUTH_TOKEN_MAX_ROWS);
  if (appName && user && !tokenHidden) {
    if (tokens.length === 0) {
      status.tokenState = 'Missing';
      findings.push(
        finding(
          'NO_OAUTH_TOKEN',
          'Required',
          true,
          label('Status_NoToken', view.userName, appName),
          // platform-rule: salesforce-integration-user-license — an API-only user cannot log in to approve the app.
          label(noTokenFix(view.licenseName)),
          null,
          CONNECTED_APPS_USAGE_URL
        )
      );
    } else {
      status.tokenState = 'Present';
      for (const token of tokens) {
        status.tokenUseCount += token.UseCount;
        if (token.LastUsedDate && (!status.tokenLastUsed || token.LastUsedDate > status.tokenLastUsed))
          status.tokenLastUsed = token.LastUsedDate;
        if (!status.tokenCreated || token.CreatedDate < status.tokenCreated) status.tokenCreated = token.CreatedDate;
      }
      const lastUse = status.tokenLastUsed ?? status.tokenCreated;
      if (lastUse && Date.parse(lastUse) + TOKEN_IDLE_DAYS * 86_400_000 < now) {
        findings.push(
          finding(
            'TOKEN_IDLE',
            'Recommended',
            false,
            label('Status_TokenIdle', Math.floor((now - Date.parse(lastUse)) / 86_400_000)),
            label('Status_FixTokenIdle'),
            null,
            CONNECTED_APPS_USAGE_URL
          )
        );
      }
    }
  }

  // Providers in the Apex order: OAuth usage, token policy, Integration license, then the page's (job health).
  findings.push(...oauthUsageFindings(org));
  findings.push(...tokenPolicyStatusFindings(org, settings, user, view.userName, appTokens));
  findings.push(...integrationLicenseStatusFindings(org, user, view.userName, view.licenseName, view.userSetupUrl));
  findings.push(...jobFindings(jobs));
  findings.push(...jobRunnerFindings(runner));

  // Stable sort: disconnecting causes, then Required, then Recommended, each in the order found.
  const sorted = findings.map((f, i) => ({ f, i })).sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i);
  status.causes = sorted.map(({ f }) => f.view);
  if (findings.some((f) => f.disconnects)) status.verdict = 'Disconnected';
  else if (findings.some((f) => f.view.severity === 'Required')) status.verdict = 'NeedsAttention';
  return status;
}

function accessFields(level: string | null): (keyof ObjectAccess)[] {
  if (level === 'Create') return ['PermissionsRead', 'PermissionsCreate'];
  if (level === 'Edit') return ['PermissionsRead', 'PermissionsEdit'];
  if (level === 'Delete') return ['PermissionsRead', 'PermissionsEdit', 'PermissionsDelete'];
  return ['PermissionsRead'];
}

/** An ObjectPermissions row that grants nothing. */
export function noAccess(): ObjectAccess {
  return {
    PermissionsRead: false,
    PermissionsCreate: false,
    PermissionsEdit: false,
    PermissionsDelete: false,
    PermissionsViewAllRecords: false,
    PermissionsModifyAllRecords: false
  };
}

/** Whether the running user may change permission sets in Setup (user mode DML in the Apex). */
function canManagePermissionSets(org: Org): boolean {
  const runningUser = org.runningUser();
  const field = 'PermissionsManageProfilesPermissionsets';
  return (
    org.profile(runningUser.ProfileId)?.permissions[field] === true ||
    org.permissionSetsOf(runningUser.Id).some((ps) => ps.permissions[field] === true)
  );
}

/** IntegrationAccessRepair.ObjectRow: one ObjectPermissions row to save. */
interface PendingRow {
  access: ObjectAccess;
  isNew: boolean;
  pending: boolean;
}

/**
 * Twin of IntegrationAccessRepair.saveWithDependencies(): saves the set and its object rows with allOrNone=false,
 * adds every permission each refusal names (every error, every clause), saves the rows other rows depend on first,
 * and goes on while something new is named or saved, at most MAX_REPAIR_ROUNDS times. Returns the refusals left.
 *
 * platform-rule: permission-dependency-error-message — the platform names what a refused save lacks.
 * platform-rule: object-permission-dependencies — parents' Read is saved before their children.
 */
function saveWithDependencies(
  org: Org,
  local: PermissionSetRecord,
  fields: Set<string>,
  rows: Map<string, PendingRow>
): { errors: string[]; granted: Set<string> } {
  const granted = new Set([...fields].filter((field) => local.permissions[field] !== true));
  if (!org.state.permissionSets.includes(local)) {
    // IntegrationAccessRepair.insertBareSet(): the set first, so rows can be saved before what needs them.
    const refused = savePermissionSet(org, local, []);
    if (refused.length > 0) return { errors: refused.map((e) => e.message), granted };
  }
  let setPending = granted.size > 0;
  const parents = new Set<string>();
  let errors: string[] = [];
  for (let round = 1; round <= MAX_REPAIR_ROUNDS; round++) {
    errors = [];
    let progress = false;
    if (setPending) {
      const refused = savePermissionSet(org, local, [...granted]);
      if (refused.length === 0) {
        setPending = false;
        progress = true;
      } else errors.push(...refused.map((e) => e.message));
    }
    // Rows are saved even while the set is refused: a user permission may depend on object access.
    const waiting = [...rows.entries()].filter(([, row]) => row.pending);
    for (const group of [
      waiting.filter(([name]) => parents.has(name)),
      waiting.filter(([name]) => !parents.has(name))
    ]) {
      if (group.length === 0) continue;
      const refused = saveObjectPermissions(org, local, new Map(group.map(([name, row]) => [name, row.access])));
      for (const [name, row] of group) {
        const rowErrors = refused.get(name);
        if (rowErrors) errors.push(...rowErrors.map((e) => e.message));
        else {
          row.pending = false;
          progress = true;
        }
      }
    }
    if (!setPending && [...rows.values()].every((row) => !row.pending)) return { errors: [], granted };
    let learned = false;
    for (const message of errors) {
      const named = permissionsNamedIn(
        message,
        (text) => userFieldByLabel(text, org.state.permissionFields),
        (text) => objectName(text)
      );
      for (const permission of named) {
        if (permission.kind === 'user') {
          if (local.permissions[permission.field] === true || granted.has(permission.field)) continue;
          granted.add(permission.field);
          setPending = true;
          learned = true;
          continue;
        }
        const row = rows.get(permission.object) ?? {
          access: local.objectPermissions[permission.object] ?? noAccess(),
          isNew: !local.objectPermissions[permission.object],
          pending: false
        };
        rows.set(permission.object, row);
        if (!permission.requiredBy.toLowerCase().endsWith(` ${permission.object.toLowerCase()}`)) {
          parents.add(permission.object);
        }
        const field = permission.field as keyof ObjectAccess;
        if (row.access[field]) continue;
        row.access = { ...row.access, [field]: true };
        row.pending = true;
        learned = true;
      }
    }
    if (!learned && !progress) break;
  }
  return { errors: [...new Set(errors)], granted };
}

/** Twin of IntegrationAccessRepair.repair() (AdminHomeController.repairIntegrationAccess). */
export function repairIntegrationAccess(org: Org, requirementName: string | null): ActionResult {
  const audit = runAudit(org);
  const target = audit.view.userName ?? audit.view.userId;
  const finish = (ok: boolean, changed: boolean, message: string, setupUrl: string | null = null): ActionResult => {
    // ConnectorEventLog.flushLater(). platform-rule: mixed-dml-setup-objects — the repair wrote setup objects, so
    // its audit entry cannot be inserted in the same call: a queued job writes it once the call has committed.
    org.logEventLater({
      Action__c: 'Repair integration access',
      Target__c: target,
      Outcome__c: !ok ? 'Failure' : changed ? 'Success' : 'NoChange',
      Detail__c: message
    });
    return setupUrl ? { ok, changed, message, setupUrl } : { ok, changed, message };
  };
  const user = audit.user;
  if (!user) return finish(false, false, label('Repair_NoConnectorUser'));
  const toFix = audit.view.results.filter(
    (r) =>
      r.state === 'Missing' &&
      r.fixAction !== null &&
      (requirementName ? r.developerName === requirementName : r.severity !== 'Conditional')
  );
  if (toFix.length === 0) return finish(true, false, label('Repair_NothingToChange', target));
  if (!canManagePermissionSets(org)) {
    return finish(
      false,
      false,
      label('Repair_Refused', 'Insufficient access rights: Manage Profiles and Permission Sets is required.'),
      PERMISSION_SETS_URL
    );
  }

  const changes: string[] = [];
  // What could not be done (for example a package permission set missing from the org).
  const problems: string[] = [];
  const fields = new Set<string>();
  const objects = new Map<string, (keyof ObjectAccess)[]>();
  const packageSets = new Set<string>();
  for (const result of toFix) {
    if (result.kind === 'SystemPermission') {
      const field = permissionField(org, result.target);
      if (field) fields.add(field);
    } else if (result.kind === 'ObjectAccess') {
      const name = objectName(result.target);
      if (name) objects.set(name, accessFields(result.accessLevel));
    } else {
      packageSets.add(result.target.trim());
    }
  }
  // Database.setSavepoint(): a repair that still fails leaves the org as it was.
  // platform-rule: setup-object-dml-rollback — the set, its rows and assignments roll back; the event is logged after.
  const savepoint = structuredClone(org.state);
  const newAssignments: string[] = [];
  if (fields.size > 0 || objects.size > 0) {
    const name = audit.integrationPermissionSetName;
    const existing = IntegrationUserAuditSelector.getLocalPermissionSet(org, name);
    const local: PermissionSetRecord = existing ?? {
      Id: newId(org.state, KeyPrefix.PermissionSet),
      Name: name,
      Label: name.replace(/_/g, ' ').slice(0, 80),
      NamespacePrefix: null,
      packaged: false,
      permissions: {},
      objectPermissions: {},
      customPermissions: []
    };
    const rows = new Map<string, PendingRow>();
    for (const objectName of [...objects.keys()].sort()) {
      const current = local.objectPermissions[objectName];
      const access = { ...(current ?? noAccess()) };
      let changed = !current;
      for (const field of objects.get(objectName) ?? []) {
        if (!access[field]) {
          access[field] = true;
          changed = true;
        }
      }
      if (changed) rows.set(objectName, { access, isNew: !current, pending: true });
    }
    const saved = saveWithDependencies(org, local, fields, rows);
    if (saved.errors.length > 0) {
      // Database.rollback(savepoint): nothing stays half done; Setup is where an admin finishes the job.
      Object.assign(org.state, savepoint);
      return finish(false, false, label('Repair_Refused', saved.errors.join(' ')), PERMISSION_SETS_URL);
    }
    // IntegrationAccessRepair.labelsOf: permissions by their Setup label, as the Apex reads them from describe.
    const granted = [...saved.granted].map(userPermissionName).sort();
    if (!existing || granted.length > 0) {
      changes.push(
        label(!existing ? 'Repair_CreatedPermissionSet' : 'Repair_UpdatedPermissionSet', name, granted.join(', '))
      );
    }
    const changedObjects = [...rows.keys()].sort();
    if (changedObjects.length > 0) changes.push(label('Repair_GrantedObjectAccess', changedObjects.join(', ')));
    if (!audit.assigned.some((ps) => ps.Id === local.Id)) {
      newAssignments.push(local.Id);
      changes.push(label('Repair_Assigned', local.Name));
    }
  }
  for (const setName of packageSets) {
    const packaged = IntegrationUserAuditSelector.getPackagePermissionSets(org, new Set([setName]))[0];
    if (!packaged) {
      problems.push(label('Repair_PackageSetMissing', setName));
    } else if (!audit.assigned.some((ps) => ps.Id === packaged.Id)) {
      newAssignments.push(packaged.Id);
      changes.push(label('Repair_Assigned', packaged.Name));
    }
  }
  insertPermissionSetAssignments(org, user.Id, newAssignments);
  const report = [...changes, ...problems];
  if (report.length === 0) return finish(true, false, label('Repair_NothingToChange', target));
  return finish(problems.length === 0, changes.length > 0, report.join(' '));
}

/**
 * ConnectorStatusService.messageWithDate(): a cause's message with its date (messageAt) written in, for readers with
 * no browser to format it in the user's locale (REST callers, notifications): "2026-12-05 07:09 UTC".
 */
export function messageWithDate(cause: { message: string; messageAt?: string | null }): string {
  if (!cause.messageAt) return cause.message;
  const utc = new Date(cause.messageAt).toISOString();
  return cause.message.replaceAll('{0}', `${utc.slice(0, 10)} ${utc.slice(11, 16)} UTC`);
}

/** ConnectorStatusService.writeDatesIn(): the same, in place, for every cause of a status leaving as JSON. */
export function writeDatesIn(status: StatusView): void {
  for (const cause of status.causes ?? []) cause.message = messageWithDate(cause);
}
