/**
 * DML on PermissionSet and ObjectPermissions in the in-memory org, refused as Salesforce refuses it when a permission
 * lacks a dependency. The rule reads the dependency tables only, never the repair twin's own choices, so a twin that
 * forgets a dependency is refused here like the Apex is in a real org.
 *
 * platform-rule: permission-dependency-modify-all-data — Modify All Data without View All Data and the rest.
 * platform-rule: object-permission-dependencies — object access without Read, a child without its parent's Read.
 * platform-rule: permission-dependency-error-message — FIELD_INTEGRITY_EXCEPTION naming every missing permission.
 * platform-rule: mixed-dml-setup-objects — these are setup objects: Org.dml() refuses them in a call that has written
 * a non-setup object (and refuses the audit entry's insert after them).
 */
import {
  DEPENDENCY_ERROR_CODE,
  dependencyMessage,
  objectPermissionViolations,
  userPermissionViolations,
  type PermissionFlags
} from '../../scripts/lib/permission-dependencies.ts';
import type { Org } from './org.ts';
import { KeyPrefix, newId } from './ids.ts';
import type { ObjectAccess, PermissionSetRecord } from './state.ts';

/** Database.Error: what a save with allOrNone=false reports for a refused record. */
export interface DmlError {
  statusCode: string;
  message: string;
  fields: string[];
}

/** Refusals since the process started (tests read how many saves a repair needed). */
export const refusals: DmlError[] = [];

/** Tests inject refusals the dependency rule does not cover (a user license that forbids a permission). */
export const faults: {
  permissionSet?: (set: PermissionSetRecord, permissions: Record<string, boolean>) => DmlError | undefined;
} = {};

function refused(error: DmlError): DmlError[] {
  refusals.push(error);
  return [error];
}

/**
 * Database.insert/update(PermissionSet, false): saves the set with these permissions switched on, or returns the
 * errors and leaves the set as it was. A new set is added to the org only when it saves.
 */
export function savePermissionSet(org: Org, set: PermissionSetRecord, grant: readonly string[]): DmlError[] {
  org.dml('PermissionSet');
  const permissions = { ...set.permissions };
  for (const field of grant) permissions[field] = true;
  const injected = faults.permissionSet?.(set, permissions);
  if (injected) return refused(injected);
  const violations = userPermissionViolations(permissions, new Set(org.state.permissionFields));
  if (violations.length > 0) {
    return refused({
      statusCode: DEPENDENCY_ERROR_CODE,
      message: dependencyMessage(violations),
      fields: [...new Set(violations.map((v) => v.field))]
    });
  }
  set.permissions = permissions;
  if (!org.state.permissionSets.includes(set)) org.state.permissionSets.push(set);
  return [];
}

/**
 * Database.upsert(List<ObjectPermissions>, false): each row is checked against the set as it was before this call
 * (rows of one call do not see each other), then the rows that pass are saved. Errors by object.
 */
export function saveObjectPermissions(
  org: Org,
  set: PermissionSetRecord,
  rows: ReadonlyMap<string, ObjectAccess>
): Map<string, DmlError[]> {
  org.dml('ObjectPermissions');
  const before = structuredClone(set.objectPermissions);
  const inSet = (name: string): PermissionFlags | undefined =>
    Object.entries(before).find(([object]) => object.toLowerCase() === name.toLowerCase())?.[1];
  const errors = new Map<string, DmlError[]>();
  for (const [object, access] of rows) {
    const violations = objectPermissionViolations(object, access, inSet);
    if (violations.length > 0) {
      errors.set(
        object,
        refused({
          statusCode: DEPENDENCY_ERROR_CODE,
          message: dependencyMessage(violations),
          fields: [...new Set(violations.map((v) => v.field))]
        })
      );
    } else {
      set.objectPermissions[object] = { ...access };
    }
  }
  return errors;
}

/** Database.insert(List<PermissionSetAssignment>): assigns the sets to the user. */
export function insertPermissionSetAssignments(
  org: Org,
  assigneeId: string,
  permissionSetIds: readonly string[]
): void {
  if (permissionSetIds.length === 0) return;
  org.dml('PermissionSetAssignment');
  for (const permissionSetId of permissionSetIds) {
    org.state.permissionSetAssignments.push({
      Id: newId(org.state, KeyPrefix.PermissionSetAssignment),
      AssigneeId: assigneeId,
      PermissionSetId: permissionSetId
    });
  }
}
