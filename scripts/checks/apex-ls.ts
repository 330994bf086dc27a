import { join } from 'node:path';
import type { CheckResult, Issue } from './lib/issue.ts';
import { pmdHome, requireJava, run } from './lib/tools.ts';

interface ApexLsReport {
  files: { path: string; messages: { start: { line: number }; category: string; message: string }[] }[];
}

/** apex-ls semantic check: unknown fields, methods, types, against the standard schema and our metadata. */
export function checkApexLs(projectDir: string): CheckResult {
  requireJava();
  const classpath = join(pmdHome(), 'lib', '*');
  const out = run(
    'java',
    ['-cp', classpath, 'io.github.apexdevtools.apexls.CheckForIssues', '-n', '-f', 'json', '-w', projectDir],
    projectDir
  );
  const issues: Issue[] = [];
  const text = out.stdout.trim();
  if (text) {
    let report: ApexLsReport;
    try {
      report = JSON.parse(text) as ApexLsReport;
    } catch {
      throw new Error(`apex-ls printed something that is not its JSON report:\n${text.slice(0, 2000)}\n${out.stderr}`);
    }
    for (const file of report.files) {
      for (const m of file.messages) {
        issues.push({
          file: file.path,
          line: m.start.line,
          message: `${m.category}: ${m.message}`,
          fix: 'correct the reference: apex-ls knows the standard schema and this project’s metadata'
        });
      }
    }
  } else if (out.status !== 0) {
    throw new Error(`apex-ls failed (exit ${out.status}): ${out.stderr.slice(0, 2000)}`);
  }
  return { name: 'apex-ls', issues, checked: 'Apex semantics' };
}
