/** The in-memory org follows the same rules as the Apex it stands in for. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { LoadedAdminHome } from '../../scripts/contract/types.ts';
import { getAdminHome as readAdminHome, RECENT_EVENT_COUNT } from './adminHome.ts';
import { KeyPrefix, recordId, to18 } from './ids.ts';
import { readCustomLabels, readRequirements } from './metadata.ts';
import { Org } from './org.ts';
import { apexMethods, invokeApex } from './registry.ts';
import { scenarios } from './scenarios.ts';
import { seedIds } from './seed.ts';

const NOW = new Date('2025-11-23T14:05:00.000Z');
const labels = readCustomLabels();
const tmp = mkdtempSync(join(tmpdir(), 'preview-org-test-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

function seeded(): Org {
  return Org.open({ stateFile: null, now: () => NOW });
}

/** The seeded org's page: every section loads for these users. */
const getAdminHome = (org: Org): LoadedAdminHome => readAdminHome(org) as LoadedAdminHome;

describe('in-memory org: getAdminHome', () => {
  test('never returns a secret value, only whether, when and by whom it was set', () => {
    const org = seeded();
    const json = JSON.stringify(getAdminHome(org));
    const settings = org.state.settings;
    assert.ok(settings?.ClientSecret__c);
    assert.ok(!json.includes(settings.ClientSecret__c), 'client secret value leaked');
    const page = JSON.parse(json) as LoadedAdminHome;
    assert.deepEqual(
      page.settings.secrets.map((s) => [s.name, s.label, s.isSet, s.setBy]),
      [
        ['clientSecret', labels.get('Settings_ClientSecret'), true, 'Ada Admin'],
        ['apiKey', labels.get('Settings_ApiKey'), false, null]
      ]
    );
    assert.equal(page.settings.secrets[0]?.setAt, settings.ClientSecretSetAt__c);
  });

  test('treats a blank secret as not set and a blank permission set name as the default', () => {
    const org = seeded();
    const settings = org.state.settings;
    assert.ok(settings);
    settings.ClientSecret__c = '   ';
    settings.IntegrationPermissionSetName__c = '';
    const page = getAdminHome(org);
    assert.deepEqual(page.settings.secrets[0], {
      name: 'clientSecret',
      label: labels.get('Settings_ClientSecret'),
      isSet: false,
      setAt: null,
      setBy: null
    });
    assert.equal(page.settings.integrationPermissionSetName, 'Connector_Integration_Access');
  });

  test('returns the ConnectorRequirement records of force-app, by sort order', () => {
    const page = getAdminHome(seeded());
    const records = readRequirements();
    assert.ok(records.length > 0, 'force-app has requirement records');
    assert.deepEqual(page.requirements, records);
    const orders = page.requirements.map((r) => r.sortOrder);
    assert.deepEqual(
      orders,
      [...orders].sort((a, b) => a - b)
    );
    assert.equal(page.requirements.find((r) => r.developerName === 'ApiEnabled')?.target, 'PermissionsApiEnabled');
  });

  test('lets only holders of ManageConnector (Connector Administrator) manage', () => {
    const org = seeded();
    assert.equal(getAdminHome(org).canManage, true, 'Ada Admin holds Connector Administrator');
    org.state.runningUserId = seedIds.support;
    assert.equal(getAdminHome(org).canManage, false, 'Sam Support holds only Connector Basic User');
  });

  test('lists the newest events first, at most the controller limit, with the actor name', () => {
    const org = seeded();
    for (let i = 0; i < RECENT_EVENT_COUNT + 5; i++) {
      org.logEvent({ Action__c: `Action ${i}`, Target__c: null, Outcome__c: 'Success', Detail__c: null });
    }
    const events = getAdminHome(org).events;
    assert.equal(events.length, RECENT_EVENT_COUNT);
    assert.equal(events[0]?.action, `Action ${RECENT_EVENT_COUNT + 4}`, 'same timestamp: the newest id first');
    assert.equal(events[0]?.actorName, 'Ada Admin');
  });

  test('shows no events to a user who cannot read ConnectorEvent__c', () => {
    const org = seeded();
    const id = recordId(KeyPrefix.User, 900);
    org.state.users.push({
      Id: id,
      Name: 'Nora Noaccess',
      Username: 'nora@acme.example',
      Email: 'nora@acme.example',
      IsActive: true,
      IsFrozen: false,
      ProfileId: seedIds.standardProfile,
      LastLoginDate: null,
      LocaleSidKey: 'en_US',
      LanguageLocaleKey: 'en_US',
      TimeZoneSidKey: 'UTC'
    });
    org.state.runningUserId = id;
    assert.deepEqual(getAdminHome(org).events, []);
    org.state.runningUserId = seedIds.support;
    assert.ok(getAdminHome(org).events.length > 0, 'Connector Basic User grants read on the audit log');
  });
});

describe('in-memory org: the Apex endpoint', () => {
  test('refuses a mutating method to a user without ManageConnector, with the Apex message', () => {
    const org = seeded();
    org.state.runningUserId = seedIds.support;
    let called = false;
    apexMethods['AdminHomeController.previewTestAction'] = { mutating: true, handler: () => (called = true) };
    try {
      const response = invokeApex(org, 'AdminHomeController.previewTestAction', {});
      assert.equal(response.status, 400);
      assert.deepEqual((response.body as { message: string }).message, labels.get('Error_ManageConnectorRequired'));
      assert.equal(called, false);
    } finally {
      delete apexMethods['AdminHomeController.previewTestAction'];
    }
  });

  test('rolls back every change of a method that throws, and wraps the message like AuraErrors', () => {
    const org = seeded();
    const before = JSON.stringify(org.state);
    apexMethods['AdminHomeController.previewTestAction'] = {
      mutating: true,
      handler: (o) => {
        o.logEvent({ Action__c: 'Half done', Target__c: null, Outcome__c: 'Success', Detail__c: null });
        throw new Error('boom');
      }
    };
    try {
      const response = invokeApex(org, 'AdminHomeController.previewTestAction', {});
      assert.equal(response.status, 400);
      assert.equal(
        (response.body as { message: string }).message,
        labels.get('Error_Unexpected')?.replace('{0}', 'boom')
      );
      assert.equal(JSON.stringify(org.state), before);
    } finally {
      delete apexMethods['AdminHomeController.previewTestAction'];
    }
  });

  test('names the file to edit when a method has no twin', () => {
    const response = invokeApex(seeded(), 'AdminHomeController.notYetWritten', {});
    assert.equal(response.status, 404);
    assert.match((response.body as { message: string }).message, /preview\/org\/registry\.ts/);
  });
});

describe('in-memory org: session state', () => {
  test('persists changes to the state file and restores the seed on reset', () => {
    const stateFile = join(tmp, 'org.json');
    const first = Org.open({ stateFile, reset: true, now: () => NOW });
    assert.equal(first.seededBecause, 'reset requested');
    scenarios['api-key-set-elsewhere']?.(first);
    first.save();

    const second = Org.open({ stateFile, now: () => NOW });
    assert.equal(second.seededBecause, null);
    assert.equal(getAdminHome(second).settings.secrets[1]?.isSet, true, 'the change survived a restart');

    const third = Org.open({ stateFile, reset: true, now: () => NOW });
    assert.equal(getAdminHome(third).settings.secrets[1]?.isSet, false, '--reset brings back the seed');
  });

  test('makes valid 18-character ids', () => {
    // A documented 15 → 18 pair: the suffix encodes which characters are upper case.
    assert.equal(to18('001A0000006Vm9r'), '001A0000006Vm9rIAC');
    assert.match(recordId(KeyPrefix.User, 7), /^0055g0{9}7[A-Z0-5]{3}$/);
  });
});
