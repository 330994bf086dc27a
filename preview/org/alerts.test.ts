/** Connector alerts: the twin's decision and message, and the Apex held to the platform's notification rules. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  adminHomePageRef,
  alertEmails,
  composeAlert,
  decideAlert,
  NotificationRefused,
  sendCustomNotification
} from './alerts.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const NOW = new Date('2026-03-02T08:00:00.000Z');
const SERVICE = 'force-app/main/default/classes/ConnectorAlertService.cls';

function decide(previous: string | null, current: string | null, lastAlertAt: Date | null = null, digest = false) {
  return decideAlert({ previous, current, lastAlertAt, now: NOW, muted: false, digest });
}

describe('connector alerts', () => {
  it('alerts once per transition and not while the verdict is unchanged', () => {
    assert.equal(decide('Connected', 'NeedsAttention'), 'Broken');
    assert.equal(decide('NeedsAttention', 'Disconnected', NOW), 'Broken');
    assert.equal(decide('Disconnected', 'NeedsAttention', NOW), 'Broken');
    assert.equal(decide('NeedsAttention', 'Connected', NOW), 'Recovered');
    assert.equal(decide('NeedsAttention', 'NeedsAttention'), 'None');
    assert.equal(decide('Connected', 'Connected', null, true), 'None');
    assert.equal(decide(null, 'Disconnected'), 'Broken', 'a first check counts as coming from Connected');
    assert.equal(decide(null, 'Connected'), 'None');
    assert.equal(decide('Connected', null), 'None', 'unknown verdict: quiet');
    assert.equal(
      decideAlert({
        previous: 'Connected',
        current: 'Disconnected',
        lastAlertAt: null,
        now: NOW,
        muted: true,
        digest: true
      }),
      'None',
      'muted'
    );
  });

  it('sends the daily digest only when opted in, once a day', () => {
    const yesterday = new Date(NOW.getTime() - 24 * 3_600_000);
    assert.equal(decide('NeedsAttention', 'NeedsAttention', yesterday, true), 'Digest');
    assert.equal(decide('NeedsAttention', 'NeedsAttention', new Date(NOW.getTime() - 7_200_000), true), 'None');
    assert.equal(decide('NeedsAttention', 'NeedsAttention', yesterday, false), 'None');
  });

  it('lists the first causes with their fixes and points at Admin Home', () => {
    const causes = [1, 2, 3, 4, 5].map((i) => ({ message: `Cause ${i}.`, fix: `Fix ${i}.` }));
    const alert = composeAlert('Broken', 'Disconnected', causes);
    assert.equal(alert.title, 'Connector: Disconnected');
    assert.match(alert.body, /^Cause 1\. Fix 1\.$/m);
    assert.doesNotMatch(alert.body, /Cause 4/);
    assert.match(alert.body, /And 2 more on Admin Home\./);
    assert.deepEqual(JSON.parse(adminHomePageRef('cadm')), {
      type: 'standard__navItemPage',
      attributes: { apiName: 'cadm__AdminHome' }
    });
  });

  it('abbreviates a long body as Apex abbreviate() does: 700 characters, the last three an ellipsis', () => {
    const causes = [1, 2, 3].map((i) => ({ message: `${i}`.repeat(300), fix: null }));
    const alert = composeAlert('Digest', 'NeedsAttention', causes);
    assert.equal(alert.title, 'Connector still Needs attention');
    assert.equal(alert.body.length, 700);
    assert.ok(alert.body.endsWith('...'), alert.body.slice(-10));
  });

  it('writes a cause date into the alert as UTC: a notification has no browser to format it in', () => {
    const copy = { message: 'Copied from production (sandbox uat, {0}).', messageAt: '2026-12-05T07:09:00.000Z' };
    const alert = composeAlert('Broken', 'Disconnected', [copy]);
    assert.equal(alert.body, 'Copied from production (sandbox uat, 2026-12-05 07:09 UTC).');
  });

  it('refuses a custom notification without a target, as send() does; the Apex alert always carries the page reference', () => {
    assert.throws(
      () => sendCustomNotification({ notificationTypeId: '0ML000000000001AAA', title: 't', body: 'b' }, ['005x']),
      NotificationRefused
    );
    assert.equal(
      sendCustomNotification(
        { notificationTypeId: '0ML000000000001AAA', title: 't', body: 'b', targetPageRef: adminHomePageRef('') },
        ['005x']
      ),
      1
    );
    const apex = readFileSync(join(ROOT, SERVICE), 'utf8');
    assert.match(apex, /notification\.setTargetPageRef\(targetPageRef\);/);
    assert.match(apex, /sender\.notify\([^;]*adminHomePageRef\(\)\)/);
  });

  it('emails users by targetObjectId with saveAsActivity off, never by typed address', () => {
    const [email] = alertEmails(['005000000000001AAA'], 'Connector: Disconnected', 'Cause 1.');
    assert.deepEqual(
      { targetObjectId: email!.targetObjectId, saveAsActivity: email!.saveAsActivity },
      { targetObjectId: '005000000000001AAA', saveAsActivity: false }
    );
    const apex = readFileSync(join(ROOT, SERVICE), 'utf8');
    assert.match(apex, /message\.setTargetObjectId\(userId\);/);
    assert.match(apex, /message\.setSaveAsActivity\(false\);/);
    assert.doesNotMatch(apex, /setToAddresses|setCcAddresses|setBccAddresses/);
  });
});

describe('the health check alert in the in-memory org (ConnectorAlertService.onStatus)', () => {
  it('alerts once on a change of verdict, writes the "Connector alert" entry, and not again while unchanged', async () => {
    const { Org } = await import('./org.ts');
    const { scenarios } = await import('./scenarios.ts');
    const org = Org.open({ stateFile: null, now: () => new Date('2025-11-23T14:05:00.000Z') });
    const before = org.state.events.length;
    scenarios['health-check']?.(org);
    const entry = org.state.events.at(-1);
    assert.equal(entry?.Action__c, 'Connector alert');
    assert.equal(entry?.Target__c, 'NeedsAttention');
    assert.match(
      entry?.Detail__c ?? '',
      /^Broken alert "Connector: Needs attention" to \d+ administrators by notification\.$/
    );
    assert.equal(org.state.settings?.LastVerdict__c, 'NeedsAttention');
    scenarios['health-check']?.(org);
    assert.equal(org.state.events.length, before + 1, 'same verdict, no digest: no second alert');
    if (org.state.settings) org.state.settings.AlertsMuted__c = true;
    scenarios['sandbox-copy']?.(org);
    const count = org.state.events.length;
    scenarios['health-check']?.(org);
    assert.equal(org.state.events.length, count, 'muted: no alert');
    assert.equal(org.state.settings?.LastVerdict__c, 'Disconnected', 'the verdict is still recorded');
  });
});
