import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { only } from './lib/only-issue.ts';
import { scanSource } from './lib/source-scan.ts';
import { checkNamespaceSafety } from './namespace.ts';

const SRC = 'force-app/main/default';
const dirs: string[] = [];
after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const FIELD = `<?xml version="1.0" encoding="UTF-8"?>
<CustomField xmlns="http://soap.sforce.com/2006/04/metadata"><fullName>Note__c</fullName></CustomField>`;

/** Namespace-safe code in every language the check reads; each test adds one mistake to it. */
const CLEAN: Record<string, string> = {
  [`${SRC}/objects/Thing__c/Thing__c.object-meta.xml`]: '<CustomObject/>',
  [`${SRC}/objects/Thing__c/fields/Note__c.field-meta.xml`]: FIELD,
  [`${SRC}/classes/Things.cls`]: `/**
 * Reads things. Old code used /services/apexrest/acme/things and acme__Thing__c: never again.
 */
public with sharing class Things {
  // c__Thing in a comment is fine
  public static List<Thing__c> notes() {
    String field = ConnectorNamespace.qualify('Note__c');
    Schema.SObjectField token = Thing__c.Note__c;
    String path = ConnectorNamespace.restPath('connector/v1/health');
    List<Account> accounts = Database.query('SELECT Id FROM Account LIMIT 1');
    Type handler = ConnectorNamespace.classType('Things');
    return [SELECT Note__c FROM Thing__c WITH USER_MODE LIMIT 10];
  }
}
`,
  [`${SRC}/lwc/hello/hello.js`]: `import { LightningElement } from 'lwc';
import greet from '@salesforce/apex/Things.notes';
import GREETING from '@salesforce/label/c.Hello_Greeting';
const SLASHES = /\\/services\\/apexrest\\/x'/;
export default class Hello extends LightningElement {
  label = GREETING;
  pattern = SLASHES;
  load = greet;
}
`,
  [`${SRC}/lwc/hello/hello.html`]: `<template>
    <!-- was c:hello in Aura -->
    <c-child label={label}></c-child>
</template>
`,
  'scripts/lib/rest.ts': `export function healthPath(ns: string): string {
  return \`/services/apexrest/\${ns ? ns + '/' : ''}connector/v1/health\`;
}
export const eventsQuery = (ns: string) => \`SELECT Id FROM \${ns}Thing__c\`;
export const accounts = 'SELECT Id FROM Account';
`,
  'scripts/lib/rest.test.ts': `export const sample = '/services/apexrest/acme/connector/v1/health';\n`,
  'scripts/checks/rule.ts': `export const rule = /c__|\\/services\\/apexrest\\/x/;\n`,
  'sfdx-project.json': JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], namespace: '' })
};

function project(changes: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'namespace-'));
  dirs.push(dir);
  for (const [file, text] of Object.entries({ ...CLEAN, ...changes })) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

const apex = (body: string) => ({
  [`${SRC}/classes/Bad.cls`]: `public with sharing class Bad {\n  public static Object run() {\n${body}\n  }\n}\n`
});

describe('namespace safety check', () => {
  it('passes namespace-safe Apex, LWC and tooling, ignoring comments, tests and the checks', () => {
    const result = checkNamespaceSafety(project());
    assert.deepEqual(result.issues, []);
    assert.match(result.checked, /^4 /);
  });

  it('flags a hard-coded namespaced name', () => {
    only(
      checkNamespaceSafety(project(apex("    return Schema.getGlobalDescribe().get('acme__Thing__c');"))),
      'classes/Bad.cls',
      3,
      /hard-coded namespace "acme" in acme__Thing__c.*ConnectorNamespace\.qualify/
    );
  });

  it('flags a c__ name', () => {
    only(
      checkNamespaceSafety(project(apex("    return new Map<String, String>{ 'c__recordId' => '1' };"))),
      'classes/Bad.cls',
      3,
      /c__recordId.*default namespace c/
    );
  });

  it('flags an Apex REST path written as a literal, in Apex and in the tooling', () => {
    only(
      checkNamespaceSafety(project(apex("    return '/services/apexrest/connector/v1/health';"))),
      'classes/Bad.cls',
      3,
      /Apex REST path.*ConnectorNamespace\.restPath/
    );
    only(
      checkNamespaceSafety(
        project({ 'scripts/commands/health.ts': "export const url = '/services/apexrest/connector/v1/health';\n" })
      ),
      'scripts/commands/health.ts',
      1,
      /Apex REST path.*\$\{ns/
    );
  });

  it('flags Type.forName with a literal namespace, in both forms', () => {
    const result = checkNamespaceSafety(
      project(apex("    Type a = Type.forName('acme.Things');\n    return Type.forName('acme', 'Things');"))
    );
    assert.deepEqual(
      result.issues.map((i) => [i.line, /Type\.forName names the namespace "acme"/.test(i.message)]),
      [
        [3, true],
        [4, true]
      ]
    );
  });

  it("flags a 'c:' component reference", () => {
    only(
      checkNamespaceSafety(project(apex("    return 'c:adminHome';"))),
      'classes/Bad.cls',
      3,
      /component reference 'c:adminHome'/
    );
  });

  it('flags string-built SOQL naming a package object, but not the same query built with a qualified name', () => {
    only(
      checkNamespaceSafety(
        project(apex("    return Database.query('SELECT Id FROM Thing__c WHERE Note__c != null');"))
      ),
      'classes/Bad.cls',
      3,
      /string-built SOQL names the package's Thing__c.*ConnectorNamespace\.qualify\('Thing__c'\)/
    );
    const qualified = apex(
      "    return Database.query('SELECT Id FROM ' + ConnectorNamespace.qualify('Thing__c') + ' LIMIT 1');"
    );
    assert.deepEqual(checkNamespaceSafety(project(qualified)).issues, []);
  });

  it('flags string-built SOQL and sObject paths naming a package object in the tooling', () => {
    const result = checkNamespaceSafety(
      project({
        'scripts/commands/events.ts':
          "export const q = 'SELECT Id, Note__c FROM Thing__c';\nexport const p = `/sobjects/Thing__c/${'id'}`;\n"
      })
    );
    assert.deepEqual(
      result.issues.map((i) => [i.line, i.message]),
      [
        [1, "string-built SOQL names the package's Note__c without its namespace"],
        [2, "REST sObject path names the package's Thing__c without its namespace"]
      ]
    );
  });

  it('flags a describe lookup by the literal name of a package object or field', () => {
    const result = checkNamespaceSafety(
      project(
        apex(
          [
            "    Schema.SObjectType t = Schema.getGlobalDescribe().get('Thing__c');",
            "    Boolean has = t.getDescribe().fields.getMap().containsKey('Note__c');",
            "    return Schema.describeSObjects(new List<String>{ 'Account', 'Thing__c' });"
          ].join('\n')
        )
      )
    );
    assert.deepEqual(
      result.issues.map((i) => [i.line, /describe lookup by the literal name '(Thing__c|Note__c)'/.test(i.message)]),
      [
        [3, true],
        [4, true],
        [5, true]
      ]
    );
    // Standard objects and reading a field value are fine.
    const fine = apex("    Thing__c t = new Thing__c();\n    return Schema.getGlobalDescribe().get('Account');");
    assert.deepEqual(checkNamespaceSafety(project(fine)).issues, []);
  });

  it('flags namespaced LWC imports of Apex, labels and custom permissions', () => {
    const result = checkNamespaceSafety(
      project({
        [`${SRC}/lwc/hello/hello.js`]: [
          "import greet from '@salesforce/apex/acme.Things.notes';",
          "import LABEL from '@salesforce/label/acme.Hello_Greeting';",
          "import CAN from '@salesforce/customPermission/acme__ManageConnector';",
          "import { LightningElement } from 'lwc';",
          'export default class Hello extends LightningElement { a = greet; b = LABEL; c = CAN; }'
        ].join('\n')
      })
    );
    assert.deepEqual(
      result.issues.map((i) => i.line),
      [1, 2, 3]
    );
  });

  it('flags the project namespace once sfdx-project.json sets it', () => {
    const withNamespace = {
      'sfdx-project.json': JSON.stringify({ packageDirectories: [{ path: 'force-app' }], namespace: 'acme' })
    };
    assert.deepEqual(checkNamespaceSafety(project(withNamespace)).issues, []);
    only(
      checkNamespaceSafety(project({ ...withNamespace, ...apex("    return 'acme.Things';") })),
      'classes/Bad.cls',
      3,
      /hard-coded package namespace "acme"/
    );
  });

  it('accepts a line marked namespace-safe with a reason', () => {
    const marked = apex(
      "    // namespace-safe: sample of a qualified name\n    return 'acme__Thing__c';\n  }\n  static String b() {\n    return 'x__Y__c'; // namespace-safe: sample"
    );
    assert.deepEqual(checkNamespaceSafety(project(marked)).issues, []);
  });
});

describe('source scanner', () => {
  it('blanks comments but keeps line numbers, and collects strings', () => {
    const source = "String a = 'x'; // c__y\n/* acme__B__c\n */ String b = 'it\\'s';";
    const { code, strings } = scanSource(source, 'apex');
    assert.equal(code.length, source.length);
    assert.equal(code.split('\n').length, 3);
    assert.doesNotMatch(code, /c__y|acme/);
    assert.deepEqual(
      strings.map((s) => s.text),
      ['x', "it\\'s"]
    );
  });

  it('reads template literals with nested expressions and skips regex literals', () => {
    const source = "const r = /'\"/g; const t = `a ${f('b', `c ${d}`)} e`; // x";
    const { strings } = scanSource(source, 'js');
    assert.deepEqual(
      strings.map((s) => s.text),
      ['b', 'c \u0000', 'a \u0000 e']
    );
  });
});
