import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { checkLockfile } from './lockfile.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const dirs: string[] = [];
after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function copy(change: (lock: { packages: Record<string, unknown> }) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'lock-test-'));
  dirs.push(dir);
  copyFileSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
  copyFileSync(join(ROOT, '.npmrc'), join(dir, '.npmrc'));
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, unknown>;
  };
  change(lock);
  writeFileSync(join(dir, 'package-lock.json'), JSON.stringify(lock, null, 2));
  return dir;
}

describe('lockfile check', () => {
  // The project's own lock is npm test's `lockfile` suite (checkLockfile on the checkout): not run a second time here.
  it('fails on a lock with an optional platform build removed, naming it and the fix', () => {
    const dir = copy((lock) => delete lock.packages['node_modules/@rollup/rollup-darwin-arm64']);
    const issues = checkLockfile(dir).issues;
    assert.equal(issues.length, 1);
    assert.match(issues[0]!.message, /Missing: @rollup\/rollup-darwin-arm64@/);
    assert.match(issues[0]!.fix, /npm install/);
  });

  it('fails when package.json asks for a version the lock does not hold', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lock-test-'));
    dirs.push(dir);
    copyFileSync(join(ROOT, 'package-lock.json'), join(dir, 'package-lock.json'));
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      devDependencies: Record<string, string>;
    };
    pkg.devDependencies.yaml = '1.0.0';
    writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg, null, 2));
    assert.equal(checkLockfile(dir).issues.length, 1);
  });
});
