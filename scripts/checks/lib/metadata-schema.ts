import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import ts from 'typescript';

/**
 * The Metadata API schema as @salesforce/types declares it (generated from the current WSDL):
 * every type's elements with their types, and every enumeration's allowed values.
 */
export type FieldType =
  { kind: 'primitive'; name: 'string' | 'number' | 'boolean' | 'any' } | { kind: 'ref'; name: string };

export interface FieldSpec {
  type: FieldType;
  array: boolean;
  optional: boolean;
}

export interface MetadataSchema {
  objects: Map<string, Map<string, FieldSpec>>;
  enums: Map<string, Set<string>>;
}

function fieldType(node: ts.TypeNode): { type: FieldType; array: boolean } {
  if (ts.isArrayTypeNode(node)) return { type: fieldType(node.elementType).type, array: true };
  if (ts.isTypeReferenceNode(node)) return { type: { kind: 'ref', name: node.typeName.getText() }, array: false };
  switch (node.kind) {
    case ts.SyntaxKind.StringKeyword:
      return { type: { kind: 'primitive', name: 'string' }, array: false };
    case ts.SyntaxKind.NumberKeyword:
      return { type: { kind: 'primitive', name: 'number' }, array: false };
    case ts.SyntaxKind.BooleanKeyword:
      return { type: { kind: 'primitive', name: 'boolean' }, array: false };
    default:
      return { type: { kind: 'primitive', name: 'any' }, array: false };
  }
}

function membersOf(node: ts.TypeNode, aliases: Map<string, ts.TypeNode>, into: Map<string, FieldSpec>): void {
  if (ts.isIntersectionTypeNode(node)) {
    for (const part of node.types) membersOf(part, aliases, into);
  } else if (ts.isTypeReferenceNode(node)) {
    const base = aliases.get(node.typeName.getText());
    if (base) membersOf(base, aliases, into);
  } else if (ts.isTypeLiteralNode(node)) {
    for (const member of node.members) {
      if (!ts.isPropertySignature(member) || !member.type) continue;
      const { type, array } = fieldType(member.type);
      into.set(member.name.getText(), { type, array, optional: Boolean(member.questionToken) });
    }
  }
}

let cached: MetadataSchema | undefined;

export function loadMetadataSchema(): MetadataSchema {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  // The package exports only its JS entry; the declaration file sits beside it.
  const file = join(dirname(require.resolve('@salesforce/types/metadata')), 'metadata.d.ts');
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const aliases = new Map<string, ts.TypeNode>();
  source.forEachChild((node) => {
    if (ts.isTypeAliasDeclaration(node)) aliases.set(node.name.text, node.type);
  });
  const objects = new Map<string, Map<string, FieldSpec>>();
  const enums = new Map<string, Set<string>>();
  for (const [name, node] of aliases) {
    if (ts.isUnionTypeNode(node) && node.types.every((t) => ts.isLiteralTypeNode(t))) {
      enums.set(name, new Set(node.types.map((t) => (t as ts.LiteralTypeNode).literal.getText().slice(1, -1))));
    } else if (ts.isLiteralTypeNode(node)) {
      enums.set(name, new Set([node.literal.getText().slice(1, -1)]));
    } else {
      const fields = new Map<string, FieldSpec>();
      membersOf(node, aliases, fields);
      objects.set(name, fields);
    }
  }
  cached = { objects, enums };
  return cached;
}
