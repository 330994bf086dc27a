/**
 * The platform-rules register (`scripts/contract/platform-rules/<id>.json`): every Salesforce behaviour the package,
 * the CLI or the in-memory orgs rely on, with the document that promises it, the code that obeys it (each file
 * carries a `platform-rule: <id>` comment) and a test that fails when the rule is broken.
 * One file per rule so that a rule is found by the id cited in the code.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { CheckResult, Issue } from './lib/issue.ts';
import { walk } from './lib/files.ts';

export const RULES_DIR = 'scripts/contract/platform-rules';
/** Hosts of Salesforce's own documentation: a rule's source must be one of them. */
const DOC_HOSTS =
  /^https:\/\/(developer\.salesforce\.com|help\.salesforce\.com|resources\.docs\.salesforce\.com|architect\.salesforce\.com)\//;
const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const CITATION = /platform-rule: ([a-z0-9-]+)/g;
/** Tests that run in `npm test` here; Apex tests (`.cls`) run only in a scratch org. */
const RUNNABLE_TEST = /\.test\.(ts|js)$/;

export interface PlatformRule {
  id: string;
  statement: string;
  source: { title: string; url: string };
  /** Files that obey the rule; each cites it with a `platform-rule: <id>` comment. */
  code: string[];
  /** "path: test name" of tests that fail when the rule is broken. */
  tests: string[];
}

export function readRules(root: string): { file: string; rule: Partial<PlatformRule> }[] {
  const dir = join(root, RULES_DIR);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const file = join(dir, name);
      return { file, rule: JSON.parse(readFileSync(file, 'utf8')) as Partial<PlatformRule> };
    });
}

const SCANNED = /\.(cls|trigger|ts|js|xml)$/;
function citations(root: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const top of ['force-app', 'config/unpackaged', 'scripts', 'preview', '.ci', '.github']) {
    for (const file of walk(
      join(root, top),
      (path) => SCANNED.test(path) && !path.includes(RULES_DIR) && !path.includes('checks/platform-rules')
    )) {
      for (const match of readFileSync(file, 'utf8').matchAll(CITATION)) {
        const id = match[1]!;
        found.set(id, [...(found.get(id) ?? []), relative(root, file)]);
      }
    }
  }
  return found;
}

export function checkPlatformRules(root: string): CheckResult {
  const issues: Issue[] = [];
  const rules = readRules(root);
  const cited = citations(root);
  const add = (file: string, message: string, fix: string) => issues.push({ file, line: 1, message, fix });
  for (const { file, rule } of rules) {
    const name = file.slice(file.lastIndexOf('/') + 1, -'.json'.length);
    if (rule.id !== name || !ID.test(name)) {
      add(
        file,
        `rule id "${rule.id}" must equal the file name "${name}" (lower-case words joined by -)`,
        'rename the file or the id'
      );
      continue;
    }
    if (!rule.statement?.trim()) add(file, `${name}: no statement`, 'say in one sentence what the platform does');
    if (!rule.source?.title?.trim() || !rule.source.url || !DOC_HOSTS.test(rule.source.url)) {
      add(
        file,
        `${name}: no source (a Salesforce document's title and its https URL)`,
        'read the page with the search tool (corpus docs) and give its title and URL'
      );
    }
    const code = rule.code ?? [];
    if (code.length === 0) add(file, `${name}: no code obeys it`, 'name the files that depend on the rule');
    for (const path of code) {
      const full = join(root, path);
      if (!existsSync(full)) add(file, `${name}: code file ${path} does not exist`, 'fix the path');
      else if (!readFileSync(full, 'utf8').includes(`platform-rule: ${name}`)) {
        add(
          file,
          `${name}: ${path} does not cite the rule`,
          `add a comment "platform-rule: ${name}" where the code depends on it`
        );
      }
    }
    const tests = rule.tests ?? [];
    let runnable = 0;
    for (const ref of tests) {
      const colon = ref.indexOf(': ');
      const path = colon > 0 ? ref.slice(0, colon) : ref;
      const testName = colon > 0 ? ref.slice(colon + 2) : '';
      const full = join(root, path);
      if (!testName) add(file, `${name}: test "${ref}" has no test name`, 'write "path: test name"');
      else if (!existsSync(full)) add(file, `${name}: test file ${path} does not exist`, 'fix the path');
      else if (!readFileSync(full, 'utf8').includes(testName)) {
        add(file, `${name}: ${path} has no test "${testName}"`, 'name a test that exists');
      } else if (RUNNABLE_TEST.test(path)) runnable++;
    }
    if (runnable === 0) {
      add(
        file,
        `${name}: no test here fails when the rule is broken`,
        'add a test that runs in npm test (the in-memory org refusing, or a static check) and list it as "path: test name"'
      );
    }
  }
  const known = new Set(rules.map(({ rule }) => rule.id));
  for (const [id, files] of cited) {
    if (!known.has(id)) {
      add(join(root, files[0]!), `cites platform-rule: ${id}, which the register lacks`, `add ${RULES_DIR}/${id}.json`);
    }
  }
  return { name: 'platform rules', issues, checked: `${rules.length} rules` };
}
