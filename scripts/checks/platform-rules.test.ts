import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { checkPlatformRules, RULES_DIR, type PlatformRule } from './platform-rules.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const dirs: string[] = [];
after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const RULE: PlatformRule = {
  id: 'sample-rule',
  statement: 'The platform refuses X.',
  source: { title: 'Object Reference: X', url: 'https://developer.salesforce.com/docs/x' },
  code: ['force-app/main/default/classes/X.cls'],
  tests: ['scripts/x.test.ts: refuses X']
};
const CODE = {
  'force-app/main/default/classes/X.cls': '// platform-rule: sample-rule\n',
  'scripts/x.test.ts': "it('refuses X')"
};

function project(rule: Partial<PlatformRule>, files: Record<string, string> = CODE): string {
  const dir = mkdtempSync(join(tmpdir(), 'rules-'));
  dirs.push(dir);
  const all = { ...files, [`${RULES_DIR}/${rule.id ?? 'sample-rule'}.json`]: JSON.stringify(rule) };
  for (const [file, text] of Object.entries(all)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}
const messages = (dir: string) => checkPlatformRules(dir).issues.map((i) => i.message);

describe('platform-rules check', () => {
  it('passes the project itself', () => {
    assert.deepEqual(checkPlatformRules(ROOT).issues, []);
  });
  it('passes a sourced, cited and tested rule', () => {
    assert.deepEqual(messages(project(RULE)), []);
  });
  it('fails on a rule without a source', () => {
    assert.match(messages(project({ ...RULE, source: { title: '', url: '' } })).join('\n'), /no source/);
    assert.match(
      messages(project({ ...RULE, source: { title: 'A blog', url: 'https://example.com/x' } })).join('\n'),
      /no source/
    );
  });
  it('fails on a rule without a test that runs here', () => {
    assert.match(messages(project({ ...RULE, tests: [] })).join('\n'), /no test here/);
    assert.match(
      messages(project({ ...RULE, tests: ['scripts/x.test.ts: accepts Y'] })).join('\n'),
      /has no test "accepts Y"/
    );
    const apexOnly = { ...CODE, 'force-app/main/default/classes/X_Tests.cls': 'it_should_refuse_x' };
    const dir = project(
      { ...RULE, tests: ['force-app/main/default/classes/X_Tests.cls: it_should_refuse_x'] },
      apexOnly
    );
    assert.match(messages(dir).join('\n'), /no test here/);
  });
  it('fails when the code does not cite the rule, and on a citation the register lacks', () => {
    const uncited = { ...CODE, 'force-app/main/default/classes/X.cls': '// no citation\n' };
    assert.match(messages(project(RULE, uncited)).join('\n'), /does not cite the rule/);
    const stray = { ...CODE, 'scripts/y.ts': '// platform-rule: unknown-rule\n' };
    assert.match(messages(project(RULE, stray)).join('\n'), /which the register lacks/);
  });
});
