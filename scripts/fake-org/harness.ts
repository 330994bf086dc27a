import { fileURLToPath } from 'node:url';
import { runCli } from '../cli.ts';
import { FakeOrg, startFakeOrg, type FakeOrgOptions } from './server.ts';

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

export interface SeededOrg {
  org: FakeOrg;
  token: string;
  adminId: string;
  connectorId: string;
  standardProfileId: string;
  packaged: Record<string, string>;
  /** argv/env to reach the fake org. */
  target: string[];
  env: NodeJS.ProcessEnv;
}

/** A fake org with an admin (token holder), a connector user on a minimal profile, and the package installed. */
export async function seededOrg(options: FakeOrgOptions = {}): Promise<SeededOrg> {
  const org = await startFakeOrg(options);
  const adminProfile = org.addProfile('System Administrator', {
    PermissionsApiEnabled: true,
    PermissionsModifyAllData: true,
    PermissionsViewAllData: true,
    // platform-rule: permission-dependency-modify-all-data — a profile with Modify All Data holds these too.
    PermissionsViewSetup: true,
    PermissionsEditTask: true,
    PermissionsCustomizeApplication: true,
    PermissionsManageUsers: true
  });
  const standardProfileId = org.addProfile('Minimum Access - API Only Integrations', { PermissionsApiEnabled: true });
  const adminId = org.addUser('admin@acme.example', { profileId: adminProfile, name: 'Ada Admin' });
  const connectorId = org.addUser('connector@acme.example', { profileId: standardProfileId, name: 'Connector User' });
  const packaged = org.addPackagedPermissionSets();
  const token = org.issueToken(adminId);
  return {
    org,
    token,
    adminId,
    connectorId,
    standardProfileId,
    packaged,
    target: ['--instance-url', org.url],
    env: { SF_ACCESS_TOKEN: token }
  };
}
