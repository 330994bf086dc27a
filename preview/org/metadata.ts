import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import type { RequirementKind, RequirementView, Severity } from '../../scripts/contract/types.ts';
import type { ObjectAccess } from './state.ts';
import { customMetadataDir, forceAppDir, labelsFile } from '../lib/paths.ts';

/** Metadata the in-memory org reads from force-app, exactly as the deployed package would. */

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => ['labels', 'values', 'customPermissions', 'userPermissions', 'objectPermissions'].includes(name)
});

export class MetadataError extends Error {}

type XmlNode = Record<string, unknown>;

function textOf(node: unknown): string | null {
  if (node === undefined || node === null) return null;
  if (typeof node === 'string') return node;
  if (typeof node === 'object') {
    const obj = node as XmlNode;
    if (obj['@_xsi:nil'] === 'true') return null;
    const text = obj['#text'];
    return typeof text === 'string' ? text : text === undefined ? '' : String(text);
  }
  return String(node);
}

/** Custom label name → value, from labels/CustomLabels.labels-meta.xml. */
export function readCustomLabels(file: string = labelsFile): Map<string, string> {
  const labels = new Map<string, string>();
  if (!existsSync(file)) return labels;
  const doc = parser.parse(readFileSync(file, 'utf8')) as XmlNode;
  const root = doc['CustomLabels'] as XmlNode | undefined;
  for (const entry of (root?.['labels'] as XmlNode[] | undefined) ?? []) {
    const name = textOf(entry['fullName']);
    if (!name) throw new MetadataError(`${file}: a <labels> entry has no <fullName>`);
    labels.set(name, textOf(entry['value']) ?? '');
  }
  return labels;
}

export interface CustomMetadataRecord {
  developerName: string;
  label: string;
  file: string;
  fields: Map<string, string | null>;
}

/** Every `customMetadata/<Type>.<DeveloperName>.md-meta.xml` record of one type. */
export function readCustomMetadata(type: string, dir: string = customMetadataDir): CustomMetadataRecord[] {
  if (!existsSync(dir)) return [];
  const prefix = `${type}.`;
  const suffix = '.md-meta.xml';
  return readdirSync(dir)
    .filter((name) => name.startsWith(prefix) && name.endsWith(suffix))
    .sort()
    .map((name) => {
      const file = join(dir, name);
      const doc = parser.parse(readFileSync(file, 'utf8')) as XmlNode;
      const root = doc['CustomMetadata'] as XmlNode | undefined;
      if (!root) throw new MetadataError(`${file}: not a <CustomMetadata> record`);
      const fields = new Map<string, string | null>();
      for (const value of (root['values'] as XmlNode[] | undefined) ?? []) {
        const field = textOf(value['field']);
        if (field) fields.set(field, textOf(value['value']));
      }
      return {
        developerName: name.slice(prefix.length, -suffix.length),
        label: textOf(root['label']) ?? '',
        file,
        fields
      };
    });
}

/** Apex String `<`: case-insensitive. */
export function compareText(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

const KINDS: readonly RequirementKind[] = ['SystemPermission', 'ObjectAccess', 'PackagePermissionSet'];
const SEVERITIES: readonly Severity[] = ['Required', 'Recommended', 'Conditional'];

function oneOf<T extends string>(record: CustomMetadataRecord, field: string, allowed: readonly T[]): T {
  const value = record.fields.get(field);
  if (!value || !(allowed as readonly string[]).includes(value)) {
    throw new MetadataError(`${record.file}: ${field} is "${value ?? ''}", expected one of ${allowed.join(', ')}`);
  }
  return value as T;
}

/** ConnectorRequirement__mdt records as the controller returns them: by SortOrder__c, then DeveloperName. */
export function readRequirements(dir: string = customMetadataDir): RequirementView[] {
  return readCustomMetadata('ConnectorRequirement', dir)
    .map((record): RequirementView => {
      const target = record.fields.get('Target__c');
      if (!target) throw new MetadataError(`${record.file}: Target__c is empty`);
      // Apex: SortOrder__c?.intValue() ?? 0
      const sortOrder = Math.trunc(Number(record.fields.get('SortOrder__c') ?? 0));
      return {
        developerName: record.developerName,
        label: record.label,
        kind: oneOf(record, 'Kind__c', KINDS),
        target,
        accessLevel: record.fields.get('AccessLevel__c') ?? null,
        severity: oneOf(record, 'Severity__c', SEVERITIES),
        condition: record.fields.get('Condition__c') ?? null,
        reason: record.fields.get('Reason__c') ?? '',
        sourceManual: record.fields.get('SourceManual__c') ?? null,
        sortOrder: Number.isFinite(sortOrder) ? sortOrder : 0
      };
    })
    .sort((a, b) => a.sortOrder - b.sortOrder || compareText(a.developerName, b.developerName));
}

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

/** ConnectorJob__mdt records, by Order__c. */
export function readJobDefinitions(dir: string = customMetadataDir): JobDefinition[] {
  return readCustomMetadata('ConnectorJob', dir)
    .map((record) => ({
      developerName: record.developerName,
      label: record.label,
      apexClass: record.fields.get('ApexClass__c') ?? '',
      cronExpression: record.fields.get('CronExpression__c') ?? '',
      jobName: record.fields.get('JobName__c') ?? record.label,
      order: Number(record.fields.get('Order__c') ?? 0),
      description: record.fields.get('Description__c') ?? null,
      active: record.fields.get('Active__c') === 'true'
    }))
    .sort((a, b) => a.order - b.order || a.developerName.localeCompare(b.developerName));
}

export interface PackagedPermissionSet {
  name: string;
  label: string;
  customPermissions: string[];
  objectPermissions: Record<string, ObjectAccess>;
}

/** The package's permission sets (force-app/…/permissionsets): which custom permissions each grants. */
export function readPackagedPermissionSets(dir: string = join(forceAppDir, 'permissionsets')): PackagedPermissionSet[] {
  if (!existsSync(dir)) return [];
  const suffix = '.permissionset-meta.xml';
  return readdirSync(dir)
    .filter((name) => name.endsWith(suffix))
    .sort()
    .map((name) => {
      const doc = parser.parse(readFileSync(join(dir, name), 'utf8')) as XmlNode;
      const root = (doc['PermissionSet'] as XmlNode | undefined) ?? {};
      const granted = ((root['customPermissions'] as XmlNode[] | undefined) ?? [])
        .filter((p) => textOf(p['enabled']) === 'true')
        .map((p) => textOf(p['name']) ?? '')
        .filter(Boolean);
      const objectPermissions: Record<string, ObjectAccess> = {};
      for (const p of (root['objectPermissions'] as XmlNode[] | undefined) ?? []) {
        const flag = (field: string) => textOf(p[field]) === 'true';
        objectPermissions[textOf(p['object']) ?? ''] = {
          PermissionsRead: flag('allowRead'),
          PermissionsCreate: flag('allowCreate'),
          PermissionsEdit: flag('allowEdit'),
          PermissionsDelete: flag('allowDelete'),
          PermissionsViewAllRecords: flag('viewAllRecords'),
          PermissionsModifyAllRecords: flag('modifyAllRecords')
        };
      }
      const apiName = name.slice(0, -suffix.length);
      return { name: apiName, label: textOf(root['label']) ?? apiName, customPermissions: granted, objectPermissions };
    });
}
