import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FIXTURE_PROJECT } from '../testing/harness.ts';
import { UsageError } from './errors.ts';
import { objectFlagsFor, readJobDefinitions, readRequirements } from './metadata-records.ts';

const packageDir = join(FIXTURE_PROJECT, 'force-app');

describe('ConnectorRequirement records', () => {
  it('reads every record with typed values, nil as null, sorted by SortOrder__c', () => {
    const requirements = readRequirements(packageDir);
    assert.equal(requirements.length, 13);
    assert.deepEqual(
      requirements.map((r) => r.sortOrder),
      [...requirements.map((r) => r.sortOrder)].sort((a, b) => a - b)
    );
    const audit = requirements.find((r) => r.developerName === 'SetAuditFields')!;
    assert.equal(audit.kind, 'SystemPermission');
    assert.equal(audit.target, 'PermissionsCreateAuditFields');
    assert.equal(audit.severity, 'Conditional');
    assert.equal(audit.condition, 'Wrap-up used');
    assert.equal(audit.accessLevel, null);
    assert.equal(audit.sortOrder, 60);
    assert.equal(audit.label, 'Set Audit Fields upon Record Creation');
    assert.match(audit.reason, /needed & what breaks/);
    const account = requirements.find((r) => r.developerName === 'AccountEdit')!;
    assert.equal(account.kind, 'ObjectAccess');
    assert.equal(account.accessLevel, 'Edit');
  });

  it('reports a bad record as a usage error naming the file and field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'req-'));
    const cmdt = join(dir, 'main', 'default', 'customMetadata');
    mkdirSync(cmdt, { recursive: true });
    writeFileSync(
      join(cmdt, 'ConnectorRequirement.Bad.md-meta.xml'),
      `<?xml version="1.0" encoding="UTF-8"?>
<CustomMetadata xmlns="http://soap.sforce.com/2006/04/metadata" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
    <label>Bad</label>
    <values><field>Kind__c</field><value xsi:type="xsd:string">Magic</value></values>
    <values><field>Target__c</field><value xsi:type="xsd:string">X</value></values>
    <values><field>Severity__c</field><value xsi:type="xsd:string">Required</value></values>
</CustomMetadata>`
    );
    assert.throws(
      () => readRequirements(dir),
      (error: unknown) =>
        error instanceof UsageError && /ConnectorRequirement\.Bad\.md-meta\.xml: Kind__c 'Magic'/.test(error.message)
    );
  });

  it('returns no records when the folder does not exist', () => {
    assert.deepEqual(readRequirements(join(tmpdir(), 'no-such-project-dir')), []);
  });
});

describe('ConnectorJob records', () => {
  it('reads definitions with boolean Active__c, ordered', () => {
    const jobs = readJobDefinitions(packageDir);
    assert.deepEqual(
      jobs.map((j) => [j.developerName, j.active, j.order]),
      [
        ['Heartbeat', true, 1],
        ['CsmSync', true, 2],
        ['Legacy', false, 3]
      ]
    );
    assert.equal(jobs[0]!.cronExpression, '0 0 * * * ?');
    assert.equal(jobs[0]!.description, null);
  });
});

describe('objectFlagsFor', () => {
  it('includes the permissions each level depends on', () => {
    assert.deepEqual(objectFlagsFor('Delete'), { read: true, create: false, edit: true, delete: true });
    assert.deepEqual(objectFlagsFor('Create'), { read: true, create: true, edit: false, delete: false });
    assert.deepEqual(objectFlagsFor('Read'), { read: true, create: false, edit: false, delete: false });
  });
});
