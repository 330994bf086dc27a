import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { checkApexLs } from './apex-ls.ts';
import { checkCrossReferences } from './cross-references.ts';
import { only } from './lib/only-issue.ts';
import { parseXml, XmlSyntaxError } from './lib/xml.ts';
import { checkPmd } from './pmd.ts';
import { checkMetadataSchema } from './schema.ts';
import { checkSdrConversion } from './sdr.ts';
import { checkSoqlFields, fieldUses } from './soql-fields.ts';

const GOOD = join(import.meta.dirname, 'fixtures', 'good');
const SRC = 'force-app/main/default';
const copies: string[] = [];
after(() => copies.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A copy of the valid fixture project with one file changed, as a developer's mistake would. */
function broken(file: string, change: (source: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'broken-'));
  copies.push(dir);
  cpSync(GOOD, dir, { recursive: true });
  const path = join(dir, SRC, file);
  let source = '';
  try {
    source = readFileSync(path, 'utf8');
  } catch {
    // a new file
  }
  const changed = change(source);
  assert.notEqual(changed, source, `the mutation of ${file} must change it`);
  writeFileSync(path, changed);
  return dir;
}

describe('the valid fixture project', () => {
  it('passes every checker with no issue', async () => {
    for (const result of [
      checkMetadataSchema(GOOD),
      checkCrossReferences(GOOD),
      checkApexLs(GOOD),
      checkPmd(GOOD),
      checkSoqlFields(GOOD),
      await checkSdrConversion(GOOD)
    ]) {
      assert.deepEqual(result.issues, [], result.name);
    }
  });
});

describe('apex-ls semantic check', () => {
  it('fails on an unknown field of a standard object', () => {
    const dir = broken('classes/Greeter.cls', (s) =>
      s.replace('return Label', 'Account a = new Account(Nmae = name);\n        return Label')
    );
    only(checkApexLs(dir), 'classes/Greeter.cls', 5, /Unknown field 'Nmae'/);
  });

  it('fails on a field missing from our own object', () => {
    const dir = broken('classes/Greeter.cls', (s) =>
      s.replace('return Label', 'Thing__c t = new Thing__c(Notes__c = name);\n        return Label')
    );
    only(checkApexLs(dir), 'classes/Greeter.cls', 5, /Unknown field 'Notes__c' on SObject 'Schema.Thing__c'/);
  });

  it('fails on a label that does not exist', () => {
    const dir = broken('classes/Greeter.cls', (s) => s.replace('Label.Hello_Greeting', 'Label.Hello_Missing'));
    assert.ok(checkApexLs(dir).issues.some((i) => /Hello_Missing/.test(i.message)));
  });
});

describe('PMD', () => {
  it('fails on a query inside a loop', () => {
    const dir = broken('classes/Greeter.cls', (s) =>
      s.replace(
        'return Label',
        'for (Integer i = 0; i < 2; i++) {\n            things.addAll([SELECT Id FROM Thing__c WITH USER_MODE LIMIT 1]);\n        }\n        return Label'
      )
    );
    assert.ok(checkPmd(dir).issues.some((i) => /OperationWithLimitsInLoop/.test(i.message) && i.line === 6));
  });
});

describe('metadata schema check', () => {
  it('fails on a misspelled element and names the right one', () => {
    const dir = broken('objects/Thing__c/fields/Note__c.field-meta.xml', (s) =>
      s.replace('<label>Note</label>', '<lable>Note</lable>')
    );
    const result = checkMetadataSchema(dir);
    assert.ok(
      result.issues.some(
        (i) => i.line === 4 && /<lable> is not an element of CustomField/.test(i.message) && /<label>/.test(i.fix)
      )
    );
  });

  it('fails on an enumeration value the Metadata API does not define', () => {
    const dir = broken('objects/Thing__c/fields/Note__c.field-meta.xml', (s) =>
      s.replace('<type>Text</type>', '<type>Txt</type>')
    );
    only(checkMetadataSchema(dir), 'Note__c.field-meta.xml', 7, /"Txt" is not a valid FieldType.*"Text"/);
  });

  it('fails on a non-boolean in a boolean element', () => {
    const dir = broken('classes/Greeter.cls-meta.xml', (s) =>
      s.replace('<status>Active</status>', '<status>Active</status>\n    <apiVersion>high</apiVersion>')
    );
    assert.ok(
      checkMetadataSchema(dir).issues.some(
        (i) => /must be a number/.test(i.message) || /more than once/.test(i.message)
      )
    );
  });

  it('fails on a missing required element', () => {
    const dir = broken('labels/CustomLabels.labels-meta.xml', (s) => s.replace('<language>en_US</language>', ''));
    only(checkMetadataSchema(dir), 'CustomLabels.labels-meta.xml', 3, /CustomLabel requires <language>/);
  });

  it('fails on XML that is not well formed, with its line', () => {
    const dir = broken('permissionsets/ThingAdmin.permissionset-meta.xml', (s) => s.replace('</label>', '</lable>'));
    only(checkMetadataSchema(dir), 'ThingAdmin.permissionset-meta.xml', 17, /not well formed/);
  });
});

/** Apex that reads the static resource ThingCases. */
const READS_THING_CASES = [
  '@IsTest',
  'private class ThingCases_Tests {',
  '  static String body() {',
  "    return [SELECT Body FROM StaticResource WHERE Name = 'ThingCases' LIMIT 1].Body.toString();",
  '  }',
  '}',
  ''
].join('\n');

describe('cross-reference check', () => {
  it('fails on Apex reading a static resource that no package directory holds', () => {
    const dir = broken('classes/ThingCases_Tests.cls', () => READS_THING_CASES);
    only(checkCrossReferences(dir), 'classes/ThingCases_Tests.cls', 4, /static resource ThingCases, which no package/);
  });

  it('fails on packaged Apex reading a static resource that only the unpackaged directory holds', () => {
    const dir = broken('classes/ThingCases_Tests.cls', () => READS_THING_CASES);
    const resources = join(dir, 'unpackaged', 'main', 'default', 'staticresources');
    mkdirSync(resources, { recursive: true });
    writeFileSync(join(resources, 'ThingCases.json'), '{}');
    writeFileSync(
      join(resources, 'ThingCases.resource-meta.xml'),
      '<?xml version="1.0" encoding="UTF-8"?>\n<StaticResource xmlns="http://soap.sforce.com/2006/04/metadata"><cacheControl>Private</cacheControl><contentType>application/json</contentType></StaticResource>\n'
    );
    writeFileSync(
      join(dir, 'sfdx-project.json'),
      JSON.stringify({
        packageDirectories: [
          { path: 'force-app', default: true, package: 'Thing', unpackagedMetadata: { path: 'unpackaged' } },
          { path: 'unpackaged', default: false }
        ]
      })
    );
    only(
      checkCrossReferences(dir),
      'classes/ThingCases_Tests.cls',
      4,
      /only the unpackaged directory unpackaged holds/
    );
  });

  it('fails on an LWC label import with no label', () => {
    const dir = broken('lwc/hello/hello.js', (s) => s.replace('c.Hello_Greeting', 'c.Hello_Gretting'));
    only(checkCrossReferences(dir), 'lwc/hello/hello.js', 3, /label c\.Hello_Gretting.*CustomLabels/);
  });

  it('fails on an Apex import of a method that is not @AuraEnabled', () => {
    const dir = broken('lwc/hello/hello.js', (s) => s.replace('Greeter.greet', 'Greeter.wave'));
    only(
      checkCrossReferences(dir),
      'lwc/hello/hello.js',
      2,
      /Greeter\.wave, which is not a static @AuraEnabled method/
    );
  });

  it('fails on a custom permission import that does not exist', () => {
    const dir = broken('lwc/hello/hello.js', (s) =>
      s.replace('customPermission/ManageThings', 'customPermission/ManageAll')
    );
    only(checkCrossReferences(dir), 'lwc/hello/hello.js', 4, /custom permission ManageAll/);
  });

  it('fails on a child component that does not exist', () => {
    const dir = broken('lwc/hello/hello.html', (s) =>
      s.replace('<p>{label}</p>', '<c-greeting-card></c-greeting-card>')
    );
    only(checkCrossReferences(dir), 'lwc/hello/hello.html', 2, /lwc\/greetingCard/);
  });

  it('fails on a permission set naming an unknown field, a standard object and a system permission', () => {
    const dir = broken('permissionsets/ThingAdmin.permissionset-meta.xml', (s) =>
      s
        .replace('Thing__c.Note__c', 'Thing__c.Nope__c')
        .replace('<object>Thing__c</object>', '<object>Account</object>')
        .replace(
          '<label>Thing Admin</label>',
          '<label>Thing Admin</label>\n    <userPermissions>\n        <enabled>true</enabled>\n        <name>ApiEnabled</name>\n    </userPermissions>'
        )
    );
    const messages = checkCrossReferences(dir).issues.map((i) => i.message);
    assert.equal(messages.length, 3, messages.join('\n'));
    assert.ok(messages.some((m) => /Thing__c\.Nope__c is not in force-app/.test(m)));
    assert.ok(messages.some((m) => /standard object Account/.test(m)));
    assert.ok(messages.some((m) => /system permission ApiEnabled/.test(m)));
  });

  it('fails on a label defined twice', () => {
    const dir = broken('labels/CustomLabels.labels-meta.xml', (s) =>
      s.replace('</CustomLabels>', s.slice(s.indexOf('    <labels>'), s.indexOf('</CustomLabels>')) + '</CustomLabels>')
    );
    only(checkCrossReferences(dir), 'CustomLabels.labels-meta.xml', 10, /label Hello_Greeting is defined twice/);
  });

  it('fails on a label with a lone apostrophe used with String.format, and on a doubled one the LWC imports', () => {
    const withFormat = (value: string): string => {
      const dir = broken('classes/Greeter.cls', (s) =>
        s.replace(
          "Label.Hello_Greeting + ' ' + name",
          'String.format(System.Label.Hello_Greeting, new List<Object>{ name })'
        )
      );
      const file = join(dir, SRC, 'labels/CustomLabels.labels-meta.xml');
      writeFileSync(file, readFileSync(file, 'utf8').replace('<value>Hello</value>', `<value>${value}</value>`));
      return dir;
    };
    only(
      checkCrossReferences(withFormat("Hello {0}, here's your thing")),
      'CustomLabels.labels-meta.xml',
      8,
      /label Hello_Greeting is a String\.format pattern with a lone '.*write ''/
    );
    // Doubled, Apex is right; the fixture's LWC imports the same label, and its formatter would show ''.
    only(
      checkCrossReferences(withFormat("Hello {0}, here''s your thing")),
      'lwc/hello/hello.js',
      3,
      /c\.Hello_Greeting, whose '' .*the LWC would show as is/
    );
  });

  it('fails on a label holding {n} with a lone apostrophe that Apex passes to a formatting helper', () => {
    const dir = broken('labels/CustomLabels.labels-meta.xml', (s) =>
      s.replace('<value>Hello</value>', "<value>{0} isn't here</value>")
    );
    only(checkCrossReferences(dir), 'CustomLabels.labels-meta.xml', 8, /Hello_Greeting is a String\.format pattern/);
  });

  it('fails on a custom metadata record with an unknown field or picklist value', () => {
    const dir = broken('customMetadata/Rule.First.md-meta.xml', (s) =>
      s
        .replace('High</value>', 'Highest</value>')
        .replace(
          '</CustomMetadata>',
          '    <values>\n        <field>Colour__c</field>\n        <value xsi:type="xsd:string">Red</value>\n    </values>\n</CustomMetadata>'
        )
    );
    const messages = checkCrossReferences(dir).issues.map((i) => i.message);
    assert.deepEqual(messages.sort(), [
      '"Highest" is not a value of picklist Rule__mdt.Level__c',
      'Rule__mdt has no field Colour__c'
    ]);
  });
});

describe('SOQL field check', () => {
  it('fails on an unknown field in a query of our own object, at the query line', () => {
    const dir = broken('classes/Greeter.cls', (s) => s.replace('SELECT Id, Note__c', 'SELECT Id, Notes__c'));
    only(checkSoqlFields(dir), 'classes/Greeter.cls', 4, /SOQL on Thing__c names Notes__c: Unknown field/);
  });

  it('fails on an unknown standard field in a WHERE clause', () => {
    const dir = broken('classes/Greeter.cls', (s) =>
      s.replace(
        'return Label',
        'List<User> u = [SELECT Id FROM User WHERE IsActiv = TRUE AND Name = :name];\n        return Label'
      )
    );
    only(checkSoqlFields(dir), 'classes/Greeter.cls', 5, /SOQL on User names IsActiv/);
  });

  it('reads select lists, relationship paths, WHERE and ORDER BY', () => {
    const uses = fieldUses(
      'X.cls',
      "x = [SELECT Id, CronJobDetail.Name, COUNT(Id) n, (SELECT Id FROM Tasks) FROM CronTrigger\n WHERE State = 'WAITING' AND OwnerId IN :ids ORDER BY NextFireTime DESC LIMIT 5];"
    );
    assert.deepEqual(
      uses.map((u) => [u.object, u.path, u.line]),
      [
        ['CronTrigger', 'Id', 1],
        ['CronTrigger', 'CronJobDetail.Name', 1],
        ['CronTrigger', 'State', 2],
        ['CronTrigger', 'OwnerId', 2],
        ['CronTrigger', 'NextFireTime', 2]
      ]
    );
  });

  it('reads SELECT COUNT() as the aggregate, not a field named COUNT', () => {
    const uses = fieldUses('X.cls', 'n = [SELECT COUNT() FROM OauthToken WHERE AppName = :app WITH USER_MODE];');
    assert.deepEqual(
      uses.map((u) => [u.object, u.path]),
      [['OauthToken', 'AppName']]
    );
  });
});

describe('SDR conversion', () => {
  it('fails on an Apex class without its metadata file', async () => {
    const dir = broken('classes/Orphan.cls', () => 'public with sharing class Orphan {}\n');
    only(await checkSdrConversion(dir), 'classes/Orphan.cls', 1, /would never be deployed/);
  });
});

describe('XML reader', () => {
  it('keeps line numbers and decodes entities', () => {
    const root = parseXml('<?xml version="1.0"?>\n<a x="1">\n  <b>one &amp; two</b>\n  <!-- note -->\n  <c/>\n</a>\n');
    assert.equal(root.line, 2);
    assert.equal(root.attributes.x, '1');
    assert.deepEqual(
      root.children.map((c) => [c.name, c.line, c.text]),
      [
        ['b', 3, 'one & two'],
        ['c', 5, '']
      ]
    );
  });

  it('reports a mismatched closing tag with its line', () => {
    assert.throws(
      () => parseXml('<a>\n<b>\n</c>\n</a>'),
      (e: unknown) => e instanceof XmlSyntaxError && e.line === 3
    );
  });
});
