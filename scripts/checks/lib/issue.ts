/** One finding of a checker: where it is and what to do about it. */
export interface Issue {
  file: string;
  line: number;
  message: string;
  fix: string;
}

export interface CheckResult {
  name: string;
  issues: Issue[];
  /** Short summary of what was checked, e.g. "42 files". */
  checked: string;
}

export function formatIssue(issue: Issue, root: string): string {
  const rel = issue.file.startsWith(root) ? issue.file.slice(root.length + 1) : issue.file;
  return `${rel}:${issue.line}: ${issue.message}\n    fix: ${issue.fix}`;
}
