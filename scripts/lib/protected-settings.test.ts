/**
 * platform-rule: protected-custom-settings — a protected custom setting of a managed package is reachable only
 * through the package's own Apex: the CLI writes the connector settings through the settings Apex REST resource.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SETTINGS_OBJECT = 'force-app/main/default/objects/ConnectorSettings__c/ConnectorSettings__c.object-meta.xml';

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('protected custom settings', () => {
  it('keeps the connector settings protected and reaches them from the CLI only through the package Apex REST', () => {
    const xml = readFileSync(join(ROOT, SETTINGS_OBJECT), 'utf8');
    assert.match(xml, /<customSettingsType>Hierarchy<\/customSettingsType>/);
    // Public settings would expose the stored secrets to every API user of a subscriber org.
    assert.match(xml, /<visibility>Protected<\/visibility>/, 'the settings must stay Protected');
    // The data API cannot see a protected setting in a subscriber org: no CLI code may query or write it.
    const offenders = ['scripts/commands', 'scripts/lib']
      .flatMap(sources)
      .filter((path) => /ConnectorSettings__c/i.test(readFileSync(join(ROOT, path), 'utf8')));
    assert.deepEqual(offenders, []);
    const api = readFileSync(join(ROOT, 'scripts/lib/package-api.ts'), 'utf8');
    assert.match(api, /client\.apex<SettingsResponse>\('PUT', 'settings'/);
  });
});
