import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkApexLs } from './apex-ls.ts';
import type { CheckResult, Issue } from './lib/issue.ts';
import { walk } from './lib/files.ts';

/**
 * apex-ls checks fields used in Apex expressions but not the field names inside static SOQL, the most
 * common cause of a failed deploy. This check turns every field a query names (select list, WHERE,
 * ORDER BY) into an expression in a generated probe class, runs apex-ls on a copy of the project with
 * the probe, and maps any unknown field back to the query's file and line.
 */
interface FieldUse {
  object: string;
  path: string;
  file: string;
  line: number;
}

const OPERATOR = /^(?:=|!=|<>|<=|>=|<|>|LIKE\b|IN\b|NOT\s+IN\b|INCLUDES\b|EXCLUDES\b)/i;
const KEYWORDS = new Set([
  'AND',
  'OR',
  'NOT',
  'NULL',
  'TRUE',
  'FALSE',
  'WITH',
  'USER_MODE',
  'SYSTEM_MODE',
  'SECURITY_ENFORCED',
  'LIMIT',
  'OFFSET',
  'ASC',
  'DESC',
  'NULLS',
  'FIRST',
  'LAST',
  'FOR',
  'UPDATE',
  'VIEW',
  'REFERENCE',
  'ALL',
  'ROWS',
  'GROUP',
  'BY',
  'ORDER',
  'HAVING',
  'WHERE',
  // SELECT COUNT() FROM …: the aggregate, not a field (its parentheses are flattened away).
  'COUNT'
]);

/** Replaces nested parentheses and string literals with spaces so top-level clauses can be split. */
function flatten(text: string): string {
  let depth = 0;
  let out = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (c === "'" && text[i - 1] !== '\\') quoted = !quoted;
    if (!quoted && c === '(') depth++;
    out += quoted || depth > 0 || c === "'" ? (c === '\n' ? '\n' : ' ') : c;
    if (!quoted && c === ')') depth = Math.max(0, depth - 1);
  }
  return out;
}

function queriesIn(source: string): { text: string; offset: number }[] {
  const found: { text: string; offset: number }[] = [];
  const start = /\[\s*SELECT\b/gi;
  for (const m of source.matchAll(start)) {
    const begin = m.index ?? 0;
    let depth = 0;
    for (let i = begin; i < source.length; i++) {
      if (source[i] === '[') depth++;
      else if (source[i] === ']' && --depth === 0) {
        found.push({ text: source.slice(begin + 1, i), offset: begin + 1 });
        break;
      }
    }
  }
  return found;
}

export function fieldUses(file: string, source: string): FieldUse[] {
  const uses: FieldUse[] = [];
  const lineAt = (offset: number) => source.slice(0, offset).split('\n').length;
  for (const query of queriesIn(source)) {
    const flat = flatten(query.text);
    const from = /\bFROM\s+(\w+)/i.exec(flat);
    if (!from) continue;
    const object = from[1] ?? '';
    const add = (path: string, at: number) => {
      if (!/^[A-Za-z_][\w.]*$/.test(path) || KEYWORDS.has(path.toUpperCase())) return;
      uses.push({ object, path, file, line: lineAt(query.offset + at) });
    };
    const selectList = flat.slice(flat.search(/\bSELECT\b/i) + 6, from.index);
    let cursor = flat.search(/\bSELECT\b/i) + 6;
    for (const item of selectList.split(',')) {
      const trimmed = item.trim();
      if (trimmed && !/\s/.test(trimmed)) add(trimmed, cursor + item.indexOf(trimmed));
      cursor += item.length + 1;
    }
    const rest = flat.slice(from.index + from[0].length);
    const restOffset = from.index + from[0].length;
    for (const m of rest.matchAll(
      /(?<![:\w.])([A-Za-z_][\w.]*)\s*(?==|!=|<>|<=|>=|<|>|\bLIKE\b|\bIN\b|\bNOT\s+IN\b|\bINCLUDES\b|\bEXCLUDES\b)/gi
    )) {
      const after = rest.slice((m.index ?? 0) + (m[0] ?? '').length);
      if (OPERATOR.test(after.trimStart()) || OPERATOR.test(after)) add(m[1] ?? '', restOffset + (m.index ?? 0));
    }
    const orderBy = /\bORDER\s+BY\s+([\s\S]*?)(?=\bLIMIT\b|\bOFFSET\b|\bFOR\b|\bWITH\b|$)/i.exec(rest);
    if (orderBy) {
      for (const item of (orderBy[1] ?? '').split(',')) {
        const name = item.trim().split(/\s+/)[0] ?? '';
        add(name, restOffset + (orderBy.index ?? 0));
      }
    }
  }
  return uses;
}

export function checkSoqlFields(projectDir: string, packageDir = 'force-app'): CheckResult {
  const classes = walk(join(projectDir, packageDir), (p) => p.endsWith('.cls'));
  const uses = classes.flatMap((file) => fieldUses(file, readFileSync(file, 'utf8')));
  if (uses.length === 0) return { name: 'SOQL fields', issues: [], checked: '0 query fields' };

  const lines = ['@IsTest', 'private class ZzSoqlFieldProbe {'];
  const byLine = new Map<number, FieldUse>();
  uses.forEach((use, i) => {
    byLine.set(lines.length + 1, use);
    lines.push(`    static Object probe${i}(${use.object} r) { return r.${use.path}; }`);
  });
  lines.push('}');

  const copy = mkdtempSync(join(tmpdir(), 'soql-probe-'));
  try {
    cpSync(join(projectDir, packageDir), join(copy, packageDir), { recursive: true });
    for (const file of ['sfdx-project.json', '.forceignore']) {
      if (existsSync(join(projectDir, file))) cpSync(join(projectDir, file), join(copy, file));
    }
    const probe = join(copy, packageDir, 'main', 'default', 'classes', 'ZzSoqlFieldProbe.cls');
    writeFileSync(probe, lines.join('\n') + '\n');
    writeFileSync(
      `${probe}-meta.xml`,
      '<?xml version="1.0" encoding="UTF-8"?>\n<ApexClass xmlns="http://soap.sforce.com/2006/04/metadata">\n    <apiVersion>65.0</apiVersion>\n    <status>Active</status>\n</ApexClass>\n'
    );
    const issues: Issue[] = [];
    for (const issue of checkApexLs(copy).issues) {
      const use = issue.file.endsWith('ZzSoqlFieldProbe.cls') ? byLine.get(issue.line) : undefined;
      if (!use) continue; // issues elsewhere belong to the apex-ls check
      issues.push({
        file: use.file,
        line: use.line,
        message: `SOQL on ${use.object} names ${use.path}: ${issue.message.replace(/^\w+: /, '')}`,
        fix: `use a field that exists on ${use.object} (create it in force-app or correct the spelling)`
      });
    }
    return { name: 'SOQL fields', issues, checked: `${uses.length} query fields in ${classes.length} classes` };
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}
