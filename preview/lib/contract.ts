import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { projectRoot } from './paths.ts';

/**
 * Checks JSON against the contract, so the preview's in-memory org cannot drift from the Apex DTOs:
 * against the interfaces of scripts/contract/types.ts (read with the TypeScript parser, so a new field
 * there is checked without editing this file) and against the key shape of the contract fixtures.
 */

export const contractTypesFile = join(projectRoot, 'scripts/contract/types.ts');

type Declarations = Map<string, ts.InterfaceDeclaration | ts.TypeAliasDeclaration>;

function declarationsOf(file: string): Declarations {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const declarations: Declarations = new Map();
  source.forEachChild((node) => {
    if (ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) declarations.set(node.name.text, node);
  });
  return declarations;
}

/** An interface's properties: those of the interfaces it extends (a base two DTOs share), then its own. */
function propertiesOf(decl: ts.InterfaceDeclaration, decls: Declarations): ts.PropertySignature[] {
  const inherited = (decl.heritageClauses ?? [])
    .flatMap((clause) => clause.types.map((t) => t.expression.getText()))
    .flatMap((base) => {
      const baseDecl = decls.get(base);
      if (!baseDecl || !ts.isInterfaceDeclaration(baseDecl))
        throw new Error(`${contractTypesFile}: interface ${base} is not declared there`);
      return propertiesOf(baseDecl, decls);
    });
  return [...inherited, ...decl.members.filter(ts.isPropertySignature)];
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? `"${value}"` : typeof value === 'object' ? 'an object' : String(value);
}

function check(value: unknown, type: ts.TypeNode, path: string, decls: Declarations, errors: string[]): void {
  if (ts.isParenthesizedTypeNode(type)) return check(value, type.type, path, decls, errors);
  if (ts.isUnionTypeNode(type)) {
    const attempts = type.types.map((member) => {
      const found: string[] = [];
      check(value, member, path, decls, found);
      return found;
    });
    if (attempts.some((found) => found.length === 0)) return;
    // An object that fits no member: report the nearest interface's differences, not the whole union.
    const inside = attempts.filter((found) => !found.some((e) => e.startsWith(`${path}: expected`)));
    const nearest = inside.reduce<string[] | null>(
      (best, found) => (!best || found.length < best.length ? found : best),
      null
    );
    errors.push(...(nearest ?? [`${path}: expected ${type.getText()}, got ${describe(value)}`]));
    return;
  }
  if (ts.isLiteralTypeNode(type)) {
    const literal = type.literal;
    const expected =
      literal.kind === ts.SyntaxKind.NullKeyword
        ? null
        : ts.isStringLiteral(literal)
          ? literal.text
          : literal.kind === ts.SyntaxKind.TrueKeyword
            ? true
            : literal.kind === ts.SyntaxKind.FalseKeyword
              ? false
              : Number(literal.getText());
    if (value !== expected) errors.push(`${path}: expected ${type.getText()}, got ${describe(value)}`);
    return;
  }
  switch (type.kind) {
    case ts.SyntaxKind.StringKeyword:
    case ts.SyntaxKind.NumberKeyword:
    case ts.SyntaxKind.BooleanKeyword: {
      const expected =
        type.kind === ts.SyntaxKind.StringKeyword
          ? 'string'
          : type.kind === ts.SyntaxKind.NumberKeyword
            ? 'number'
            : 'boolean';
      if (typeof value !== expected) errors.push(`${path}: expected ${expected}, got ${describe(value)}`);
      return;
    }
    case ts.SyntaxKind.UnknownKeyword:
    case ts.SyntaxKind.AnyKeyword:
      return;
  }
  if (ts.isArrayTypeNode(type)) {
    if (!Array.isArray(value)) errors.push(`${path}: expected ${type.getText()}, got ${describe(value)}`);
    else value.forEach((item, i) => check(item, type.elementType, `${path}[${i}]`, decls, errors));
    return;
  }
  if (ts.isTypeReferenceNode(type)) return checkReference(value, type.typeName.getText(), path, decls, errors);
  throw new Error(`${contractTypesFile}: the validator does not handle ${type.getText()}`);
}

function checkReference(value: unknown, name: string, path: string, decls: Declarations, errors: string[]): void {
  const decl = decls.get(name);
  if (!decl) throw new Error(`${contractTypesFile}: type ${name} is not declared there`);
  if (ts.isTypeAliasDeclaration(decl)) return check(value, decl.type, path, decls, errors);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    errors.push(`${path}: expected ${name}, got ${describe(value)}`);
    return;
  }
  const record = value as Record<string, unknown>;
  const members = propertiesOf(decl, decls);
  const known = new Set(members.map((m) => m.name.getText()));
  for (const key of Object.keys(record)) {
    if (!known.has(key)) errors.push(`${path}.${key}: not in ${name}`);
  }
  for (const member of members) {
    const key = member.name.getText();
    if (!(key in record)) {
      if (!member.questionToken) errors.push(`${path}.${key}: missing (required by ${name})`);
    } else if (member.type) check(record[key], member.type, `${path}.${key}`, decls, errors);
  }
}

/** Differences between a JSON value and a contract type, e.g. `$.settings.secrets[0].label: missing`. */
export function validateContract(value: unknown, typeName: string, file: string = contractTypesFile): string[] {
  const decls = declarationsOf(file);
  if (!decls.has(typeName)) throw new Error(`${file}: type ${typeName} is not declared there`);
  const errors: string[] = [];
  checkReference(value, typeName, '$', decls, errors);
  return errors;
}

/**
 * Key sets compared recursively against a fixture: objects must have the same keys, array items the
 * shape of the fixture's items, and non-null values the same JSON type. Null on either side is not
 * compared (nullability is the types' job).
 */
export function compareKeyShape(expected: unknown, actual: unknown, path = '$'): string[] {
  if (expected === null || actual === null || expected === undefined) return [];
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${path}: fixture has an array, got ${describe(actual)}`];
    const template = expected.find((item) => item !== null);
    return template === undefined ? [] : actual.flatMap((item, i) => compareKeyShape(template, item, `${path}[${i}]`));
  }
  if (typeof expected === 'object') {
    if (typeof actual !== 'object' || Array.isArray(actual))
      return [`${path}: fixture has an object, got ${describe(actual)}`];
    const e = expected as Record<string, unknown>;
    const a = actual as Record<string, unknown>;
    const differences = [
      ...Object.keys(e)
        .filter((k) => !(k in a))
        .map((k) => `${path}.${k}: in the fixture, missing here`),
      ...Object.keys(a)
        .filter((k) => !(k in e))
        .map((k) => `${path}.${k}: not in the fixture`)
    ];
    for (const key of Object.keys(e))
      if (key in a) differences.push(...compareKeyShape(e[key], a[key], `${path}.${key}`));
    return differences;
  }
  return typeof expected === typeof actual
    ? []
    : [`${path}: fixture has a ${typeof expected}, got ${describe(actual)}`];
}
