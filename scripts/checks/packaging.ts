import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { SfProjectJson } from '@salesforce/core';
import { Lifecycle } from '@salesforce/core/lifecycle';
import { walk } from './lib/files.ts';
import { loadMetadataSchema } from './lib/metadata-schema.ts';
import type { CheckResult, Issue } from './lib/issue.ts';
import { distance } from './schema.ts';

/**
 * The 2GP package configuration in sfdx-project.json: valid for the Salesforce CLI, a version number the
 * CLI can build (MAJOR.MINOR.PATCH.NEXT), a valid namespace, install and uninstall scripts that are package
 * classes implementing the platform interfaces, and aliases that look like the IDs they stand for.
 */

interface PackageDirectory {
  path?: string;
  package?: string;
  versionNumber?: string;
  versionName?: string;
  ancestorVersion?: string;
  ancestorId?: string;
  postInstallScript?: string;
  uninstallScript?: string;
  definitionFile?: string;
  [key: string]: unknown;
}

interface ProjectJson {
  namespace?: string;
  packageDirectories?: PackageDirectory[];
  packageAliases?: Record<string, string>;
}

const VERSION_NUMBER = /^\d+\.\d+\.\d+\.(NEXT|\d+)$/;
const ANCESTOR_VERSION = /^(HIGHEST|NONE|\d+\.\d+\.\d+)$/;
const NAMESPACE = /^(|[A-Za-z](?:[A-Za-z0-9]|_(?!_)){0,14})$/;

/** The keys a package directory may have, from the schema that ships with @salesforce/core. */
function packageDirectoryKeys(): Set<string> {
  const require = createRequire(import.meta.url);
  const schema = JSON.parse(readFileSync(require.resolve('@salesforce/core/sfdx-project.schema.json'), 'utf8')) as {
    properties: { packageDirectories: { items: { anyOf: { properties: Record<string, unknown> }[] } } };
  };
  const keys = new Set<string>();
  for (const variant of schema.properties.packageDirectories.items.anyOf) {
    for (const key of Object.keys(variant.properties)) keys.add(key);
  }
  return keys;
}

function lineOfKey(source: string, key: string, from = 0): number {
  const index = source.indexOf(`"${key}"`, from);
  return index < 0 ? 1 : source.slice(0, index).split('\n').length;
}

function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = 4;
  for (const candidate of candidates) {
    const d = distance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** A scratch org definition: known top-level keys, and settings that are Metadata API settings types. */
export function checkScratchDefinition(file: string): Issue[] {
  const issues: Issue[] = [];
  const source = readFileSync(file, 'utf8');
  const issue = (key: string, message: string, fix: string) =>
    issues.push({ file, line: lineOfKey(source, key), message, fix });
  let definition: Record<string, unknown>;
  try {
    definition = JSON.parse(source) as Record<string, unknown>;
  } catch (error) {
    return [{ file, line: 1, message: `not valid JSON: ${(error as Error).message}`, fix: 'correct the JSON' }];
  }
  const require = createRequire(import.meta.url);
  const schema = JSON.parse(
    readFileSync(require.resolve('@salesforce/core/project-scratch-def.schema.json'), 'utf8')
  ) as { properties: Record<string, unknown> };
  const known = Object.keys(schema.properties);
  for (const key of Object.keys(definition)) {
    if (!known.includes(key)) {
      const suggestion = closest(key, known);
      issue(
        key,
        `"${key}" is not a scratch org definition key`,
        suggestion ? `did you mean "${suggestion}"?` : 'remove it'
      );
    }
  }
  const features = definition.features;
  if (features !== undefined && (!Array.isArray(features) || features.some((f) => typeof f !== 'string'))) {
    issue('features', 'features must be a list of feature names', 'write "features": ["API", ...]');
  }
  const settings = (definition.settings ?? {}) as Record<string, unknown>;
  const metadata = loadMetadataSchema();
  for (const [name, values] of Object.entries(settings)) {
    const typeName = name.charAt(0).toUpperCase() + name.slice(1);
    const fields = metadata.objects.get(typeName);
    if (!fields || !typeName.endsWith('Settings')) {
      const suggestion = closest(
        typeName,
        [...metadata.objects.keys()].filter((t) => t.endsWith('Settings'))
      );
      issue(
        name,
        `settings.${name} is not a Metadata API settings type`,
        suggestion ? `did you mean "${suggestion.charAt(0).toLowerCase()}${suggestion.slice(1)}"?` : 'remove it'
      );
      continue;
    }
    for (const [field, value] of Object.entries((values ?? {}) as Record<string, unknown>)) {
      const spec = fields.get(field);
      if (!spec) {
        const suggestion = closest(field, fields.keys());
        issue(field, `${typeName} has no setting ${field}`, suggestion ? `did you mean "${suggestion}"?` : 'remove it');
      } else if (spec.type.kind === 'primitive' && spec.type.name === 'boolean' && typeof value !== 'boolean') {
        issue(field, `${typeName}.${field} must be true or false`, `write "${field}": true`);
      }
    }
  }
  return issues;
}

export async function checkPackaging(projectDir: string): Promise<CheckResult> {
  const file = join(projectDir, 'sfdx-project.json');
  const issues: Issue[] = [];
  const source = readFileSync(file, 'utf8');
  const json = JSON.parse(source) as ProjectJson;
  const issue = (line: number, message: string, fix: string) => issues.push({ file, line, message, fix });

  // The CLI's own validation (it only warns; a release must not start with a warning).
  const warnings: string[] = [];
  const lifecycle = Lifecycle.getInstance();
  lifecycle.onWarning(async (warning) => {
    if (warning.includes(file)) warnings.push(warning);
  });
  const project = await SfProjectJson.create({ rootFolder: projectDir });
  await project.schemaValidate();
  lifecycle.removeAllListeners('warning');
  for (const warning of warnings) {
    issue(1, warning.replace(/\s+/g, ' ').trim(), 'correct sfdx-project.json (see the reasons above)');
  }

  const namespace = json.namespace ?? '';
  if (!NAMESPACE.test(namespace)) {
    issue(
      lineOfKey(source, 'namespace'),
      `namespace "${namespace}" is not a valid namespace prefix`,
      'use the prefix registered and linked to the Dev Hub: a letter, then up to 14 letters or digits'
    );
  }

  const allowedKeys = packageDirectoryKeys();
  const packaged = (json.packageDirectories ?? []).filter((dir) => dir.package);
  if (packaged.length === 0) {
    issue(
      lineOfKey(source, 'packageDirectories'),
      'no package directory names a package',
      'add "package": "<name>" and "versionNumber": "0.1.0.NEXT" to the package directory'
    );
  }
  for (const dir of packaged) {
    const at = source.indexOf(`"package": "${dir.package}"`);
    const line = (key: string) => lineOfKey(source, key, Math.max(0, at - 200));
    for (const key of Object.keys(dir)) {
      if (!allowedKeys.has(key)) {
        const suggestion = closest(key, allowedKeys);
        issue(
          line(key),
          `"${key}" is not a package directory setting the Salesforce CLI knows`,
          suggestion ? `did you mean "${suggestion}"?` : 'remove it'
        );
      }
    }
    if (!VERSION_NUMBER.test(dir.versionNumber ?? '')) {
      issue(
        line('versionNumber'),
        `versionNumber "${dir.versionNumber ?? ''}" is not MAJOR.MINOR.PATCH.NEXT`,
        'use e.g. "0.1.0.NEXT": the Dev Hub numbers the builds'
      );
    }
    if (dir.ancestorVersion !== undefined && !ANCESTOR_VERSION.test(dir.ancestorVersion)) {
      issue(
        line('ancestorVersion'),
        `ancestorVersion "${dir.ancestorVersion}" is neither HIGHEST, NONE nor MAJOR.MINOR.PATCH`,
        'use "HIGHEST" once a version is released'
      );
    }
    const alias = json.packageAliases?.[dir.package ?? ''];
    if (alias !== undefined && !/^0Ho[A-Za-z0-9]{12}([A-Za-z0-9]{3})?$/.test(alias)) {
      issue(
        lineOfKey(source, 'packageAliases'),
        `package alias "${dir.package}" is ${alias}, not a package ID (0Ho…)`,
        'let `sf package create` write the alias, or copy the 0Ho ID from `sf package list`'
      );
    }
    if (dir.definitionFile && !existsSync(join(projectDir, dir.definitionFile))) {
      issue(
        line('definitionFile'),
        `definitionFile ${dir.definitionFile} does not exist`,
        'point it at config/project-scratch-def.json'
      );
    } else if (dir.definitionFile) {
      issues.push(...checkScratchDefinition(join(projectDir, dir.definitionFile)));
    }
    const classes = new Map<string, string>();
    for (const cls of walk(join(projectDir, dir.path ?? ''), (p) => p.endsWith('.cls'))) {
      classes.set(
        cls
          .replace(/^.*[\\/]/, '')
          .slice(0, -4)
          .toLowerCase(),
        readFileSync(cls, 'utf8')
      );
    }
    for (const [key, iface] of [
      ['postInstallScript', 'InstallHandler'],
      ['uninstallScript', 'UninstallHandler']
    ] as const) {
      const name = dir[key];
      if (name === undefined) {
        issue(
          line('versionNumber'),
          `the package has no ${key}`,
          `set "${key}" to the package class implementing ${iface}`
        );
        continue;
      }
      const body = classes.get(name.toLowerCase());
      if (body === undefined) {
        issue(line(key), `${key} ${name} is not a class in ${dir.path}`, `create ${name}.cls or correct the name`);
      } else if (!new RegExp(`\\bimplements\\b[^{]*\\b(System\\.)?${iface}\\b`, 'i').test(body)) {
        issue(
          line(key),
          `${key} ${name} does not implement ${iface}`,
          `declare it as \`public with sharing class ${name} implements ${iface}\``
        );
      }
    }
  }
  return { name: 'packaging', issues, checked: `sfdx-project.json, ${packaged.length} package(s)` };
}
