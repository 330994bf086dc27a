/**
 * Salesforce Code Analyzer v5, the AppExchange security review's scanner, run on force-app through its core library
 * (the `sf` plugin pins engine versions that cannot be installed here; core and engines at their current versions do
 * work together). Two suites:
 *  - `code-analyzer` (in npm test): PMD, ESLint, regex and RetireJS engines with the AppExchange and Security rule
 *    selections;
 *  - `sfge` (after npm test in CI: minutes and GBs): Graph Engine's data-flow rules (CRUD/FLS, null access, DML in
 *    loops, ...), which must also analyse every entry point: an internal error or a timeout fails it.
 * Any finding not suppressed in code-analyzer.yml (each suppression with its reason) is an issue. Nothing is downloaded:
 * the engines' jars ship in their npm packages and run on the machine's Java.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
// The engines load hundreds of modules: imported when the suite runs, not whenever run-all starts.
import type { EngineLogEvent, LogEvent, Violation } from '@salesforce/code-analyzer-core';
import { parse } from 'yaml';
import { readApexClass } from './apex-platform.ts';
import { walk } from './lib/files.ts';
import type { CheckResult, Issue } from './lib/issue.ts';
import { javaEnv, requireJava } from './lib/tools.ts';

export const CONFIG_FILE = 'scripts/checks/code-analyzer.yml';

interface Suppression {
  rule_selector?: string;
  max_suppressed_violations?: number | null;
  reason?: string;
}

interface ConfigFile {
  engines?: Record<string, Record<string, unknown>>;
  suppressions?: Record<string, Suppression[]>;
}

export type AnalyzerRun = 'static' | 'sfge';

export interface AnalyzerOptions {
  run: AnalyzerRun;
  /** Folder to analyse, relative to the project; force-app by default. */
  sourceDir?: string;
  /** Config file relative to the project; scripts/checks/code-analyzer.yml by default. */
  configFile?: string;
}

const SELECTORS: Record<AnalyzerRun, string[]> = {
  static: ['AppExchange', 'Security'],
  sfge: ['sfge']
};

/** Every suppression needs a reason and a bound, so that a new finding of the same rule still fails. */
export function suppressionIssues(file: string, config: ConfigFile): Issue[] {
  const issues: Issue[] = [];
  for (const [path, entries] of Object.entries(config.suppressions ?? {})) {
    if (path === 'disable_suppressions') {
      issues.push({ file, line: 1, message: 'suppressions are switched off or on globally', fix: 'remove the key' });
      continue;
    }
    for (const entry of entries) {
      const what = `${path} ${entry.rule_selector ?? '(no rule_selector)'}`;
      if (!entry.reason || entry.reason.trim().length < 20) {
        issues.push({
          file,
          line: 1,
          message: `suppression ${what} has no reason`,
          fix: 'say why the finding is a false positive'
        });
      }
      if (typeof entry.max_suppressed_violations !== 'number') {
        issues.push({
          file,
          line: 1,
          message: `suppression ${what} has no max_suppressed_violations`,
          fix: 'set it to the number of findings it hides'
        });
      }
    }
  }
  return issues;
}

function location(root: string, violation: Violation): { file: string; line: number } {
  const primary = violation.getPrimaryLocation();
  return { file: primary.getFile() ?? root, line: primary.getStartLine() ?? 1 };
}

export async function checkCodeAnalyzer(root: string, options: AnalyzerOptions): Promise<CheckResult> {
  requireJava();
  const configPath = join(root, options.configFile ?? CONFIG_FILE);
  const config = (parse(readFileSync(configPath, 'utf8')) ?? {}) as ConfigFile;
  const issues = suppressionIssues(configPath, config);
  const source = join(root, options.sourceDir ?? 'force-app');
  const work = mkdtempSync(join(tmpdir(), 'code-analyzer-'));
  try {
    const { CodeAnalyzer, CodeAnalyzerConfig, EventType, LogLevel } = await import('@salesforce/code-analyzer-core');
    const analyzer = new CodeAnalyzer(
      CodeAnalyzerConfig.fromObject(
        {
          ...config,
          log_folder: work,
          root_working_folder: work,
          log_level: 'Warn',
          // Suppression paths are relative to the source folder, whatever folder the workspace's files share.
          suppressions: Object.fromEntries(
            Object.entries(config.suppressions ?? {}).map(([path, entries]) => [join(source, path), entries])
          )
        },
        join(root, 'scripts', 'checks')
      )
    );
    const errors: string[] = [];
    const onLog = (event: LogEvent | EngineLogEvent) => {
      if (event.logLevel === LogLevel.Error) errors.push(event.message);
    };
    analyzer.onEvent(EventType.LogEvent, onLog);
    analyzer.onEvent(EventType.EngineLogEvent, onLog);
    const engines =
      options.run === 'sfge'
        ? [import('@salesforce/code-analyzer-sfge-engine')]
        : [
            import('@salesforce/code-analyzer-pmd-engine'),
            import('@salesforce/code-analyzer-eslint-engine'),
            import('@salesforce/code-analyzer-regex-engine'),
            import('@salesforce/code-analyzer-retirejs-engine')
          ];
    const plugins = (await Promise.all(engines)).map((engine) => engine.createEnginePlugin());
    for (const plugin of plugins) await analyzer.addEnginePlugin(plugin);
    // Graph Engine builds its graph from every workspace file (ignores do not apply there): Apex tests are no entry
    // points and would double the graph, so its workspace is the source without them.
    const files =
      options.run === 'sfge'
        ? walk(source, () => true).filter((file) => !(file.endsWith('.cls') && readApexClass(file)?.isTest))
        : [source];
    const workspace = await analyzer.createWorkspace(files);
    const rules = await analyzer.selectRules(SELECTORS[options.run], { workspace });
    if (rules.getCount() === 0) throw new Error(`no rule selected by ${SELECTORS[options.run].join(', ')}`);
    // The engines spawn java with this process's environment: the short-run options for the static run only,
    // since the Graph Engine runs for minutes and wants the optimizing compiler.
    const toolOptions = process.env['JAVA_TOOL_OPTIONS'];
    if (options.run === 'static') process.env['JAVA_TOOL_OPTIONS'] = javaEnv()['JAVA_TOOL_OPTIONS'];
    let results: Awaited<ReturnType<typeof analyzer.run>>;
    try {
      results = await analyzer.run(rules, { workspace });
    } finally {
      if (toolOptions === undefined) delete process.env['JAVA_TOOL_OPTIONS'];
      else process.env['JAVA_TOOL_OPTIONS'] = toolOptions;
    }
    for (const violation of results.getViolations()) {
      const rule = violation.getRule();
      issues.push({
        ...location(root, violation),
        message: `${rule.getEngineName()}:${rule.getName()} (severity ${rule.getSeverityLevel()}): ${violation.getMessage().trim()}`,
        fix: `fix the code (${violation.getResourceUrls()[0] ?? rule.getName()}); only a false positive goes in ${relative(root, configPath)}, with its reason`
      });
    }
    for (const error of errors) {
      issues.push({
        file: source,
        line: 1,
        message: `Code Analyzer could not finish its analysis: ${error.slice(0, 4000)}`,
        fix: 'an entry point that was not analysed hides its findings: simplify the code it names (or raise the engine limits in the config)'
      });
    }
    const ran = results.getEngineNames().join(', ');
    return {
      name: options.run === 'sfge' ? 'Graph Engine' : 'Code Analyzer',
      issues,
      checked: `${rules.getCount()} rules of ${ran} on ${relative(root, source)}`
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
