import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { FIXTURE_PROJECT, seededOrg, type SeededOrg } from './testing/harness.ts';

const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url));

function spawnCli(
  argv: string[],
  env: NodeJS.ProcessEnv
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...argv], {
      cwd: FIXTURE_PROJECT,
      // A throw-away HOME: @salesforce/core reads (and creates) its auth folders there.
      env: { PATH: process.env['PATH'], HOME: mkdtempSync(join(tmpdir(), 'cli-home-')), ...env }
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('cli process', () => {
  let s: SeededOrg;
  before(async () => {
    s = await seededOrg();
  });
  after(() => s.org.stop());

  it('exits with the command status and prints one JSON object on stdout', async () => {
    const run = await spawnCli(
      ['provision', '--instance-url', s.org.url, '--connector-user', 'connector@acme.example', '--json'],
      {
        SF_ACCESS_TOKEN: s.token,
        CONNECTOR_CLIENT_SECRET: 'spawned-secret-value'
      }
    );
    assert.equal(run.code, 0, run.stderr);
    const parsed = JSON.parse(run.stdout) as { status: number; result: unknown };
    assert.equal(parsed.status, 0);
    assert.match(run.stderr, /request\(s\) to the org/);
    for (const text of [run.stdout, run.stderr]) {
      assert.equal(text.includes('spawned-secret-value'), false);
      assert.equal(text.includes(s.token), false);
    }
  });

  it('exits 1 for findings and 2 for usage errors', async () => {
    const doctor = await spawnCli(['doctor', '--instance-url', s.org.url, '--user', 'admin@acme.example'], {
      SF_ACCESS_TOKEN: s.token
    });
    assert.equal(doctor.code, 1, 'the admin lacks the packaged integration permission set');
    const usage = await spawnCli(['jobs'], {});
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /Missing <action>/);
    const noAuth = await spawnCli(['doctor', '-o', 'acme-prod', '-u', 'x@acme.example', '--json'], {});
    assert.equal(noAuth.code, 2);
    assert.match(JSON.parse(noAuth.stdout).error.message, /Cannot use org 'acme-prod'.*sf org login web -a acme-prod/);
    const help = await spawnCli(['--help'], {});
    assert.equal(help.code, 0);
    assert.match(help.stdout, /provision\s+Create or repair/);
  });
});
