import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import type { RequirementView } from '../../scripts/contract/types.ts';
import {
  readJobDefinitions as readJobRecords,
  readRequirements as readRequirementRecords,
  type JobDefinition
} from '../../scripts/lib/metadata-records.ts';
import type { ObjectAccess } from './state.ts';
import { forceAppDir, labelsFile, projectRoot } from '../lib/paths.ts';

export type { JobDefinition };
const packageDir = join(projectRoot, 'force-app');

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

/**
 * Requirement and job records come from the CLI's reader, so the preview, `doctor` and `provision` read the
 * custom metadata by one rule (the Apex sort order included).
 */
export const readRequirements = (): RequirementView[] => readRequirementRecords(packageDir);
export const readJobDefinitions = (): JobDefinition[] => readJobRecords(packageDir);

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
