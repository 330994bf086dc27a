/**
 * The setup objects the "before it breaks" rules read, in the REST face's store: UserLicense (Profile.UserLicense),
 * ConnectedApplication, SetupEntityAccess, PermissionSetLicense and PermissionSetLicenseAssign. Kept apart from
 * server.ts (as oauth-tokens.ts is): define the objects, refuse writes to the query-only ones, and copy the records
 * into the Org the package's services read (so GET connector/v1/health sees what the CLI sees).
 */
import type { Org } from '../org.ts';
import type { OauthTokenRecord } from '../state.ts';
import type { Database, Row } from '../store/database.ts';
import { CONNECTED_APPLICATION_FIELDS, type SetupEntityAccessRow } from '../tokenPolicy.ts';
import type { Answer } from './oauth-tokens.ts';

/**
 * platform-rule: setup-license-objects-query-only — ConnectedApplication, UserLicense and PermissionSetLicense
 * support describeSObjects(), query() and retrieve() only: every write is refused.
 */
export const QUERY_ONLY_OBJECTS = ['ConnectedApplication', 'UserLicense', 'PermissionSetLicense'];

export function definePolicyObjects(db: Database): void {
  db.defineObject('UserLicense', {
    prefix: '100',
    fields: ['Name', 'MasterLabel', 'LicenseDefinitionKey', 'Status'],
    required: ['Name']
  });
  // Profile.UserLicenseId: which license a profile belongs to (null for profiles seeded without one).
  const profile = db.schema['Profile']!;
  profile.fields.push('UserLicenseId');
  profile.lookups['UserLicense'] = { field: 'UserLicenseId', target: 'UserLicense' };
  // platform-rule: connectedapplication-oauth-policy-fields — only the fields the Object Reference lists, read-only.
  db.defineObject('ConnectedApplication', {
    prefix: '0H4',
    fields: [...CONNECTED_APPLICATION_FIELDS].filter((f) => f !== 'Id'),
    required: ['Name']
  });
  db.defineObject('SetupEntityAccess', {
    prefix: '0J0',
    fields: ['ParentId', 'SetupEntityId', 'SetupEntityType'],
    required: ['ParentId', 'SetupEntityId'],
    lookups: { Parent: { field: 'ParentId', target: 'PermissionSet' } }
  });
  db.defineObject('PermissionSetLicense', {
    prefix: '0PL',
    fields: ['DeveloperName', 'MasterLabel', 'Status'],
    required: ['DeveloperName', 'MasterLabel']
  });
  db.defineObject('PermissionSetLicenseAssign', {
    prefix: '2LA',
    fields: ['AssigneeId', 'PermissionSetLicenseId'],
    required: ['AssigneeId', 'PermissionSetLicenseId'],
    lookups: {
      Assignee: { field: 'AssigneeId', target: 'User' },
      PermissionSetLicense: { field: 'PermissionSetLicenseId', target: 'PermissionSetLicense' }
    }
  });
}

/** A user license by name (created on first use), for tests and seeds. */
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

const isQueryOnly = (object: string): boolean =>
  QUERY_ONLY_OBJECTS.some((name) => name.toLowerCase() === object.toLowerCase());

/**
 * A write to a query-only setup object through the sObject resources, refused as OauthToken's are (405 on the
 * record resources, INVALID_TYPE_FOR_OPERATION per record in collections); undefined for other requests.
 * That a write is refused is documented (supported calls); these codes are modelled, not documented.
 */
export function refuseQueryOnlyWrite(
  db: Database,
  method: string,
  rest: string,
  body: unknown,
  params: URLSearchParams
): Answer | undefined {
  if (method === 'GET' || method === 'HEAD') return undefined;
  const single = /^sobjects\/(\w+)(?:\/[^/]+)?$/.exec(rest);
  if (single && isQueryOnly(single[1]!)) {
    return {
      status: 405,
      headers: { Allow: 'GET, HEAD' },
      body: [{ errorCode: 'METHOD_NOT_ALLOWED', message: `HTTP Method '${method}' not allowed. Allowed are HEAD,GET` }]
    };
  }
  if (rest !== 'composite/sobjects') return undefined;
  const operation = method === 'POST' ? 'inserted' : method === 'DELETE' ? 'deleted' : 'updated';
  const refusal = (id: string | null) => ({
    id,
    success: false,
    errors: [{ statusCode: 'INVALID_TYPE_FOR_OPERATION', message: `entity type cannot be ${operation}`, fields: [] }]
  });
  if (method === 'DELETE') {
    const ids = (params.get('ids') ?? '').split(',').filter(Boolean);
    if (!ids.some((id) => isQueryOnly(db.objectOf(id) ?? ''))) return undefined;
    return { status: 200, body: ids.map((id) => refusal(id)) };
  }
  const records = (body as { records?: { attributes?: { type?: string } }[] } | undefined)?.records;
  if (!Array.isArray(records) || !records.some((r) => isQueryOnly(r.attributes?.type ?? ''))) return undefined;
  return { status: 200, body: records.map(() => refusal(null)) };
}

const str = (value: Row[string] | undefined): string => String(value ?? '');

/**
 * Copies the store's policy records into the Org before a package endpoint runs: the profiles' user licenses, the
 * connected apps, SetupEntityAccess, the permission set license assignments and the OAuth tokens.
 */
export function syncPolicyRecords(org: Org, db: Database): void {
  const state = org.state;
  const licenseOf = new Map(db.rows('Profile').map((p) => [str(p['Id']), p['UserLicenseId']]));
  for (const profile of state.profiles) {
    const licenseId = licenseOf.get(profile.Id);
    const license = typeof licenseId === 'string' ? db.get(licenseId) : undefined;
    if (license) profile.UserLicense = str(license['Name']);
  }
  state.connectedApplications = db.rows('ConnectedApplication').map((a) => ({
    Id: str(a['Id']),
    Name: str(a['Name']),
    OptionsAllowAdminApprovedUsersOnly: a['OptionsAllowAdminApprovedUsersOnly'] === true,
    OptionsRefreshTokenValidityMetric: a['OptionsRefreshTokenValidityMetric'] === true,
    RefreshTokenValidityPeriod:
      typeof a['RefreshTokenValidityPeriod'] === 'number' ? a['RefreshTokenValidityPeriod'] : null
  }));
  // The twin stands a profile's own permission set for the profile's Id (statusProviders.isUserApproved).
  const profileOf = new Map(
    db
      .rows('PermissionSet')
      .filter((ps) => ps['IsOwnedByProfile'] === true)
      .map((ps) => [str(ps['Id']), str(ps['ProfileId'])])
  );
  state.setupEntityAccess = db.rows('SetupEntityAccess').map((s) => ({
    ParentId: profileOf.get(str(s['ParentId'])) ?? str(s['ParentId']),
    SetupEntityId: str(s['SetupEntityId']),
    SetupEntityType: str(s['SetupEntityType']) as SetupEntityAccessRow['SetupEntityType']
  }));
  state.permissionSetLicenseAssigns = db.rows('PermissionSetLicenseAssign').map((a) => ({
    Id: str(a['Id']),
    AssigneeId: str(a['AssigneeId']),
    MasterLabel: str(db.get(str(a['PermissionSetLicenseId']))?.['MasterLabel'])
  }));
  // The platform's tokens are created by OAuth flows only (oauth-tokens.ts authorize); the Org gets a copy to read.
  const tokens: OauthTokenRecord[] = db.rows('OauthToken').map((t) => ({
    Id: null,
    AppName: str(t['AppName']),
    DeleteToken: str(t['DeleteToken']),
    UserId: str(t['UserId']),
    CreatedDate: str(t['CreatedDate']),
    LastUsedDate: typeof t['LastUsedDate'] === 'string' ? t['LastUsedDate'] : null,
    UseCount: typeof t['UseCount'] === 'number' ? t['UseCount'] : 0
  }));
  (state.oauthTokens as OauthTokenRecord[]).splice(0, state.oauthTokens.length, ...tokens);
}
