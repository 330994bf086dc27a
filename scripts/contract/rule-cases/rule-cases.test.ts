/**
 * Every rule case of every table against the TypeScript services (through run-ts.ts), and the proof that the
 * Apex runs the same cases: the static resource equals the tables, each table has its Apex test class, and the
 * resource sits in a directory that sfdx-project.json keeps out of the package.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { apexTestsDir, bundleText, readTables, resourceFile, unpackagedDir } from './bundle.ts';
import { runCsmCase, runJobsCase, runStatusCase, warningText } from './run-ts.ts';

const root = resolve(import.meta.dirname, '..', '..', '..');
const tables = readTables();

/** The case-safe suffix Salesforce appends to a 15-character id. */
function id18(id15: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
  let suffix = '';
  for (let block = 0; block < 3; block++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charAt(block * 5 + i);
      if (c >= 'A' && c <= 'Z') bits += 1 << i;
    }
    suffix += alphabet.charAt(bits);
  }
  return id15 + suffix;
}

describe('rule cases: connector status (ConnectorStatusService)', () => {
  for (const c of tables['connector-status'].cases) {
    test(c.name, () => {
      assert.deepEqual(runStatusCase(c.given), c.expect, `connector-status case "${c.name}"`);
    });
  }
});

describe('rule cases: scheduled jobs (ScheduledJobService)', () => {
  for (const c of tables['scheduled-jobs'].cases) {
    test(c.name, () => {
      const expected = c.expect.jobs.map((job) => ({ ...job, warning: warningText(job.warning) }));
      assert.deepEqual(runJobsCase(c.given), expected, `scheduled-jobs case "${c.name}"`);
    });
  }
});

describe('rule cases: CSM sync (CsmSyncRules)', () => {
  for (const c of tables['csm-sync'].cases) {
    test(c.name, () => {
      assert.deepEqual(runCsmCase(c.given), c.expect, `csm-sync case "${c.name}"`);
    });
  }
});

describe('rule cases: the tables themselves', () => {
  test('each table names itself by its file, and its case names are unique', () => {
    for (const [key, table] of Object.entries(tables)) {
      assert.equal(table.table, key, `${key}.json says "table": "${table.table}"`);
      const names = table.cases.map((c: { name: string }) => c.name);
      assert.deepEqual(
        names.filter((n: string, i: number) => names.indexOf(n) !== i),
        [],
        `${key}.json repeats case names`
      );
      assert.ok(names.length >= 5, `${key}.json has fewer than 5 cases`);
    }
  });

  test('every id in the tables is an 18-character Salesforce id with its right suffix', () => {
    const text = readdirSync(import.meta.dirname)
      .filter((name) => name.endsWith('.json'))
      .map((name) => readFileSync(join(import.meta.dirname, name), 'utf8'))
      .join('\n');
    const ids = [...text.matchAll(/"(0[0-9a-zA-Z]{2}[0-9a-zA-Z]{12,15})"/g)].map((m) => m[1] ?? '');
    assert.ok(ids.length > 0);
    for (const id of ids) {
      // A 15-character id is a case of its own (an id as admins paste it); Apex takes both.
      if (id.length === 15) continue;
      assert.equal(id, id18(id.slice(0, 15)), `id ${id} has the wrong case-safe suffix`);
    }
  });
});

describe('rule cases: the Apex runs the same tables', () => {
  test('the RuleCases static resource is the tables (regenerate with bundle.ts)', async () => {
    const resource = JSON.parse(readFileSync(resourceFile, 'utf8')) as unknown;
    assert.deepEqual(
      resource,
      tables,
      `${relative(root, resourceFile)} differs from scripts/contract/rule-cases/*.json: run node --import tsx scripts/contract/rule-cases/bundle.ts`
    );
    assert.equal(readFileSync(resourceFile, 'utf8'), await bundleText());
  });

  test('each table has an Apex test class that loads it from the static resource', () => {
    const classes = readdirSync(apexTestsDir).filter((name) => name.endsWith('Cases_Tests.cls'));
    for (const key of Object.keys(tables)) {
      const runner = classes.find((name) => {
        const source = readFileSync(join(apexTestsDir, name), 'utf8');
        return source.includes('RuleCases.table(') && source.includes(`'${key}'`);
      });
      assert.ok(runner, `no *Cases_Tests.cls in ${relative(root, apexTestsDir)} runs the table ${key}`);
      assert.ok(existsSync(join(apexTestsDir, `${runner}-meta.xml`)), `${runner} has no -meta.xml`);
    }
  });

  // platform-rule: unpackaged-metadata-test-only — test-only metadata stays out of the package and subscriber orgs.
  test('the static resource and its tests are in an unpackaged directory of sfdx-project.json', () => {
    const project = JSON.parse(readFileSync(join(root, 'sfdx-project.json'), 'utf8')) as {
      packageDirectories: { path: string; package?: string; unpackagedMetadata?: { path: string } }[];
    };
    const dir = relative(root, unpackagedDir);
    const packaged = project.packageDirectories.filter((d) => d.package);
    assert.ok(
      packaged.some((d) => d.unpackagedMetadata?.path === dir),
      `no packaged directory names ${dir} as its unpackagedMetadata path`
    );
    assert.ok(
      project.packageDirectories.some((d) => d.path === dir && !d.package),
      `${dir} is not listed as a package directory of its own (without "package")`
    );
    for (const d of packaged) {
      assert.ok(!`${dir}/`.startsWith(`${d.path}/`), `${dir} is inside the packaged directory ${d.path}`);
    }
  });
});
