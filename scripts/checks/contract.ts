import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { type ContractTypes, loadContractTypes, resolve, type Shape, validateValue } from '../lib/contract-types.ts';
import { walk } from './lib/files.ts';
import type { CheckResult, Issue } from './lib/issue.ts';

/**
 * The contract in one place (DESIGN §5): Apex DTO classes (`*Dtos.cls`), `scripts/contract/types.ts` and
 * the JSON fixtures must agree, or the LWC tests and the preview would pass on data Apex never sends.
 * - every inner class of a *Dtos.cls has an interface of the same name with the same properties and
 *   compatible types (String/Id/Date/Datetime ↔ string, Integer/Decimal/Long/Double ↔ number, …);
 * - every fixture `<type>.json` (or `<type>.<variant>.json`) is a valid value of that interface.
 * types.ts is read, and fixtures validated, by scripts/lib/contract-types.ts, as the preview's tests do.
 */
interface ApexField {
  name: string;
  type: string;
  line: number;
  auraEnabled: boolean;
}

/** Inner classes of a DTO file and their public fields. */
export function apexDtoClasses(source: string): Map<string, { line: number; fields: ApexField[] }> {
  const classes = new Map<string, { line: number; fields: ApexField[] }>();
  const lineAt = (i: number) => source.slice(0, i).split('\n').length;
  const header =
    /\b(?:public|global)\s+(?:(?:with|without|inherited)\s+sharing\s+)?(?:virtual\s+|abstract\s+)?class\s+(\w+)[^{]*\{/gi;
  const matches = [...source.matchAll(header)];
  for (const m of matches.slice(1)) {
    // the first match is the file's outer class, which only groups the DTOs
    let depth = 1;
    let i = (m.index ?? 0) + m[0].length;
    const start = i;
    while (i < source.length && depth > 0) {
      if (source[i] === '{') depth++;
      else if (source[i] === '}') depth--;
      i++;
    }
    const body = source.slice(start, i - 1);
    const fields: ApexField[] = [];
    let depthInBody = 0;
    let offset = 0;
    let previous = '';
    for (const line of body.split('\n')) {
      const field =
        depthInBody === 0
          ? /^\s*(@AuraEnabled\b[^p]*)?public\s+(?!static\b)([\w<>,.\s]+?)\s+(\w+)\s*(?:=[^;]*)?;/i.exec(line)
          : null;
      if (field)
        fields.push({
          type: (field[2] ?? '').replace(/\s+/g, ''),
          name: field[3] ?? '',
          line: lineAt(start + offset),
          auraEnabled: Boolean(field[1]) || /^\s*@AuraEnabled\b/i.test(previous)
        });
      if (line.trim()) previous = line;
      for (const c of line) depthInBody += c === '{' ? 1 : c === '}' ? -1 : 0;
      offset += line.length + 1;
    }
    classes.set(m[1] ?? '', { line: lineAt(m.index ?? 0), fields });
  }
  return classes;
}

const APEX_TO_TS: Record<string, string> = {
  string: 'string',
  id: 'string',
  date: 'string',
  datetime: 'string',
  time: 'string',
  integer: 'number',
  long: 'number',
  decimal: 'number',
  double: 'number',
  boolean: 'boolean'
};

function compatible(apexType: string, shape: Shape, types: ContractTypes): boolean {
  const list = /^(?:List|Set)<(.+)>$/i.exec(apexType);
  const s = resolve(shape, types);
  if (s.kind === 'union')
    return s.of
      .filter((o) => {
        const member = resolve(o, types);
        return !(member.kind === 'literal' && member.value === null);
      })
      .some((o) => compatible(apexType, o, types));
  if (list) return s.kind === 'array' && compatible(list[1] ?? '', s.of, types);
  if (/^Map</i.test(apexType) || /^Object$/i.test(apexType)) return true;
  const primitive = APEX_TO_TS[apexType.toLowerCase()];
  if (primitive) return s.kind === primitive || (s.kind === 'literal' && typeof s.value === primitive);
  const inner = apexType.split('.').pop() ?? apexType;
  return (shape.kind === 'ref' && shape.name === inner) || s.kind === 'object' || s.kind === 'unknown';
}

export function checkContract(projectDir: string): CheckResult {
  const typesFile = join(projectDir, 'scripts', 'contract', 'types.ts');
  const types = loadContractTypes(typesFile);
  const issues: Issue[] = [];
  const dtoFiles = walk(join(projectDir, 'force-app'), (p) => /Dtos\.cls$/.test(p));
  let classCount = 0;
  for (const file of dtoFiles) {
    for (const [name, cls] of apexDtoClasses(readFileSync(file, 'utf8'))) {
      classCount++;
      const shape = types.types.get(name);
      if (!shape || shape.kind !== 'object') {
        issues.push({
          file,
          line: cls.line,
          message: `DTO ${name} has no interface ${name} in scripts/contract/types.ts`,
          fix: `add interface ${name} to types.ts with the same properties`
        });
        continue;
      }
      const apexNames = new Set(cls.fields.map((f) => f.name));
      for (const field of cls.fields) {
        const prop = shape.props.get(field.name);
        if (!field.auraEnabled) {
          issues.push({
            file,
            line: field.line,
            message: `${name}.${field.name} lacks @AuraEnabled, so it never reaches the LWC`,
            fix: 'put @AuraEnabled on the line above the field'
          });
        }
        if (!prop) {
          issues.push({
            file,
            line: field.line,
            message: `${name}.${field.name} is not in interface ${name}`,
            fix: `add ${field.name} to ${name} in types.ts (or rename the field)`
          });
        } else if (!compatible(field.type, prop.shape, types)) {
          issues.push({
            file,
            line: field.line,
            message: `${name}.${field.name} is ${field.type} in Apex but another type in types.ts`,
            fix: 'make the Apex and TypeScript types agree'
          });
        }
      }
      for (const prop of shape.props.keys()) {
        if (!apexNames.has(prop)) {
          issues.push({
            file,
            line: cls.line,
            message: `interface ${name}.${prop} has no field in Apex DTO ${name}`,
            fix: `add public ${prop} to ${name} (with @AuraEnabled) or remove it from types.ts`
          });
        }
      }
    }
  }
  const fixtureDir = join(projectDir, 'scripts', 'contract', 'fixtures');
  const fixtures = readdirSync(fixtureDir).filter((f) => f.endsWith('.json'));
  for (const name of fixtures) {
    const file = join(fixtureDir, name);
    const base = basename(name, '.json').split('.')[0] ?? '';
    const typeName = base.charAt(0).toUpperCase() + base.slice(1);
    if (!types.types.has(typeName)) {
      issues.push({
        file,
        line: 1,
        message: `fixture ${name} names no contract type ${typeName}`,
        fix: 'name fixtures <typeName>.json or <typeName>.<variant>.json'
      });
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      issues.push({ file, line: 1, message: `not valid JSON: ${(error as Error).message}`, fix: 'repair the JSON' });
      continue;
    }
    for (const error of validateValue(value, typeName, types).slice(0, 20)) {
      issues.push({
        file,
        line: 1,
        message: `does not match ${typeName}: ${error}`,
        fix: 'make the fixture follow scripts/contract/types.ts'
      });
    }
  }
  return { name: 'contract', issues, checked: `${classCount} DTO classes, ${fixtures.length} fixtures` };
}
