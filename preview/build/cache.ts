/**
 * Build cache of the preview bundle: a build is reused when nothing it is made from has changed. The key is a
 * hash of every input of `buildBundle`: the components' files, the labels, the preview's own build code and
 * client runtime, the locked dependency versions (compiler, base components) and the build options.
 * Kept in `.preview-cache/` (git-ignored), one file per root component.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { clientDir, labelsFile as defaultLabelsFile, lwcDir as defaultLwcDir, projectRoot } from '../lib/paths.ts';
import type { BuildOptions, BuildResult } from './bundle.ts';

/** Bump when the cached file's shape changes. */
const CACHE_FORMAT = 1;

export const defaultCacheDir = join(projectRoot, '.preview-cache');
const buildCodeDir = join(projectRoot, 'preview/build');

/** What a cached build keeps: the result without the rollup cache, which holds every module's AST. */
export type CachedBuild = Omit<BuildResult, 'cache'>;

export interface KeyInputs {
  lwcDir?: string;
  labelsFile?: string;
  rootComponent?: string;
  mode?: string;
  /** The build's own code and runtime; the tests point these at copies. */
  buildCodeDirs?: string[];
  lockFile?: string;
}

/** Files under dir, sorted, without component tests and jest mocks (they are not part of the bundle). */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((file) => !/[/\\]__(tests|mocks)__[/\\]/.test(file) && !file.endsWith('.test.ts'))
    .sort();
}

/** A hash of everything the bundle is built from: same sources, same key; any change, another key. */
export function buildKey(inputs: KeyInputs = {}): string {
  const hash = createHash('sha256');
  const add = (name: string, content: string | Buffer) => {
    hash.update(`${name}\0${content.length}\0`);
    hash.update(content);
  };
  add('format', String(CACHE_FORMAT));
  add('node', process.version);
  add('root', inputs.rootComponent ?? 'c/adminHome');
  add('mode', inputs.mode ?? 'development');
  const lwc = inputs.lwcDir ?? defaultLwcDir;
  for (const file of filesUnder(lwc)) add(`lwc:${relative(lwc, file)}`, readFileSync(file));
  const labels = inputs.labelsFile ?? defaultLabelsFile;
  add('labels', existsSync(labels) ? readFileSync(labels) : '');
  for (const dir of inputs.buildCodeDirs ?? [buildCodeDir, clientDir]) {
    for (const file of filesUnder(dir)) add(`code:${relative(projectRoot, file)}`, readFileSync(file));
  }
  const lock = inputs.lockFile ?? join(projectRoot, 'package-lock.json');
  add('lock', existsSync(lock) ? readFileSync(lock) : '');
  return hash.digest('hex');
}

export function keyInputsOf(options: BuildOptions): KeyInputs {
  return {
    lwcDir: options.lwcDir,
    labelsFile: options.labelsFile,
    rootComponent: options.rootComponent,
    mode: options.mode
  };
}

function cacheFile(cacheDir: string, rootComponent: string | undefined, lwcDir: string | undefined): string {
  const where = relative(projectRoot, lwcDir ?? defaultLwcDir).replace(/[^\w]+/g, '_');
  return join(cacheDir, `${where}__${(rootComponent ?? 'c/adminHome').replace(/[^\w]+/g, '_')}.json`);
}

/** The cached build for this key, or null (missing, older key, unreadable). */
export function readCachedBuild(key: string, options: BuildOptions, cacheDir = defaultCacheDir): CachedBuild | null {
  const file = cacheFile(cacheDir, options.rootComponent, options.lwcDir);
  try {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { key?: string; result?: CachedBuild };
    return stored.key === key && stored.result && typeof stored.result.code === 'string' ? stored.result : null;
  } catch {
    return null;
  }
}

/** Stores a build under its key, replacing the previous one of the same root (written whole, then renamed). */
export function writeCachedBuild(
  key: string,
  options: BuildOptions,
  result: BuildResult,
  cacheDir = defaultCacheDir
): void {
  const file = cacheFile(cacheDir, options.rootComponent, options.lwcDir);
  mkdirSync(cacheDir, { recursive: true });
  const { cache: _rollupCache, ...kept } = result;
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify({ key, result: kept }));
  renameSync(temporary, file);
}
