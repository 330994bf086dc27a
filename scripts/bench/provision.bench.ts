/**
 * Provisioning cost against the loopback fake org: N = 1, 200, 10 000 users (override: --sizes 1,500).
 * For each N: a first run (creates everything) and a second run (must write nothing), compared with the
 * per-user baseline of one query + one insert per user, which is also run for real against the fake org.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { FIXTURE_PROJECT, runIn, seededOrg, type SeededOrg } from '../testing/harness.ts';
import { findProjectRoot } from '../lib/project.ts';
import { soqlString } from '../lib/soql.ts';
import type { ProvisionResult } from '../commands/provision.ts';

interface RunStats {
  requests: number;
  assignmentRequests: number;
  writeRequests: number;
  recordsWritten: number;
  ms: number;
  exitCode: number;
}

function projectDir(): string {
  // The project's own requirement records when present, else the test fixture.
  const root = findProjectRoot(process.cwd());
  const cmdt = join(root, 'force-app', 'main', 'default', 'customMetadata');
  const has = existsSync(cmdt) && readdirSync(cmdt).some((f) => f.startsWith('ConnectorRequirement.'));
  return has ? root : FIXTURE_PROJECT;
}

async function provisionRun(s: SeededOrg, file: string, cwd: string): Promise<RunStats> {
  s.org.resetStats();
  const started = performance.now();
  const run = await runIn(['provision', ...s.target, '--file', file, '--json'], { env: s.env, cwd });
  const ms = performance.now() - started;
  if (run.code !== 0) {
    const result = run.json?.result as ProvisionResult | undefined;
    throw new Error(`provision exited ${run.code}: ${run.stderr}\n${JSON.stringify(result?.problems ?? run.json)}`);
  }
  const log = s.org.stats.log;
  return {
    requests: s.org.stats.requests,
    assignmentRequests: log.filter(
      (e) =>
        e.path.includes('/composite?') || e.path.endsWith('/composite') || e.types.includes('PermissionSetAssignment')
    ).length,
    writeRequests: s.org.stats.writeRequests,
    recordsWritten: s.org.stats.mutations,
    ms,
    exitCode: run.code
  };
}

/** What a naive script does: for each user, query its assignment, insert it when missing. */
async function baselineRun(s: SeededOrg, usernames: string[], permissionSetId: string): Promise<RunStats> {
  s.org.resetStats();
  const started = performance.now();
  const headers = { Authorization: `Bearer ${s.token}`, 'Content-Type': 'application/json' };
  // The naive script knows user ids up front (e.g. from a CSV export): not counted.
  const ids = new Map(s.org.db.rows('User').map((u) => [String(u['Username']), String(u['Id'])]));
  for (const username of usernames) {
    const soql = `SELECT Id, AssigneeId FROM PermissionSetAssignment WHERE Assignee.Username = ${soqlString(username)} AND PermissionSetId = ${soqlString(permissionSetId)}`;
    const found = (await (
      await fetch(`${s.org.url}/services/data/v65.0/query?q=${encodeURIComponent(soql)}`, { headers })
    ).json()) as {
      totalSize: number;
    };
    if (found.totalSize > 0) continue;
    await fetch(`${s.org.url}/services/data/v65.0/sobjects/PermissionSetAssignment`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ AssigneeId: ids.get(username), PermissionSetId: permissionSetId })
    });
  }
  return {
    requests: s.org.stats.requests,
    assignmentRequests: s.org.stats.requests,
    writeRequests: s.org.stats.writeRequests,
    recordsWritten: s.org.stats.mutations,
    ms: performance.now() - started,
    exitCode: 0
  };
}

function pad(values: (string | number)[], widths: number[]): string {
  return values.map((v, i) => String(v).padStart(widths[i] ?? 8)).join('  ');
}

async function main(): Promise<void> {
  const sizesArg = process.argv.indexOf('--sizes');
  const sizes = sizesArg > 0 ? process.argv[sizesArg + 1]!.split(',').map(Number) : [1, 200, 10_000];
  const cwd = projectDir();
  const dir = mkdtempSync(join(tmpdir(), 'provision-bench-'));
  console.log(
    `provision bench — fake org on 127.0.0.1, requirement records from ${cwd === FIXTURE_PROJECT ? 'the test fixture' : 'force-app'}`
  );
  console.log(
    'N users each need ConnectorBasicUser; the run also builds the local permission set, writes settings and starts jobs.'
  );
  console.log(
    '"assign req" = requests of the assignment step (Composite lookups of at most 5 queries each + sObject Collections inserts).'
  );
  console.log('"bound" = ⌈N/200⌉ + 2·⌈N/2000⌉ + 4; the second run must write nothing.\n');
  const widths = [6, 8, 9, 10, 8, 9, 9, 8];
  console.log(pad(['N', 'run', 'requests', 'assign req', 'bound', 'write req', 'written', 'wall ms'], widths));
  const summary: string[] = [];
  for (const n of sizes) {
    const s = await seededOrg();
    const usernames = Array.from({ length: n }, (_, i) => `bench.user${i}@acme.example`);
    for (const username of usernames) s.org.addUser(username, { profileId: s.standardProfileId });
    const file = join(dir, `users-${n}.yml`);
    writeFileSync(
      file,
      `connectorUser: connector@acme.example\nsettings:\n  connectedAppName: Acme Connector\n  platformBaseUrl: https://platform.example.com\nusers:\n${usernames.map((u) => `  - ${u}`).join('\n')}\n`
    );
    // Inserts of 200 records, lookups in Composite calls of at most 5 queries (IN lists of up to 2,000 users).
    const bound = Math.ceil(n / 200) + 2 * Math.ceil(n / 2000) + 4;
    const first = await provisionRun(s, file, cwd);
    const second = await provisionRun(s, file, cwd);
    for (const [label, stats] of [
      ['first', first],
      ['second', second]
    ] as const) {
      console.log(
        pad(
          [
            n,
            label,
            stats.requests,
            stats.assignmentRequests,
            bound,
            stats.writeRequests,
            stats.recordsWritten,
            stats.ms.toFixed(0)
          ],
          widths
        )
      );
    }
    await s.org.stop();

    // Baseline on a fresh org with the same users. Past 1,000 users its wall time mostly measures the fake
    // org's unindexed per-query scans, so it is counted (N queries + N inserts, exact) but only run with --full-baseline.
    const runBaseline = n <= 1000 || process.argv.includes('--full-baseline');
    let baseFirst: RunStats = {
      requests: 2 * n,
      assignmentRequests: 2 * n,
      writeRequests: n,
      recordsWritten: n,
      ms: Number.NaN,
      exitCode: 0
    };
    let baseSecond: RunStats = {
      requests: n,
      assignmentRequests: n,
      writeRequests: 0,
      recordsWritten: 0,
      ms: Number.NaN,
      exitCode: 0
    };
    if (runBaseline) {
      const b = await seededOrg();
      for (const username of usernames) b.org.addUser(username, { profileId: b.standardProfileId });
      const basic = b.packaged['ConnectorBasicUser']!;
      baseFirst = await baselineRun(b, usernames, basic);
      baseSecond = await baselineRun(b, usernames, basic);
      await b.org.stop();
    }
    for (const [label, stats] of [
      ['base 1st', baseFirst],
      ['base 2nd', baseSecond]
    ] as const) {
      const ms = Number.isNaN(stats.ms) ? 'not run' : stats.ms.toFixed(0);
      console.log(
        pad(
          [n, label, stats.requests, stats.assignmentRequests, '', stats.writeRequests, stats.recordsWritten, ms],
          widths
        )
      );
    }
    const ok =
      first.assignmentRequests <= bound &&
      second.assignmentRequests <= bound &&
      second.writeRequests === 0 &&
      second.recordsWritten === 0;
    summary.push(
      `N=${n}: assignments in ${first.assignmentRequests} request(s) (bound ${bound}) vs ${baseFirst.requests} baseline ` +
        `→ ${(baseFirst.requests / first.assignmentRequests).toFixed(1)}× fewer; second run ${second.writeRequests} write request(s), ` +
        `${second.recordsWritten} records written (baseline ${baseSecond.requests} requests); ` +
        `wall ${first.ms.toFixed(0)} ms for the whole provision` +
        (Number.isNaN(baseFirst.ms)
          ? ' (baseline not run: --full-baseline) '
          : ` vs ${baseFirst.ms.toFixed(0)} ms for baseline assignments alone (${(baseFirst.ms / first.ms).toFixed(1)}×) `) +
        (ok ? 'OK' : 'OVER TARGET')
    );
  }
  console.log('\n' + summary.join('\n'));
  if (summary.some((line) => line.endsWith('OVER TARGET'))) process.exitCode = 1;
}

await main();
