import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { checkPackaging, checkScratchDefinition } from './packaging.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const CLASSES = 'force-app/main/default/classes';
const dirs: string[] = [];
after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const PROJECT = {
  packageDirectories: [
    {
      path: 'force-app',
      default: true,
      package: 'Connector Admin',
      versionName: 'First',
      versionNumber: '0.1.0.NEXT',
      definitionFile: 'config/project-scratch-def.json',
      postInstallScript: 'ConnectorInstallHandler',
      uninstallScript: 'ConnectorUninstallHandler'
    }
  ],
  packageAliases: {},
  namespace: '',
  sourceApiVersion: '65.0'
};

const FILES: Record<string, string> = {
  'config/project-scratch-def.json': '{ "edition": "Developer" }',
  [`${CLASSES}/ConnectorInstallHandler.cls`]:
    'public with sharing class ConnectorInstallHandler implements InstallHandler {\n  public void onInstall(InstallContext context) {}\n}\n',
  [`${CLASSES}/ConnectorUninstallHandler.cls`]:
    'public with sharing class ConnectorUninstallHandler implements System.UninstallHandler {\n  public void onUninstall(UninstallContext context) {}\n}\n'
};

function project(change: (json: typeof PROJECT & Record<string, unknown>) => void = () => {}, files = FILES): string {
  const dir = mkdtempSync(join(tmpdir(), 'packaging-'));
  dirs.push(dir);
  const json = structuredClone(PROJECT) as typeof PROJECT & Record<string, unknown>;
  change(json);
  for (const [file, text] of Object.entries({ ...files, 'sfdx-project.json': JSON.stringify(json, null, 2) })) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

async function messages(dir: string): Promise<string[]> {
  return (await checkPackaging(dir)).issues.map((i) => `${i.line}: ${i.message} | ${i.fix}`);
}

describe('packaging check', () => {
  it('passes the project itself', async () => {
    assert.deepEqual((await checkPackaging(ROOT)).issues, []);
    const project = JSON.parse(readFileSync(join(ROOT, 'sfdx-project.json'), 'utf8')) as typeof PROJECT;
    assert.equal(project.namespace, '', 'source stays without a namespace; see .github/RELEASING.md');
  });

  it('passes a valid package directory', async () => {
    assert.deepEqual(await messages(project()), []);
  });

  it('fails a misspelled package directory key and suggests the right one', async () => {
    const found = await messages(
      project((json) => {
        const dir = json.packageDirectories[0] as Record<string, unknown>;
        dir.uninstallScrip = dir.uninstallScript;
        delete dir.uninstallScript;
      })
    );
    assert.ok(
      found.some((m) => /not schema valid/.test(m)),
      found.join('\n')
    );
    assert.ok(found.some((m) => /"uninstallScrip" is not a package directory setting.*"uninstallScript"/.test(m)));
    assert.ok(found.some((m) => /no uninstallScript/.test(m)));
  });

  it('fails a version number the CLI cannot build and a wrong ancestor', async () => {
    const found = await messages(
      project((json) => {
        Object.assign(json.packageDirectories[0] ?? {}, { versionNumber: '0.1', ancestorVersion: 'LATEST' });
      })
    );
    assert.ok(
      found.some((m) => /versionNumber "0\.1" is not MAJOR\.MINOR\.PATCH\.NEXT/.test(m)),
      found.join('\n')
    );
    assert.ok(found.some((m) => /ancestorVersion "LATEST"/.test(m)));
  });

  it('fails an invalid namespace and an alias that is not a package ID', async () => {
    const found = await messages(
      project((json) => {
        json.namespace = 'acme__x';
        json.packageAliases = { 'Connector Admin': 'Connector Admin' };
      })
    );
    assert.ok(
      found.some((m) => /namespace "acme__x" is not a valid namespace prefix/.test(m)),
      found.join('\n')
    );
    assert.ok(found.some((m) => /package alias "Connector Admin" is Connector Admin, not a package ID/.test(m)));
  });

  it('fails install scripts that are missing or implement the wrong interface', async () => {
    const files = { ...FILES };
    delete files[`${CLASSES}/ConnectorInstallHandler.cls`];
    files[`${CLASSES}/ConnectorUninstallHandler.cls`] =
      'public with sharing class ConnectorUninstallHandler implements InstallHandler {}\n';
    const found = await messages(project(undefined, files));
    assert.deepEqual(
      found.map((m) => m.replace(/ \|.*$/, '').replace(/^\d+: /, '')),
      [
        'postInstallScript ConnectorInstallHandler is not a class in force-app',
        'uninstallScript ConnectorUninstallHandler does not implement UninstallHandler'
      ]
    );
  });

  it('checks the scratch org definition: keys, settings types and setting names', async () => {
    assert.deepEqual(checkScratchDefinition(join(ROOT, 'config', 'project-scratch-def.json')), []);
    const definition = JSON.stringify(
      {
        edition: 'Developer',
        feature: ['API'],
        settings: {
          lightningExperienceSetting: { enableS1DesktopEnabled: true },
          userManagementSettings: { enableEnhancedPermsetMgmnt: true, enableEnhancedPermsetMgmt: 'yes' }
        }
      },
      null,
      2
    );
    const found = await messages(project(undefined, { ...FILES, 'config/project-scratch-def.json': definition }));
    assert.deepEqual(found, [
      '3: "feature" is not a scratch org definition key | did you mean "features"?',
      '7: settings.lightningExperienceSetting is not a Metadata API settings type | did you mean "lightningExperienceSettings"?',
      '11: UserManagementSettings has no setting enableEnhancedPermsetMgmnt | did you mean "enableEnhancedPermsetMgmt"?',
      '12: UserManagementSettings.enableEnhancedPermsetMgmt must be true or false | write "enableEnhancedPermsetMgmt": true'
    ]);
  });
});
