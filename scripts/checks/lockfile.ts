/**
 * The lock agrees with package.json for `npm ci`: the README's first command and CI install with `npm ci`,
 * which refuses a lock that lacks an entry (for instance an optional platform build another OS needs).
 * Runs npm's own validation (`npm ci --dry-run`) on a copy, so nothing in the checkout is touched.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CheckResult, Issue } from './lib/issue.ts';

const FILES = ['package.json', 'package-lock.json', '.npmrc'];

export function checkLockfile(root: string): CheckResult {
  const lock = join(root, 'package-lock.json');
  const issues: Issue[] = [];
  if (!existsSync(lock)) {
    issues.push({
      file: lock,
      line: 1,
      message: 'package-lock.json is missing',
      fix: 'run `npm install` and commit package-lock.json'
    });
    return { name: 'lockfile', issues, checked: 'package-lock.json' };
  }
  const dir = mkdtempSync(join(tmpdir(), 'lockfile-'));
  try {
    for (const file of FILES) if (existsSync(join(root, file))) copyFileSync(join(root, file), join(dir, file));
    const run = spawnSync(
      'npm',
      ['ci', '--dry-run', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'],
      {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, FORCE_COLOR: '0' }
      }
    );
    if (run.error) throw run.error;
    if (run.status !== 0) {
      const missing = (run.stderr + run.stdout)
        .split('\n')
        .map((line) => line.replace(/^npm error\s*/, '').trim())
        .filter((line) => /^(Missing|Invalid):/.test(line));
      issues.push({
        file: lock,
        line: 1,
        message: `npm ci would refuse this lock: ${missing.length ? missing.slice(0, 5).join('; ') + (missing.length > 5 ? `; and ${missing.length - 5} more` : '') : run.stderr.trim().split('\n').slice(0, 3).join(' ')}`,
        fix: 'run `npm install` (it rewrites package-lock.json from package.json) and commit package-lock.json'
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { name: 'lockfile', issues, checked: 'package-lock.json against package.json (npm ci --dry-run)' };
}
