import type {
  FindingView,
  RequirementResultView,
  RequirementState,
  RequirementView,
  Severity,
  Verdict
} from '../contract/types.ts';
import type { OrgClient, SObjectRecord } from '../lib/client.ts';
import { defineCommand } from '../lib/command.ts';
import {
  APPROVAL_LIMIT,
  type ConnectedApplicationRow,
  INTEGRATION_PSL_MISSING,
  isIntegrationLicense,
  missingPermissionSetLicense,
  PERMISSION_SET_LICENSE,
  type PolicyFinding,
  tokenPolicyFindings
} from '../lib/connector-rules.ts';
import { OrgRequestError, UsageError } from '../lib/errors.ts';
import { getHealth, type HealthResponse } from '../lib/package-api.ts';
import { objectFlagsFor, readRequirements, type ObjectFlags } from '../lib/metadata-records.ts';
import { readProvisioningFile } from '../lib/provisioning-file.ts';
import { describeFlags, flagsCover, isApplicable, mergeFlags, type ConditionalChoice } from '../lib/requirements.ts';
import { soqlInList, soqlString } from '../lib/soql.ts';

export interface DoctorRequirementResult extends RequirementResultView {
  label: string;
  kind: RequirementView['kind'];
  target: string;
  severity: RequirementView['severity'];
  reason: string;
}

/** A "before it breaks" finding: sandbox copy, token and connected-app policy, the Integration user license. */
export interface DoctorFinding {
  code: string;
  severity: Severity;
  /** The message; a date it names is written in by the package as UTC ("2026-12-05 07:09 UTC"). */
  message: string;
  /** ISO date time the message names (the package's FindingView.messageAt); null when it names none. */
  messageAt: string | null;
  fix: string | null;
  setupUrl: string | null;
  /** package: the package's own verdict (GET connector/v1/health); doctor: the CLI ran the rule over SOQL. */
  source: 'package' | 'doctor';
}

export interface DoctorResult {
  user: {
    id: string;
    username: string;
    name: string;
    isActive: boolean;
    profileName: string | null;
    licenseName?: string | null;
  } | null;
  results: DoctorRequirementResult[];
  summary: Record<RequirementState, number>;
  /** Required requirements not met, Required findings, and user-level problems. */
  failures: string[];
  /** The package's verdict when its health endpoint answered; null when not installed or not readable. */
  package?: { verdict: Verdict | null; connectorUserId: string | null; isConnectorUser: boolean } | null;
  /** Findings before the connector breaks, each with its fix. */
  findings?: DoctorFinding[];
  /** What doctor could not check, and why. */
  notes?: string[];
}

/** The status codes of the package's "before it breaks" rules (SandboxCopyService, TokenPolicyFindings, ...). */
export const BEFORE_IT_BREAKS_CODES = [
  'SANDBOX_COPY',
  'TOKEN_APPROVALS_NEAR_LIMIT',
  'CONNECTED_APP_NOT_APPROVED',
  'TOKEN_IDLE_POLICY',
  'CONNECTED_APP_POLICY_UNREADABLE',
  INTEGRATION_PSL_MISSING
];
/** Org-wide, not about one user: taken from the package whoever is audited. */
const ORG_WIDE_CODES = new Set(['SANDBOX_COPY']);
const USERS_URL = '/lightning/setup/ManageUsers/home';
const VERDICT_TEXT: Record<string, string> = {
  Connected: 'Connected',
  NeedsAttention: 'Needs attention',
  Disconnected: 'Disconnected'
};

interface AssignmentRow extends SObjectRecord {
  PermissionSetId: string;
  PermissionSetGroupId: string | null;
  PermissionSet: Record<string, unknown> & {
    Name: string;
    Label: string;
    NamespacePrefix: string | null;
    IsOwnedByProfile: boolean;
    Profile: { Name: string } | null;
  };
  PermissionSetGroup: { DeveloperName: string } | null;
}

interface ObjectPermissionRow extends SObjectRecord {
  ParentId: string;
  SobjectType: string;
  PermissionsRead: boolean;
  PermissionsCreate: boolean;
  PermissionsEdit: boolean;
  PermissionsDelete: boolean;
}

/** 'Profile: X', 'Permission set group: Y' or 'Permission set: Z' — where a permission comes from. */
function sourceLabel(row: AssignmentRow): string {
  if (row.PermissionSet.IsOwnedByProfile)
    return `Profile: ${row.PermissionSet.Profile?.Name ?? row.PermissionSet.Label}`;
  if (row.PermissionSetGroupId)
    return `Permission set group: ${row.PermissionSetGroup?.DeveloperName ?? row.PermissionSetGroupId}`;
  const ns = row.PermissionSet.NamespacePrefix ? `${row.PermissionSet.NamespacePrefix}__` : '';
  return `Permission set: ${ns}${row.PermissionSet.Name}`;
}

/** GET connector/v1/health, or why not: the package is missing (404), or the user may not read it (403). */
async function readHealth(client: OrgClient, notes: string[]): Promise<HealthResponse | null> {
  try {
    return await getHealth(client);
  } catch (error) {
    if (!(error instanceof OrgRequestError)) throw error;
    notes.push(
      error.status === 404
        ? 'The package is not installed (or --namespace is wrong): its verdict and the sandbox-copy state are not checked; doctor runs the token and license rules itself.'
        : `The package's health endpoint refused (${error.message}): its verdict and the sandbox-copy state are not checked (they need Manage Connector); doctor runs the token and license rules itself.`
    );
    return null;
  }
}

/** A read the running user may be refused (setup objects need View Setup and Configuration): null then. */
async function tryQuery<T extends SObjectRecord>(client: OrgClient, soql: string): Promise<T[] | null> {
  try {
    return await client.query<T>(soql);
  } catch (error) {
    if (error instanceof OrgRequestError && error.status < 500) return null;
    throw error;
  }
}

/** Whole days from a date to now, by UTC calendar date (the Apex counts Date.daysBetween the same way). */
function daysSince(iso: string, now: Date): number {
  const day = (d: Date) => Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  return Math.round((day(now) - day(new Date(iso))) / 86_400_000);
}

/**
 * The Integration-license rule over SOQL (IntegrationLicenseFindings' rule from connector-rules.ts).
 * platform-rule: permissionsetlicenseassign-view-setup — PermissionSetLicenseAssign needs View Setup and
 * Configuration or Assign Permission Sets: a refused read is "cannot tell", never a finding.
 */
async function integrationLicenseFindings(
  client: OrgClient,
  user: { id: string; username: string; licenseName: string | null },
  notes: string[]
): Promise<DoctorFinding[]> {
  if (!isIntegrationLicense(user.licenseName)) return [];
  const rows = await tryQuery(
    client,
    `SELECT Id FROM PermissionSetLicenseAssign WHERE AssigneeId = ${soqlString(user.id)} ` +
      `AND PermissionSetLicense.MasterLabel = ${soqlString(PERMISSION_SET_LICENSE)} LIMIT 1`
  );
  if (rows === null) {
    notes.push(
      `Cannot read PermissionSetLicenseAssign (needs View Setup and Configuration or Assign Permission Sets): whether ${user.username} holds the ${PERMISSION_SET_LICENSE} permission set license is not checked.`
    );
  }
  const hasLicense = rows === null ? null : rows.length > 0;
  if (!missingPermissionSetLicense(user.licenseName, hasLicense)) return [];
  return [
    {
      code: INTEGRATION_PSL_MISSING,
      severity: 'Required',
      messageAt: null,
      message: `${user.username} has the Salesforce Integration user license but not the ${PERMISSION_SET_LICENSE} permission set license, so permission sets cannot grant it the connector's permissions.`,
      fix: `Assign the ${PERMISSION_SET_LICENSE} permission set license to the user in Setup › Users, then run provision.`,
      setupUrl: USERS_URL,
      source: 'doctor'
    }
  ];
}

const POLICY_TEXT: Record<
  PolicyFinding['code'],
  (v: { user: string; app: string; approvals: number; period: number | null; idleDays: number | null }) => {
    message: string;
    fix: string;
  }
> = {
  TOKEN_APPROVALS_NEAR_LIMIT: (v) => ({
    message: `${v.user} holds ${v.approvals} approvals of ${v.app}; Salesforce allows ${APPROVAL_LIMIT} per user per app and revokes the oldest on the next.`,
    fix: 'Revoke the unused tokens (Setup › Connected Apps OAuth Usage) and have the platform reuse its refresh token instead of authorizing again.'
  }),
  CONNECTED_APP_NOT_APPROVED: (v) => ({
    message: `${v.app} admits only admin-approved users, and neither the profile nor a permission set of ${v.user} is approved for it.`,
    fix: 'Setup › Manage Connected Apps › the app › Manage Profiles or Manage Permission Sets: add the connector user’s profile or permission set.'
  }),
  TOKEN_IDLE_POLICY: (v) => ({
    message: `${v.app} expires refresh tokens after ${v.period} (days, hours or months: the unit is not readable) of idleness, and the token of ${v.user} has been idle for ${v.idleDays} days.`,
    fix: 'Check the refresh token policy in Setup › Manage Connected Apps; reauthorize the connector user if the token expired.'
  }),
  CONNECTED_APP_POLICY_UNREADABLE: (v) => ({
    message: `The connected app ${v.app} is not found, or you lack View Setup and Configuration: its permitted users and refresh token policy are not checked.`,
    fix: 'Check the connected app name (--app) or read the policy in Setup › Manage Connected Apps.'
  })
};

/**
 * The token and connected-app rules over SOQL (TokenPolicyFindings' rules from connector-rules.ts).
 * platform-rule: oauthtoken-visibility-customize-application — without Customize Application the org shows only
 * your own tokens, so another user's approvals cannot be counted: "cannot tell", not zero.
 * platform-rule: setupentityaccess-view-setup — SetupEntityAccess needs View Setup and Configuration: a refused
 * read leaves the approval unknown, never a finding.
 */
async function tokenPolicyDoctorFindings(
  client: OrgClient,
  user: { id: string; username: string },
  appName: string,
  notes: string[]
): Promise<DoctorFinding[]> {
  const me = await client.whoAmI();
  let canSeeTokens = me.userId === user.id;
  // PermissionSetAssignment itself needs View Setup and Configuration, Assign Permission Sets or Manage Users:
  // a refused read means "cannot tell", not "lacks Customize Application".
  let grantUnknown = false;
  if (!canSeeTokens) {
    const granting = await tryQuery(
      client,
      `SELECT Id FROM PermissionSetAssignment WHERE AssigneeId = ${soqlString(me.userId)} AND PermissionSet.PermissionsCustomizeApplication = true LIMIT 1`
    );
    grantUnknown = granting === null;
    canSeeTokens = (granting?.length ?? 0) > 0;
  }
  let approvals = 0;
  let idleDays: number | null = null;
  if (canSeeTokens) {
    const tokens =
      (await tryQuery<SObjectRecord & { CreatedDate: string | null; LastUsedDate: string | null }>(
        client,
        `SELECT CreatedDate, LastUsedDate FROM OauthToken WHERE AppName = ${soqlString(appName)} AND UserId = ${soqlString(user.id)}`
      )) ?? [];
    approvals = tokens.length;
    let lastUse: string | null = null;
    for (const token of tokens) {
      const used = token.LastUsedDate ?? token.CreatedDate;
      if (used && (!lastUse || used > lastUse)) lastUse = used;
    }
    idleDays = lastUse === null ? null : daysSince(lastUse, new Date());
  } else if (grantUnknown) {
    notes.push(
      `Cannot read PermissionSetAssignment (needs View Setup and Configuration, Assign Permission Sets or Manage Users), so whether you (${me.username}) have Customize Application is not known: the approvals and idle time of ${user.username}'s tokens are not checked.`
    );
  } else {
    notes.push(
      `You (${me.username}) lack Customize Application: the org shows you only your own OAuth tokens, so the approvals and idle time of ${user.username}'s tokens are not checked.`
    );
  }
  const apps = await tryQuery<SObjectRecord & ConnectedApplicationRow>(
    client,
    `SELECT Id, Name, OptionsAllowAdminApprovedUsersOnly, OptionsRefreshTokenValidityMetric, RefreshTokenValidityPeriod FROM ConnectedApplication WHERE Name = ${soqlString(appName)} LIMIT 1`
  );
  const policy = apps?.[0] ?? null;
  let userApproved: boolean | null = null;
  if (policy?.OptionsAllowAdminApprovedUsersOnly) {
    const access = await tryQuery(
      client,
      `SELECT Id FROM SetupEntityAccess WHERE SetupEntityId = ${soqlString(policy.Id)} ` +
        `AND ParentId IN (SELECT PermissionSetId FROM PermissionSetAssignment WHERE AssigneeId = ${soqlString(user.id)}) LIMIT 1`
    );
    userApproved = access === null ? null : access.length > 0;
    if (access === null) {
      notes.push(
        `Cannot read SetupEntityAccess (needs View Setup and Configuration): whether ${user.username} is approved for ${appName} is not checked.`
      );
    }
  }
  return tokenPolicyFindings({ approvals, policy, userApproved, idleDays }).map((finding) => {
    const text = POLICY_TEXT[finding.code]({
      user: user.username,
      app: appName,
      approvals,
      period: policy?.RefreshTokenValidityPeriod ?? null,
      idleDays
    });
    return { ...finding, ...text, messageAt: null, source: 'doctor' as const };
  });
}

function packageOf(health: HealthResponse, isConnectorUser: boolean | null): DoctorResult['package'] {
  return {
    verdict: health.verdict ?? null,
    connectorUserId: health.connectorUserId ?? null,
    isConnectorUser: isConnectorUser === true
  };
}

/** The package's findings of the new rules, as its health endpoint reports them. */
function packageFindings(causes: FindingView[], isConnectorUser: boolean): DoctorFinding[] {
  return causes
    .filter((c) => BEFORE_IT_BREAKS_CODES.includes(c.code) && (isConnectorUser || ORG_WIDE_CODES.has(c.code)))
    .map((c) => ({
      code: c.code,
      severity: c.severity,
      message: c.message,
      messageAt: c.messageAt ?? null,
      fix: c.fix ?? null,
      setupUrl: c.setupUrl ?? null,
      source: 'package' as const
    }));
}

export const doctorCommand = defineCommand<DoctorResult>({
  name: 'doctor',

  async run(context) {
    const { args } = context;
    const filePath = args.string('file');
    const file = filePath ? readProvisioningFile(filePath) : null;
    const username = args.string('user') ?? file?.connectorUser ?? null;
    if (!username) throw new UsageError('Say which user to audit: --user <username>, or --file with connectorUser.');
    const conditional: ConditionalChoice = args.bool('include-conditional')
      ? true
      : (file?.includeConditional ?? false);
    const requirements = readRequirements(context.project.packageDir);
    if (requirements.length === 0) {
      throw new UsageError(
        `No ConnectorRequirement records in ${context.project.packageDir}: run doctor from the project root.`
      );
    }
    const namespace = context.namespace;
    const { client } = await context.connect();
    const notes: string[] = [];
    // The package's own verdict first: when installed, its rules run once, in the package.
    const health = await readHealth(client, notes);

    const available = new Set((await client.describe('PermissionSet')).fields.map((f) => f.name));
    const permissionFields = [
      ...new Set(
        requirements.filter((r) => r.kind === 'SystemPermission' && available.has(r.target)).map((r) => r.target)
      )
    ];
    const objectTypes = [...new Set(requirements.filter((r) => r.kind === 'ObjectAccess').map((r) => r.target))];
    const user = soqlString(username);
    const statements = new Map<string, string>([
      [
        'user',
        `SELECT Id, Username, Name, IsActive, Profile.Name, Profile.UserLicense.Name FROM User WHERE Username = ${user}`
      ],
      [
        'assignments',
        `SELECT PermissionSetId, PermissionSetGroupId, PermissionSetGroup.DeveloperName, PermissionSet.Name, PermissionSet.Label, ` +
          `PermissionSet.NamespacePrefix, PermissionSet.IsOwnedByProfile, PermissionSet.Profile.Name` +
          permissionFields.map((field) => `, PermissionSet.${field}`).join('') +
          ` FROM PermissionSetAssignment WHERE Assignee.Username = ${user}`
      ]
    ]);
    if (objectTypes.length > 0) {
      statements.set(
        'objects',
        `SELECT ParentId, SobjectType, PermissionsRead, PermissionsCreate, PermissionsEdit, PermissionsDelete FROM ObjectPermissions ` +
          `WHERE SobjectType IN ${soqlInList(objectTypes)} AND ParentId IN (SELECT PermissionSetId FROM PermissionSetAssignment WHERE Assignee.Username = ${user})`
      );
    }
    const rows = await client.queryMany(statements);
    const userRow = rows.get('user')?.[0];
    const summary: Record<RequirementState, number> = { Met: 0, Missing: 0, NotApplicable: 0, NotAvailable: 0 };
    if (!userRow) {
      return {
        exitCode: 1,
        result: {
          user: null,
          results: [],
          summary,
          failures: [`User ${username} not found in this org: check the username.`],
          package: health ? packageOf(health, null) : null,
          findings: health ? packageFindings(health.causes ?? [], false) : [],
          notes
        }
      };
    }
    const assignments = (rows.get('assignments') ?? []) as AssignmentRow[];
    const sourceById = new Map(assignments.map((row) => [row.PermissionSetId, sourceLabel(row)]));
    const objectRows = (rows.get('objects') ?? []) as ObjectPermissionRow[];

    const results = requirements.map((requirement): DoctorRequirementResult => {
      const base = {
        developerName: requirement.developerName,
        label: requirement.label,
        kind: requirement.kind,
        target: requirement.target,
        accessLevel: requirement.accessLevel,
        severity: requirement.severity,
        condition: requirement.condition,
        reason: requirement.reason,
        grantedBy: [] as string[],
        fix: null as string | null,
        fixAction: null as string | null,
        setupUrl: null as string | null
      };
      if (!isApplicable(requirement, conditional)) return { ...base, state: 'NotApplicable' };
      if (requirement.kind === 'SystemPermission') {
        if (!available.has(requirement.target)) {
          return {
            ...base,
            state: 'NotAvailable',
            fix: `${requirement.target} is not available in this org: enable the feature that provides it.`
          };
        }
        const grantedBy = assignments.filter((row) => row.PermissionSet[requirement.target] === true).map(sourceLabel);
        return grantedBy.length > 0
          ? { ...base, state: 'Met', grantedBy }
          : {
              ...base,
              state: 'Missing',
              fix: 'Run provision (adds it to the connector permission set) or grant it in the profile.',
              fixAction: 'provision'
            };
      }
      if (requirement.kind === 'ObjectAccess') {
        const need = objectFlagsFor(requirement.accessLevel);
        let have: ObjectFlags = { read: false, create: false, edit: false, delete: false };
        const grantedBy: string[] = [];
        for (const row of objectRows) {
          if (row.SobjectType.toLowerCase() !== requirement.target.toLowerCase()) continue;
          const flags = {
            read: row.PermissionsRead,
            create: row.PermissionsCreate,
            edit: row.PermissionsEdit,
            delete: row.PermissionsDelete
          };
          have = mergeFlags(have, flags);
          const label = sourceById.get(row.ParentId);
          if (label && (flags.read || flags.create || flags.edit || flags.delete))
            grantedBy.push(`${label} (${describeFlags(flags)})`);
        }
        return flagsCover(have, need)
          ? { ...base, state: 'Met', grantedBy }
          : {
              ...base,
              state: 'Missing',
              grantedBy,
              fix: `Needs ${describeFlags(need)} on ${requirement.target}: run provision.`,
              fixAction: 'provision'
            };
      }
      const match = assignments.find(
        (row) =>
          !row.PermissionSet.IsOwnedByProfile &&
          row.PermissionSet.Name.toLowerCase() === requirement.target.toLowerCase() &&
          (row.PermissionSet.NamespacePrefix ?? '') === namespace
      );
      return match
        ? { ...base, state: 'Met', grantedBy: [sourceLabel(match)] }
        : {
            ...base,
            state: 'Missing',
            fix: `Assign permission set ${requirement.target}: run provision.`,
            fixAction: 'provision'
          };
    });

    const failures: string[] = [];
    if (userRow['IsActive'] !== true) failures.push(`User ${username} is inactive: the connector cannot log in.`);
    for (const result of results) {
      summary[result.state]++;
      if (result.severity === 'Required' && (result.state === 'Missing' || result.state === 'NotAvailable')) {
        failures.push(`${result.label} (${result.target}): ${result.state}. ${result.fix ?? ''}`.trim());
      }
    }
    const profile = userRow['Profile'] as { Name?: string; UserLicense?: { Name?: string } | null } | null;
    const licenseName = profile?.UserLicense?.Name ?? null;
    const audited = { id: String(userRow.Id), username: String(userRow['Username']), licenseName };
    const isConnectorUser = health?.connectorUserId === audited.id;
    const findings = health ? packageFindings(health.causes ?? [], isConnectorUser) : [];
    if (!isConnectorUser) {
      // A candidate user, or no package: the rules that need no package run here, over SOQL.
      findings.push(...(await integrationLicenseFindings(client, audited, notes)));
      const appName =
        args.string('app') ??
        (file?.settings.connectedAppName as string | undefined) ??
        health?.settings?.connectedAppName ??
        null;
      if (appName) findings.push(...(await tokenPolicyDoctorFindings(client, audited, appName, notes)));
      else
        notes.push(
          "Connected app unknown (--app, the file's settings.connectedAppName or the org settings): token and app policy not checked."
        );
    }
    for (const finding of findings) {
      if (finding.severity === 'Required') failures.push(`${finding.message} ${finding.fix ?? ''}`.trim());
    }
    return {
      exitCode: failures.length > 0 ? 1 : 0,
      result: {
        user: {
          id: String(userRow.Id),
          username: String(userRow['Username']),
          name: String(userRow['Name']),
          isActive: userRow['IsActive'] === true,
          profileName: profile?.Name ?? null,
          licenseName
        },
        results,
        summary,
        failures,
        package: health ? packageOf(health, isConnectorUser) : null,
        findings,
        notes
      }
    };
  },

  render(result, out) {
    if (result.user) {
      out.print(
        `User ${result.user.username} (${result.user.name}), profile ${result.user.profileName ?? '—'}, ` +
          `license ${result.user.licenseName ?? '—'}, ${result.user.isActive ? 'active' : 'INACTIVE'}`
      );
      out.print('');
      out.table(
        ['Severity', 'Requirement', 'Target', 'State', 'Granted by / fix'],
        result.results.map((r) => [
          r.severity,
          r.label,
          r.target,
          r.state === 'NotAvailable' ? 'not available in this org' : r.state,
          r.state === 'Met' ? r.grantedBy.join('; ') : (r.fix ?? '')
        ])
      );
      out.print('');
      const s = result.summary;
      out.print(
        `${s.Met} met, ${s.Missing} missing, ${s.NotAvailable} not available, ${s.NotApplicable} not applicable.`
      );
    }
    if (result.package) {
      const who = result.package.isConnectorUser
        ? 'the configured connector user'
        : 'not the configured connector user';
      out.print(`Package verdict: ${VERDICT_TEXT[result.package.verdict ?? ''] ?? '—'} (${who}).`);
    }
    const findings = result.findings ?? [];
    if (findings.length > 0) {
      out.print(`Before it breaks (${findings.length}):`);
      for (const f of findings) {
        out.print(`  - [${f.severity}] ${f.message}`);
        if (f.fix) out.print(`    Fix: ${f.fix}${f.setupUrl ? ` (${f.setupUrl})` : ''}`);
        out.print(
          `    ${f.source === 'package' ? "From the package's health check" : 'Checked by doctor'} (${f.code}).`
        );
      }
    } else if (result.user) {
      out.print('Before it breaks: nothing found.');
    }
    for (const note of result.notes ?? []) out.print(`Note: ${note}`);
    out.print('');
    if (result.failures.length > 0) {
      out.print(`Failing (${result.failures.length}):`);
      for (const failure of result.failures) out.print(`  - ${failure}`);
    } else {
      out.print('All Required requirements are met.');
    }
  }
});
