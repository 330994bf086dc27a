import { readFileSync } from 'node:fs';
import ts from 'typescript';

/**
 * The one reader of scripts/contract/types.ts and the one rule of what a valid DTO value is (issue #15). The
 * contract check (fixtures, Apex DTO comparison) and the preview's tests of the in-memory org both use it, so
 * the two cannot disagree. Read with the TypeScript parser: a new field there is checked without editing this file.
 */
export type Shape =
  | { kind: 'string' | 'number' | 'boolean' | 'unknown' }
  | { kind: 'literal'; value: string | number | boolean | null }
  | { kind: 'array' | 'record'; of: Shape }
  | { kind: 'ref'; name: string }
  | { kind: 'union'; of: Shape[] }
  | { kind: 'object'; name: string | null; props: Map<string, Property> }
  /** A construct the validator does not check (e.g. a mapped type): an error only if a value meets it. */
  | { kind: 'unsupported'; text: string };

export interface Property {
  shape: Shape;
  optional: boolean;
}

export interface ContractTypes {
  file: string;
  types: Map<string, Shape>;
}

function literalShape(literal: ts.LiteralTypeNode['literal']): Shape {
  if (literal.kind === ts.SyntaxKind.NullKeyword) return { kind: 'literal', value: null };
  if (literal.kind === ts.SyntaxKind.TrueKeyword) return { kind: 'literal', value: true };
  if (literal.kind === ts.SyntaxKind.FalseKeyword) return { kind: 'literal', value: false };
  if (ts.isStringLiteral(literal)) return { kind: 'literal', value: literal.text };
  const number = Number(literal.getText());
  return Number.isNaN(number) ? { kind: 'unsupported', text: literal.getText() } : { kind: 'literal', value: number };
}

function shapeOf(node: ts.TypeNode): Shape {
  if (ts.isParenthesizedTypeNode(node)) return shapeOf(node.type);
  if (ts.isArrayTypeNode(node)) return { kind: 'array', of: shapeOf(node.elementType) };
  if (ts.isUnionTypeNode(node)) return { kind: 'union', of: node.types.map(shapeOf) };
  if (ts.isLiteralTypeNode(node)) return literalShape(node.literal);
  if (ts.isTypeLiteralNode(node)) return { kind: 'object', name: null, props: propsOf(node.members) };
  if (ts.isTypeReferenceNode(node)) {
    const name = node.typeName.getText();
    const args = node.typeArguments ?? [];
    if (name === 'Array' && args.length === 1 && args[0]) return { kind: 'array', of: shapeOf(args[0]) };
    if (name === 'Record' && args[0]?.kind === ts.SyntaxKind.StringKeyword && args[1])
      return { kind: 'record', of: shapeOf(args[1]) };
    return args.length ? { kind: 'unsupported', text: node.getText() } : { kind: 'ref', name };
  }
  switch (node.kind) {
    case ts.SyntaxKind.StringKeyword:
      return { kind: 'string' };
    case ts.SyntaxKind.NumberKeyword:
      return { kind: 'number' };
    case ts.SyntaxKind.BooleanKeyword:
      return { kind: 'boolean' };
    case ts.SyntaxKind.NullKeyword:
      return { kind: 'literal', value: null };
    case ts.SyntaxKind.UnknownKeyword:
    case ts.SyntaxKind.AnyKeyword:
      return { kind: 'unknown' };
    default:
      return { kind: 'unsupported', text: node.getText() };
  }
}

function propsOf(members: ts.NodeArray<ts.TypeElement>): Map<string, Property> {
  const props = new Map<string, Property>();
  for (const m of members) {
    if (ts.isPropertySignature(m) && m.type)
      props.set(m.name.getText(), { shape: shapeOf(m.type), optional: Boolean(m.questionToken) });
  }
  return props;
}

/** The interfaces and type aliases of a types file, by name. */
export function loadContractTypes(file: string): ContractTypes {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const types = new Map<string, Shape>();
  const interfaces = new Map<string, ts.InterfaceDeclaration>();
  source.forEachChild((node) => {
    if (ts.isInterfaceDeclaration(node)) interfaces.set(node.name.text, node);
    if (ts.isTypeAliasDeclaration(node)) types.set(node.name.text, shapeOf(node.type));
  });
  // Two DTOs that share fields share a base interface: an interface has the fields of those it extends, then its own.
  const propsWithBases = (node: ts.InterfaceDeclaration): Map<string, Property> => {
    const bases = (node.heritageClauses ?? []).flatMap((clause) => clause.types.map((t) => t.expression.getText()));
    const inherited = bases.flatMap((base) => {
      const declaration = interfaces.get(base);
      if (!declaration) throw new Error(`${file}: interface ${base} is not declared there`);
      return [...propsWithBases(declaration)];
    });
    return new Map([...inherited, ...propsOf(node.members)]);
  };
  for (const [name, node] of interfaces) types.set(name, { kind: 'object', name, props: propsWithBases(node) });
  return { file, types };
}

/** A named type's declaration; a name types.ts does not declare is an error in types.ts. */
export function resolve(shape: Shape, contract: ContractTypes): Exclude<Shape, { kind: 'ref' }> {
  if (shape.kind !== 'ref') return shape;
  const declared = contract.types.get(shape.name);
  if (!declared) throw new Error(`${contract.file}: type ${shape.name} is not declared there`);
  return resolve(declared, contract);
}

/** A shape as types.ts spells it, for messages. */
function textOf(shape: Shape): string {
  switch (shape.kind) {
    case 'literal':
      return typeof shape.value === 'string' ? `'${shape.value}'` : String(shape.value);
    case 'array':
      return shape.of.kind === 'union' ? `(${textOf(shape.of)})[]` : `${textOf(shape.of)}[]`;
    case 'record':
      return `Record<string, ${textOf(shape.of)}>`;
    case 'ref':
      return shape.name;
    case 'union':
      return shape.of.map(textOf).join(' | ');
    case 'object':
      return shape.name ?? 'an object';
    case 'unsupported':
      return shape.text;
    default:
      return shape.kind;
  }
}

export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? `"${value}"` : typeof value === 'object' ? 'an object' : String(value);
}

/** The string literals a union allows, through the aliases it names (`State | null` → On, Off). */
function stringLiterals(shape: Shape, contract: ContractTypes): string[] {
  const s = resolve(shape, contract);
  if (s.kind === 'union') return s.of.flatMap((member) => stringLiterals(member, contract));
  return s.kind === 'literal' && typeof s.value === 'string' ? [s.value] : [];
}

function check(value: unknown, shape: Shape, path: string, contract: ContractTypes): string[] {
  const s = resolve(shape, contract);
  const expected = (what: string) => [`${path}: expected ${what}, got ${describeValue(value)}`];
  switch (s.kind) {
    case 'unknown':
      return [];
    case 'unsupported':
      throw new Error(`${contract.file}: the validator does not handle ${s.text}`);
    case 'string':
    case 'number':
    case 'boolean':
      return typeof value === s.kind ? [] : expected(s.kind);
    case 'literal':
      return value === s.value ? [] : expected(textOf(s));
    case 'array':
      return Array.isArray(value)
        ? value.flatMap((item, i) => check(item, s.of, `${path}[${i}]`, contract))
        : expected(textOf(shape));
    case 'record':
      return typeof value === 'object' && value !== null && !Array.isArray(value)
        ? Object.entries(value).flatMap(([key, item]) => check(item, s.of, `${path}.${key}`, contract))
        : expected(textOf(shape));
    case 'union': {
      const attempts = s.of.map((member) => check(value, member, path, contract));
      if (attempts.some((found) => found.length === 0)) return [];
      const literals = stringLiterals(s, contract);
      if (typeof value === 'string' && literals.length)
        return [`${path}: "${value}" is not one of ${literals.join(' | ')}`];
      // An object that fits no member: report the nearest interface's differences, not the whole union.
      const inside = attempts.filter((found) => !found.some((e) => e.startsWith(`${path}: `)));
      const nearest = inside.reduce<string[] | null>(
        (best, found) => (!best || found.length < best.length ? found : best),
        null
      );
      return nearest ?? expected(textOf(shape));
    }
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return expected(textOf(s));
      const record = value as Record<string, unknown>;
      const owner = s.name ?? 'the contract';
      const errors = Object.keys(record)
        .filter((key) => !s.props.has(key))
        .map((key) => `${path}.${key}: not in ${owner}`);
      for (const [key, prop] of s.props) {
        if (key in record) errors.push(...check(record[key], prop.shape, `${path}.${key}`, contract));
        else if (!prop.optional) errors.push(`${path}.${key}: missing (required by ${owner})`);
      }
      return errors;
    }
  }
}

/** Differences between a JSON value and a contract type, e.g. `$.settings.secrets[0].label: missing (…)`. */
export function validateValue(value: unknown, typeName: string, contract: ContractTypes): string[] {
  return check(value, { kind: 'ref', name: typeName }, '$', contract);
}
