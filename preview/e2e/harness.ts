import { join } from 'node:path';
import type { RollupCache } from 'rollup';
import { startPreview, type PreviewServer } from '../app.ts';
import { projectRoot } from '../lib/paths.ts';

/** The harness component that exercises the preview's platform modules (e2e/platformModules.test.ts). */
const fixtures = join(projectRoot, 'preview/e2e/fixtures');

/** Serves the harness on a free port with an in-memory seeded org; the build cache or a warm rollup cache make it quick. */
export function startHarness(cache?: RollupCache): Promise<PreviewServer> {
  return startPreview({
    port: 0,
    stateFile: null,
    toastDurationMs: 15_000,
    buildCache: true,
    build: {
      lwcDir: join(fixtures, 'lwc'),
      labelsFile: join(fixtures, 'labels/CustomLabels.labels-meta.xml'),
      rootComponent: 'c/previewHarness',
      cache
    }
  });
}
