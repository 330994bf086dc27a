/**
 * The Org's own records as tables of the SOQL store: User, Profile, PermissionSet, PermissionSetAssignment and
 * ObjectPermissions are read and written where the services keep them (`org.state`), so the REST face's SOQL and
 * DML and the services (both faces) see one set of records, with nothing copied between them.
 *
 * The Org keeps a profile's permissions on the Profile record and object access inside its permission set; the
 * platform shows them as rows. Those rows are derived here, live (getters over the record, so a change a service
 * makes in place is what the next query reads):
 * - each profile's own permission set (IsOwnedByProfile = true) and each user's assignment of it, as the platform
 *   creates both with the profile and the user;
 * - one ObjectPermissions row per (permission set or profile, sObject) of `objectPermissions`.
 */
import type { Org } from '../org.ts';
import { readPackagedPermissionSets } from '../metadata.ts';
import type { ConnectedApplicationRow, SetupEntityAccessRow } from '../tokenPolicy.ts';
import {
  newCsmSyncRun,
  type OauthTokenRecord,
  type ObjectAccess,
  type PermissionSetLicenseAssignRecord,
  type PermissionSetLicenseRecord,
  type UserLicenseRecord,
  type PermissionSetAssignmentRecord,
  type PermissionSetRecord,
  type ProfileRecord,
  type UserRecord
} from '../state.ts';
import { OBJECT_PERMISSION_FIELDS } from '../../../scripts/lib/permission-dependencies.ts';
import type { Literal } from './soql.ts';

export type Row = Record<string, Literal>;

/** Where one sObject's records live: the store validates and queries, the table keeps them. */
export interface Table {
  rows(): Row[];
  get(id: string): Row | undefined;
  /** Adds a validated row that already carries its new Id. */
  insert(row: Row): void;
  /** Applies validated changes to an existing row. */
  update(id: string, changes: Row): void;
  delete(id: string): void;
  /** The id of the row holding this unique key (see uniqueKey), if any. */
  holder(key: string): string | undefined;
}

/** The key the platform keeps unique per object (duplicate rules the store enforces). */
export function uniqueKey(object: string, row: Row): string | null {
  const lower = (value: Literal | undefined): string => String(value).toLowerCase();
  if (object === 'PermissionSetAssignment') return `PSA|${row['AssigneeId']}|${row['PermissionSetId']}`;
  if (object === 'ObjectPermissions') return `OP|${row['ParentId']}|${lower(row['SobjectType'])}`;
  if (object === 'PermissionSet') return `PS|${lower(row['NamespacePrefix'])}|${lower(row['Name'])}`;
  return null;
}

/** A table of records kept by the store itself (objects the services never read: PermissionSetGroup, ApexClass, …). */
export class MapTable implements Table {
  private readonly byId = new Map<string, Row>();
  private readonly uniques = new Map<string, string>();

  constructor(private readonly object: string) {}

  rows(): Row[] {
    return [...this.byId.values()];
  }

  get(id: string): Row | undefined {
    return this.byId.get(id);
  }

  insert(row: Row): void {
    const id = String(row['Id']);
    this.byId.set(id, row);
    const key = uniqueKey(this.object, row);
    if (key) this.uniques.set(key, id);
  }

  update(id: string, changes: Row): void {
    const existing = this.byId.get(id)!;
    const oldKey = uniqueKey(this.object, existing);
    if (oldKey) this.uniques.delete(oldKey);
    Object.assign(existing, changes);
    const newKey = uniqueKey(this.object, existing);
    if (newKey) this.uniques.set(newKey, id);
  }

  delete(id: string): void {
    const row = this.byId.get(id);
    if (!row) return;
    this.byId.delete(id);
    const key = uniqueKey(this.object, row);
    if (key) this.uniques.delete(key);
  }

  holder(key: string): string | undefined {
    return this.uniques.get(key);
  }
}

/** A row whose fields read the record they come from at the time they are read. */
function liveRow(fields: readonly string[], read: (field: string) => Literal): Row {
  const row: Row = {};
  for (const field of fields) Object.defineProperty(row, field, { get: () => read(field), enumerable: true });
  return row;
}

const isPermissionField = (field: string): boolean => field.startsWith('Permissions');

/** Derived ids: the key prefix, then `z` (never at that place in an id the store hands out), then the source's. */
const derivedId = (prefix: string, sourceId: string): string => `${prefix}z${sourceId.slice(4)}`;
export const profilePermissionSetId = (profileId: string): string => derivedId('0PS', profileId);
const profileAssignmentId = (userId: string): string => derivedId('0Pa', userId);

/** The id of a row the Org keeps without one of its own: the key prefix, `z`, then a hash of what it is. */
function hashedId(prefix: string, key: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (const c of key) {
    a = Math.imul(a ^ c.charCodeAt(0), 0x01000193) >>> 0;
    b = Math.imul(b ^ c.charCodeAt(0), 0x5bd1e995) >>> 0;
  }
  return `${prefix}z${(a.toString(36) + b.toString(36)).padStart(11, '0').slice(0, 11)}AAA`;
}

const objectPermissionsId = (parentId: string, sobjectType: string): string =>
  hashedId('110', `${parentId}|${sobjectType.toLowerCase()}`);

/**
 * A table over arrays of the Org's state. The id and unique-key indexes are rebuilt when one of the arrays it
 * reads is replaced or changes length (a transaction rollback replaces them; services push and filter), and kept
 * up to date by this table's own writes; the rows themselves are live.
 */
abstract class OrgTable implements Table {
  private cache: { signature: unknown[]; byId: Map<string, Row>; byKey: Map<string, string> } | null = null;

  constructor(
    protected readonly org: Org,
    private readonly object: string
  ) {}

  /** The arrays (and counts) whose change means the set of rows changed. */
  protected abstract signature(): unknown[];
  protected abstract build(): Row[];
  abstract insert(row: Row): void;
  abstract update(id: string, changes: Row): void;
  abstract delete(id: string): void;

  private index(): { byId: Map<string, Row>; byKey: Map<string, string> } {
    const signature = this.signature();
    const cached = this.cache;
    if (
      cached &&
      cached.signature.length === signature.length &&
      cached.signature.every((v, i) => v === signature[i])
    ) {
      return cached;
    }
    const byId = new Map<string, Row>();
    const byKey = new Map<string, string>();
    for (const row of this.build()) {
      const id = String(row['Id']);
      byId.set(id, row);
      const key = uniqueKey(this.object, row);
      if (key) byKey.set(key, id);
    }
    this.cache = { signature, byId, byKey };
    return this.cache;
  }

  /** Runs a write that adds `row`, keeping a valid index valid instead of rebuilding it. */
  protected added(row: Row, write: () => void): void {
    const valid = this.cache !== null && this.index() === this.cache;
    write();
    if (!valid || !this.cache) return;
    this.cache.signature = this.signature();
    const id = String(row['Id']);
    this.cache.byId.set(id, row);
    const key = uniqueKey(this.object, row);
    if (key) this.cache.byKey.set(key, id);
  }

  /** Runs a write that removes the row `id`, keeping a valid index valid instead of rebuilding it. */
  protected removed(id: string, write: () => void): void {
    const valid = this.cache !== null && this.index() === this.cache;
    const row = valid ? this.cache?.byId.get(id) : undefined;
    write();
    if (!valid || !this.cache) return;
    this.cache.signature = this.signature();
    this.cache.byId.delete(id);
    const key = row ? uniqueKey(this.object, row) : undefined;
    if (key && this.cache.byKey.get(key) === id) this.cache.byKey.delete(key);
  }

  /** After a write that changed a unique key in place. */
  protected rekeyed(): void {
    this.cache = null;
  }

  rows(): Row[] {
    return [...this.index().byId.values()];
  }

  get(id: string): Row | undefined {
    return this.index().byId.get(id);
  }

  holder(key: string): string | undefined {
    return this.index().byKey.get(key);
  }
}

/**
 * A table over one array of the Org's state whose records' fields are the API's: each record is its row. The
 * subclass makes a record of an inserted row and applies changes.
 */
abstract class RecordArrayTable<R extends { Id: string }> extends OrgTable {
  constructor(
    org: Org,
    object: string,
    private readonly records: (state: Org['state']) => R[]
  ) {
    super(org, object);
  }

  protected signature(): unknown[] {
    const records = this.records(this.org.state);
    return [records, records.length];
  }

  protected build(): Row[] {
    return this.records(this.org.state) as unknown as Row[];
  }

  /** Adds the record an insert made. */
  protected push(record: R): void {
    this.added(record as unknown as Row, () => this.records(this.org.state).push(record));
  }

  delete(id: string): void {
    const records = this.records(this.org.state);
    const index = records.findIndex((r) => r.Id === id);
    if (index >= 0) this.removed(id, () => records.splice(index, 1));
  }
}

/** User: the Org's `users`. */
class UserTable extends RecordArrayTable<UserRecord> {
  insert(row: Row): void {
    this.push({
      Id: String(row['Id']),
      Name: String(row['Name'] ?? ''),
      Username: String(row['Username']),
      Email: String(row['Email'] ?? ''),
      IsActive: row['IsActive'] === true,
      IsFrozen: false,
      ProfileId: String(row['ProfileId'] ?? ''),
      LastLoginDate: null,
      LocaleSidKey: 'en_US',
      LanguageLocaleKey: 'en_US',
      TimeZoneSidKey: 'GMT',
      ...(typeof row['UserType'] === 'string' ? { UserType: row['UserType'] } : {})
    });
  }

  update(id: string, changes: Row): void {
    Object.assign(this.get(id)!, changes);
  }
}

class ProfileTable extends OrgTable {
  protected signature(): unknown[] {
    const profiles = this.org.state.profiles;
    return [profiles, profiles.length];
  }

  protected build(): Row[] {
    return this.org.state.profiles.map((p) =>
      liveRow(['Id', 'Name', 'UserLicenseId'], (field) =>
        field === 'Id' ? p.Id : field === 'Name' ? p.Name : userLicenseIdOf(this.org, p.UserLicense)
      )
    );
  }

  insert(row: Row): void {
    const profile: ProfileRecord = {
      Id: String(row['Id']),
      Name: String(row['Name']),
      UserLicense: licenseName(this.org, row['UserLicenseId']) ?? 'Salesforce',
      permissions: {},
      objectPermissions: {}
    };
    this.org.state.profiles.push(profile);
  }

  update(id: string, changes: Row): void {
    const profile = this.org.state.profiles.find((p) => p.Id === id)!;
    if (typeof changes['Name'] === 'string') profile.Name = changes['Name'];
    const license = licenseName(this.org, changes['UserLicenseId']);
    if (license !== undefined) profile.UserLicense = license;
  }

  delete(id: string): void {
    this.org.state.profiles = this.org.state.profiles.filter((p) => p.Id !== id);
  }
}

/** Fields of PermissionSetRecord that are API fields as they are. */
const PERMISSION_SET_FIELDS = ['Name', 'Label', 'NamespacePrefix', 'Description', 'Type', 'PermissionSetGroupId'];

class PermissionSetTable extends OrgTable {
  constructor(
    org: Org,
    private readonly fields: () => readonly string[]
  ) {
    super(org, 'PermissionSet');
  }

  protected signature(): unknown[] {
    const { permissionSets, profiles } = this.org.state;
    return [permissionSets, permissionSets.length, profiles, profiles.length];
  }

  protected build(): Row[] {
    const fields = this.fields();
    const own = this.org.state.permissionSets.map((ps) =>
      liveRow(fields, (field) => {
        if (field === 'Id') return ps.Id;
        if (isPermissionField(field)) return ps.permissions[field] ?? false;
        if (field === 'IsOwnedByProfile') return false;
        if (field === 'Type') return ps.Type ?? 'Regular';
        const value = (ps as unknown as Record<string, Literal | undefined>)[field];
        return value ?? null;
      })
    );
    // platform-rule: profile-owned-permission-set — each profile's own permission set holds its permissions.
    const ofProfiles = this.org.state.profiles.map((p) =>
      liveRow(fields, (field) => {
        if (field === 'Id') return profilePermissionSetId(p.Id);
        if (isPermissionField(field)) return p.permissions[field] ?? false;
        if (field === 'Name') return `X00ex${p.Id.slice(-6)}`;
        if (field === 'Label') return p.Name;
        if (field === 'IsOwnedByProfile') return true;
        if (field === 'ProfileId') return p.Id;
        if (field === 'Type') return 'Profile';
        return null;
      })
    );
    return [...own, ...ofProfiles];
  }

  private packaged(row: { NamespacePrefix: string | null; Name: string }): boolean {
    const namespace = this.org.state.organization.NamespacePrefix ?? '';
    return (row.NamespacePrefix ?? '') === namespace && readPackagedPermissionSets().some((ps) => ps.name === row.Name);
  }

  insert(row: Row): void {
    if (row['IsOwnedByProfile'] === true) {
      throw new Error("A profile's permission set comes with the profile: insert the Profile instead");
    }
    const record: PermissionSetRecord = {
      Id: String(row['Id']),
      Name: String(row['Name']),
      Label: String(row['Label'] ?? row['Name']),
      NamespacePrefix: (row['NamespacePrefix'] as string | null) ?? null,
      packaged: false,
      permissions: {},
      objectPermissions: {},
      customPermissions: []
    };
    this.assign(record, row);
    this.org.state.permissionSets.push(record);
  }

  private assign(record: PermissionSetRecord, values: Row): void {
    const fields = record as unknown as Record<string, Literal>;
    for (const [field, value] of Object.entries(values)) {
      if (isPermissionField(field)) record.permissions[field] = value === true;
      else if (PERMISSION_SET_FIELDS.includes(field) && (field !== 'Type' || value !== 'Regular')) {
        if (value !== null || field in fields) fields[field] = value;
      }
    }
    record.packaged = this.packaged(record);
  }

  update(id: string, changes: Row): void {
    const record = this.org.state.permissionSets.find((ps) => ps.Id === id);
    if (record) this.assign(record, changes);
    else {
      const profile = this.org.state.profiles.find((p) => profilePermissionSetId(p.Id) === id)!;
      for (const [field, value] of Object.entries(changes)) {
        if (isPermissionField(field)) profile.permissions[field] = value === true;
      }
    }
    this.rekeyed();
  }

  delete(id: string): void {
    this.org.state.permissionSets = this.org.state.permissionSets.filter((ps) => ps.Id !== id);
  }
}

/**
 * A user's assignment of their profile's permission set, read live from the user. A class (one shape for every
 * row) rather than a liveRow: there is one per user, and queries over thousands of them stay fast.
 */
class ProfileAssignmentRow {
  readonly PermissionSetGroupId = null;

  readonly #user: UserRecord;

  constructor(user: UserRecord) {
    this.#user = user;
  }

  get Id(): string {
    return profileAssignmentId(this.#user.Id);
  }

  get AssigneeId(): string {
    return this.#user.Id;
  }

  get PermissionSetId(): string {
    return profilePermissionSetId(this.#user.ProfileId);
  }
}

class AssignmentTable extends OrgTable {
  constructor(org: Org) {
    super(org, 'PermissionSetAssignment');
  }

  protected signature(): unknown[] {
    const { permissionSetAssignments, users } = this.org.state;
    return [permissionSetAssignments, permissionSetAssignments.length, users, users.length];
  }

  protected build(): Row[] {
    const own = this.org.state.permissionSetAssignments as unknown as Row[];
    // platform-rule: profile-owned-permission-set — a user's profile shows as an assignment of its permission set.
    const ofProfiles = this.org.state.users.map((u) => new ProfileAssignmentRow(u) as unknown as Row);
    return [...own, ...ofProfiles];
  }

  insert(row: Row): void {
    const record: PermissionSetAssignmentRecord = {
      Id: String(row['Id']),
      AssigneeId: String(row['AssigneeId']),
      PermissionSetId: String(row['PermissionSetId']),
      ...(typeof row['PermissionSetGroupId'] === 'string' ? { PermissionSetGroupId: row['PermissionSetGroupId'] } : {})
    };
    this.added(record as unknown as Row, () => this.org.state.permissionSetAssignments.push(record));
  }

  update(id: string, changes: Row): void {
    const record = this.org.state.permissionSetAssignments.find((a) => a.Id === id);
    if (!record) throw new Error("A profile's assignment changes with the user's ProfileId");
    Object.assign(record, changes);
    this.rekeyed();
  }

  delete(id: string): void {
    if (!this.org.state.permissionSetAssignments.some((a) => a.Id === id)) {
      throw new Error("A profile's assignment goes with the user's ProfileId");
    }
    this.org.state.permissionSetAssignments = this.org.state.permissionSetAssignments.filter((a) => a.Id !== id);
  }
}

class ObjectPermissionsTable extends OrgTable {
  constructor(org: Org) {
    super(org, 'ObjectPermissions');
  }

  /** Permission sets and profiles with the id their ObjectPermissions rows name as ParentId. */
  private parents(): { id: string; access: Record<string, ObjectAccess> }[] {
    return [
      ...this.org.state.permissionSets.map((ps) => ({ id: ps.Id, access: ps.objectPermissions })),
      ...this.org.state.profiles.map((p) => ({ id: profilePermissionSetId(p.Id), access: p.objectPermissions }))
    ];
  }

  protected signature(): unknown[] {
    return this.parents().flatMap((p) => [p.access, Object.keys(p.access).join(',')]);
  }

  protected build(): Row[] {
    return this.parents().flatMap(({ id, access }) =>
      Object.keys(access).map((sobjectType) =>
        liveRow(['Id', 'ParentId', 'SobjectType', ...OBJECT_PERMISSION_FIELDS], (field) =>
          field === 'Id'
            ? objectPermissionsId(id, sobjectType)
            : field === 'ParentId'
              ? id
              : field === 'SobjectType'
                ? sobjectType
                : (access[sobjectType]?.[field as keyof ObjectAccess] ?? false)
        )
      )
    );
  }

  private find(id: string): { access: Record<string, ObjectAccess>; sobjectType: string } {
    const row = this.get(id)!;
    const parent = this.parents().find((p) => p.id === row['ParentId'])!;
    return { access: parent.access, sobjectType: String(row['SobjectType']) };
  }

  insert(row: Row): void {
    const parent = this.parents().find((p) => p.id === row['ParentId'])!;
    const flags = Object.fromEntries(
      OBJECT_PERMISSION_FIELDS.map((f) => [f, row[f] === true])
    ) as unknown as ObjectAccess;
    parent.access[String(row['SobjectType'])] = flags;
    // The row's id is where the record lives (parent and object), not a number of the store's sequence.
    row['Id'] = objectPermissionsId(parent.id, String(row['SobjectType']));
  }

  update(id: string, changes: Row): void {
    const { access, sobjectType } = this.find(id);
    for (const field of OBJECT_PERMISSION_FIELDS) {
      if (field in changes) access[sobjectType]![field] = changes[field] === true;
    }
  }

  delete(id: string): void {
    const { access, sobjectType } = this.find(id);
    delete access[sobjectType];
  }
}

/** CsmSyncRun__c fields, unqualified (the Org's names); the REST face spells them with the org's namespace. */
export const CSM_RUN_FIELDS = [
  'Status__c',
  'DryRun__c',
  'EmailField__c',
  'StartedAt__c',
  'FinishedAt__c',
  'AsyncApexJobId__c',
  'Created__c',
  'Updated__c',
  'Unchanged__c',
  'SkippedManual__c',
  'Unmatched__c',
  'Cleared__c',
  'Errors__c',
  'UnmatchedEmails__c',
  'ErrorDetail__c'
] as const;

/** The package's CsmSyncRun__c: the run reports the CSM service writes (`org.state.csmSyncRuns`). */
class CsmSyncRunTable extends OrgTable {
  constructor(
    org: Org,
    private readonly qualify: (field: string) => string
  ) {
    super(org, 'CsmSyncRun__c');
  }

  protected signature(): unknown[] {
    const runs = this.org.state.csmSyncRuns;
    return [runs, runs.length];
  }

  private unqualified(values: Row): Record<string, Literal> {
    const names = new Map(CSM_RUN_FIELDS.map((f) => [this.qualify(f), f]));
    return Object.fromEntries(Object.entries(values).flatMap(([k, v]) => (names.has(k) ? [[names.get(k)!, v]] : [])));
  }

  protected build(): Row[] {
    const fields = ['Id', 'CreatedDate', ...CSM_RUN_FIELDS.map(this.qualify)];
    const names = new Map<string, string>(CSM_RUN_FIELDS.map((f) => [this.qualify(f), f]));
    return this.org.state.csmSyncRuns.map((run) =>
      liveRow(fields, (field) => {
        const record = run as unknown as Record<string, Literal>;
        if (field === 'Id') return run.Id;
        if (field === 'CreatedDate') return run.StartedAt__c;
        return record[names.get(field)!] ?? null;
      })
    );
  }

  insert(row: Row): void {
    const values = this.unqualified(row);
    this.org.state.csmSyncRuns.push({
      ...newCsmSyncRun(String(row['Id']), String(row['CreatedDate'] ?? new Date().toISOString())),
      ...Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null))
    });
  }

  update(id: string, changes: Row): void {
    const run = this.org.state.csmSyncRuns.find((r) => r.Id === id)!;
    Object.assign(run, this.unqualified(changes));
  }

  delete(id: string): void {
    this.org.state.csmSyncRuns = this.org.state.csmSyncRuns.filter((r) => r.Id !== id);
  }
}

export function csmSyncRunTable(org: Org, qualify: (field: string) => string): Table {
  return new CsmSyncRunTable(org, qualify);
}

// ---------- the setup objects the "before it breaks" rules read, and OauthToken ----------

/**
 * The org's user licenses: those the store inserted (`userLicenses`), then one per license name the profiles carry
 * that none of those has (the Org keeps a profile's license by name), with an id derived from the name.
 */
function userLicenses(org: Org): UserLicenseRecord[] {
  const stored = org.state.userLicenses ?? [];
  const names = new Set(stored.map((l) => l.Name));
  const derived: UserLicenseRecord[] = [];
  for (const { UserLicense: name } of org.state.profiles) {
    if (names.has(name)) continue;
    names.add(name);
    derived.push({
      Id: hashedId('100', name),
      Name: name,
      MasterLabel: name,
      LicenseDefinitionKey: null,
      Status: 'Active'
    });
  }
  return [...stored, ...derived];
}

/** Profile.UserLicenseId: the id of the license the profile names. */
function userLicenseIdOf(org: Org, name: string): string {
  return (org.state.userLicenses ?? []).find((l) => l.Name === name)?.Id ?? hashedId('100', name);
}

/** The name of the license with this id (the store has checked the reference), or undefined when there is none. */
function licenseName(org: Org, id: Literal | undefined): string | undefined {
  return typeof id === 'string' ? userLicenses(org).find((l) => l.Id === id)?.Name : undefined;
}

class UserLicenseTable extends OrgTable {
  protected signature(): unknown[] {
    const { userLicenses: stored, profiles } = this.org.state;
    return [stored, stored?.length, profiles, profiles.length, profiles.map((p) => p.UserLicense).join('|')];
  }

  protected build(): Row[] {
    return userLicenses(this.org) as unknown as Row[];
  }

  insert(row: Row): void {
    const license: UserLicenseRecord = {
      Id: String(row['Id']),
      Name: String(row['Name']),
      MasterLabel: String(row['MasterLabel'] ?? row['Name']),
      LicenseDefinitionKey: typeof row['LicenseDefinitionKey'] === 'string' ? row['LicenseDefinitionKey'] : null,
      Status: String(row['Status'] ?? 'Active')
    };
    (this.org.state.userLicenses ??= []).push(license);
  }

  update(id: string, changes: Row): void {
    const license = (this.org.state.userLicenses ?? []).find((l) => l.Id === id);
    if (!license) throw new Error("A profile's license name is changed on the profile");
    Object.assign(license, changes);
    this.rekeyed();
  }

  delete(id: string): void {
    this.org.state.userLicenses = (this.org.state.userLicenses ?? []).filter((l) => l.Id !== id);
  }
}

/** ConnectedApplication: the Org's `connectedApplications` (the fields the package reads; the others read null). */
class ConnectedApplicationTable extends RecordArrayTable<ConnectedApplicationRow> {
  insert(row: Row): void {
    this.push({
      Id: String(row['Id']),
      Name: String(row['Name']),
      OptionsAllowAdminApprovedUsersOnly: row['OptionsAllowAdminApprovedUsersOnly'] === true,
      OptionsRefreshTokenValidityMetric: row['OptionsRefreshTokenValidityMetric'] === true,
      RefreshTokenValidityPeriod:
        typeof row['RefreshTokenValidityPeriod'] === 'number' ? row['RefreshTokenValidityPeriod'] : null
    });
  }

  update(id: string, changes: Row): void {
    const app = this.org.state.connectedApplications.find((a) => a.Id === id)!;
    for (const [field, value] of Object.entries(changes)) {
      if (field === 'Name') app.Name = String(value);
      else if (field === 'RefreshTokenValidityPeriod')
        app.RefreshTokenValidityPeriod = (value as number | null) ?? null;
      else if (field === 'OptionsAllowAdminApprovedUsersOnly' || field === 'OptionsRefreshTokenValidityMetric') {
        app[field] = value === true;
      }
    }
  }
}

/**
 * SetupEntityAccess: the Org's `setupEntityAccess`. The Org stands the profile's Id for a profile's own permission set
 * (statusProviders.isUserApproved), so ParentId is translated both ways.
 * platform-rule: setupentityaccess-view-setup — ParentId is a PermissionSet's id, a profile's own set for a profile.
 */
class SetupEntityAccessTable extends OrgTable {
  protected signature(): unknown[] {
    const rows = this.org.state.setupEntityAccess;
    return [rows, rows.length];
  }

  private static id(record: SetupEntityAccessRow): string {
    return record.Id ?? hashedId('0J0', `${record.ParentId}|${record.SetupEntityId}|${record.SetupEntityType}`);
  }

  /** The platform's ParentId → the Org's (a profile's own permission set → the profile). */
  private orgParent(parentId: Literal | undefined): string {
    const id = String(parentId);
    return this.org.state.profiles.find((p) => profilePermissionSetId(p.Id) === id)?.Id ?? id;
  }

  protected build(): Row[] {
    return this.org.state.setupEntityAccess.map((record) => {
      const id = SetupEntityAccessTable.id(record);
      return liveRow(['Id', 'ParentId', 'SetupEntityId', 'SetupEntityType'], (field) => {
        if (field === 'Id') return id;
        if (field !== 'ParentId') return record[field as 'SetupEntityId' | 'SetupEntityType'];
        const isProfile = this.org.state.profiles.some((p) => p.Id === record.ParentId);
        return isProfile ? profilePermissionSetId(record.ParentId) : record.ParentId;
      });
    });
  }

  private find(id: string): SetupEntityAccessRow {
    return this.org.state.setupEntityAccess.find((r) => SetupEntityAccessTable.id(r) === id)!;
  }

  insert(row: Row): void {
    const record: SetupEntityAccessRow = {
      Id: String(row['Id']),
      ParentId: this.orgParent(row['ParentId']),
      SetupEntityId: String(row['SetupEntityId']),
      SetupEntityType: String(
        row['SetupEntityType'] ?? 'ConnectedApplication'
      ) as SetupEntityAccessRow['SetupEntityType']
    };
    this.org.state.setupEntityAccess.push(record);
  }

  update(id: string, changes: Row): void {
    const record = this.find(id);
    if ('ParentId' in changes) record.ParentId = this.orgParent(changes['ParentId']);
    if (typeof changes['SetupEntityId'] === 'string') record.SetupEntityId = changes['SetupEntityId'];
    if (typeof changes['SetupEntityType'] === 'string') {
      record.SetupEntityType = changes['SetupEntityType'] as SetupEntityAccessRow['SetupEntityType'];
    }
    this.rekeyed();
  }

  delete(id: string): void {
    const record = this.find(id);
    this.org.state.setupEntityAccess = this.org.state.setupEntityAccess.filter((r) => r !== record);
  }
}

/** PermissionSetLicense: the Org's `permissionSetLicenses` (which also carry the MaximumPermissions fields). */
class PermissionSetLicenseTable extends OrgTable {
  protected signature(): unknown[] {
    const licenses = this.org.state.permissionSetLicenses;
    return [licenses, licenses?.length];
  }

  protected build(): Row[] {
    return (this.org.state.permissionSetLicenses ?? []).map((l) =>
      liveRow(['Id', 'DeveloperName', 'MasterLabel', 'Status'], (field) =>
        field === 'Id'
          ? l.Id
          : field === 'MasterLabel'
            ? l.MasterLabel
            : field === 'Status'
              ? (l.Status ?? 'Active')
              : (l.DeveloperName ?? l.MasterLabel.replace(/\W+/g, '_'))
      )
    );
  }

  insert(row: Row): void {
    const license: PermissionSetLicenseRecord = {
      Id: String(row['Id']),
      MasterLabel: String(row['MasterLabel']),
      DeveloperName: String(row['DeveloperName']),
      ...(typeof row['Status'] === 'string' ? { Status: row['Status'] } : {}),
      maximumPermissions: {}
    };
    (this.org.state.permissionSetLicenses ??= []).push(license);
  }

  update(id: string, changes: Row): void {
    const license = (this.org.state.permissionSetLicenses ?? []).find((l) => l.Id === id)!;
    for (const field of ['DeveloperName', 'MasterLabel', 'Status'] as const) {
      if (typeof changes[field] === 'string') license[field] = changes[field];
    }
  }

  delete(id: string): void {
    this.org.state.permissionSetLicenses = (this.org.state.permissionSetLicenses ?? []).filter((l) => l.Id !== id);
  }
}

/**
 * PermissionSetLicenseAssign: the Org's `permissionSetLicenseAssigns`, which name the license by MasterLabel (what
 * IntegrationLicenseFindings reads); PermissionSetLicenseId is the org's license of that label.
 */
class PermissionSetLicenseAssignTable extends OrgTable {
  protected signature(): unknown[] {
    const assigns = this.org.state.permissionSetLicenseAssigns;
    return [assigns, assigns.length];
  }

  private licenses(): PermissionSetLicenseRecord[] {
    return this.org.state.permissionSetLicenses ?? [];
  }

  protected build(): Row[] {
    return this.org.state.permissionSetLicenseAssigns.map((a) =>
      liveRow(['Id', 'AssigneeId', 'PermissionSetLicenseId'], (field) =>
        field === 'Id'
          ? a.Id
          : field === 'AssigneeId'
            ? a.AssigneeId
            : (this.licenses().find((l) => l.MasterLabel === a.MasterLabel)?.Id ?? null)
      )
    );
  }

  private label(licenseId: Literal | undefined): string {
    const license = this.licenses().find((l) => l.Id === licenseId);
    if (!license) throw new Error(`No PermissionSetLicense ${String(licenseId)}`);
    return license.MasterLabel;
  }

  insert(row: Row): void {
    const assign: PermissionSetLicenseAssignRecord = {
      Id: String(row['Id']),
      AssigneeId: String(row['AssigneeId']),
      MasterLabel: this.label(row['PermissionSetLicenseId'])
    };
    this.org.state.permissionSetLicenseAssigns.push(assign);
  }

  update(id: string, changes: Row): void {
    const assign = this.org.state.permissionSetLicenseAssigns.find((a) => a.Id === id)!;
    if (typeof changes['AssigneeId'] === 'string') assign.AssigneeId = changes['AssigneeId'];
    if ('PermissionSetLicenseId' in changes) assign.MasterLabel = this.label(changes['PermissionSetLicenseId']);
  }

  delete(id: string): void {
    this.org.state.permissionSetLicenseAssigns = this.org.state.permissionSetLicenseAssigns.filter((a) => a.Id !== id);
  }
}

const OAUTH_TOKEN_FIELDS = ['AppName', 'UserId', 'DeleteToken', 'LastUsedDate', 'UseCount', 'CreatedDate'] as const;

/**
 * OauthToken: the Org's `oauthTokens`, the one list both faces read (oauthTokens.ts on the Org, oauth-tokens.ts over
 * REST). platform-rule: oauthtoken-id-null — the platform's Id is null, so the row's id (the store's handle, never
 * answered: oauth-tokens.ts nulls it) is derived from the DeleteToken, the token's own key.
 */
function tokenRow(token: OauthTokenRecord): Row {
  const id = hashedId('0CQ', token.DeleteToken);
  return liveRow(['Id', ...OAUTH_TOKEN_FIELDS], (field) =>
    field === 'Id' ? id : token[field as (typeof OAUTH_TOKEN_FIELDS)[number]]
  );
}

class OauthTokenTable extends OrgTable {
  protected signature(): unknown[] {
    const tokens = this.org.state.oauthTokens;
    return [tokens, tokens.length];
  }

  private tokens(): OauthTokenRecord[] {
    return this.org.state.oauthTokens as OauthTokenRecord[];
  }

  protected build(): Row[] {
    return this.tokens().map((token) => tokenRow(token));
  }

  private find(id: string): OauthTokenRecord {
    const deleteToken = this.get(id)?.['DeleteToken'];
    return this.tokens().find((t) => t.DeleteToken === deleteToken)!;
  }

  insert(row: Row): void {
    const token: OauthTokenRecord = {
      Id: null,
      AppName: String(row['AppName']),
      DeleteToken: String(row['DeleteToken']),
      UserId: String(row['UserId']),
      CreatedDate: String(row['CreatedDate'] ?? new Date().toISOString()),
      LastUsedDate: typeof row['LastUsedDate'] === 'string' ? row['LastUsedDate'] : null,
      UseCount: typeof row['UseCount'] === 'number' ? row['UseCount'] : 0
    };
    const live = tokenRow(token);
    row['Id'] = live['Id'] ?? null;
    this.added(live, () => this.tokens().push(token));
  }

  update(id: string, changes: Row): void {
    const token = this.find(id) as unknown as Record<string, Literal>;
    for (const field of OAUTH_TOKEN_FIELDS) if (field in changes) token[field] = changes[field] ?? null;
    this.rekeyed();
  }

  delete(id: string): void {
    const tokens = this.tokens();
    const index = tokens.indexOf(this.find(id));
    if (index >= 0) this.removed(id, () => tokens.splice(index, 1));
  }
}

/** The tables of the setup objects of policy-objects.ts, over the Org's records. */
export function policyTables(org: Org): Record<string, Table> {
  return {
    UserLicense: new UserLicenseTable(org, 'UserLicense'),
    ConnectedApplication: new ConnectedApplicationTable(
      org,
      'ConnectedApplication',
      (state) => state.connectedApplications
    ),
    SetupEntityAccess: new SetupEntityAccessTable(org, 'SetupEntityAccess'),
    PermissionSetLicense: new PermissionSetLicenseTable(org, 'PermissionSetLicense'),
    PermissionSetLicenseAssign: new PermissionSetLicenseAssignTable(org, 'PermissionSetLicenseAssign')
  };
}

/** The tables of the objects the Org keeps; `permissionFields` are the PermissionSet fields of the org's schema. */
export function orgTables(org: Org, permissionSetFields: () => readonly string[]): Record<string, Table> {
  return {
    User: new UserTable(org, 'User', (state) => state.users),
    Profile: new ProfileTable(org, 'Profile'),
    PermissionSet: new PermissionSetTable(org, permissionSetFields),
    PermissionSetAssignment: new AssignmentTable(org),
    ObjectPermissions: new ObjectPermissionsTable(org),
    OauthToken: new OauthTokenTable(org, 'OauthToken')
  };
}
