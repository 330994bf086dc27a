import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { checkApexPlatform } from './apex-platform.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const CLASSES = 'force-app/main/default/classes';
const dirs: string[] = [];
after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const PROJECT = JSON.stringify({
  packageDirectories: [
    {
      path: 'force-app',
      package: 'Connector Admin',
      versionNumber: '0.1.0.NEXT',
      postInstallScript: 'InstallScript',
      uninstallScript: 'UninstallScript'
    }
  ]
});

const INSTALL = `public without sharing class InstallScript implements InstallHandler {
  public void onInstall(InstallContext context) {
    ConnectorEvent__c entry = new ConnectorEvent__c(Action__c = 'Install package');
    Database.insert(new List<ConnectorEvent__c>{ entry }, false, AccessLevel.SYSTEM_MODE);
    Helper.run();
  }
}
`;
const UNINSTALL = `public without sharing class UninstallScript implements UninstallHandler {
  public void onUninstall(UninstallContext context) {
    for (CronTrigger job : [SELECT Id FROM CronTrigger WITH SYSTEM_MODE LIMIT 10]) {
      try {
        System.abortJob(job.Id);
      } catch (Exception e) {
        continue;
      }
    }
  }
}
`;
/** The file `<name>.cls` of an Apex test class with one test method of these statements (the first on line 5). */
function apexTestFile(name: string, method: string, ...statements: string[]): Record<string, string> {
  const body = statements.map((statement) => `    ${statement}\n`).join('');
  return {
    [`${name}.cls`]: `@IsTest\nprivate class ${name} {\n  @IsTest\n  static void ${method}() {\n${body}  }\n}\n`
  };
}

const FILES: Record<string, string> = {
  'InstallScript.cls': INSTALL,
  'UninstallScript.cls': UNINSTALL,
  'Helper.cls': 'public without sharing class Helper {\n  public static void run() {}\n}\n',
  'SettingsService.cls': 'public with sharing class SettingsService {\n  public static void save() {}\n}\n',
  'AuditLog.cls': 'public inherited sharing class AuditLog {\n  public static void flush() {}\n}\n',
  'Plain.cls': 'public class Plain {\n  public static void run() {}\n}\n',
  ...apexTestFile('Fixture_Tests', 'it_runs')
};

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'apex-platform-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'sfdx-project.json'), PROJECT);
  for (const [name, text] of Object.entries({ ...FILES, ...files })) {
    const path = join(dir, CLASSES, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
  return dir;
}

/** The check's findings in a project, as `File.cls:line: message`. */
function messagesIn(dir: string): string[] {
  return checkApexPlatform(dir).issues.map(
    (i) => `${i.file.slice(i.file.lastIndexOf('/') + 1)}:${i.line}: ${i.message}`
  );
}

function messages(files: Record<string, string>): string[] {
  return messagesIn(project(files));
}

/** The messages for the install handler with one piece of its source replaced. */
const installMessages = (from: string, to: string): string[] =>
  messages({ 'InstallScript.cls': INSTALL.replace(from, to) });

describe('apex platform check', () => {
  it('passes the project itself', () => {
    assert.deepEqual(checkApexPlatform(ROOT).issues, []);
  });

  it('passes handlers that call only without sharing code and never throw', () => {
    assert.deepEqual(messages({}), []);
  });

  it('fails a handler that calls a with sharing, inherited sharing or undeclared package class', () => {
    const found = installMessages(
      'Helper.run();',
      'SettingsService.save();\n    AuditLog.flush();\n    Plain.run();\n    Fixture_Tests.it_runs();'
    );
    assert.deepEqual(
      found.map((m) => m.replace(/:.*? uses (\w+), which ([^:]+):.*$/, ' $1 $2')),
      [
        'InstallScript.cls SettingsService is with sharing',
        'InstallScript.cls AuditLog is inherited sharing',
        'InstallScript.cls Plain has no sharing keyword (so with sharing)'
      ],
      found.join('\n')
    );
    assert.match(found[0] ?? '', /^InstallScript\.cls:5: postInstallScript InstallScript uses SettingsService/);
  });

  it('ignores class names in comments and strings', () => {
    const found = messages({
      'UninstallScript.cls': UNINSTALL.replace(
        'System.abortJob(job.Id);',
        "System.abortJob(job.Id); // not SettingsService.save()\n        String text = 'SettingsService';"
      )
    });
    assert.deepEqual(found, []);
  });

  it('fails a global handler', () => {
    const found = messages({
      'UninstallScript.cls': UNINSTALL.replace('public without sharing class', 'global without sharing class').replace(
        'public void onUninstall',
        'global void onUninstall'
      )
    });
    assert.equal(found.length, 1, found.join('\n'));
    assert.match(found[0] ?? '', /^UninstallScript\.cls:1: uninstallScript UninstallScript is global/);
  });

  it('fails a handler that is not declared without sharing', () => {
    const found = messages({ 'InstallScript.cls': INSTALL.replace('without sharing', 'with sharing') });
    assert.deepEqual(found, [
      "InstallScript.cls:1: postInstallScript InstallScript is with sharing; it runs as the package's own user"
    ]);
  });

  it('fails an install handler whose audit write can throw', () => {
    const found = installMessages(
      'Database.insert(new List<ConnectorEvent__c>{ entry }, false, AccessLevel.SYSTEM_MODE);',
      'insert as system entry;\n    Database.insert(entry, AccessLevel.SYSTEM_MODE);\n    try {\n      insert entry;\n    } catch (DmlException e) {\n      return;\n    }'
    );
    assert.deepEqual(
      found.map((m) => m.replace(/ writes its audit entry.*$/, '')),
      ['InstallScript.cls:4: postInstallScript InstallScript', 'InstallScript.cls:5: postInstallScript InstallScript']
    );
  });

  it('fails a handler that throws', () => {
    const found = installMessages('Helper.run();', "throw new IllegalArgumentException('no');");
    assert.equal(found.length, 1, found.join('\n'));
    assert.match(
      found[0] ?? '',
      /^InstallScript\.cls:5: postInstallScript InstallScript throws: a failing install script aborts/
    );
  });

  it('fails an uninstall handler whose job aborts are not each in a try', () => {
    const found = messages({
      'UninstallScript.cls': `public without sharing class UninstallScript implements UninstallHandler {
  public void onUninstall(UninstallContext context) {
    try {
      Integer n = 0;
    } catch (Exception e) {
      return;
    }
    for (CronTrigger job : [SELECT Id FROM CronTrigger WITH SYSTEM_MODE LIMIT 10]) {
      System.abortJob(job.Id);
    }
  }
}
`
    });
    assert.equal(found.length, 1, found.join('\n'));
    assert.match(found[0] ?? '', /^UninstallScript\.cls:9: uninstallScript UninstallScript aborts a job outside a try/);
  });

  it('fails DML on query-only objects in any class', () => {
    const found = messages({
      'Jobs.cls': `public with sharing class Jobs {
  public static void stop(List<CronTrigger> jobs, OauthToken token) {
    delete jobs;
    Database.delete(token);
    update as user [SELECT Id FROM AsyncApexJob WITH USER_MODE LIMIT 1];
    insert new CronTrigger();
    List<Account> accounts = new List<Account>();
    update accounts;
    Database.insert(accounts, false);
  }
}
`
    });
    assert.deepEqual(
      found.map((m) => m.replace(/, which the platform.*$/, '')),
      [
        'Jobs.cls:3: DML on CronTrigger',
        'Jobs.cls:4: DML on OauthToken',
        'Jobs.cls:5: DML on AsyncApexJob',
        'Jobs.cls:6: DML on CronTrigger'
      ]
    );
  });

  it('fails a job definition or a System.schedule call whose cron expression Apex refuses', () => {
    const dir = project(
      apexTestFile(
        'Jobs_Tests',
        'it_schedules',
        "System.schedule('Fine', '0 0 3 * * ?', new Job());",
        "System.schedule('Unix', '0 3 * * *', new Job());"
      )
    );
    const meta = join(dir, 'force-app/main/default/customMetadata');
    mkdirSync(meta, { recursive: true });
    const record = (cron: string) =>
      `<?xml version="1.0" encoding="UTF-8"?>\n<CustomMetadata>\n    <values>\n        <field>CronExpression__c</field>\n        <value xsi:type="xsd:string">${cron}</value>\n    </values>\n</CustomMetadata>\n`;
    writeFileSync(join(meta, 'ConnectorJob.Good.md-meta.xml'), record('0 0 2 * * ?'));
    writeFileSync(join(meta, 'ConnectorJob.Every5.md-meta.xml'), record('0 */5 * * * ?'));
    assert.deepEqual(messagesIn(dir), [
      'ConnectorJob.Every5.md-meta.xml:4: CronExpression__c: Minutes "*/5" must be a number from 0 to 59 (no special characters), so System.schedule refuses it',
      'Jobs_Tests.cls:6: System.schedule: "0 3 * * *" has 5 fields; Apex needs 6 or 7: Seconds Minutes Hours Day_of_month Month Day_of_week [Year]'
    ]);
  });

  it('fails a test class that reads custom metadata records from the org', () => {
    const found = messages({
      ...apexTestFile(
        'Config_Tests',
        'it_reads',
        'List<ConnectorJob__mdt> jobs = [SELECT Id FROM ConnectorJob__mdt];',
        'Map<String, ConnectorRequirement__mdt> all = ConnectorRequirement__mdt.getAll();'
      ),
      'ConfigSelector.cls': `public with sharing class ConfigSelector {
  public List<ConnectorJob__mdt> jobs() {
    return [SELECT Id FROM ConnectorJob__mdt WITH USER_MODE];
  }
}
`
    });
    assert.deepEqual(
      found.map((m) => m.replace(/, whose records.*$/, '')),
      [
        'Config_Tests.cls:5: test Config_Tests reads ConnectorJob__mdt from the org',
        'Config_Tests.cls:6: test Config_Tests reads ConnectorRequirement__mdt from the org'
      ]
    );
  });
});
