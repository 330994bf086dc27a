/**
 * The rule-case tables (scripts/contract/rule-cases/*.json) as one static resource for the Apex tests:
 * config/unpackaged/main/default/staticresources/RuleCases.json. The tables are the source; rule-cases.test.ts fails
 * when the resource says anything else. Regenerate: node --import tsx scripts/contract/rule-cases/bundle.ts
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as prettier from 'prettier';
import type { RuleCaseBundle } from './types.ts';

export const tablesDir = import.meta.dirname;
const root = resolve(tablesDir, '..', '..', '..');
/**
 * The unpackaged test directory of sfdx-project.json (packageDirectories[].unpackagedMetadata.path).
 * platform-rule: unpackaged-metadata-test-only — used by Apex tests at version creation, never packaged or installed.
 */
export const unpackagedDir = join(root, 'config', 'unpackaged');
export const resourceFile = join(unpackagedDir, 'main', 'default', 'staticresources', 'RuleCases.json');
export const apexTestsDir = join(unpackagedDir, 'main', 'default', 'classes');

/** Every table by its file name. */
export function readTables(): RuleCaseBundle {
  const tables: Record<string, unknown> = {};
  for (const file of readdirSync(tablesDir)
    .filter((name) => name.endsWith('.json'))
    .sort()) {
    tables[file.replace(/\.json$/, '')] = JSON.parse(readFileSync(join(tablesDir, file), 'utf8')) as unknown;
  }
  return tables as unknown as RuleCaseBundle;
}

export async function bundleText(): Promise<string> {
  const options = (await prettier.resolveConfig(resourceFile)) ?? {};
  return prettier.format(JSON.stringify(readTables()), { ...options, parser: 'json' });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  writeFileSync(resourceFile, await bundleText());
  console.log(`wrote ${resourceFile}`);
}
