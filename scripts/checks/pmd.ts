import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckResult, Issue } from './lib/issue.ts';
import { pmdHome, requireJava, run } from './lib/tools.ts';

interface PmdReport {
  files: {
    filename: string;
    violations: { beginline: number; rule: string; ruleset: string; description: string; externalInfoUrl?: string }[];
  }[];
  processingErrors?: { filename: string; message: string }[];
}

/** PMD over one or more source directories of a project, in one JVM (a JVM start costs seconds of CPU). */
export function checkPmd(projectDir: string, sourceDirs: string | string[] = 'force-app'): CheckResult {
  requireJava();
  const ruleset = join(projectDir, 'scripts', 'checks', 'pmd-ruleset.xml');
  const rules = existsSync(ruleset) ? ruleset : join(import.meta.dirname, 'pmd-ruleset.xml');
  const out = run(
    join(pmdHome(), 'bin', 'pmd'),
    [
      'check',
      '--no-cache',
      '--no-progress',
      '-f',
      'json',
      '-R',
      rules,
      ...[sourceDirs].flat().flatMap((dir) => ['-d', join(projectDir, dir)])
    ],
    projectDir
  );
  if (out.status !== 0 && out.status !== 4) {
    throw new Error(`PMD failed (exit ${out.status}): ${out.stderr.slice(0, 2000)}`);
  }
  const report = JSON.parse(out.stdout) as PmdReport;
  const issues: Issue[] = [];
  for (const file of report.files) {
    for (const v of file.violations) {
      issues.push({
        file: file.filename,
        line: v.beginline,
        message: `${v.ruleset}/${v.rule}: ${v.description}`,
        fix: `follow the rule (${v.externalInfoUrl ?? v.rule}) or add // NOPMD with the reason`
      });
    }
  }
  for (const e of report.processingErrors ?? []) {
    issues.push({
      file: e.filename,
      line: 1,
      message: `PMD could not process: ${e.message.split('\n')[0]}`,
      fix: 'fix the Apex syntax'
    });
  }
  return { name: 'PMD', issues, checked: `Apex rules in ${[sourceDirs].flat().join(' + ')}` };
}
