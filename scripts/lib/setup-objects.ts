/**
 * Setup objects: DML on them cannot share a transaction with DML on other objects.
 * platform-rule: mixed-dml-setup-objects — the objects of "sObjects That Can't Be Used Together in DML Operations"
 * that the package, the CLI or the in-memory orgs write or might (the page says its list is not exhaustive).
 * Custom settings (the connector settings) are not on it and are treated as ordinary objects.
 */
export const SETUP_OBJECTS: ReadonlySet<string> = new Set([
  'FieldPermissions',
  'Group',
  'GroupMember',
  'ObjectPermissions',
  'PermissionSet',
  'PermissionSetAssignment',
  'QueueSObject',
  'SetupEntityAccess',
  'User',
  'UserRole'
]);

export const MIXED_DML_OPERATION = 'MIXED_DML_OPERATION';
