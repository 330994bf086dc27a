/**
 * The fake org's refusal of a PermissionSet or ObjectPermissions write that lacks a dependency, as the platform refuses
 * it: FIELD_INTEGRITY_EXCEPTION naming every missing permission. Driven by the dependency tables only (never by the CLI
 * builder's choices), so a builder that forgets a dependency is caught here.
 *
 * platform-rule: permission-dependency-modify-all-data — Modify All Data without View All Data (and the rest) is refused.
 * platform-rule: object-permission-dependencies — object access without Read (or a child without its parent's Read).
 * platform-rule: permission-dependency-error-message — one error, every clause "Permission x depends on permission(s): …".
 */
import {
  DEPENDENCY_ERROR_CODE,
  dependencyMessage,
  objectPermissionViolations,
  userPermissionViolations,
  type DependencyViolation,
  type PermissionFlags
} from '../../../scripts/lib/permission-dependencies.ts';
import type { RecordError, Row } from './database.ts';

/** What the dependency rule needs from the database. */
export interface PermissionRows {
  permissionFields: ReadonlySet<string>;
  /** Object permissions already saved in a permission set, by object (case-insensitive). */
  objectFlags(permissionSetId: string, object: string): PermissionFlags | undefined;
}

function failure(violations: DependencyViolation[]): RecordError {
  return {
    statusCode: DEPENDENCY_ERROR_CODE,
    message: dependencyMessage(violations),
    fields: [...new Set(violations.map((v) => v.field))]
  };
}

/** The error the org answers for this row, or null when every dependency is met. */
export function permissionDependencyError(object: string, row: Row, rows: PermissionRows): RecordError | null {
  if (object === 'PermissionSet') {
    const violations = userPermissionViolations(row, rows.permissionFields);
    return violations.length > 0 ? failure(violations) : null;
  }
  if (object === 'ObjectPermissions') {
    const parentId = String(row['ParentId']);
    const violations = objectPermissionViolations(String(row['SobjectType']), row as PermissionFlags, (name) =>
      rows.objectFlags(parentId, name)
    );
    return violations.length > 0 ? failure(violations) : null;
  }
  return null;
}
