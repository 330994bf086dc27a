import { describeError, WriteOutcomeUnknown, type OrgClient, type SObjectRecord } from './client.ts';
import { OrgRequestError } from './errors.ts';
import type { ObjectFlags } from './metadata-records.ts';
import { describeFlags, flagsCover, mergeFlags, type PermissionPlan } from './requirements.ts';
import { soqlString } from './soql.ts';

export type ChangeState = 'present' | 'added' | 'would-add' | 'failed' | 'not-available';

export interface SystemPermissionChange {
  field: string;
  requirements: string[];
  severity: string;
  state: ChangeState;
}

export interface ObjectAccessChange {
  sobjectType: string;
  access: string;
  state: ChangeState;
  error: string | null;
}

export interface LocalPermissionSetResult {
  name: string;
  id: string | null;
  action: 'created' | 'updated' | 'unchanged' | 'would-create' | 'would-update' | 'failed';
  error: string | null;
  systemPermissions: SystemPermissionChange[];
  objectAccess: ObjectAccessChange[];
}

interface ExistingObjectPermission extends SObjectRecord {
  Id: string;
  SobjectType: string;
  PermissionsRead: boolean;
  PermissionsCreate: boolean;
  PermissionsEdit: boolean;
  PermissionsDelete: boolean;
}

const SEVERITY_RANK: Record<string, number> = { Required: 0, Recommended: 1, Conditional: 2 };

function flagsOf(row: ExistingObjectPermission): ObjectFlags {
  return {
    read: row.PermissionsRead,
    create: row.PermissionsCreate,
    edit: row.PermissionsEdit,
    delete: row.PermissionsDelete
  };
}

function objectPermissionFields(flags: ObjectFlags): Record<string, boolean> {
  return {
    PermissionsRead: flags.read,
    PermissionsCreate: flags.create,
    PermissionsEdit: flags.edit,
    PermissionsDelete: flags.delete
  };
}

/** After a 5xx on an insert: the id of each ObjectPermissions row the org holds (null when it does not). */
async function findObjectPermissions(client: OrgClient, records: readonly SObjectRecord[]): Promise<(string | null)[]> {
  const parent = String(records[0]?.['ParentId'] ?? '');
  const rows = await client.query<SObjectRecord>(
    `SELECT Id, SobjectType FROM ObjectPermissions WHERE ParentId = ${soqlString(parent)}`
  );
  const ids = new Map(rows.map((row) => [String(row['SobjectType']).toLowerCase(), row.Id!]));
  return records.map((r) => ids.get(String(r['SobjectType']).toLowerCase()) ?? null);
}

/**
 * Creates or repairs the org-local permission set holding what a managed package cannot carry:
 * system permissions and standard-object access. Only adds; never removes what an admin granted.
 */
export async function ensureLocalPermissionSet(
  client: OrgClient,
  name: string,
  plan: PermissionPlan,
  dryRun: boolean
): Promise<LocalPermissionSetResult> {
  const describe = await client.describe('PermissionSet');
  const available = new Set(describe.fields.map((field) => field.name));
  const systemPermissions: SystemPermissionChange[] = [...plan.systemPermissions.entries()].map(
    ([field, requirements]) => ({
      field,
      requirements: requirements.map((r) => r.developerName),
      severity:
        requirements.map((r) => r.severity).sort((a, b) => SEVERITY_RANK[a]! - SEVERITY_RANK[b]!)[0] ?? 'Required',
      state: available.has(field) ? 'present' : 'not-available'
    })
  );
  const usable = systemPermissions.filter((p) => p.state !== 'not-available').map((p) => p.field);

  const selectFields = ['Id', 'Name', ...usable].join(', ');
  const rows = await client.query<SObjectRecord>(
    `SELECT ${selectFields}, (SELECT Id, SobjectType, PermissionsRead, PermissionsCreate, PermissionsEdit, PermissionsDelete FROM ObjectPerms) ` +
      `FROM PermissionSet WHERE Name = ${soqlString(name)} AND NamespacePrefix = null AND IsOwnedByProfile = false`
  );
  const existing = rows[0];
  const result: LocalPermissionSetResult = {
    name,
    id: (existing?.Id as string | undefined) ?? null,
    action: 'unchanged',
    error: null,
    systemPermissions,
    objectAccess: []
  };

  const missingFields = existing ? usable.filter((field) => existing[field] !== true) : usable;
  for (const permission of systemPermissions) {
    if (permission.state === 'not-available') continue;
    if (missingFields.includes(permission.field)) permission.state = dryRun ? 'would-add' : 'added';
  }

  const existingObjects = new Map<string, ExistingObjectPermission>();
  const objectPerms = existing?.['ObjectPerms'] as { records: ExistingObjectPermission[] } | null | undefined;
  for (const row of objectPerms?.records ?? []) existingObjects.set(row.SobjectType.toLowerCase(), row);

  const inserts: { change: ObjectAccessChange; record: SObjectRecord }[] = [];
  const updates: { change: ObjectAccessChange; record: SObjectRecord }[] = [];
  for (const [sobjectType, need] of plan.objectAccess) {
    const current = existingObjects.get(sobjectType.toLowerCase());
    const change: ObjectAccessChange = { sobjectType, access: describeFlags(need), state: 'present', error: null };
    result.objectAccess.push(change);
    if (current && flagsCover(flagsOf(current), need)) continue;
    change.state = dryRun ? 'would-add' : 'added';
    if (current) {
      const merged = mergeFlags(flagsOf(current), need);
      updates.push({
        change,
        record: { attributes: { type: 'ObjectPermissions' }, Id: current.Id, ...objectPermissionFields(merged) }
      });
    } else {
      inserts.push({
        change,
        record: { attributes: { type: 'ObjectPermissions' }, SobjectType: sobjectType, ...objectPermissionFields(need) }
      });
    }
  }

  const needsChange = missingFields.length > 0 || inserts.length > 0 || updates.length > 0;
  if (!existing) result.action = dryRun ? 'would-create' : 'created';
  else if (needsChange) result.action = dryRun ? 'would-update' : 'updated';
  if (dryRun || (!needsChange && existing)) return result;

  try {
    const fieldValues = Object.fromEntries(missingFields.map((field) => [field, true]));
    if (!existing) {
      try {
        const created = await client.request<{ id: string }>('POST', client.dataPath('sobjects/PermissionSet'), {
          Name: name,
          Label: name.replace(/_/g, ' '),
          Description:
            'System permissions and object access of the connector user (created by Connector Admin provisioning).',
          ...fieldValues
        });
        result.id = created.id;
      } catch (error) {
        // A 5xx after the insert may have committed: the org, not the answer, says whether the set exists.
        if (!(error instanceof WriteOutcomeUnknown)) throw error;
        const found = await client.query<SObjectRecord>(
          `SELECT Id FROM PermissionSet WHERE Name = ${soqlString(name)} AND NamespacePrefix = null AND IsOwnedByProfile = false`
        );
        if (!found[0]?.Id) throw error;
        result.id = found[0].Id;
      }
    } else if (missingFields.length > 0) {
      await client.request('PATCH', client.dataPath(`sobjects/PermissionSet/${result.id}`), fieldValues);
    }
  } catch (error) {
    if (!(error instanceof OrgRequestError)) throw error;
    result.action = 'failed';
    result.error = error.message;
    for (const permission of systemPermissions) if (permission.state === 'added') permission.state = 'failed';
    for (const change of result.objectAccess) if (change.state === 'added') change.state = 'failed';
    return result;
  }

  for (const entry of inserts) entry.record['ParentId'] = result.id;
  const writes: [typeof inserts, 'insert' | 'update'][] = [
    [inserts, 'insert'],
    [updates, 'update']
  ];
  for (const [entries, kind] of writes) {
    if (entries.length === 0) continue;
    const records = entries.map((entry) => entry.record);
    const saved =
      kind === 'insert'
        ? await client.insertRecords(records, { reconcile: (sent) => findObjectPermissions(client, sent) })
        : await client.updateRecords(records);
    saved.forEach((outcome, index) => {
      const change = entries[index]!.change;
      if (!outcome.success) {
        change.state = 'failed';
        change.error = outcome.errors.map(describeError).join('; ');
      }
    });
  }
  return result;
}
