import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { apexCronProblem } from './apex-cron.ts';
import { readJobDefinitions } from './metadata-records.ts';

const PACKAGE_DIR = fileURLToPath(new URL('../../force-app', import.meta.url));
const FIXTURE_DIR = fileURLToPath(new URL('../testing/fixtures/project/force-app', import.meta.url));

describe('apex cron expressions (Apex Scheduler syntax)', () => {
  it('accepts the documented six- and seven-field forms', () => {
    for (const cron of [
      '0 0 3 * * ?',
      '20 30 8 10 2 ?',
      '0 0 2 ? * MON-FRI',
      '0 0 1 L * ?',
      '0 0 9 ? * 2#1 2030',
      '0 0 0 1/5 JAN,MAR ?'
    ]) {
      assert.equal(apexCronProblem(cron), undefined, cron);
    }
  });

  it('refuses the five-field Unix form, special characters in the time fields and values out of range', () => {
    assert.match(apexCronProblem('0 3 * * *') ?? '', /has 5 fields; Apex needs 6 or 7/);
    assert.match(apexCronProblem('0 */15 * * * ?') ?? '', /Minutes "\*\/15" must be a number from 0 to 59/);
    assert.match(
      apexCronProblem('0 0 24 * * ?') ?? '',
      /Hours "24" must be a number from 0 to 23|Hours "24" is out of range/
    );
    assert.match(apexCronProblem('0 0 3 32 * ?') ?? '', /Day_of_month "32" is out of range 1–31/);
    assert.match(apexCronProblem('0 0 3 ? * FUNDAY') ?? '', /not a value of this field/);
    assert.match(apexCronProblem('0 0 3 * * ? 1969') ?? '', /Optional_year "1969" is out of range/);
  });

  it('passes every job definition of the package and of the CLI test fixture project', () => {
    for (const dir of [PACKAGE_DIR, FIXTURE_DIR]) {
      const definitions = readJobDefinitions(dir);
      assert.ok(definitions.length > 0, `job definitions in ${dir}`);
      for (const d of definitions)
        assert.equal(apexCronProblem(d.cronExpression), undefined, `${dir}: ${d.developerName}`);
    }
  });
});
