/**
 * Browser E2E of the preview: builds force-app's LWC, starts the preview on a free port with a throwaway
 * seeded org, runs every preview test file with node's test runner (spec reporter), then stops the server.
 *   node --import tsx preview/e2e/run.ts [test files…]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { startPreview, type PreviewServer } from '../app.ts';
import { projectRoot } from '../lib/paths.ts';
import { screenshotDir } from './browser.ts';
import { startHarness } from './harness.ts';

/** Every `*.test.ts` under preview/, in a stable order. */
function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.test.ts'))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((file) => !relative(dir, file).startsWith('dist') && !file.includes(`${sep}node_modules${sep}`))
    .sort();
}

const started = performance.now();
// Only this run's screenshots, so a reviewer never looks at a stale one.
rmSync(screenshotDir, { recursive: true, force: true });
const files =
  process.argv.length > 2 ? process.argv.slice(2).map((f) => resolve(f)) : testFiles(join(projectRoot, 'preview'));
const stateDir = mkdtempSync(join(tmpdir(), 'preview-e2e-'));
const preview = await startPreview({
  port: 0,
  stateFile: join(stateDir, 'org.json'),
  reset: true,
  watch: false,
  // Long enough for a test to read a toast on a busy machine.
  toastDurationMs: 15_000,
  log: (line) => console.log(`# ${line}`)
});

let exitCode = 1;
let harness: PreviewServer | undefined;
try {
  const build = await preview.ready();
  console.log(
    `# preview built: ${build.moduleCount} modules in ${(build.durationMs / 1000).toFixed(1)} s, ${preview.url}`
  );
  // The platform-modules harness, built with the warm cache: seconds instead of a second cold build.
  harness = await startHarness(build.cache);
  const harnessBuild = await harness.ready();
  console.log(`# harness built in ${(harnessBuild.durationMs / 1000).toFixed(1)} s, ${harness.url}`);
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', ...files],
    {
      cwd: projectRoot,
      stdio: 'inherit',
      env: { ...process.env, PREVIEW_URL: preview.url, PREVIEW_HARNESS_URL: harness.url }
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
  await harness?.close();
  await preview.close();
  rmSync(stateDir, { recursive: true, force: true });
  console.log(`# preview E2E finished in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
process.exit(exitCode);
