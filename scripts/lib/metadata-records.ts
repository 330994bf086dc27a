import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import type { RequirementKind, RequirementView, Severity } from '../contract/types.ts';
import { UsageError } from './errors.ts';

/** One ConnectorJob__mdt record. */
export interface JobDefinition {
  developerName: string;
  label: string;
  apexClass: string;
  cronExpression: string;
  jobName: string;
  order: number;
  description: string | null;
  active: boolean;
}

type FieldValue = string | number | boolean | null;

interface ParsedRecord {
  developerName: string;
  label: string;
  file: string;
  values: Map<string, FieldValue>;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => name === 'values'
});

const KINDS: readonly RequirementKind[] = ['SystemPermission', 'ObjectAccess', 'PackagePermissionSet'];
const SEVERITIES: readonly Severity[] = ['Required', 'Recommended', 'Conditional'];
const ACCESS_LEVELS = ['Read', 'Create', 'Edit', 'Delete'] as const;

function typedValue(node: unknown, file: string, field: string): FieldValue {
  if (node === undefined || node === null || node === '') return null;
  if (typeof node === 'string') return node;
  const element = node as Record<string, unknown>;
  if (element['@_xsi:nil'] === 'true') return null;
  const text = element['#text'];
  const raw = typeof text === 'string' ? text : text === undefined ? '' : String(text);
  const type = element['@_xsi:type'];
  if (type === 'xsd:boolean') return raw === 'true';
  if (type === 'xsd:double' || type === 'xsd:int' || type === 'xsd:long') {
    const number = Number(raw);
    if (Number.isNaN(number))
      throw new UsageError(`${file}: field ${field} is not a number ('${raw}'); fix the record.`);
    return number;
  }
  return raw;
}

function readRecords(dir: string, typeName: string): ParsedRecord[] {
  if (!existsSync(dir)) return [];
  const prefix = `${typeName}.`;
  const suffix = '.md-meta.xml';
  return readdirSync(dir)
    .filter((name) => name.startsWith(prefix) && name.endsWith(suffix))
    .sort()
    .map((name) => {
      const file = join(dir, name);
      let doc: Record<string, unknown>;
      try {
        doc = parser.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      } catch (error) {
        throw new UsageError(`${file} is not valid XML (${(error as Error).message}); fix the record.`);
      }
      const root = doc['CustomMetadata'] as Record<string, unknown> | undefined;
      if (!root || typeof root !== 'object') {
        throw new UsageError(`${file} has no <CustomMetadata> root element; fix the record.`);
      }
      const values = new Map<string, FieldValue>();
      for (const entry of (root['values'] as Record<string, unknown>[] | undefined) ?? []) {
        const field = entry['field'];
        if (typeof field !== 'string')
          throw new UsageError(`${file}: a <values> entry has no <field>; fix the record.`);
        values.set(field, typedValue(entry['value'], file, field));
      }
      const label = typeof root['label'] === 'string' ? root['label'] : '';
      return { developerName: name.slice(prefix.length, -suffix.length), label, file, values };
    });
}

function text(record: ParsedRecord, field: string, required: boolean): string | null {
  const value = record.values.get(field);
  if (value === null || value === undefined || value === '') {
    if (required) throw new UsageError(`${record.file}: field ${field} is required; fix the record.`);
    return null;
  }
  return String(value);
}

function oneOf<T extends string>(
  record: ParsedRecord,
  field: string,
  allowed: readonly T[],
  required: boolean
): T | null {
  const value = text(record, field, required);
  if (value === null) return null;
  if (!allowed.includes(value as T)) {
    throw new UsageError(`${record.file}: ${field} '${value}' is not one of ${allowed.join(', ')}; fix the record.`);
  }
  return value as T;
}

/** Apex String `<`: case-insensitive, as the requirement DTO's compareTo orders ties. */
export function compareText(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

export function customMetadataDir(packageDir: string): string {
  return join(packageDir, 'main', 'default', 'customMetadata');
}

/** ConnectorRequirement__mdt records from force-app, sorted by SortOrder__c then name. */
export function readRequirements(packageDir: string): RequirementView[] {
  return readRecords(customMetadataDir(packageDir), 'ConnectorRequirement')
    .map((record): RequirementView => {
      const kind = oneOf(record, 'Kind__c', KINDS, true)!;
      const accessLevel = oneOf(record, 'AccessLevel__c', ACCESS_LEVELS, kind === 'ObjectAccess');
      const sortOrder = record.values.get('SortOrder__c');
      return {
        developerName: record.developerName,
        label: record.label || record.developerName,
        kind,
        target: text(record, 'Target__c', true)!,
        accessLevel,
        severity: oneOf(record, 'Severity__c', SEVERITIES, true)!,
        condition: text(record, 'Condition__c', false),
        reason: text(record, 'Reason__c', false) ?? '',
        sourceManual: text(record, 'SourceManual__c', false),
        // Apex: SortOrder__c?.intValue() ?? 0
        sortOrder: Math.trunc(typeof sortOrder === 'number' ? sortOrder : Number(sortOrder ?? 0) || 0)
      };
    })
    .sort((a, b) => a.sortOrder - b.sortOrder || compareText(a.developerName, b.developerName));
}

/** ConnectorJob__mdt records from force-app, sorted by Order__c. */
export function readJobDefinitions(packageDir: string): JobDefinition[] {
  return readRecords(customMetadataDir(packageDir), 'ConnectorJob')
    .map((record): JobDefinition => {
      const order = record.values.get('Order__c');
      const active = record.values.get('Active__c');
      return {
        developerName: record.developerName,
        label: record.label || record.developerName,
        apexClass: text(record, 'ApexClass__c', true)!,
        cronExpression: text(record, 'CronExpression__c', true)!,
        jobName: text(record, 'JobName__c', false) ?? record.developerName,
        order: typeof order === 'number' ? order : Number(order ?? 0) || 0,
        description: text(record, 'Description__c', false),
        active: active === true || active === 'true'
      };
    })
    .sort((a, b) => a.order - b.order || a.developerName.localeCompare(b.developerName));
}

/** Object permission flags an access level needs (the platform's own dependencies included). */
export function objectFlagsFor(level: string | null): ObjectFlags {
  switch (level) {
    case 'Delete':
      return { read: true, create: false, edit: true, delete: true };
    case 'Edit':
      return { read: true, create: false, edit: true, delete: false };
    case 'Create':
      return { read: true, create: true, edit: false, delete: false };
    default:
      return { read: true, create: false, edit: false, delete: false };
  }
}

export interface ObjectFlags {
  read: boolean;
  create: boolean;
  edit: boolean;
  delete: boolean;
}

export function mergeFlags(a: ObjectFlags, b: ObjectFlags): ObjectFlags {
  return { read: a.read || b.read, create: a.create || b.create, edit: a.edit || b.edit, delete: a.delete || b.delete };
}

export function flagsCover(have: ObjectFlags, need: ObjectFlags): boolean {
  return (
    (!need.read || have.read) &&
    (!need.create || have.create) &&
    (!need.edit || have.edit) &&
    (!need.delete || have.delete)
  );
}
