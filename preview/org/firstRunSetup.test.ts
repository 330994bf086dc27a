/** The guided first-run setup twin follows FirstRunSetupService: steps in order, the first not done current. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ActionResult, LoadedAdminHome, SetupView } from '../../scripts/contract/types.ts';
import { setupView } from './firstRunSetup.ts';
import { label } from './labels.ts';
import type { Org } from './org.ts';
import { scenarios } from './scenarios.ts';
import { seedIds } from './seed.ts';
import { callAura, seededAt } from './testing.ts';

const NOW = new Date('2025-11-23T14:05:00.000Z');

function firstRun(): Org {
  const org = seededAt(NOW);
  scenarios['first-run']?.(org);
  return org;
}

function setupOf(org: Org): SetupView {
  const setup = callAura<LoadedAdminHome>(org, 'getAdminHome').setup;
  assert.ok(setup, 'every section of the page was read');
  return setup;
}

const states = (setup: SetupView) => setup.steps.map((s) => `${s.key}:${s.state}`);

describe('in-memory org: guided first-run setup', () => {
  test('the seeded org was set up before: its page shows the sections', () => {
    const setup = setupOf(seededAt(NOW));
    assert.equal(setup.active, false);
  });

  test('a first run opens as the guided setup, and each step done moves the current step on until it ends', () => {
    const org = firstRun();
    let setup = setupOf(org);
    assert.equal(setup.active, true);
    assert.deepEqual(states(setup), ['user:Current', 'access:ToDo', 'authorize:ToDo', 'jobs:ToDo']);
    assert.equal(setup.steps[0]?.detail, label('Connection_StepUserSetMissing'));

    assert.equal(callAura<ActionResult>(org, 'connectUser', { userId: seedIds.connector }).ok, true);
    setup = setupOf(org);
    assert.deepEqual(states(setup), ['user:Done', 'access:Current', 'authorize:ToDo', 'jobs:ToDo']);
    const missing = setup.steps[1]?.missing ?? [];
    assert.ok(missing.includes('API Enabled'), `API Enabled is missing: ${missing.join(', ')}`);
    assert.ok(missing.includes('Edit access to Account'), 'a fixable Recommended requirement: Fix grants it too');
    assert.ok(!missing.includes('API Only User'), 'Fix grants no Conditional requirement');
    assert.equal(setup.steps[1]?.detail, label('Setup_AccessMissing', missing.length));

    const repaired = callAura<ActionResult>(org, 'repairIntegrationAccess', { requirementName: null });
    assert.equal(repaired.ok, true, repaired.message);
    setup = setupOf(org);
    assert.deepEqual(states(setup), ['user:Done', 'access:Done', 'authorize:Current', 'jobs:ToDo']);
    assert.equal(setup.steps[1]?.detail, label('Setup_AccessDone'));

    const sent = callAura<ActionResult>(org, 'sendAuthorizationLink', { recipientId: seedIds.admin });
    assert.equal(sent.ok, true, sent.message);
    setup = setupOf(org);
    assert.equal(setup.currentStep, 'jobs');
    assert.match(setup.steps[2]?.detail ?? '', /^Link sent to Ada/);
    assert.equal(setup.steps[3]?.detail, label('Setup_JobsDetail', 0, 2, 'Connector Integration'));

    const started = callAura<ActionResult>(org, 'startJob', { definitionName: null });
    assert.ok(started.requestId, 'sent as a job command');
    // The page follows the command until its trigger has run (getJobCommandStatus), then reloads.
    const status = callAura<{ state: string; message: string }>(org, 'getJobCommandStatus', {
      requestId: started.requestId
    });
    assert.equal(status.state, 'Done', status.message);
    setup = setupOf(org);
    assert.equal(setup.currentStep, null, setup.steps.map((s) => s.detail).join(' | '));
    assert.equal(setup.active, false, 'the guided setup ends by itself');
  });

  test('choosing another connector user again asks for the link again', () => {
    const org = firstRun();
    callAura(org, 'connectUser', { userId: seedIds.connector });
    callAura(org, 'sendAuthorizationLink', { recipientId: seedIds.admin });
    callAura(org, 'connectUser', { userId: seedIds.admin });
    const setup = setupOf(org);
    assert.notEqual(setup.steps[2]?.state, 'Done');
  });

  test('an API-only connector user is told to authorize without a browser, and an emailed link does not count', () => {
    const org = firstRun();
    scenarios['integration-license']?.(org);
    callAura(org, 'sendAuthorizationLink', { recipientId: seedIds.admin });
    const page = callAura<LoadedAdminHome>(org, 'getAdminHome');
    // Every requirement granted, so that the authorize step is the current one.
    const audit = { ...page.audit, results: page.audit.results.map((r) => ({ ...r, state: 'Met' as const })) };
    const setup = setupView({ ...page, audit });
    assert.ok(setup);
    assert.equal(setup.apiOnly, true, 'the Integration license and API Only User');
    assert.equal(setup.currentStep, 'authorize');
    assert.equal(setup.steps[2]?.detail, label('Status_FixNoTokenApiOnly'));
  });

  test('API Only User granted on another license is API-only too', () => {
    const page = callAura<LoadedAdminHome>(firstRun(), 'getAdminHome');
    const results = page.audit.results.map((r) =>
      r.target === 'PermissionsApiUserOnly' ? { ...r, state: 'Met' as const } : r
    );
    assert.equal(setupView({ ...page, audit: { ...page.audit, licenseName: 'Salesforce', results } })?.apiOnly, true);
    assert.equal(setupView({ ...page, audit: { ...page.audit, licenseName: 'Salesforce' } })?.apiOnly, false);
  });

  test('an unreadable section leaves the setup out, as the Apex does', () => {
    const page = callAura<LoadedAdminHome>(firstRun(), 'getAdminHome');
    assert.equal(setupView({ ...page, audit: null }), null);
  });
});
