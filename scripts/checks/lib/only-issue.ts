import assert from 'node:assert/strict';
import type { CheckResult } from './issue.ts';

/** Checker tests: the result holds exactly one issue, in that file at that line, saying what pattern matches. */
export function only(result: CheckResult, file: string, line: number, pattern: RegExp): void {
  assert.equal(result.issues.length, 1, JSON.stringify(result.issues, null, 1));
  const [issue] = result.issues;
  assert.ok(issue);
  assert.ok(issue.file.endsWith(file), `${issue.file} should end with ${file}`);
  assert.equal(issue.line, line);
  assert.match(`${issue.message} ${issue.fix}`, pattern);
}
