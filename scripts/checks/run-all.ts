/**
 * `npm test`: every offline proof that the package would deploy and work, in one run.
 * Ends with one line "N passed, N failed" summing every suite (checkers count one test each).
 *   npm test                       everything
 *   npm test -- --only jest,apex-ls   a subset (names below)
 *   npm run check -- sfge          Graph Engine, which npm test leaves out (CI runs it after npm test)
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, setPriority, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { checkAccessibility } from './a11y.ts';
import { checkApexLs } from './apex-ls.ts';
import { checkApexPlatform } from './apex-platform.ts';
import { checkCodeAnalyzer } from './code-analyzer.ts';
import { checkContract } from './contract.ts';
import { checkCrossReferences } from './cross-references.ts';
import { checkLockfile } from './lockfile.ts';
import { formatIssue, type CheckResult } from './lib/issue.ts';
import { checkNamespaceSafety } from './namespace.ts';
import { checkPackaging } from './packaging.ts';
import { checkPlatformRules } from './platform-rules.ts';
import { checkPmd } from './pmd.ts';
import { checkMetadataSchema } from './schema.ts';
import { checkSdrConversion } from './sdr.ts';
import { checkSoqlFields } from './soql-fields.ts';

const root = resolve(import.meta.dirname, '..', '..');
const bin = (name: string) => join(root, 'node_modules', '.bin', name);

interface SuiteResult {
  name: string;
  passed: number;
  failed: number;
  seconds: number;
  note?: string;
  /** The suite's name in `suites` (--only), for the table's order. */
  key?: string;
}

/**
 * Where a suite's lines go: straight to stdout when suites run one at a time; when they run side by side, into the
 * suite's own buffer, printed as one block when it ends (so two suites' lines never interleave).
 */
const sink = new AsyncLocalStorage<(text: string) => void>();
const print = (text: string): void => {
  const write = sink.getStore();
  if (write) write(text);
  else process.stdout.write(text);
};

/**
 * Side by side, every job but E2E runs niced: E2E is the critical path (a cold preview build, then its files), and
 * the others take what it leaves instead of stretching it. Their own child processes (Java, npm) inherit it.
 */
const niced = new AsyncLocalStorage<boolean>();
const BACKGROUND_NICENESS = 5;

function exec(command: string, args: string[]): Promise<{ code: number; output: string }> {
  const write = print;
  const background = niced.getStore() === true;
  return new Promise((done) => {
    const child = spawn(command, args, { cwd: root, env: { ...process.env, FORCE_COLOR: '0' } });
    if (background && child.pid !== undefined) {
      try {
        setPriority(child.pid, BACKGROUND_NICENESS);
      } catch {
        // Not allowed here: the job runs at normal priority, only slower for E2E.
      }
    }
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      write(chunk.toString());
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', (error) => done({ code: 1, output: `${output}\n${error.message}` }));
    child.on('close', (code) => done({ code: code ?? 1, output }));
  });
}

function log(line: string): void {
  print(`${line}\n`);
}

/** The unpackaged test directory (sfdx-project.json unpackagedMetadata): checked like force-app, never packaged. */
const UNPACKAGED = 'config/unpackaged';

/** One result over force-app and the unpackaged test directory. */
async function bothDirs(run: (dir: string) => CheckResult | Promise<CheckResult>): Promise<CheckResult> {
  const packaged = await run('force-app');
  const unpackaged = await run(UNPACKAGED);
  return {
    name: packaged.name,
    issues: [...packaged.issues, ...unpackaged.issues],
    checked: `${packaged.checked} + ${unpackaged.checked} in ${UNPACKAGED}`
  };
}

/** A checker is one test: it passes with zero issues; each issue is printed with file, line and fix. */
async function checker(name: string, run: () => CheckResult | Promise<CheckResult>): Promise<SuiteResult> {
  const start = Date.now();
  try {
    const result = await run();
    for (const issue of result.issues) log(formatIssue(issue, root));
    const ok = result.issues.length === 0;
    log(`${ok ? 'ok' : 'FAIL'} ${name}: ${result.issues.length} issue(s) in ${result.checked}`);
    return { name, passed: ok ? 1 : 0, failed: ok ? 0 : 1, seconds: (Date.now() - start) / 1000 };
  } catch (error) {
    log(`FAIL ${name}: ${(error as Error).message}`);
    return { name, passed: 0, failed: 1, seconds: (Date.now() - start) / 1000 };
  }
}

async function tool(name: string, command: string, args: string[]): Promise<SuiteResult> {
  const start = Date.now();
  log(`\n== ${name}`);
  const { code } = await exec(command, args);
  log(`${code === 0 ? 'ok' : 'FAIL'} ${name}`);
  return { name, passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, seconds: (Date.now() - start) / 1000 };
}

/** Suites that report their own test counts: node's test runner (spec reporter) and jest (--json). */
async function nodeTests(name: string, args: string[]): Promise<SuiteResult> {
  const start = Date.now();
  log(`\n== ${name}`);
  const { code, output } = await exec(bin('node'), args);
  const passed = Number(/ℹ pass (\d+)/.exec(output)?.[1] ?? 0);
  const failed = Number(/ℹ fail (\d+)/.exec(output)?.[1] ?? 0);
  const broken = code !== 0 && failed === 0 ? 1 : 0; // crashed before reporting
  if (passed + failed === 0) log(`FAIL ${name}: no test ran`);
  return {
    name,
    passed,
    failed: failed + broken + (passed + failed === 0 ? 1 : 0),
    seconds: (Date.now() - start) / 1000
  };
}

async function jest(): Promise<SuiteResult> {
  const start = Date.now();
  log('\n== LWC jest');
  const dir = mkdtempSync(join(tmpdir(), 'jest-'));
  const report = join(dir, 'report.json');
  const { code } = await exec(bin('jest'), ['--ci', '--silent', '--json', `--outputFile=${report}`]);
  let passed = 0;
  let failed = 0;
  try {
    const json = JSON.parse(readFileSync(report, 'utf8')) as {
      numPassedTests: number;
      numFailedTests: number;
      numRuntimeErrorTestSuites: number;
    };
    passed = json.numPassedTests;
    failed = json.numFailedTests + json.numRuntimeErrorTestSuites;
  } catch {
    failed = 1;
  }
  rmSync(dir, { recursive: true, force: true });
  if (code !== 0 && failed === 0) failed = 1;
  return { name: 'LWC jest', passed, failed, seconds: (Date.now() - start) / 1000 };
}

/** The preview's tests that need no browser: the in-memory org, its REST face, the build cache, navigation. */
const PREVIEW_UNIT_TESTS = ['preview/org/**/*.test.ts', 'preview/build/*.test.ts', 'preview/client/*.test.ts'];

const suites: Record<string, () => Promise<SuiteResult>> = {
  lockfile: () => checker('lockfile', () => checkLockfile(root)),
  schema: () => checker('metadata schema', () => bothDirs((dir) => checkMetadataSchema(root, dir))),
  'cross-references': () => checker('cross-references', () => checkCrossReferences(root)),
  contract: () => checker('contract', () => checkContract(root)),
  sdr: () => checker('SDR conversion', () => bothDirs((dir) => checkSdrConversion(root, dir))),
  'apex-ls': () => checker('apex-ls', () => checkApexLs(root)),
  soql: () => checker('SOQL fields', () => checkSoqlFields(root)),
  pmd: () => checker('PMD', () => checkPmd(root, ['force-app', UNPACKAGED])),
  namespace: () => checker('namespace safety', () => checkNamespaceSafety(root)),
  a11y: () => checker('accessibility', () => checkAccessibility(root)),
  packaging: () => checker('packaging', () => checkPackaging(root)),
  'platform-rules': () => checker('platform rules', () => checkPlatformRules(root)),
  'apex-platform': () => checker('apex platform', () => checkApexPlatform(root)),
  'code-analyzer': () => checker('Code Analyzer', () => checkCodeAnalyzer(root, { run: 'static' })),
  // Graph Engine takes minutes and GBs: CI runs it after npm test (`npm run check -- sfge`), not npm test itself.
  sfge: () => checker('Graph Engine', () => checkCodeAnalyzer(root, { run: 'sfge' })),
  prettier: () => tool('Prettier', bin('prettier'), ['--check', '--log-level', 'warn', '.']),
  eslint: () => tool('ESLint', bin('eslint'), ['--max-warnings', '0', '.']),
  tsc: () => tool('TypeScript', bin('tsc'), ['-p', root, '--noEmit']),
  jest,
  unit: () =>
    // One process for every file (node runs them one after another): starting tsx, @salesforce/core and the
    // in-memory org once instead of once a file cut this suite's CPU from about 150 s to 60 s. The in-memory org's
    // own tests (preview/, no browser) run here too; preview/e2e/run.ts runs the browser files.
    nodeTests('unit tests', [
      '--import',
      'tsx',
      '--test',
      '--experimental-test-isolation=none',
      '--test-reporter=spec',
      'scripts/**/*.test.ts',
      ...PREVIEW_UNIT_TESTS
    ]),
  e2e: () => nodeTests('browser E2E', ['--import', 'tsx', 'preview/e2e/run.ts'])
};

/** Suites that npm test leaves out (they need minutes); CI runs them on their own. */
const ONLY_WHEN_ASKED = new Set(['sfge']);

/** The job the run waits for last: it starts first and keeps normal priority. */
const CRITICAL = 'e2e';

/** The checkers run inside a run-all process; side by side, they go to child run-alls (below). */
const TOOLS = new Set(['prettier', 'eslint', 'tsc', 'jest', 'unit', 'e2e']);

/**
 * How a parallel run groups the selected suites into jobs, the costliest first (measured CPU seconds on this
 * project, README): each tool is its own process; the checkers share child run-alls, Code Analyzer on its own.
 */
function plan(names: string[]): string[][] {
  const checkers = names.filter((name) => !TOOLS.has(name));
  const jobs: string[][] = [];
  for (const name of ['e2e', 'unit']) if (names.includes(name)) jobs.push([name]);
  if (checkers.includes('code-analyzer')) jobs.push(['code-analyzer']);
  const rest = checkers.filter((name) => name !== 'code-analyzer');
  if (rest.length) jobs.push(rest);
  for (const name of ['jest', 'prettier', 'eslint', 'tsc']) if (names.includes(name)) jobs.push([name]);
  return jobs;
}

async function runSerially(names: string[]): Promise<SuiteResult[]> {
  const results: SuiteResult[] = [];
  for (const name of names) {
    const suite = suites[name];
    if (suite) results.push({ ...(await suite()), key: name });
  }
  return results;
}

/** Checkers in a child run-all (their Java and npm runs block the process that waits for them). */
async function childRunAll(names: string[]): Promise<SuiteResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'run-all-'));
  const file = join(dir, 'results.json');
  try {
    const { code } = await exec(bin('node'), [
      '--import',
      'tsx',
      join(import.meta.dirname, 'run-all.ts'),
      '--only',
      names.join(','),
      '--serial',
      '--results',
      file
    ]);
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as SuiteResult[];
    } catch {
      log(`FAIL ${names.join(', ')}: run-all exited ${code} before reporting`);
      return [{ name: names.join(', '), passed: 0, failed: 1, seconds: 0, key: names[0] }];
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Runs the jobs side by side, `capacity` at a time (the cores plus one, since every suite also waits: Chromium,
 * loopback HTTP, JVM and npm start-ups), the costliest first. Each counts as one: measured (CPU seconds over wall
 * seconds, README), E2E keeps about half a core busy and the unit tests about one; counting them as two had kept the
 * unit tests waiting until E2E ended. Each job's lines are printed as one block when it ends.
 */
async function runSideBySide(names: string[], capacity: number): Promise<SuiteResult[]> {
  const queue = plan(names);
  const results: SuiteResult[] = [];
  await new Promise<void>((allDone) => {
    let running = 0;
    const next = (): void => {
      while (running < capacity && queue.length > 0) {
        const job = queue.shift() ?? [];
        running++;
        let text = '';
        const buffered = (chunk: string) => {
          text += chunk;
        };
        const started = performance.now();
        void sink
          .run(buffered, () =>
            niced.run(job[0] !== CRITICAL, () => (TOOLS.has(job[0] ?? '') ? runSerially(job) : childRunAll(job)))
          )
          .then((done) => {
            results.push(...done);
            process.stdout.write(text);
            process.stdout.write(`# ${job.join(', ')}: ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
            running--;
            if (queue.length === 0 && running === 0) allDone();
            else next();
          });
      }
    };
    next();
  });
  return results;
}

async function main(): Promise<void> {
  const started = performance.now();
  const onlyIndex = process.argv.indexOf('--only');
  const only =
    onlyIndex >= 0
      ? (process.argv[onlyIndex + 1] ?? '').split(',').filter(Boolean)
      : Object.keys(suites).filter((name) => !ONLY_WHEN_ASKED.has(name));
  const unknown = only.filter((name) => !(name in suites));
  if (unknown.length || only.length === 0) {
    console.error(
      `Unknown suite(s): ${unknown.join(', ') || '(none given)'}. Choose from: ${Object.keys(suites).join(', ')}`
    );
    process.exit(2);
  }
  const resultsIndex = process.argv.indexOf('--results');
  const resultsFile = resultsIndex >= 0 ? process.argv[resultsIndex + 1] : undefined;
  // One core, one suite, or --serial: one at a time, each suite's lines as they come.
  const capacity = availableParallelism() + 1;
  const serial = process.argv.includes('--serial') || availableParallelism() < 2 || only.length < 2;
  const order = Object.keys(suites);
  // In the order of `suites`, whatever order they finished in.
  const results = (serial ? await runSerially(only) : await runSideBySide(only, capacity)).sort(
    (a, b) => order.indexOf(a.key ?? '') - order.indexOf(b.key ?? '')
  );
  if (resultsFile) {
    writeFileSync(resultsFile, JSON.stringify(results));
    process.exitCode = results.some((r) => r.failed > 0) ? 1 : 0;
    return;
  }
  console.log('\nSuite                 passed  failed  seconds');
  for (const r of results) {
    console.log(
      `${r.name.padEnd(20)}  ${String(r.passed).padStart(6)}  ${String(r.failed).padStart(6)}  ${r.seconds.toFixed(1).padStart(7)}`
    );
  }
  console.log(
    `${serial ? 'one suite at a time' : `side by side on ${availableParallelism()} cores`}: ${((performance.now() - started) / 1000).toFixed(1)} s`
  );
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 ? 1 : 0;
}

await main();
