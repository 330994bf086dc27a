import './sf-home.ts';
import { fileURLToPath } from 'node:url';
import { AuthInfo, ConfigAggregator, Org } from '@salesforce/core';
import { OrgClient } from '../lib/client.ts';
import type { CommandOutput } from '../lib/command.ts';
import { Redactor } from '../lib/redact.ts';
import { transportOverrides } from '../plugin/base.ts';
import CsmSync from '../plugin/commands/connector/csm-sync.ts';
import Deploy from '../plugin/commands/connector/deploy.ts';
import Doctor from '../plugin/commands/connector/doctor.ts';
import JobsList from '../plugin/commands/connector/jobs/list.ts';
import JobsRestart from '../plugin/commands/connector/jobs/restart.ts';
import JobsRunner from '../plugin/commands/connector/jobs/runner.ts';
import JobsStart from '../plugin/commands/connector/jobs/start.ts';
import JobsStop from '../plugin/commands/connector/jobs/stop.ts';
import Provision from '../plugin/commands/connector/provision.ts';
import Revoke from '../plugin/commands/connector/revoke.ts';
import type { FakeOrg, FakeOrgOptions } from '../../preview/org/rest/server.ts';
import { seededOrg as seededRestFace, type SeededOrg as RestFaceOrg } from '../../preview/org/rest/seeded.ts';
export { stopSeededOrg } from '../../preview/org/rest/seeded.ts';

/** The fixture SFDX project (requirement and job records) the CLI tests run in. */
export const FIXTURE_PROJECT = fileURLToPath(new URL('./fixtures/project', import.meta.url));
/** The repository root: its package.json holds the oclif configuration of the plugin. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** `sf connector <id>`: the command classes by the words after `connector`. */
export const COMMANDS = {
  provision: Provision,
  doctor: Doctor,
  revoke: Revoke,
  'csm-sync': CsmSync,
  deploy: Deploy,
  'jobs list': JobsList,
  'jobs stop': JobsStop,
  'jobs start': JobsStart,
  'jobs restart': JobsRestart,
  'jobs runner': JobsRunner
} as const;

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** Parsed stdout when --json was passed. */
  json: {
    status: number;
    result?: unknown;
    warnings?: unknown[];
    name?: string;
    message?: string;
    exitCode?: number;
    data?: Record<string, unknown>;
  } | null;
}

// Each command registers signal handlers; many in-process runs are expected.
process.setMaxListeners(0);

/**
 * Runs `sf connector <argv>` in-process (the oclif command class with the repository's oclif config), with captured
 * stdout/stderr, the given env and cwd, and a fast retry backoff. argv starts with the command words
 * (`['jobs', 'list', '-o', alias]`).
 */
export async function runIn(
  argv: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; tty?: boolean } = {}
): Promise<CliRun> {
  const two = `${argv[0]} ${argv[1]}`;
  const [id, rest] = two in COMMANDS ? [two, argv.slice(2)] : [argv[0] ?? '', argv.slice(1)];
  const Command = COMMANDS[id as keyof typeof COMMANDS];
  if (!Command) throw new Error(`No command 'connector ${id}'`);

  let stdout = '';
  let stderr = '';
  const writeOut = process.stdout.write.bind(process.stdout);
  const writeErr = process.stderr.write.bind(process.stderr);
  const wasTty = process.stderr.isTTY;
  const savedEnv = { ...process.env };
  const savedCwd = process.cwd();
  // Commands write strings; node:test's own reporter frames (binary, written to stdout between awaits) pass through.
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) =>
    typeof chunk === 'string'
      ? ((stdout += chunk), true)
      : writeOut(chunk, ...(rest as []))) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) =>
    typeof chunk === 'string'
      ? ((stderr += chunk), true)
      : writeErr(chunk, ...(rest as []))) as typeof process.stderr.write;
  process.stderr.isTTY = options.tty === true;
  for (const key of Object.keys(process.env)) if (key.startsWith('CONNECTOR_')) delete process.env[key];
  Object.assign(process.env, options.env ?? {});
  process.chdir(options.cwd ?? FIXTURE_PROJECT);
  transportOverrides.current = { baseDelayMs: 1, pollBaseMs: 1, pollMaxMs: 5 };
  process.exitCode = undefined;
  // Each sf run is a new process that reads its config afresh: forget what an earlier run in this process cached.
  await ConfigAggregator.clearInstance();
  let code: number;
  try {
    await (Command as unknown as { run(argv: string[], root: string): Promise<unknown> }).run(rest, REPO_ROOT);
    code = typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    const exit = (error as { oclif?: { exit?: number }; exitCode?: number }).oclif?.exit;
    code = typeof process.exitCode === 'number' ? process.exitCode : (exit ?? 1);
  } finally {
    process.stdout.write = writeOut;
    process.stderr.write = writeErr;
    process.stderr.isTTY = wasTty;
    process.env = savedEnv;
    process.chdir(savedCwd);
    transportOverrides.current = {};
    process.exitCode = undefined;
  }
  let json: CliRun['json'] = null;
  if (rest.includes('--json')) {
    try {
      json = JSON.parse(stdout) as CliRun['json'];
    } catch {
      throw new Error(`stdout is not one JSON object:\n${stdout}\nstderr:\n${stderr}`);
    }
  }
  return { code, stdout, stderr, json };
}

/** The in-memory org's REST face, seeded, with the admin authorized in sf's state. */
export interface SeededOrg extends RestFaceOrg {
  /** argv to reach the org as the admin: `--target-org <alias>`. */
  target: string[];
  /** Authorizes another user of the org (as `sf org login access-token` would) and returns its argv. */
  loginAs(userId: string): Promise<string[]>;
}

let aliases = 0;

/**
 * Authorizes the fake org for a user with an access token, as `sf org login access-token` does: sf asks the org's
 * userinfo and the user, then saves the auth under an alias. Returns `--target-org <alias>`.
 */
export async function authorize(org: FakeOrg, userId: string): Promise<string[]> {
  const token = org.issueToken(userId);
  const authInfo = await AuthInfo.create({
    accessTokenOptions: { accessToken: token, instanceUrl: org.url, loginUrl: org.url }
  });
  await authInfo.save();
  const alias = `fake${++aliases}`;
  await authInfo.setAlias(alias);
  // As sf does on first use: GET /services/data picks the org's newest API version and caches it in the auth file,
  // so the commands' own runs send only their own requests.
  await Org.create({ aliasOrUsername: alias });
  return ['--target-org', alias];
}

/** The REST face with an admin, a connector user and the package installed, authorized for the admin. */
export async function seededOrg(options: FakeOrgOptions = {}): Promise<SeededOrg> {
  const seeded = await seededRestFace(options);
  const target = await authorize(seeded.org, seeded.adminId);
  seeded.org.resetStats();
  return { ...seeded, target, env: {}, loginAs: (userId) => authorize(seeded.org, userId) };
}

/** A CommandOutput writing to strings (for tests that call a command's parts directly). */
export function captureOutput(redactor = new Redactor()): {
  out: CommandOutput;
  stdout: () => string;
  stderr: () => string;
} {
  let stdout = '';
  let stderr = '';
  const out: CommandOutput = {
    redactor,
    json: false,
    info: (message) => void (stderr += redactor.redact(message) + '\n'),
    warn: (message) => void (stderr += `Warning: ${redactor.redact(message)}\n`),
    print: (text = '') => void (stdout += redactor.redact(text) + '\n'),
    table: (headers, rows) => void (stdout += [headers, ...rows].map((row) => row.join('  ')).join('\n') + '\n'),
    progress: (label, total) => {
      let current = 0;
      stderr += `${label}: ${total} to do\n`;
      return {
        tick: (amount = 1) => void (current += amount),
        done: () => void (stderr += `${label}: ${current}/${total} done\n`)
      };
    }
  };
  return { out, stdout: () => stdout, stderr: () => stderr };
}

/** An OrgClient on a jsforce Connection of an authorized alias (fast retries). */
export async function clientFor(target: string[], redactor = new Redactor(), namespace = ''): Promise<OrgClient> {
  const org = await Org.create({ aliasOrUsername: target[1]! });
  return new OrgClient(org.getConnection('65.0'), { namespace, redactor, baseDelayMs: 1 });
}
