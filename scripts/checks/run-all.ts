/**
 * `npm test`: every offline proof that the package would deploy and work, in one run.
 * Ends with one line "N passed, N failed" summing every suite (checkers count one test each).
 *   npm test                       everything
 *   npm test -- --only jest,apex-ls   a subset (names below)
 *   npm run check -- sfge          Graph Engine, which npm test leaves out (CI runs it after npm test)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
}

function exec(command: string, args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((done) => {
    const child = spawn(command, args, { cwd: root, env: { ...process.env, FORCE_COLOR: '0' } });
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      process.stdout.write(chunk);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', (error) => done({ code: 1, output: `${output}\n${error.message}` }));
    child.on('close', (code) => done({ code: code ?? 1, output }));
  });
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
    for (const issue of result.issues) console.log(formatIssue(issue, root));
    const ok = result.issues.length === 0;
    console.log(`${ok ? 'ok' : 'FAIL'} ${name}: ${result.issues.length} issue(s) in ${result.checked}`);
    return { name, passed: ok ? 1 : 0, failed: ok ? 0 : 1, seconds: (Date.now() - start) / 1000 };
  } catch (error) {
    console.log(`FAIL ${name}: ${(error as Error).message}`);
    return { name, passed: 0, failed: 1, seconds: (Date.now() - start) / 1000 };
  }
}

async function tool(name: string, command: string, args: string[]): Promise<SuiteResult> {
  const start = Date.now();
  console.log(`\n== ${name}`);
  const { code } = await exec(command, args);
  console.log(`${code === 0 ? 'ok' : 'FAIL'} ${name}`);
  return { name, passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, seconds: (Date.now() - start) / 1000 };
}

/** Suites that report their own test counts: node's test runner (spec reporter) and jest (--json). */
async function nodeTests(name: string, args: string[]): Promise<SuiteResult> {
  const start = Date.now();
  console.log(`\n== ${name}`);
  const { code, output } = await exec(bin('node'), args);
  const passed = Number(/ℹ pass (\d+)/.exec(output)?.[1] ?? 0);
  const failed = Number(/ℹ fail (\d+)/.exec(output)?.[1] ?? 0);
  const broken = code !== 0 && failed === 0 ? 1 : 0; // crashed before reporting
  if (passed + failed === 0) console.log(`FAIL ${name}: no test ran`);
  return {
    name,
    passed,
    failed: failed + broken + (passed + failed === 0 ? 1 : 0),
    seconds: (Date.now() - start) / 1000
  };
}

async function jest(): Promise<SuiteResult> {
  const start = Date.now();
  console.log('\n== LWC jest');
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
    // Three files at a time: node's default on 2 cores is one, and most of these files wait on loopback HTTP.
    nodeTests('scripts unit tests', [
      '--import',
      'tsx',
      '--test',
      '--test-concurrency=3',
      '--test-reporter=spec',
      'scripts/**/*.test.ts'
    ]),
  e2e: () => nodeTests('browser E2E', ['--import', 'tsx', 'preview/e2e/run.ts'])
};

/** Suites that npm test leaves out (they need minutes); CI runs them on their own. */
const ONLY_WHEN_ASKED = new Set(['sfge']);

async function main(): Promise<void> {
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
  const results: SuiteResult[] = [];
  for (const name of only) {
    const suite = suites[name];
    if (suite) results.push(await suite());
  }
  console.log('\nSuite                 passed  failed  seconds');
  for (const r of results) {
    console.log(
      `${r.name.padEnd(20)}  ${String(r.passed).padStart(6)}  ${String(r.failed).padStart(6)}  ${r.seconds.toFixed(1).padStart(7)}`
    );
  }
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 ? 1 : 0;
}

await main();
