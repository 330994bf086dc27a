import { fileURLToPath } from 'node:url';
import { runCli } from '../cli.ts';

export { seededOrg, type SeededOrg } from '../../preview/org/rest/seeded.ts';

/** CLI tests: the CLI run in-process against the one in-memory org's REST face (preview/org/rest). */

/** The fixture SFDX project (requirement and job records) the CLI tests run in. */
export const FIXTURE_PROJECT = fileURLToPath(new URL('./fixtures/project', import.meta.url));

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** Parsed stdout when --json was passed. */
  json: { status: number; result?: unknown; error?: { name: string; message: string } } | null;
}

/** Runs the CLI in-process with captured streams and a fast retry backoff. */
export async function runIn(
  argv: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; tty?: boolean } = {}
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk), isTTY: options.tty === true },
    env: options.env ?? {},
    cwd: options.cwd ?? FIXTURE_PROJECT,
    transport: { baseDelayMs: 1, maxDelayMs: 5, pollBaseMs: 1, pollMaxMs: 5 }
  });
  let json: CliRun['json'] = null;
  if (argv.includes('--json')) json = JSON.parse(stdout) as CliRun['json'];
  return { code, stdout, stderr, json };
}
