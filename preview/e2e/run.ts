/**
 * Browser E2E of the preview: builds force-app's LWC once (or reuses the cached build of unchanged sources),
 * starts one Chromium for every test file, gives each E2E file its own preview server and in-memory org on a
 * free port (so files run in parallel without sharing state), runs every browser test file (preview/e2e) with node's
 * test runner (spec reporter), then stops everything. The preview's other tests need no browser: npm test's unit
 * suite runs them.
 *   node --import tsx preview/e2e/run.ts [test files…]
 * PREVIEW_E2E_CONCURRENCY sets how many files run at once (default: 3, or 1 on a single core).
 */
import { spawn } from 'node:child_process';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve, sep } from 'node:path';
import type { BrowserServer } from 'playwright-core';
import { startPreview, type PreviewServer } from '../app.ts';
import { projectRoot } from '../lib/paths.ts';
import { launchBrowserServer, screenshotDir } from './browser.ts';
import { startHarness } from './harness.ts';

const e2eDir = join(projectRoot, 'preview/e2e');

/** Every `*.test.ts` of preview/e2e, the largest first: the longest files start first, so the run packs tighter. */
function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.test.ts'))
    .map((entry) => join(dir, entry.name))
    .sort((a, b) => statSync(b).size - statSync(a).size || a.localeCompare(b));
}

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

const started = performance.now();
// Only this run's screenshots, so a reviewer never looks at a stale one.
rmSync(screenshotDir, { recursive: true, force: true });
const files = process.argv.length > 2 ? process.argv.slice(2).map((f) => resolve(f)) : testFiles(e2eDir);
const concurrency = Number(process.env['PREVIEW_E2E_CONCURRENCY'] ?? (availableParallelism() > 1 ? 3 : 1));
const previewOptions = {
  stateFile: null,
  reset: true,
  watch: false,
  // Long enough for a test to read a toast on a busy machine.
  toastDurationMs: 15_000
};

let exitCode = 1;
const servers: PreviewServer[] = [];
let browserServer: BrowserServer | undefined;
try {
  // The first server builds (or reads the build cache); every other one serves that same build.
  const [preview, chromiumServer] = await Promise.all([
    startPreview({ ...previewOptions, port: 0, buildCache: true, log: (line) => console.log(`# ${line}`) }),
    launchBrowserServer()
  ]);
  servers.push(preview);
  browserServer = chromiumServer;
  const build = await preview.ready();
  console.log(
    build.fromCache
      ? `# preview build reused (sources unchanged): ${build.moduleCount} modules, ${preview.url}`
      : `# preview built: ${build.moduleCount} modules in ${(build.durationMs / 1000).toFixed(1)} s, ${preview.url}`
  );
  // The platform-modules harness, built with the warm cache: seconds instead of a second cold build.
  const harness = await startHarness(build.cache);
  servers.push(harness);
  const harnessBuild = await harness.ready();
  console.log(
    harnessBuild.fromCache
      ? `# harness build reused (sources unchanged), ${harness.url}`
      : `# harness built in ${(harnessBuild.durationMs / 1000).toFixed(1)} s, ${harness.url}`
  );

  // One server and org per E2E file: each resets and sets up its own org as it goes.
  const urls: Record<string, string> = {};
  for (const file of files.filter((f) => f.startsWith(e2eDir + sep))) {
    const server = Object.keys(urls).length
      ? await startPreview({ ...previewOptions, port: 0, prebuilt: build })
      : preview;
    if (server !== preview) servers.push(server);
    urls[file] = server.url;
  }
  console.log(`# ${files.length} test files, ${concurrency} at a time, one Chromium (set up in ${seconds(started)} s)`);
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...files],
    {
      cwd: projectRoot,
      stdio: 'inherit',
      env: {
        ...process.env,
        PREVIEW_URLS: JSON.stringify(urls),
        PREVIEW_HARNESS_URL: harness.url,
        PREVIEW_BROWSER_WS: chromiumServer.wsEndpoint()
      }
    }
  );
  const stop = () => child.kill('SIGTERM');
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  exitCode = await new Promise<number>((done) => child.on('exit', (code, signal) => done(code ?? (signal ? 1 : 0))));
} catch (error) {
  console.error(`# E2E could not start: ${(error as Error).message}`);
  exitCode = 1;
} finally {
  await Promise.all(servers.map((server) => server.close()));
  await browserServer?.close();
  console.log(`# preview E2E finished in ${seconds(started)} s`);
}
process.exit(exitCode);
