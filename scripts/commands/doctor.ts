import type { RequirementResultView, RequirementState, RequirementView } from '../contract/types.ts';
import type { SObjectRecord } from '../lib/client.ts';
import { defineCommand } from '../lib/command.ts';
import { UsageError } from '../lib/errors.ts';
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

export interface DoctorResult {
  user: { id: string; username: string; name: string; isActive: boolean; profileName: string | null } | null;
  results: DoctorRequirementResult[];
  summary: Record<RequirementState, number>;
  /** Required requirements not met, and user-level problems. */
  failures: string[];
}

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

    const available = new Set((await client.describe('PermissionSet')).fields.map((f) => f.name));
    const permissionFields = [
      ...new Set(
        requirements.filter((r) => r.kind === 'SystemPermission' && available.has(r.target)).map((r) => r.target)
      )
    ];
    const objectTypes = [...new Set(requirements.filter((r) => r.kind === 'ObjectAccess').map((r) => r.target))];
    const user = soqlString(username);
    const statements = new Map<string, string>([
      ['user', `SELECT Id, Username, Name, IsActive, Profile.Name FROM User WHERE Username = ${user}`],
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
          failures: [`User ${username} not found in this org: check the username.`]
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
    const profile = userRow['Profile'] as { Name?: string } | null;
    return {
      exitCode: failures.length > 0 ? 1 : 0,
      result: {
        user: {
          id: String(userRow.Id),
          username: String(userRow['Username']),
          name: String(userRow['Name']),
          isActive: userRow['IsActive'] === true,
          profileName: profile?.Name ?? null
        },
        results,
        summary,
        failures
      }
    };
  },

  render(result, out) {
    if (result.user) {
      out.print(
        `User ${result.user.username} (${result.user.name}), profile ${result.user.profileName ?? '—'}, ${result.user.isActive ? 'active' : 'INACTIVE'}`
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
    if (result.failures.length > 0) {
      out.print(`Failing (${result.failures.length}):`);
      for (const failure of result.failures) out.print(`  - ${failure}`);
    } else {
      out.print('All Required requirements are met.');
    }
  }
});
