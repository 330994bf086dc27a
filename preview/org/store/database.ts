import { OBJECT_PERMISSION_FIELDS, type PermissionFlags } from '../../../scripts/lib/permission-dependencies.ts';
import type { Org } from '../org.ts';
import { MapTable, orgTables, uniqueKey, type Row, type Table } from './orgRecords.ts';
import { permissionDependencyError } from './permission-rules.ts';
import { parseSoql, SoqlError, type Condition, type FieldExpr, type Literal, type SoqlQuery } from './soql.ts';

export type { Row };

export interface RecordError {
  statusCode: string;
  message: string;
  fields: string[];
}

export class RecordFailure extends Error {
  constructor(readonly error: RecordError) {
    super(error.message);
  }
}

/** A query the org rejects as a whole (400 with errorCode). */
export class QueryFailure extends Error {
  constructor(
    readonly errorCode: string,
    message: string
  ) {
    super(message);
  }
}

interface ObjectSchema {
  prefix: string;
  fields: string[];
  lookups: Record<string, { field: string; target: string }>;
  children: Record<string, { object: string; field: string }>;
  required: string[];
}

/** Permission fields every org has; feature-dependent ones are added per org. */
export const BASE_PERMISSION_FIELDS = [
  'PermissionsApiEnabled',
  'PermissionsApiUserOnly',
  'PermissionsModifyAllData',
  'PermissionsViewAllData',
  'PermissionsCustomizeApplication',
  'PermissionsViewAllCustomSettings',
  'PermissionsModifyMetadata',
  'PermissionsManageProfilesPermissionsets',
  'PermissionsManageUsers',
  'PermissionsViewSetup',
  'PermissionsPasswordNeverExpires',
  'PermissionsAuthorApex',
  'PermissionsEditTask'
];

// platform-rule: feature-dependent-permission-fields — absent from describe until the org setting turns them on.
export const FEATURE_PERMISSION_FIELDS = ['PermissionsCreateAuditFields', 'PermissionsUpdateWithInactiveOwner'];

const OBJECT_FLAG_FIELDS: readonly string[] = OBJECT_PERMISSION_FIELDS;

function buildSchema(permissionFields: string[]): Record<string, ObjectSchema> {
  return {
    User: {
      prefix: '005',
      fields: ['Id', 'Username', 'Name', 'Email', 'IsActive', 'ProfileId', 'UserType'],
      lookups: { Profile: { field: 'ProfileId', target: 'Profile' } },
      children: { PermissionSetAssignments: { object: 'PermissionSetAssignment', field: 'AssigneeId' } },
      required: ['Username']
    },
    Profile: { prefix: '00e', fields: ['Id', 'Name'], lookups: {}, children: {}, required: ['Name'] },
    PermissionSet: {
      prefix: '0PS',
      fields: [
        'Id',
        'Name',
        'Label',
        'Description',
        'NamespacePrefix',
        'IsOwnedByProfile',
        'ProfileId',
        'Type',
        'PermissionSetGroupId',
        ...permissionFields
      ],
      lookups: {
        Profile: { field: 'ProfileId', target: 'Profile' },
        PermissionSetGroup: { field: 'PermissionSetGroupId', target: 'PermissionSetGroup' }
      },
      children: {
        Assignments: { object: 'PermissionSetAssignment', field: 'PermissionSetId' },
        ObjectPerms: { object: 'ObjectPermissions', field: 'ParentId' }
      },
      required: ['Name', 'Label']
    },
    PermissionSetGroup: {
      prefix: '0PG',
      fields: ['Id', 'DeveloperName', 'MasterLabel', 'NamespacePrefix'],
      lookups: {},
      children: {},
      required: ['DeveloperName']
    },
    PermissionSetAssignment: {
      prefix: '0Pa',
      fields: ['Id', 'AssigneeId', 'PermissionSetId', 'PermissionSetGroupId'],
      lookups: {
        Assignee: { field: 'AssigneeId', target: 'User' },
        PermissionSet: { field: 'PermissionSetId', target: 'PermissionSet' },
        PermissionSetGroup: { field: 'PermissionSetGroupId', target: 'PermissionSetGroup' }
      },
      children: {},
      required: ['AssigneeId', 'PermissionSetId']
    },
    ObjectPermissions: {
      prefix: '110',
      fields: ['Id', 'ParentId', 'SobjectType', ...OBJECT_FLAG_FIELDS],
      lookups: { Parent: { field: 'ParentId', target: 'PermissionSet' } },
      children: {},
      required: ['ParentId', 'SobjectType']
    },
    OauthToken: {
      prefix: '0CQ',
      fields: ['Id', 'AppName', 'UserId', 'DeleteToken', 'LastUsedDate', 'UseCount', 'CreatedDate'],
      lookups: { User: { field: 'UserId', target: 'User' } },
      children: {},
      required: ['AppName', 'UserId']
    }
  };
}

function like(value: string, pattern: string): boolean {
  const regex = new RegExp(
    '^' +
      pattern
        .split('')
        .map((c) => (c === '%' ? '.*' : c === '_' ? '.' : c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
        .join('') +
      '$',
    'i'
  );
  return regex.test(value);
}

function normalize(value: Literal): Literal {
  return typeof value === 'string' ? value.toLowerCase() : value;
}

/**
 * The SOQL store over the one in-memory org: the objects the services read (User, Profile, PermissionSet,
 * PermissionSetAssignment, ObjectPermissions, OauthToken, the setup objects of policy-objects.ts) are the Org's own
 * records (orgRecords.ts); the objects only the platform REST API serves (PermissionSetGroup, the Apex job
 * objects, …) are kept here. Every write
 * passes the platform's validation rules; queries run the SOQL subset of soql.ts.
 */
export class Database {
  readonly schema: Record<string, ObjectSchema>;
  private readonly tables = new Map<string, Table>();
  private counter = 0;

  private readonly permissionFields: ReadonlySet<string>;

  /** The store of `org`, with the PermissionSet fields of `org.state.permissionFields`. */
  constructor(readonly org: Org) {
    const permissionFields = org.state.permissionFields;
    this.permissionFields = new Set(permissionFields);
    this.schema = buildSchema(permissionFields);
    const own = orgTables(org, () => this.schema['PermissionSet']!.fields);
    for (const name of Object.keys(this.schema)) this.tables.set(name, own[name] ?? new MapTable(name));
  }

  private objectSchema(object: string): ObjectSchema {
    const schema =
      this.schema[object] ?? Object.entries(this.schema).find(([k]) => k.toLowerCase() === object.toLowerCase())?.[1];
    if (!schema) throw new QueryFailure('INVALID_TYPE', `sObject type '${object}' is not supported.`);
    return schema;
  }

  canonicalObject(object: string): string {
    const name = Object.keys(this.schema).find((k) => k.toLowerCase() === object.toLowerCase());
    if (!name) throw new QueryFailure('INVALID_TYPE', `sObject type '${object}' is not supported.`);
    return name;
  }

  private canonicalField(object: string, field: string): string | undefined {
    return this.objectSchema(object).fields.find((f) => f.toLowerCase() === field.toLowerCase());
  }

  private table(object: string): Table {
    return this.tables.get(this.canonicalObject(object))!;
  }

  /** Adds an object (a package's custom object, named as the org's namespace spells it). */
  defineObject(
    name: string,
    schema: {
      prefix: string;
      fields: string[];
      required?: string[];
      lookups?: Record<string, { field: string; target: string }>;
      /** Where its records live when the Org keeps them (orgRecords.ts); else in the store. */
      table?: Table;
    }
  ): void {
    this.schema[name] = {
      prefix: schema.prefix,
      fields: ['Id', ...schema.fields],
      lookups: schema.lookups ?? {},
      children: {},
      required: schema.required ?? []
    };
    this.tables.set(name, schema.table ?? new MapTable(name));
  }

  get(id: string): Row | undefined {
    const object = this.objectOf(id);
    return object ? this.tables.get(object)!.get(id) : undefined;
  }

  /** The object of a record: the one of the id's key prefix that holds it. */
  objectOf(id: string): string | undefined {
    const prefix = id.slice(0, 3);
    for (const [name, schema] of Object.entries(this.schema)) {
      if (schema.prefix === prefix && this.tables.get(name)!.get(id)) return name;
    }
    return undefined;
  }

  rows(object: string): Row[] {
    return this.table(object).rows();
  }

  /** A new record id of this key prefix (the twin's services take theirs from here too: one sequence). */
  newId(prefix: string): string {
    this.counter++;
    return `${prefix}${String(this.counter).padStart(12, '0')}AAA`;
  }

  /** Inserts after validation; throws RecordFailure with the org's status code. */
  insert(objectName: string, values: Row): string {
    const object = this.canonicalObject(objectName);
    const schema = this.objectSchema(object);
    const row = this.checkedFields(object, values);
    for (const field of schema.required) {
      if (row[field] === undefined || row[field] === null || row[field] === '') {
        throw new RecordFailure({
          statusCode: 'REQUIRED_FIELD_MISSING',
          message: `Required fields are missing: [${field}]`,
          fields: [field]
        });
      }
    }
    for (const field of schema.fields) if (!(field in row)) row[field] = defaultValue(field);
    this.validate(object, row, null);
    row['Id'] = this.newId(schema.prefix);
    this.table(object).insert(row);
    return String(row['Id']);
  }

  update(objectName: string, id: string, values: Row): void {
    const object = this.canonicalObject(objectName);
    const existing = this.table(object).get(id);
    if (!existing)
      throw new RecordFailure({ statusCode: 'ENTITY_IS_DELETED', message: 'entity is deleted', fields: [] });
    const changes = this.checkedFields(object, values);
    delete changes['Id'];
    const next = { ...existing, ...changes };
    this.validate(object, next, id);
    this.table(object).update(id, changes);
  }

  delete(id: string): void {
    const object = this.objectOf(id);
    if (!object) throw new RecordFailure({ statusCode: 'ENTITY_IS_DELETED', message: 'entity is deleted', fields: [] });
    this.table(object).delete(id);
  }

  private checkedFields(object: string, values: Row): Row {
    const row: Row = {};
    for (const [key, value] of Object.entries(values)) {
      if (key === 'attributes') continue;
      const field = this.canonicalField(object, key);
      if (!field) {
        throw new RecordFailure({
          statusCode: 'INVALID_FIELD',
          message: `No such column '${key}' on sobject of type ${object}`,
          fields: [key]
        });
      }
      row[field] = value;
    }
    return row;
  }

  private validate(object: string, row: Row, selfId: string | null): void {
    const duplicate = (message: string): void => {
      const key = uniqueKey(object, row);
      const holder = key ? this.table(object).holder(key) : undefined;
      if (holder !== undefined && holder !== selfId) {
        throw new RecordFailure({ statusCode: 'DUPLICATE_VALUE', message, fields: [] });
      }
    };
    const reference = (field: string, target: string): void => {
      const id = row[field];
      if (typeof id !== 'string' || this.objectOf(id) !== target) {
        throw new RecordFailure({
          statusCode: 'INVALID_CROSS_REFERENCE_KEY',
          message: `invalid cross reference id: ${String(id)}`,
          fields: [field]
        });
      }
    };
    if (object === 'PermissionSetAssignment') {
      reference('AssigneeId', 'User');
      reference('PermissionSetId', 'PermissionSet');
      // platform-rule: permission-set-assignment-duplicate-value — one assignment per user and permission set.
      duplicate('Duplicate PermissionSetAssignment');
    } else if (object === 'ObjectPermissions') {
      reference('ParentId', 'PermissionSet');
      this.checkDependencies(object, row);
      duplicate('duplicate value found: SobjectType duplicates value on record');
    } else if (object === 'Profile' && 'UserLicense' in this.schema && row['UserLicenseId'] != null) {
      reference('UserLicenseId', 'UserLicense');
    } else if (object === 'PermissionSetLicenseAssign') {
      reference('AssigneeId', 'User');
      reference('PermissionSetLicenseId', 'PermissionSetLicense');
    } else if (object === 'PermissionSet') {
      if (typeof row['Name'] !== 'string' || !/^[A-Za-z][A-Za-z0-9_]*$/.test(row['Name'])) {
        throw new RecordFailure({ statusCode: 'INVALID_FIELD', message: 'Name must be an API name', fields: ['Name'] });
      }
      duplicate('The API name you entered is already in use');
      this.checkDependencies(object, row);
    }
  }

  /** platform-rule: object-permission-dependencies — the rule lives in permission-rules.ts. */
  private checkDependencies(object: string, row: Row): void {
    const error = permissionDependencyError(object, row, {
      permissionFields: this.permissionFields,
      objectFlags: (permissionSetId, name) =>
        this.rows('ObjectPermissions').find(
          (r) => r['ParentId'] === permissionSetId && String(r['SobjectType']).toLowerCase() === name.toLowerCase()
        ) as PermissionFlags | undefined
    });
    if (error) throw new RecordFailure(error);
  }

  // ---------- queries ----------

  parse(soql: string): SoqlQuery {
    try {
      return parseSoql(soql);
    } catch (error) {
      if (error instanceof SoqlError) throw new QueryFailure('MALFORMED_QUERY', error.message);
      throw error;
    }
  }

  /** Runs a query; returns records in the REST JSON shape. */
  query(soql: string): Record<string, unknown>[] {
    return this.run(this.parse(soql));
  }

  /** Runs a parsed (and possibly narrowed) query, e.g. OauthToken's visibility rule in oauth-tokens.ts. */
  queryParsed(query: SoqlQuery): Record<string, unknown>[] {
    return this.run(query);
  }

  private accessor(object: string, path: string[]): (row: Row) => Literal {
    let current = this.canonicalObject(object);
    const hops: string[] = [];
    for (let i = 0; i < path.length - 1; i++) {
      const schema = this.objectSchema(current);
      const name = Object.keys(schema.lookups).find((k) => k.toLowerCase() === path[i]!.toLowerCase());
      if (!name) {
        throw new QueryFailure(
          'INVALID_FIELD',
          `Didn't understand relationship '${path[i]}' in field path of ${object}`
        );
      }
      const lookup = schema.lookups[name]!;
      hops.push(lookup.field);
      current = lookup.target;
    }
    const last = path[path.length - 1]!;
    const field = this.canonicalField(current, last);
    if (!field) throw new QueryFailure('INVALID_FIELD', `No such column '${last}' on entity '${current}'.`);
    return (row: Row) => {
      let target: Row | undefined = row;
      for (const hop of hops) {
        const id: Literal | undefined = target?.[hop];
        target = typeof id === 'string' ? this.get(id) : undefined;
        if (!target) return null;
      }
      return target[field] ?? null;
    };
  }

  private predicate(object: string, condition: Condition): (row: Row) => boolean {
    switch (condition.kind) {
      case 'and': {
        const parts = condition.items.map((c) => this.predicate(object, c));
        return (row) => parts.every((p) => p(row));
      }
      case 'or': {
        const parts = condition.items.map((c) => this.predicate(object, c));
        return (row) => parts.some((p) => p(row));
      }
      case 'not': {
        const inner = this.predicate(object, condition.item);
        return (row) => !inner(row);
      }
      case 'in': {
        const get = this.accessor(object, condition.path);
        let values: Literal[];
        if (Array.isArray(condition.values)) values = condition.values;
        else {
          const sub = condition.values;
          const field = sub.fields[0];
          if (sub.fields.length !== 1 || field?.kind !== 'field') {
            throw new QueryFailure('MALFORMED_QUERY', 'A semi-join selects exactly one field');
          }
          const subGet = this.accessor(sub.object, field.path);
          values = this.filtered(sub).map(subGet);
        }
        const set = new Set(values.map(normalize));
        return (row) => set.has(normalize(get(row))) !== condition.negate;
      }
      case 'cmp': {
        const get = this.accessor(object, condition.path);
        const expected = normalize(condition.value);
        return (row) => {
          const actual = normalize(get(row));
          switch (condition.op) {
            case '=':
              return actual === expected;
            case '!=':
              return actual !== expected;
            case 'LIKE':
              return typeof actual === 'string' && like(actual, String(condition.value));
            default: {
              if (actual === null || expected === null) return false;
              if (condition.op === '<') return actual < expected;
              if (condition.op === '>') return actual > expected;
              if (condition.op === '<=') return actual <= expected;
              return actual >= expected;
            }
          }
        };
      }
    }
  }

  private filtered(query: SoqlQuery, rows?: Row[]): Row[] {
    const source = rows ?? this.rows(query.object);
    const test = query.where ? this.predicate(query.object, query.where) : () => true;
    let result = source.filter(test);
    if (query.orderBy.length > 0) {
      const keys = query.orderBy.map((o) => ({ get: this.accessor(query.object, o.path), descending: o.descending }));
      result = [...result].sort((a, b) => {
        for (const key of keys) {
          const x = key.get(a);
          const y = key.get(b);
          if (x === y) continue;
          if (x === null) return 1;
          if (y === null) return -1;
          const order = x < y ? -1 : 1;
          return key.descending ? -order : order;
        }
        return 0;
      });
    }
    if (query.limit !== null) result = result.slice(0, query.limit);
    return result;
  }

  private run(query: SoqlQuery): Record<string, unknown>[] {
    const object = this.canonicalObject(query.object);
    const rows = this.filtered(query);
    if (query.fields.some((f) => f.kind === 'count')) return [{ expr0: rows.length }];
    const projectors = query.fields.map((field) => this.projector(object, field));
    return rows.map((row) => {
      const out: Record<string, unknown> = {
        attributes: { type: object, url: `/services/data/vXX.X/sobjects/${object}/${row['Id']}` }
      };
      for (const project of projectors) project(row, out);
      return out;
    });
  }

  private projector(object: string, field: FieldExpr): (row: Row, out: Record<string, unknown>) => void {
    if (field.kind === 'count') return () => undefined;
    if (field.kind === 'subquery') {
      const schema = this.objectSchema(object);
      const relationship = Object.keys(schema.children).find(
        (k) => k.toLowerCase() === field.query.object.toLowerCase()
      );
      if (!relationship) {
        throw new QueryFailure(
          'INVALID_TYPE',
          `Didn't understand relationship '${field.query.object}' in FROM part of query call.`
        );
      }
      const child = schema.children[relationship]!;
      const byParent = new Map<string, Row[]>();
      for (const row of this.rows(child.object)) {
        const parent = row[child.field];
        if (typeof parent !== 'string') continue;
        const list = byParent.get(parent) ?? [];
        list.push(row);
        byParent.set(parent, list);
      }
      const childQuery: SoqlQuery = { ...field.query, object: child.object };
      const projectors = childQuery.fields.map((f) => this.projector(child.object, f));
      return (row, out) => {
        const children = this.filtered(childQuery, byParent.get(String(row['Id'])) ?? []);
        out[relationship] =
          children.length === 0
            ? null
            : {
                totalSize: children.length,
                done: true,
                records: children.map((c) => {
                  const record: Record<string, unknown> = { attributes: { type: child.object } };
                  for (const project of projectors) project(c, record);
                  return record;
                })
              };
      };
    }
    const path = field.path;
    const get = this.accessor(object, path);
    if (path.length === 1) {
      const name = this.canonicalField(object, path[0]!)!;
      return (row, out) => {
        out[name] = get(row);
      };
    }
    // Parent path: nested objects like {"Assignee": {"Username": "..."}}, null when the lookup is empty.
    const names: string[] = [];
    let current = object;
    for (let i = 0; i < path.length - 1; i++) {
      const schema = this.objectSchema(current);
      const name = Object.keys(schema.lookups).find((k) => k.toLowerCase() === path[i]!.toLowerCase())!;
      names.push(name);
      current = schema.lookups[name]!.target;
    }
    const leaf = this.canonicalField(current, path[path.length - 1]!)!;
    const hopGetters = names.map((_, i) => this.accessor(object, [...path.slice(0, i + 1), 'Id']));
    return (row, out) => {
      let node = out;
      for (let i = 0; i < names.length; i++) {
        const name = names[i]!;
        const id = hopGetters[i]!(row);
        if (id === null) {
          if (!(name in node)) node[name] = null;
          return;
        }
        const existing = node[name];
        if (existing && typeof existing === 'object') node = existing as Record<string, unknown>;
        else {
          const created: Record<string, unknown> = { attributes: { type: 'sobject' } };
          node[name] = created;
          node = created;
        }
      }
      node[leaf] = get(row);
    };
  }

  describe(objectName: string): { name: string; fields: { name: string; type: string }[] } {
    const object = this.canonicalObject(objectName);
    return {
      name: object,
      fields: this.objectSchema(object).fields.map((name) => ({
        name,
        type: name === 'Id' ? 'id' : name.startsWith('Permissions') || name.startsWith('Is') ? 'boolean' : 'string'
      }))
    };
  }
}

function defaultValue(field: string): Literal {
  return field.startsWith('Permissions') || field.startsWith('Is') ? false : null;
}
