/**
 * The setup objects the "before it breaks" rules read, in the REST face's store: UserLicense (Profile.UserLicense),
 * ConnectedApplication, SetupEntityAccess, PermissionSetLicense and PermissionSetLicenseAssign. Kept apart from
 * server.ts (as oauth-tokens.ts is): define the objects and refuse writes to the query-only ones. Their records are
 * the Org's (store/orgRecords.ts policyTables): what the CLI writes or reads is what GET connector/v1/health reads.
 */
import type { Database } from '../store/database.ts';
import { policyTables } from '../store/orgRecords.ts';
import { CONNECTED_APPLICATION_FIELDS } from '../tokenPolicy.ts';

/**
 * platform-rule: setup-license-objects-query-only — ConnectedApplication, UserLicense and PermissionSetLicense
 * support describeSObjects(), query() and retrieve() only: every write is refused. server.ts refuses them with
 * refuseWritesTo, as OauthToken's writes are: that a write is refused is documented; the codes are modelled.
 */
export const QUERY_ONLY_OBJECTS = ['ConnectedApplication', 'UserLicense', 'PermissionSetLicense'];

export function definePolicyObjects(db: Database): void {
  const tables = policyTables(db.org);
  db.defineObject('UserLicense', {
    table: tables['UserLicense'],
    prefix: '100',
    fields: ['Name', 'MasterLabel', 'LicenseDefinitionKey', 'Status'],
    required: ['Name']
  });
  // Profile.UserLicenseId: the license the profile names (orgRecords.ts: the Org keeps the license's Name).
  const profile = db.schema['Profile']!;
  profile.fields.push('UserLicenseId');
  profile.lookups['UserLicense'] = { field: 'UserLicenseId', target: 'UserLicense' };
  // platform-rule: connectedapplication-oauth-policy-fields — only the fields the Object Reference lists, read-only.
  db.defineObject('ConnectedApplication', {
    table: tables['ConnectedApplication'],
    prefix: '0H4',
    fields: [...CONNECTED_APPLICATION_FIELDS].filter((f) => f !== 'Id'),
    required: ['Name']
  });
  db.defineObject('SetupEntityAccess', {
    table: tables['SetupEntityAccess'],
    prefix: '0J0',
    fields: ['ParentId', 'SetupEntityId', 'SetupEntityType'],
    required: ['ParentId', 'SetupEntityId'],
    lookups: { Parent: { field: 'ParentId', target: 'PermissionSet' } }
  });
  db.defineObject('PermissionSetLicense', {
    table: tables['PermissionSetLicense'],
    prefix: '0PL',
    fields: ['DeveloperName', 'MasterLabel', 'Status'],
    required: ['DeveloperName', 'MasterLabel']
  });
  db.defineObject('PermissionSetLicenseAssign', {
    table: tables['PermissionSetLicenseAssign'],
    prefix: '2LA',
    fields: ['AssigneeId', 'PermissionSetLicenseId'],
    required: ['AssigneeId', 'PermissionSetLicenseId'],
    lookups: {
      Assignee: { field: 'AssigneeId', target: 'User' },
      PermissionSetLicense: { field: 'PermissionSetLicenseId', target: 'PermissionSetLicense' }
    }
  });
}

/** A user license by name (inserted into the Org's licenses when no profile or license has it), for tests and seeds. */
export function userLicenseId(db: Database, name: string): string {
  const found = db.rows('UserLicense').find((l) => l['Name'] === name);
  return found ? String(found['Id']) : db.insert('UserLicense', { Name: name, MasterLabel: name, Status: 'Active' });
}

/** A connected app as Setup creates it: its Options booleans are false unless set (never null). */
export function addConnectedApplication(
  db: Database,
  values: { Name: string } & Partial<
    Record<'OptionsAllowAdminApprovedUsersOnly' | 'OptionsRefreshTokenValidityMetric', boolean>
  > & {
      RefreshTokenValidityPeriod?: number | null;
    }
): string {
  return db.insert('ConnectedApplication', {
    OptionsAllowAdminApprovedUsersOnly: false,
    OptionsRefreshTokenValidityMetric: false,
    RefreshTokenValidityPeriod: null,
    ...values
  });
}
