import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import lwc from '@lwc/rollup-plugin';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import replaceImport from '@rollup/plugin-replace';
import { rollup, type Plugin, type RollupCache, type RollupLog } from 'rollup';
import { readCustomLabels } from '../org/metadata.ts';
import { clientDir, labelsFile, lwcDir, projectRoot } from '../lib/paths.ts';
import { salesforceModules } from './salesforceModules.ts';

export interface BuildOptions {
  /** Folder of the org's LWC bundles (`<name>/<name>.js`), namespace `c`. */
  lwcDir?: string;
  labelsFile?: string;
  /** The component the page mounts, e.g. `c/adminHome`. */
  rootComponent?: string;
  /** `development` keeps the LWC engine's runtime checks (they log component mistakes to the console). */
  mode?: 'development' | 'production';
  cache?: RollupCache;
}

export interface BuildResult {
  code: string;
  durationMs: number;
  moduleCount: number;
  /** Every `Class.method` the components import from `@salesforce/apex`. */
  apexMethods: string[];
  /** Source files of the org's components, for watching. */
  watchFiles: string[];
  warnings: string[];
  cache: RollupCache | undefined;
  /** Served from the build cache (`build/cache.ts`): nothing was compiled. */
  fromCache?: boolean;
}

export class BuildError extends Error {}

// Its types describe a CommonJS module; at run time Node loads its ESM build, whose default is the plugin.
const replace = replaceImport as unknown as (typeof replaceImport)['default'];

const ENTRY = '\0preview-entry';

/** kebab-case tag for `c/adminHome` → `c-admin-home`, as the platform names it. */
export function tagNameOf(specifier: string): string {
  const [namespace, name] = specifier.split('/');
  return `${namespace}-${(name ?? '').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** One alias record per component: force-app has no namespace folder, the `c` namespace is implicit. */
function componentRecords(dir: string): { name: string; path: string }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('__') && existsSync(join(dir, d.name, `${d.name}.js`)))
    .map((d) => ({ name: `c/${d.name}`, path: join(dir, d.name, `${d.name}.js`) }));
}

function entryPlugin(rootComponent: string): Plugin {
  return {
    name: 'preview-entry',
    resolveId: (source) => (source === ENTRY ? ENTRY : null),
    load(id) {
      if (id !== ENTRY) return null;
      // Synthetic shadow first, so SLDS classes in the components' templates apply.
      return [
        `import '@lwc/synthetic-shadow';`,
        `import { mount } from ${JSON.stringify(join(clientDir, 'main.js'))};`,
        `import Root from ${JSON.stringify(rootComponent)};`,
        `mount(Root, ${JSON.stringify(tagNameOf(rootComponent))});`
      ].join('\n');
    }
  };
}

/** Compiles the org's LWC with the LWC OSS compiler into one IIFE, held in memory. */
export async function buildBundle(options: BuildOptions = {}): Promise<BuildResult> {
  const started = performance.now();
  const dir = options.lwcDir ?? lwcDir;
  const rootComponent = options.rootComponent ?? 'c/adminHome';
  const records = componentRecords(dir);
  if (!records.some((r) => r.name === rootComponent)) {
    throw new BuildError(
      `${rootComponent} not found: expected ${relative(projectRoot, join(dir, rootComponent.slice(2)))}/` +
        `${rootComponent.slice(2)}.js`
    );
  }
  const labels = readCustomLabels(options.labelsFile ?? labelsFile);
  const apexMethods = new Set<string>();
  const warnings: string[] = [];

  const unresolved: string[] = [];
  const onLog = (level: string, log: RollupLog) => {
    const id = log.id ?? log.loc?.file ?? '';
    // An IIFE cannot import at run time: an unresolved module would break the page, so fail the build.
    if (log.code === 'UNRESOLVED_IMPORT') {
      unresolved.push(`${log.exporter ?? '?'} (imported by ${relative(projectRoot, id.split('?')[0] ?? id)})`);
      return;
    }
    // Only the org's own code: lightning-base-components' circular imports and the like are not ours to fix.
    if (level === 'warn' && id.startsWith(dir)) warnings.push(`${relative(projectRoot, id)}: ${log.message}`);
  };

  try {
    const bundle = await rollup({
      input: ENTRY,
      cache: options.cache,
      onLog,
      plugins: [
        entryPlugin(rootComponent),
        salesforceModules({ labels, onApexImport: (method) => apexMethods.add(method) }),
        replace({
          preventAssignment: true,
          values: {
            'import.meta.env.SSR': 'false',
            'process.env.NODE_ENV': JSON.stringify(options.mode ?? 'development')
          }
        }),
        lwc({
          rootDir: projectRoot,
          modules: [...records, { npm: 'lightning-base-components' }],
          enableDynamicComponents: true,
          exclude: [`${clientDir}/**`]
        }),
        nodeResolve({ rootDir: projectRoot })
      ]
    });
    if (unresolved.length) {
      await bundle.close();
      throw new BuildError(
        `cannot resolve ${unresolved.join(', ')}: the preview has no implementation of these modules ` +
          '(add one in preview/build/salesforceModules.ts)'
      );
    }
    const { output } = await bundle.generate({ format: 'iife', inlineDynamicImports: true, sourcemap: false });
    await bundle.close();
    const chunk = output[0];
    const componentFiles = new Set(
      chunk.moduleIds.filter((id) => id.startsWith(dir)).map((id) => id.split('?')[0] ?? id)
    );
    return {
      code: chunk.code,
      durationMs: Math.round(performance.now() - started),
      moduleCount: chunk.moduleIds.length,
      apexMethods: [...apexMethods].sort(),
      watchFiles: [...componentFiles, options.labelsFile ?? labelsFile],
      warnings,
      cache: bundle.cache
    };
  } catch (error) {
    if (error instanceof BuildError) throw error;
    const e = error as Error & { id?: string; loc?: { file?: string; line?: number; column?: number } };
    const where = e.loc?.file ?? e.id;
    const at = where ? `${relative(projectRoot, where)}${e.loc?.line ? `:${e.loc.line}` : ''}: ` : '';
    throw new BuildError(`${at}${e.message}`, { cause: error });
  }
}
