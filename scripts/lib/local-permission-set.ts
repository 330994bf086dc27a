import { describeError, type OrgClient, type SalesforceError, type SObjectRecord } from './client.ts';
import { OrgRequestError } from './errors.ts';
import type { ObjectFlags } from './metadata-records.ts';
import {
  DEPENDENCY_ERROR_CODE,
  PARENT_OBJECT,
  permissionsNamedIn,
  userFieldByLabel,
  withUserDependencies,
  type NamedPermission
} from './permission-dependencies.ts';
import { describeFlags, flagsCover, mergeFlags, type PermissionPlan } from './requirements.ts';
import { soqlString } from './soql.ts';

export type ChangeState = 'present' | 'added' | 'would-add' | 'failed' | 'not-available';

export interface SystemPermissionChange {
  field: string;
  requirements: string[];
  severity: string;
  state: ChangeState;
  /** Set when no requirement asks for the field: the permissions that depend on it. */
  dependencyOf?: string[];
}

export interface ObjectAccessChange {
  sobjectType: string;
  access: string;
  state: ChangeState;
  error: string | null;
  /** Set when no requirement asks for this access: the objects whose access depends on it. */
  dependencyOf?: string[];
}

export interface LocalPermissionSetResult {
  name: string;
  id: string | null;
  action: 'created' | 'updated' | 'unchanged' | 'would-create' | 'would-update' | 'failed';
  error: string | null;
  systemPermissions: SystemPermissionChange[];
  objectAccess: ObjectAccessChange[];
  /** Saves the org refused for a missing dependency before it accepted the set (0 when the first guess was right). */
  dependencyRetries: number;
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
/** Saves after the first that learn from the org's dependency errors; each adds what the errors named. */
export const MAX_DEPENDENCY_ROUNDS = 5;
const NO_ACCESS: ObjectFlags = { read: false, create: false, edit: false, delete: false };
const FLAG_OF_FIELD: Record<string, keyof ObjectFlags> = {
  PermissionsRead: 'read',
  PermissionsCreate: 'create',
  PermissionsEdit: 'edit',
  PermissionsDelete: 'delete'
};

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

/** After a 5xx on the set's insert: its id when the org holds it. */
async function findPermissionSet(client: OrgClient, name: string): Promise<string | null> {
  const found = await client.query<SObjectRecord>(
    `SELECT Id FROM PermissionSet WHERE Name = ${soqlString(name)} AND NamespacePrefix = null AND IsOwnedByProfile = false`
  );
  return found[0]?.Id ?? null;
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

/** One ObjectPermissions row to write, and what the result reports about it. */
interface PendingRow {
  sobjectType: string;
  id: string | null;
  flags: ObjectFlags;
  change: ObjectAccessChange;
  pending: boolean;
}

/**
 * Creates or repairs the org-local permission set holding what a managed package cannot carry:
 * system permissions and standard-object access. Only adds; never removes what an admin granted.
 *
 * platform-rule: packaged-permission-set-no-standard-or-user-permissions — why this set is built in the org.
 * platform-rule: permission-dependency-modify-all-data — the first save carries the known requirements.
 * platform-rule: object-permission-dependencies — Read with every access, the parent's Read with a child's, parents
 * saved before children.
 * platform-rule: permission-dependency-error-message — a refused save names what it lacks (in every error, every
 * clause): add it and save again, until nothing new is named.
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
  const requested = systemPermissions.filter((p) => p.state !== 'not-available').map((p) => p.field);
  const usable = [...withUserDependencies(requested, available)];
  for (const field of usable.filter((f) => !requested.includes(f))) {
    systemPermissions.push({
      field,
      requirements: [],
      severity: 'Required',
      state: 'present',
      dependencyOf: requested.filter((r) => withUserDependencies([r], available).has(field))
    });
  }

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
    objectAccess: [],
    dependencyRetries: 0
  };

  const missingFields = existing ? usable.filter((field) => existing[field] !== true) : usable;
  for (const permission of systemPermissions) {
    if (permission.state === 'not-available') continue;
    if (missingFields.includes(permission.field)) permission.state = dryRun ? 'would-add' : 'added';
  }

  const existingObjects = new Map<string, ExistingObjectPermission>();
  const objectPerms = existing?.['ObjectPerms'] as { records: ExistingObjectPermission[] } | null | undefined;
  for (const row of objectPerms?.records ?? []) existingObjects.set(row.SobjectType.toLowerCase(), row);

  // Wanted access: the plan, plus a parent's Read for each child read (objectFlagsFor already adds Read to each level).
  const wanted = new Map<string, { sobjectType: string; flags: ObjectFlags; dependencyOf: string[] | null }>();
  for (const [sobjectType, need] of plan.objectAccess) {
    wanted.set(sobjectType.toLowerCase(), { sobjectType, flags: need, dependencyOf: null });
  }
  for (const [sobjectType, need] of plan.objectAccess) {
    const parent = PARENT_OBJECT[sobjectType];
    if (!parent || !need.read) continue;
    const entry = wanted.get(parent.toLowerCase());
    if (entry) entry.flags = mergeFlags(entry.flags, { ...NO_ACCESS, read: true });
    else
      wanted.set(parent.toLowerCase(), { sobjectType: parent, flags: { ...NO_ACCESS, read: true }, dependencyOf: [] });
    wanted.get(parent.toLowerCase())!.dependencyOf?.push(sobjectType);
  }

  const pendingRows = new Map<string, PendingRow>();
  for (const [key, { sobjectType, flags, dependencyOf }] of wanted) {
    const change: ObjectAccessChange = { sobjectType, access: describeFlags(flags), state: 'present', error: null };
    if (dependencyOf) change.dependencyOf = dependencyOf;
    result.objectAccess.push(change);
    const current = existingObjects.get(key);
    if (current && flagsCover(flagsOf(current), flags)) continue;
    change.state = dryRun ? 'would-add' : 'added';
    pendingRows.set(key, {
      sobjectType,
      id: current?.Id ?? null,
      flags: current ? mergeFlags(flagsOf(current), flags) : flags,
      change,
      pending: true
    });
  }

  const needsChange = missingFields.length > 0 || pendingRows.size > 0;
  if (!existing) result.action = dryRun ? 'would-create' : 'created';
  else if (needsChange) result.action = dryRun ? 'would-update' : 'updated';
  if (dryRun || (!needsChange && existing)) return result;

  const setFields = new Set(missingFields);
  let setPending = setFields.size > 0;
  let setError: string | null = null;
  // Objects another wanted object depends on (from the table, then from the org's errors).
  const parents = new Set<string>(
    [...wanted.values()].flatMap((w) =>
      PARENT_OBJECT[w.sobjectType] ? [PARENT_OBJECT[w.sobjectType]!.toLowerCase()] : []
    )
  );
  const objectName = (text: string): string | null => {
    const key = text.trim().toLowerCase();
    const known =
      pendingRows.get(key)?.sobjectType ?? existingObjects.get(key)?.SobjectType ?? wanted.get(key)?.sobjectType;
    // Any other object the org names is one it has (errors name objects by API name).
    return known ?? (/^[A-Za-z][A-Za-z0-9_]*$/.test(text.trim()) ? text.trim() : null);
  };

  try {
    if (!result.id) {
      // The set first, without permissions: its object rows can then be saved before a permission that needs them.
      const [created] = await client.insertRecords(
        [
          {
            attributes: { type: 'PermissionSet' },
            Name: name,
            Label: name.replace(/_/g, ' '),
            Description:
              'System permissions and object access of the connector user (created by Connector Admin provisioning).'
          }
        ],
        // A 5xx after the insert may have committed: the org, not the answer, says whether the set exists.
        { reconcile: async () => [await findPermissionSet(client, name)] }
      );
      if (!created?.success) {
        setPending = true;
        setError = (created?.errors ?? []).map(describeError).join('; ') || 'refused';
      } else result.id = created.id;
    }

    for (let round = 0; result.id && round <= MAX_DEPENDENCY_ROUNDS; round++) {
      const refusals: SalesforceError[][] = [];
      let progress = false;
      if (setPending) {
        const values = Object.fromEntries([...setFields].map((field) => [field, true]));
        const [outcome] = await client.updateRecords([
          { attributes: { type: 'PermissionSet' }, Id: result.id, ...values }
        ]);
        if (outcome?.success) {
          setPending = false;
          setError = null;
          progress = true;
        } else {
          setError = (outcome?.errors ?? []).map(describeError).join('; ') || 'refused';
          refusals.push(outcome?.errors ?? []);
        }
      }
      // Rows are saved even while the set is refused: a user permission may depend on object access.
      const waiting = [...pendingRows.values()].filter((row) => row.pending);
      // Parents first, in their own request: a child's save checks the parent's access already saved.
      const groups = [
        waiting.filter((row) => parents.has(row.sobjectType.toLowerCase())),
        waiting.filter((row) => !parents.has(row.sobjectType.toLowerCase()))
      ];
      for (const group of groups) {
        const batches = [
          ['insert', group.filter((row) => row.id === null)],
          ['update', group.filter((row) => row.id !== null)]
        ] as const;
        for (const [kind, batch] of batches) {
          if (batch.length === 0) continue;
          const records = batch.map((row) => ({
            attributes: { type: 'ObjectPermissions' },
            ...(row.id ? { Id: row.id } : { ParentId: result.id, SobjectType: row.sobjectType }),
            ...objectPermissionFields(row.flags)
          }));
          const saved =
            kind === 'insert'
              ? await client.insertRecords(records, { reconcile: (sent) => findObjectPermissions(client, sent) })
              : await client.updateRecords(records);
          saved.forEach((outcome, index) => {
            const row = batch[index]!;
            if (outcome.success) {
              row.id = row.id ?? outcome.id;
              row.pending = false;
              row.change.state = 'added';
              row.change.error = null;
              progress = true;
            } else {
              row.change.state = 'failed';
              row.change.error = outcome.errors.map(describeError).join('; ');
              refusals.push(outcome.errors);
            }
          });
        }
      }
      if (!setPending && [...pendingRows.values()].every((row) => !row.pending)) break;
      if (round === MAX_DEPENDENCY_ROUNDS) break;
      const learned = learn(refusals);
      if (!learned && !progress) break;
      if (learned) result.dependencyRetries++;
    }
  } catch (error) {
    // A whole request refused (not one record): reported like a refused set, as before.
    if (!(error instanceof OrgRequestError)) throw error;
    setPending = true;
    setError = error.message;
  }

  if (setPending) {
    result.action = 'failed';
    result.error = setError;
    for (const permission of systemPermissions) if (permission.state === 'added') permission.state = 'failed';
    for (const change of result.objectAccess) if (change.state === 'added') change.state = 'failed';
  }
  return result;

  /** Adds every permission the refusals name (every error, every clause); true when any was new. */
  function learn(refusals: SalesforceError[][]): boolean {
    let learned = false;
    for (const error of refusals.flat()) {
      if ((error.statusCode ?? error.errorCode) !== DEPENDENCY_ERROR_CODE) continue;
      const named = permissionsNamedIn(error.message, (label) => userFieldByLabel(label, available), objectName);
      for (const permission of named) if (add(permission)) learned = true;
    }
    return learned;
  }

  function add(permission: NamedPermission): boolean {
    const requiredBy = permission.requiredBy;
    if (permission.kind === 'user') {
      if (setFields.has(permission.field) || existing?.[permission.field] === true) return false;
      setFields.add(permission.field);
      setPending = true;
      const change = systemPermissions.find((p) => p.field === permission.field);
      if (change) change.state = 'added';
      else {
        systemPermissions.push({
          field: permission.field,
          requirements: [],
          severity: 'Required',
          state: 'added',
          dependencyOf: [requiredBy]
        });
      }
      return true;
    }
    const flag = FLAG_OF_FIELD[permission.field];
    if (!flag) return false;
    const key = permission.object.toLowerCase();
    let row = pendingRows.get(key);
    if (row?.flags[flag] && row.pending) return false;
    if (!row) {
      const current = existingObjects.get(key);
      const change: ObjectAccessChange = {
        sobjectType: permission.object,
        access: '',
        state: 'added',
        error: null,
        dependencyOf: [requiredBy]
      };
      result.objectAccess.push(change);
      row = {
        sobjectType: permission.object,
        id: current?.Id ?? null,
        flags: current ? flagsOf(current) : { ...NO_ACCESS },
        change,
        pending: true
      };
      pendingRows.set(key, row);
    }
    if (row.flags[flag] && !row.pending) return false;
    row.flags = { ...row.flags, [flag]: true };
    row.change.access = describeFlags(row.flags);
    row.pending = true;
    // Named by another object's permission: saved before the others from now on.
    if (!requiredBy.toLowerCase().endsWith(` ${key}`)) parents.add(key);
    return true;
  }
}
