import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckResult, Issue } from './lib/issue.ts';
import { walk } from './lib/files.ts';
import { loadMetadataSchema, type FieldSpec, type MetadataSchema } from './lib/metadata-schema.ts';
import { parseXml, XmlSyntaxError, type XmlElement } from './lib/xml.ts';

const METADATA_NAMESPACE = 'http://soap.sforce.com/2006/04/metadata';
/** String-typed elements whose content is free-form XML by design. */
const FREE_FORM = new Set(['LightningComponentBundle.targetConfigs']);
/** CustomMetadata record values: the xsi:type values the Metadata API accepts. */
const CMT_VALUE_TYPES = new Set([
  'xsd:string',
  'xsd:boolean',
  'xsd:double',
  'xsd:int',
  'xsd:long',
  'xsd:date',
  'xsd:dateTime',
  'xsd:time'
]);

function closest(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  for (const candidate of candidates) {
    const score = distance(name.toLowerCase(), candidate.toLowerCase());
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return bestScore <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

/** Levenshtein distance: how many single-character edits turn a into b (for "did you mean"). */
export function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] ?? 0;
      row[j] = Math.min((row[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length] ?? 0;
}

function validateElement(
  element: XmlElement,
  typeName: string,
  path: string,
  schema: MetadataSchema,
  file: string,
  issues: Issue[]
): void {
  const fields = schema.objects.get(typeName);
  if (!fields) return;
  const seen = new Map<string, number>();
  for (const child of element.children) {
    const spec = fields.get(child.name);
    if (!spec) {
      const suggestion = closest(child.name, fields.keys());
      issues.push({
        file,
        line: child.line,
        message: `<${child.name}> is not an element of ${typeName} (in ${path})`,
        fix: suggestion
          ? `did you mean <${suggestion}>? (Metadata API type ${typeName})`
          : `remove it; ${typeName} allows: ${[...fields.keys()].filter((k) => k !== 'fullName').join(', ')}`
      });
      continue;
    }
    seen.set(child.name, (seen.get(child.name) ?? 0) + 1);
    if (!spec.array && (seen.get(child.name) ?? 0) === 2) {
      issues.push({
        file,
        line: child.line,
        message: `<${child.name}> appears more than once in ${typeName}, which allows one`,
        fix: `keep a single <${child.name}>`
      });
    }
    validateValue(child, spec, `${typeName}.${child.name}`, schema, file, issues);
  }
  for (const [name, spec] of fields) {
    if (spec.optional || spec.array || seen.has(name)) continue;
    issues.push({
      file,
      line: element.line,
      message: `${typeName} requires <${name}> (in ${path})`,
      fix: `add <${name}> to <${element.name}>`
    });
  }
}

function validateValue(
  element: XmlElement,
  spec: FieldSpec,
  path: string,
  schema: MetadataSchema,
  file: string,
  issues: Issue[]
): void {
  const text = element.text.trim();
  const { type } = spec;
  if (type.kind === 'primitive') {
    if (type.name === 'any') return;
    if (element.children.length && !FREE_FORM.has(path)) {
      issues.push({
        file,
        line: element.line,
        message: `<${element.name}> holds a ${type.name} in ${path}, not nested elements`,
        fix: `put a plain ${type.name} value in <${element.name}>`
      });
      return;
    }
    if (type.name === 'boolean' && text !== 'true' && text !== 'false') {
      issues.push({
        file,
        line: element.line,
        message: `<${element.name}> must be true or false, found "${text}"`,
        fix: 'write true or false'
      });
    }
    if (type.name === 'number' && (text === '' || Number.isNaN(Number(text)))) {
      issues.push({
        file,
        line: element.line,
        message: `<${element.name}> must be a number, found "${text}"`,
        fix: 'write a number'
      });
    }
    return;
  }
  const allowed = schema.enums.get(type.name);
  if (allowed) {
    if (!allowed.has(text)) {
      const suggestion = closest(text, allowed);
      issues.push({
        file,
        line: element.line,
        message: `"${text}" is not a valid ${type.name} for <${element.name}>`,
        fix: suggestion ? `did you mean "${suggestion}"?` : `use one of: ${[...allowed].slice(0, 30).join(', ')}`
      });
    }
    return;
  }
  if (schema.objects.has(type.name)) validateElement(element, type.name, path, schema, file, issues);
}

function validateCustomMetadataValues(root: XmlElement, file: string, issues: Issue[]): void {
  for (const values of root.children.filter((c) => c.name === 'values')) {
    const value = values.children.find((c) => c.name === 'value');
    if (!value) continue;
    const nil = value.attributes['xsi:nil'] === 'true';
    const xsiType = value.attributes['xsi:type'];
    if (!nil && (!xsiType || !CMT_VALUE_TYPES.has(xsiType))) {
      issues.push({
        file,
        line: value.line,
        message: `<value> needs a valid xsi:type (found ${xsiType ?? 'none'})`,
        fix: 'use xsi:type="xsd:string", "xsd:boolean", "xsd:double" or xsi:nil="true"'
      });
    }
  }
}

export function checkMetadataSchema(projectDir: string, packageDir = 'force-app'): CheckResult {
  const schema = loadMetadataSchema();
  const files = walk(join(projectDir, packageDir), (p) => p.endsWith('-meta.xml'));
  const issues: Issue[] = [];
  for (const file of files) {
    let root: XmlElement;
    try {
      root = parseXml(readFileSync(file, 'utf8'));
    } catch (error) {
      const line = error instanceof XmlSyntaxError ? error.line : 1;
      issues.push({
        file,
        line,
        message: `XML is not well formed: ${(error as Error).message}`,
        fix: 'repair the XML'
      });
      continue;
    }
    if (!schema.objects.has(root.name)) {
      issues.push({
        file,
        line: root.line,
        message: `<${root.name}> is not a Metadata API type`,
        fix: `use the type's own root element${closest(root.name, schema.objects.keys()) ? ` (did you mean <${closest(root.name, schema.objects.keys())}>?)` : ''}`
      });
      continue;
    }
    if (root.attributes.xmlns !== METADATA_NAMESPACE) {
      issues.push({
        file,
        line: root.line,
        message: `<${root.name}> lacks xmlns="${METADATA_NAMESPACE}"`,
        fix: `add xmlns="${METADATA_NAMESPACE}" to the root element`
      });
    }
    validateElement(root, root.name, root.name, schema, file, issues);
    if (root.name === 'CustomMetadata') validateCustomMetadataValues(root, file, issues);
  }
  return { name: 'metadata schema', issues, checked: `${files.length} metadata files` };
}
