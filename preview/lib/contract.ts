import { join } from 'node:path';
import {
  type ContractTypes,
  describeValue as describe,
  loadContractTypes,
  validateValue
} from '../../scripts/lib/contract-types.ts';
import { projectRoot } from './paths.ts';

/**
 * Checks JSON against the contract, so the preview's in-memory org cannot drift from the Apex DTOs:
 * against the interfaces of scripts/contract/types.ts (with scripts/lib/contract-types.ts, the reader and
 * validator the contract check uses too) and against the key shape of the contract fixtures.
 */

export const contractTypesFile = join(projectRoot, 'scripts/contract/types.ts');

/** Parsed once per file: the org tests validate many answers. */
const loaded = new Map<string, ContractTypes>();

/** Differences between a JSON value and a contract type, e.g. `$.settings.secrets[0].label: missing (…)`. */
export function validateContract(value: unknown, typeName: string, file: string = contractTypesFile): string[] {
  const contract = loaded.get(file) ?? loadContractTypes(file);
  loaded.set(file, contract);
  return validateValue(value, typeName, contract);
}

/**
 * Key sets compared recursively against a fixture: objects must have the same keys, array items the
 * shape of the fixture's items, and non-null values the same JSON type. Null on either side is not
 * compared (nullability is the types' job).
 */
export function compareKeyShape(expected: unknown, actual: unknown, path = '$'): string[] {
  if (expected === null || actual === null || expected === undefined) return [];
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${path}: fixture has an array, got ${describe(actual)}`];
    const template = expected.find((item) => item !== null);
    return template === undefined ? [] : actual.flatMap((item, i) => compareKeyShape(template, item, `${path}[${i}]`));
  }
  if (typeof expected === 'object') {
    if (typeof actual !== 'object' || Array.isArray(actual))
      return [`${path}: fixture has an object, got ${describe(actual)}`];
    const e = expected as Record<string, unknown>;
    const a = actual as Record<string, unknown>;
    const differences = [
      ...Object.keys(e)
        .filter((k) => !(k in a))
        .map((k) => `${path}.${k}: in the fixture, missing here`),
      ...Object.keys(a)
        .filter((k) => !(k in e))
        .map((k) => `${path}.${k}: not in the fixture`)
    ];
    for (const key of Object.keys(e))
      if (key in a) differences.push(...compareKeyShape(e[key], a[key], `${path}.${key}`));
    return differences;
  }
  return typeof expected === typeof actual
    ? []
    : [`${path}: fixture has a ${typeof expected}, got ${describe(actual)}`];
}
