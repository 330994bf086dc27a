/** The in-memory org answers in the contract's shape, and twins exactly the controller's Apex methods. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { compareKeyShape, validateContract } from '../lib/contract.ts';
import { classesDir, contractFixturesDir } from '../lib/paths.ts';
import { Org } from '../org/org.ts';
import { apexMethods, invokeApex } from '../org/registry.ts';

const fixture = JSON.parse(readFileSync(join(contractFixturesDir, 'adminHome.json'), 'utf8')) as unknown;

function seededOrg(): Org {
  return Org.open({ stateFile: null, now: () => new Date('2025-11-23T14:05:00.000Z') });
}

function callGetAdminHome(org: Org): unknown {
  const response = invokeApex(org, 'AdminHomeController.getAdminHome', {});
  assert.equal(response.status, 200, JSON.stringify(response.body));
  // Through JSON, as the page receives it.
  return JSON.parse(JSON.stringify(response.body)) as unknown;
}

/** `@AuraEnabled` static methods of an Apex class, by name. */
function auraEnabledMethods(className: string): string[] {
  const source = readFileSync(join(classesDir, `${className}.cls`), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
  const pattern = /@AuraEnabled\b(?:\s*\([^)]*\))?\s+(?:(?:public|global|static)\s+)+[\w.<>, ]+?\s+(\w+)\s*\(/gi;
  return [...source.matchAll(pattern)].map((m) => `${className}.${m[1]}`).sort();
}

describe('contract: the in-memory org against scripts/contract', () => {
  test('getAdminHome matches the AdminHome type of scripts/contract/types.ts', () => {
    assert.deepEqual(validateContract(callGetAdminHome(seededOrg()), 'AdminHome'), []);
  });

  test('getAdminHome has the key shape of fixtures/adminHome.json', () => {
    assert.deepEqual(compareKeyShape(fixture, callGetAdminHome(seededOrg())), []);
  });

  test('the fixture itself matches the AdminHome type', () => {
    assert.deepEqual(validateContract(fixture, 'AdminHome'), []);
  });

  test('the checks catch a missing, an extra and a mistyped property', () => {
    const page = callGetAdminHome(seededOrg()) as {
      settings: Record<string, unknown> & { secrets: Record<string, unknown>[] };
      canManage: unknown;
    };
    delete page.settings.secrets[0]?.['label'];
    page.settings['clientSecretValue'] = 'x';
    page.canManage = 'yes';
    assert.deepEqual(validateContract(page, 'AdminHome').sort(), [
      '$.canManage: expected boolean, got "yes"',
      '$.settings.clientSecretValue: not in SettingsView',
      '$.settings.secrets[0].label: missing (required by SecretView)'
    ]);
    assert.deepEqual(compareKeyShape(fixture, page).sort(), [
      '$.canManage: fixture has a boolean, got "yes"',
      '$.settings.clientSecretValue: not in the fixture',
      '$.settings.secrets[0].label: in the fixture, missing here'
    ]);
  });

  test('the checks read the fields an interface extends: an audit result without its reason is caught', () => {
    const page = callGetAdminHome(seededOrg()) as { audit: { results: Record<string, unknown>[] } };
    delete page.audit.results[0]?.['reason'];
    assert.deepEqual(validateContract(page, 'AdminHome'), [
      '$.audit.results[0].reason: missing (required by RequirementResultView)'
    ]);
  });

  test('every @AuraEnabled method of AdminHomeController has an in-memory twin, and no twin is extra', () => {
    const twins = Object.keys(apexMethods)
      .filter((name) => name.startsWith('AdminHomeController.'))
      .sort();
    const apex = auraEnabledMethods('AdminHomeController');
    assert.ok(apex.includes('AdminHomeController.getAdminHome'), `parsed ${apex.join(', ')}`);
    assert.deepEqual(twins, apex);
  });
});
