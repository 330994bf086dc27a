import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { UsageError } from './errors.ts';

export interface ProjectConfig {
  root: string;
  apiVersion: string;
  namespace: string;
  /** Default package directory, absolute (force-app). */
  packageDir: string;
}

interface SfdxProjectJson {
  packageDirectories?: { path?: string; default?: boolean }[];
  namespace?: string;
  sourceApiVersion?: string;
}

export function findProjectRoot(start: string): string {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, 'sfdx-project.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) {
      throw new UsageError(`No sfdx-project.json found in ${start} or above: run the CLI inside the project.`);
    }
    dir = parent;
  }
}

export function readProject(start: string): ProjectConfig {
  const root = findProjectRoot(start);
  const file = join(root, 'sfdx-project.json');
  let json: SfdxProjectJson;
  try {
    json = JSON.parse(readFileSync(file, 'utf8')) as SfdxProjectJson;
  } catch (error) {
    throw new UsageError(`${file} is not valid JSON (${(error as Error).message}); fix the file.`);
  }
  const apiVersion = json.sourceApiVersion ?? '65.0';
  if (!/^\d{2,3}\.0$/.test(apiVersion)) {
    throw new UsageError(`sourceApiVersion '${apiVersion}' in ${file} is not like 65.0; fix the file.`);
  }
  const dirs = json.packageDirectories ?? [];
  const packageDir = (dirs.find((d) => d.default) ?? dirs[0])?.path ?? 'force-app';
  return { root, apiVersion, namespace: json.namespace ?? '', packageDir: join(root, packageDir) };
}

export function checkApiVersion(value: string): string {
  if (!/^\d{2,3}\.\d$/.test(value)) throw new UsageError(`--api-version must look like 65.0; got '${value}'.`);
  return value;
}

export function checkNamespace(value: string): string {
  if (value !== '' && !/^[A-Za-z][A-Za-z0-9]{0,14}$/.test(value)) {
    throw new UsageError(`--namespace must be a package namespace prefix (letters and digits) or ""; got '${value}'.`);
  }
  return value;
}
