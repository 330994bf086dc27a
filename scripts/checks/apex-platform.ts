/**
 * Apex that the platform refuses at run time, in an org only (nothing here runs Apex):
 *  - the install and uninstall scripts (sfdx-project.json postInstallScript / uninstallScript) run as the package's
 *    own user: they call no package class declared with or inherited sharing (nor one without a declaration, which
 *    is with sharing), are `public without sharing` rather than global, throw nothing on purpose, write the install
 *    audit entry without throwing, and abort each job in its own try;
 *  - no DML on objects the platform makes query-only.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { walk } from './lib/files.ts';
import type { CheckResult, Issue } from './lib/issue.ts';
import { lineOf, scanSource } from './lib/source-scan.ts';
import { apexCronProblem } from '../lib/apex-cron.ts';

/**
 * Objects whose only supported calls are describeSObjects(), query() (and retrieve()): Object Reference pages
 * CronTrigger, AsyncApexJob and OauthToken ("Supported Calls"). Jobs change through System.schedule/abortJob,
 * tokens through Auth.OauthToken.revokeToken.
 */
export const QUERY_ONLY_OBJECTS: Record<string, string> = {
  crontrigger: 'CronTrigger: schedule with System.schedule and stop with System.abortJob',
  asyncapexjob: 'AsyncApexJob: enqueue with System.enqueueJob/Database.executeBatch and stop with System.abortJob',
  oauthtoken: 'OauthToken: revoke with Auth.OauthToken.revokeToken and its DeleteToken'
};

type Sharing = 'with' | 'without' | 'inherited' | 'none';

interface ApexClass {
  file: string;
  name: string;
  /** Source with comments and string contents blanked (same length, so indexes give lines). */
  code: string;
  sharing: Sharing;
  global: boolean;
  isTest: boolean;
  /** Index of the class keyword of the top-level declaration. */
  declaredAt: number;
}

const DML_WORDS = 'insert|update|upsert|delete|undelete|merge';
const DML_STATEMENT = new RegExp(`(?<=^|[;{}])()(\\s*)(${DML_WORDS})\\s+(?:as\\s+(?:user|system)\\s+)?([^;]+);`, 'gi');
const DATABASE_DML = new RegExp(`\\bDatabase\\s*\\.\\s*(${DML_WORDS})(?:Immediate|Async)?\\s*\\(`, 'gi');

function blankStrings(source: string): string {
  const { code, strings } = scanSource(source, 'apex');
  const chars = code.split('');
  for (const literal of strings) {
    for (let i = literal.start + 1; i <= literal.start + literal.text.length; i++) chars[i] = ' ';
  }
  return chars.join('');
}

export function readApexClass(file: string): ApexClass | undefined {
  const code = blankStrings(readFileSync(file, 'utf8'));
  const declaration =
    /((?:@\w+(?:\s*\([^)]*\))?\s*)*)((?:(?:public|global|private|virtual|abstract|with\s+sharing|without\s+sharing|inherited\s+sharing)\s+)*)class\s+(\w+)/i.exec(
      code
    );
  if (!declaration) return undefined;
  const modifiers = (declaration[2] ?? '').toLowerCase().replace(/\s+/g, ' ');
  const sharing: Sharing = modifiers.includes('without sharing')
    ? 'without'
    : modifiers.includes('inherited sharing')
      ? 'inherited'
      : modifiers.includes('with sharing')
        ? 'with'
        : 'none';
  return {
    file,
    name: declaration[3] ?? '',
    code,
    sharing,
    global: /\bglobal\b/.test(modifiers),
    isTest: /@istest\b/i.test(declaration[1] ?? ''),
    declaredAt: declaration.index + declaration[0].lastIndexOf('class')
  };
}

/** Index of the brace that closes the one opened at `open`. */
function closingBrace(code: string, open: number): number {
  let depth = 0;
  for (let i = open; i < code.length; i++) {
    if (code[i] === '{') depth++;
    else if (code[i] === '}' && --depth === 0) return i;
  }
  return code.length;
}

function insideTry(code: string, index: number): boolean {
  const tryBlock = /\btry\s*\{/gi;
  for (let m = tryBlock.exec(code); m && m.index < index; m = tryBlock.exec(code)) {
    const open = m.index + m[0].length - 1;
    if (closingBrace(code, open) > index) return true;
  }
  return false;
}

/** First argument of the call whose opening parenthesis is at `open`, and whether a second argument is `false`. */
function callArguments(code: string, open: number): { first: string; allOrNoneFalse: boolean } {
  let depth = 0;
  const args: string[] = [];
  let start = open + 1;
  for (let i = open; i < code.length; i++) {
    const c = code[i];
    if (c === '(' || c === '{' || c === '[') depth++;
    else if (c === ')' || c === '}' || c === ']') {
      depth--;
      if (depth === 0) {
        args.push(code.slice(start, i));
        break;
      }
    } else if (c === ',' && depth === 1) {
      args.push(code.slice(start, i));
      start = i + 1;
    }
  }
  return { first: args[0] ?? '', allOrNoneFalse: (args[1] ?? '').trim().toLowerCase() === 'false' };
}

/** Names of variables declared with one of the given SObject types (alone, in a List/Set, or as an array). */
function variablesOfType(code: string, types: string[]): Set<string> {
  const names = new Set<string>();
  const alternatives = types.join('|');
  const declared = new RegExp(
    `\\b(?:(?:List|Set)\\s*<\\s*(?:${alternatives})\\s*>|(?:${alternatives})(?:\\s*\\[\\s*\\])?)\\s+([A-Za-z_]\\w*)\\s*(?=[=;,):])`,
    'gi'
  );
  for (const m of code.matchAll(declared)) names.add((m[1] ?? '').toLowerCase());
  return names;
}

/** Whether a DML target expression is of one of the types: a typed variable, `new T(`, `new List<T>`, or a query FROM T. */
function targetsType(expression: string, types: string[], variables: Set<string>): boolean {
  const alternatives = types.join('|');
  if (new RegExp(`\\bnew\\s+(?:(?:List|Set)\\s*<\\s*)?(?:${alternatives})\\b`, 'i').test(expression)) return true;
  if (new RegExp(`\\bFROM\\s+(?:${alternatives})\\b`, 'i').test(expression)) return true;
  const first = /^\s*\(?\s*([A-Za-z_]\w*)/.exec(expression)?.[1]?.toLowerCase();
  return first !== undefined && variables.has(first);
}

interface Dml {
  index: number;
  kind: 'statement' | 'database';
  target: string;
  allOrNoneFalse: boolean;
}

function dmlOperations(code: string): Dml[] {
  const found: Dml[] = [];
  for (const m of code.matchAll(DML_STATEMENT)) {
    const index = (m.index ?? 0) + (m[1] ?? '').length + (m[2] ?? '').length;
    found.push({ index, kind: 'statement', target: m[4] ?? '', allOrNoneFalse: false });
  }
  for (const m of code.matchAll(DATABASE_DML)) {
    const open = (m.index ?? 0) + m[0].length - 1;
    const { first, allOrNoneFalse } = callArguments(code, open);
    found.push({ index: m.index ?? 0, kind: 'database', target: first, allOrNoneFalse });
  }
  return found.sort((a, b) => a.index - b.index);
}

interface ProjectJson {
  packageDirectories?: { path?: string; postInstallScript?: string; uninstallScript?: string }[];
}

function handlerIssues(root: string, classes: Map<string, ApexClass>): Issue[] {
  const issues: Issue[] = [];
  const project = JSON.parse(readFileSync(join(root, 'sfdx-project.json'), 'utf8')) as ProjectJson;
  for (const dir of project.packageDirectories ?? []) {
    for (const [key, handlerName] of [
      ['postInstallScript', dir.postInstallScript],
      ['uninstallScript', dir.uninstallScript]
    ] as const) {
      if (!handlerName) continue;
      const handler = classes.get(handlerName.toLowerCase());
      if (!handler) continue; // the packaging check reports a missing script class
      const at = (index: number) => lineOf(handler.code, index);
      const add = (index: number, message: string, fix: string) =>
        issues.push({ file: handler.file, line: at(index), message, fix });
      if (handler.global) {
        // platform-rule: package-handlers-public
        add(
          handler.declaredAt,
          `${key} ${handler.name} is global: any code in the org could call it outside an install (Code Analyzer AppExchange rule AvoidGlobalInstallUninstallHandlers, severity 1)`,
          `declare it \`public without sharing class ${handler.name}\` with public methods`
        );
      }
      if (handler.sharing !== 'without') {
        add(
          handler.declaredAt,
          `${key} ${handler.name} is ${handler.sharing === 'none' ? 'declared without a sharing keyword (so with sharing)' : `${handler.sharing} sharing`}; it runs as the package's own user`,
          `declare it \`public without sharing class ${handler.name}\` and say why system mode is needed`
        );
      }
      // platform-rule: install-handler-no-with-sharing
      const body = handler.code.slice(handler.declaredAt);
      const reported = new Set<string>();
      for (const m of body.matchAll(/(?<![.\w])([A-Za-z_]\w*)\b/g)) {
        const name = (m[1] ?? '').toLowerCase();
        const called = classes.get(name);
        if (!called || called === handler || called.isTest || called.sharing === 'without' || reported.has(name)) {
          continue;
        }
        reported.add(name);
        const mode =
          called.sharing === 'none' ? 'has no sharing keyword (so with sharing)' : `is ${called.sharing} sharing`;
        add(
          handler.declaredAt + (m.index ?? 0),
          `${key} ${handler.name} uses ${called.name}, which ${mode}: the platform may abort the ${key === 'postInstallScript' ? 'install' : 'uninstall'} (a post-install script can't call a package class that uses with or inherited sharing)`,
          `do that work inside ${handler.name} (without sharing, system mode) instead of calling ${called.name}`
        );
      }
      // platform-rule: install-script-failure-aborts / uninstall-script-failure-discards
      for (const m of body.matchAll(/\bthrow\b/gi)) {
        add(
          handler.declaredAt + (m.index ?? 0),
          `${key} ${handler.name} throws: a failing ${key === 'postInstallScript' ? 'install script aborts the install' : 'uninstall script has all its changes discarded'}`,
          'report the problem (audit entry, Admin Home) instead of throwing'
        );
      }
      if (key === 'postInstallScript') {
        // platform-rule: install-script-failure-aborts
        const events = variablesOfType(handler.code, ['ConnectorEvent__c']);
        for (const dml of dmlOperations(body)) {
          if (!targetsType(dml.target, ['ConnectorEvent__c'], events)) continue;
          if (dml.kind === 'database' && dml.allOrNoneFalse) continue;
          if (insideTry(body, dml.index)) continue;
          add(
            handler.declaredAt + dml.index,
            `${key} ${handler.name} writes its audit entry with a DML that throws on failure: a lost audit entry would abort the whole install`,
            'write it with Database.insert(entries, false, AccessLevel.SYSTEM_MODE) (allOrNone false reports instead of throwing)'
          );
        }
      } else {
        // platform-rule: uninstall-script-failure-discards
        for (const m of body.matchAll(/\bSystem\s*\.\s*abortJob\s*\(/gi)) {
          if (insideTry(body, m.index ?? 0)) continue;
          add(
            handler.declaredAt + (m.index ?? 0),
            `${key} ${handler.name} aborts a job outside a try: one failing abort (a job that just finished) would discard every other abort of the script`,
            'abort each job in its own try/catch and go on with the next one'
          );
        }
      }
    }
  }
  return issues;
}

function queryOnlyDmlIssues(classes: Iterable<ApexClass>): Issue[] {
  const issues: Issue[] = [];
  const types = Object.keys(QUERY_ONLY_OBJECTS);
  for (const apex of classes) {
    const variables = new Map(types.map((t) => [t, variablesOfType(apex.code, [t])]));
    for (const dml of dmlOperations(apex.code)) {
      const type = types.find((t) => targetsType(dml.target, [t], variables.get(t) ?? new Set()));
      if (!type) continue;
      // platform-rule: query-only-objects-no-dml
      issues.push({
        file: apex.file,
        line: lineOf(apex.code, dml.index),
        message: `DML on ${QUERY_ONLY_OBJECTS[type]?.split(':')[0]}, which the platform only lets you query (supported calls: describeSObjects, query)`,
        fix: QUERY_ONLY_OBJECTS[type]?.split(': ')[1] ?? 'use the platform method for it'
      });
    }
  }
  return issues;
}

/**
 * Cron expressions the package hands to System.schedule: the job definitions' CronExpression__c values and the
 * literals in Apex (tests included). platform-rule: apex-scheduler-cron
 */
function cronIssues(dir: string, classes: Iterable<ApexClass>): Issue[] {
  const issues: Issue[] = [];
  const cronValue = /<field>CronExpression__c<\/field>\s*<value[^>]*>([^<]*)<\/value>/g;
  for (const file of walk(dir, (path) => path.endsWith('.md-meta.xml'))) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(cronValue)) {
      const problem = apexCronProblem(match[1] ?? '');
      if (problem) {
        issues.push({
          file,
          line: text.slice(0, match.index).split('\n').length,
          message: `CronExpression__c: ${problem}, so System.schedule refuses it`,
          fix: 'write it as Seconds Minutes Hours Day_of_month Month Day_of_week [Year], e.g. 0 0 2 * * ?'
        });
      }
    }
  }
  for (const apex of classes) {
    const source = readFileSync(apex.file, 'utf8');
    for (const match of source.matchAll(/System\.schedule\s*\(\s*[^,]+,\s*'([^']*)'/g)) {
      const problem = apexCronProblem(match[1] ?? '');
      if (problem) {
        issues.push({
          file: apex.file,
          line: source.slice(0, match.index).split('\n').length,
          message: `System.schedule: ${problem}`,
          fix: 'write it as Seconds Minutes Hours Day_of_month Month Day_of_week [Year], e.g. 0 0 2 * * ?'
        });
      }
    }
  }
  return issues;
}

/**
 * Apex tests see the org's custom metadata records (they are metadata, not data silo'd), so a test that queries
 * them depends on the org it runs in: tests stub the selector instead. platform-rule: test-isolation-metadata-visible
 */
function metadataInTestsIssues(classes: Iterable<ApexClass>): Issue[] {
  const issues: Issue[] = [];
  for (const apex of classes) {
    if (!apex.isTest) continue;
    for (const match of apex.code.matchAll(/\bFROM\s+(\w+__mdt)\b|\b(\w+__mdt)\s*\.\s*(?:getAll|getInstance)\s*\(/gi)) {
      issues.push({
        file: apex.file,
        line: lineOf(apex.code, match.index),
        message: `test ${apex.name} reads ${match[1] ?? match[2]} from the org, whose records differ in every org the test runs in`,
        fix: 'build the records in the test and hand them to a stubbed selector (see ConnectorConfigSelector)'
      });
    }
  }
  return issues;
}

export function checkApexPlatform(root: string, sourceDir = 'force-app'): CheckResult {
  const classes = new Map<string, ApexClass>();
  const dir = join(root, sourceDir);
  if (!existsSync(dir)) return { name: 'apex platform', issues: [], checked: 'no source' };
  for (const file of walk(dir, (path) => path.endsWith('.cls'))) {
    const apex = readApexClass(file);
    if (apex) classes.set(apex.name.toLowerCase(), apex);
  }
  const issues = [
    ...handlerIssues(root, classes),
    ...queryOnlyDmlIssues(classes.values()),
    ...cronIssues(dir, classes.values()),
    ...metadataInTestsIssues(classes.values())
  ];
  return { name: 'apex platform', issues, checked: `${classes.size} classes` };
}
