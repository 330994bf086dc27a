/**
 * Permission dependencies of a permission set, written once for the CLI builder and for the rule of both in-memory
 * orgs (the CLI's fake org and the preview twin).
 *
 * platform-rule: permission-dependency-modify-all-data — Modify All Data requires View All Data "and other
 * permissions" (Tooling API PermissionDependency; the help article lists what Setup enables with it).
 * platform-rule: object-permission-dependencies — Create/Edit need Read, Delete needs Read+Edit, View All needs Read,
 * Modify All needs Read+Delete+Edit+View All (Object Reference ObjectPermissions); a child object needs its parent's.
 * platform-rule: permission-dependency-error-message — a write lacking a dependency fails with
 * FIELD_INTEGRITY_EXCEPTION "Permission <x> depends on permission(s): <a>, <b>", several clauses joined by "; ".
 *
 * The tables are a subset: only the fields the in-memory orgs model. A real org has more (PermissionDependency is a
 * Tooling API object), which is why every writer also adds what each error names until none is new.
 */

export type ObjectPermissionField =
  | 'PermissionsRead'
  | 'PermissionsCreate'
  | 'PermissionsEdit'
  | 'PermissionsDelete'
  | 'PermissionsViewAllRecords'
  | 'PermissionsModifyAllRecords';

export const OBJECT_PERMISSION_FIELDS: readonly ObjectPermissionField[] = [
  'PermissionsRead',
  'PermissionsCreate',
  'PermissionsEdit',
  'PermissionsDelete',
  'PermissionsViewAllRecords',
  'PermissionsModifyAllRecords'
];

/** Status code of a save refused for a missing dependency. */
export const DEPENDENCY_ERROR_CODE = 'FIELD_INTEGRITY_EXCEPTION';

/** PermissionSet field → its label (DescribeFieldResult.getLabel()), as the platform names it in errors. */
export const USER_PERMISSION_LABELS: Readonly<Record<string, string>> = {
  PermissionsApiEnabled: 'API Enabled',
  PermissionsApiUserOnly: 'API Only User',
  PermissionsAuthorApex: 'Author Apex',
  PermissionsCustomizeApplication: 'Customize Application',
  PermissionsEditTask: 'Edit Tasks',
  PermissionsManageProfilesPermissionsets: 'Manage Profiles and Permission Sets',
  PermissionsManageUsers: 'Manage Users',
  PermissionsModifyAllData: 'Modify All Data',
  PermissionsModifyMetadata: 'Modify Metadata Through Metadata API Functions',
  PermissionsPasswordNeverExpires: 'Password Never Expires',
  PermissionsViewAllCustomSettings: 'View All Custom Settings',
  PermissionsViewAllData: 'View All Data',
  PermissionsViewSetup: 'View Setup and Configuration',
  PermissionsCreateAuditFields: 'Set Audit Fields upon Record Creation',
  PermissionsUpdateWithInactiveOwner: 'Update Records with Inactive Owners'
};

/**
 * User permission → the user permissions it requires in the same permission set. Modify All Data: View All Data (the
 * PermissionDependency page's example) and, of the permissions the help article says Setup enables with it, those
 * the in-memory orgs model.
 */
export const USER_PERMISSION_REQUIRES: Readonly<Record<string, readonly string[]>> = {
  PermissionsModifyAllData: ['PermissionsViewAllData', 'PermissionsViewSetup', 'PermissionsEditTask']
};

/** Object permission → the permissions it requires on the same object (ObjectPermissions field descriptions). */
export const OBJECT_PERMISSION_REQUIRES: Readonly<Record<ObjectPermissionField, readonly ObjectPermissionField[]>> = {
  PermissionsRead: [],
  PermissionsCreate: ['PermissionsRead'],
  PermissionsEdit: ['PermissionsRead'],
  PermissionsDelete: ['PermissionsRead', 'PermissionsEdit'],
  PermissionsViewAllRecords: ['PermissionsRead'],
  PermissionsModifyAllRecords: ['PermissionsRead', 'PermissionsDelete', 'PermissionsEdit', 'PermissionsViewAllRecords']
};

/** Child object → parent object whose access its own access requires (modelled for the objects the orgs hold). */
export const PARENT_OBJECT: Readonly<Record<string, string>> = { Contact: 'Account', Opportunity: 'Account' };
/** A child's permission → the parent's permission it requires (Read needs Read, Read All needs Read All). */
const PARENT_REQUIRES: Partial<Record<ObjectPermissionField, ObjectPermissionField>> = {
  PermissionsRead: 'PermissionsRead',
  PermissionsViewAllRecords: 'PermissionsViewAllRecords'
};

/** How an error names an object permission: "Read Account", "Read All Account" (View All), "Edit All Account". */
const OBJECT_ACTION: Readonly<Record<ObjectPermissionField, string>> = {
  PermissionsRead: 'Read',
  PermissionsCreate: 'Create',
  PermissionsEdit: 'Edit',
  PermissionsDelete: 'Delete',
  PermissionsViewAllRecords: 'Read All',
  PermissionsModifyAllRecords: 'Edit All'
};

export type PermissionFlags = Partial<Record<ObjectPermissionField, boolean>>;

/** One refused permission and what it lacks, in the platform's words. */
export interface DependencyViolation {
  /** The field whose value is refused (the error's `fields`). */
  field: string;
  permission: string;
  requires: string[];
}

export function objectPermissionName(object: string, field: ObjectPermissionField): string {
  return `${OBJECT_ACTION[field]} ${object}`;
}

/** A user permission as admins read it in Setup (the PermissionSet field's label), not its API name. */
export function userPermissionName(field: string): string {
  return USER_PERMISSION_LABELS[field] ?? field.replace(/^Permissions/, '');
}

/** The platform's message for one or more violations: clauses joined by "; ". */
export function dependencyMessage(violations: readonly DependencyViolation[]): string {
  return violations
    .map((v) => `Permission ${v.permission} depends on permission(s): ${v.requires.join(', ')}`)
    .join('; ');
}

/**
 * What the platform refuses in a PermissionSet save: each enabled user permission whose requirements (those the org
 * has) are not enabled in the same set. Only direct requirements are named, so a chain takes several saves.
 */
export function userPermissionViolations(
  permissions: Readonly<Record<string, unknown>>,
  orgFields: ReadonlySet<string>
): DependencyViolation[] {
  const violations: DependencyViolation[] = [];
  for (const [field, requires] of Object.entries(USER_PERMISSION_REQUIRES)) {
    if (permissions[field] !== true) continue;
    const missing = requires.filter((r) => orgFields.has(r) && permissions[r] !== true);
    if (missing.length > 0) {
      violations.push({ field, permission: userPermissionName(field), requires: missing.map(userPermissionName) });
    }
  }
  return violations;
}

/**
 * What the platform refuses in an ObjectPermissions save: each enabled permission whose same-object requirements or
 * parent-object requirement (looked up in the same permission set) are not enabled.
 */
export function objectPermissionViolations(
  object: string,
  flags: PermissionFlags,
  flagsInSameSet: (object: string) => PermissionFlags | undefined
): DependencyViolation[] {
  const violations: DependencyViolation[] = [];
  const parent = Object.entries(PARENT_OBJECT).find(([child]) => child.toLowerCase() === object.toLowerCase())?.[1];
  const parentFlags = parent ? (flagsInSameSet(parent) ?? {}) : {};
  for (const field of OBJECT_PERMISSION_FIELDS) {
    if (flags[field] !== true) continue;
    const requires = OBJECT_PERMISSION_REQUIRES[field]
      .filter((r) => flags[r] !== true)
      .map((r) => objectPermissionName(object, r));
    const parentField = PARENT_REQUIRES[field];
    if (parent && parentField && parentFlags[parentField] !== true) {
      requires.push(objectPermissionName(parent, parentField));
    }
    if (requires.length > 0) violations.push({ field, permission: objectPermissionName(object, field), requires });
  }
  return violations;
}

/** A permission an error names: a user permission field, or an object permission. */
export type NamedPermission = { requiredBy: string } & (
  { kind: 'user'; field: string } | { kind: 'object'; object: string; field: ObjectPermissionField }
);

const ACTIONS_LONGEST_FIRST = (Object.entries(OBJECT_ACTION) as [ObjectPermissionField, string][])
  .concat([
    ['PermissionsViewAllRecords', 'View All'],
    ['PermissionsModifyAllRecords', 'Modify All']
  ])
  .sort((a, b) => b[1].length - a[1].length);

/**
 * Every permission named after "depends on permission(s):" in an error message (all clauses). Labels are resolved
 * with `userFieldByLabel`; "<Action> <Object>" with `objectName` (null when unknown). Unresolvable names are skipped.
 */
export function permissionsNamedIn(
  message: string,
  userFieldByLabel: (label: string) => string | null,
  objectName: (name: string) => string | null
): NamedPermission[] {
  const named: NamedPermission[] = [];
  for (const clause of message.split(';')) {
    const marker = clause.indexOf('depends on permission(s):');
    if (marker < 0) continue;
    const requiredBy = clause
      .slice(0, marker)
      .trim()
      .replace(/^Permission\s+/i, '');
    for (const raw of clause.slice(marker + 'depends on permission(s):'.length).split(',')) {
      const name = raw.trim();
      if (!name) continue;
      const field = userFieldByLabel(name);
      if (field) {
        named.push({ requiredBy, kind: 'user', field });
        continue;
      }
      for (const [objectField, action] of ACTIONS_LONGEST_FIRST) {
        if (!name.toLowerCase().startsWith(`${action.toLowerCase()} `)) continue;
        const object = objectName(name.slice(action.length + 1).trim());
        if (object) named.push({ requiredBy, kind: 'object', object, field: objectField });
        break;
      }
    }
  }
  return named;
}

/** A PermissionSet field by its label, among the known labels and the fields the org has. */
export function userFieldByLabel(label: string, orgFields: Iterable<string>): string | null {
  const wanted = label.trim().toLowerCase();
  for (const field of orgFields) {
    if (userPermissionName(field).toLowerCase() === wanted) return field;
  }
  return null;
}

/**
 * The builder's first guess, so a real org usually accepts the first save: the known requirements, transitively,
 * limited to fields the org has. What the org names beyond the table is added from its errors.
 */
export function withUserDependencies(fields: Iterable<string>, orgFields: ReadonlySet<string>): Set<string> {
  const all = new Set<string>();
  const pending = [...fields];
  while (pending.length > 0) {
    const field = pending.pop()!;
    if (all.has(field)) continue;
    all.add(field);
    for (const required of USER_PERMISSION_REQUIRES[field] ?? []) if (orgFields.has(required)) pending.push(required);
  }
  return all;
}

/** Same-object requirements of some object permissions, transitively (Delete → Edit → Read). */
export function withObjectDependencies(flags: PermissionFlags): PermissionFlags {
  const all: PermissionFlags = { ...flags };
  let changed = true;
  while (changed) {
    changed = false;
    for (const field of OBJECT_PERMISSION_FIELDS) {
      if (all[field] !== true) continue;
      for (const required of OBJECT_PERMISSION_REQUIRES[field]) {
        if (all[required] !== true) {
          all[required] = true;
          changed = true;
        }
      }
    }
  }
  return all;
}
