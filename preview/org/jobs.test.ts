/** The jobs twin follows ScheduledJobService's rules: states, warnings, idempotent stop/start, restart all. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ActionResult, JobView } from '../../scripts/contract/types.ts';
import { getJobs, JOB_ACTIONS, nextFireTimeOf } from './jobs.ts';
import { formatApex } from '../../scripts/lib/message-format.ts';
import { readCustomLabels, readJobDefinitions } from './metadata.ts';
import { Org } from './org.ts';
import { invokeApex } from './registry.ts';
import { scenarios } from './scenarios.ts';
import { seedIds } from './seed.ts';

const NOW = new Date('2025-11-23T14:05:00.000Z');
const labels = readCustomLabels();
const HEALTH_CHECK = 'ConnectorHealthCheck';
const CSM_SYNC = 'CsmSyncDaily';

function label(name: string, ...values: unknown[]): string {
  return formatApex(labels.get(name) ?? name, values);
}

function seeded(): Org {
  return Org.open({ stateFile: null, now: () => NOW });
}

function call(org: Org, method: string, params: Record<string, unknown> = {}): ActionResult {
  const response = invokeApex(org, `AdminHomeController.${method}`, params);
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return response.body as ActionResult;
}

function job(org: Org, key: string): JobView {
  const found = getJobs(org).find((j) => (j.definitionName ?? j.jobName) === key);
  assert.ok(found, `no job ${key}`);
  return found;
}

describe('in-memory org: scheduled jobs', () => {
  test('lists every definition in order, then the package jobs scheduled outside them', () => {
    const jobs = getJobs(seeded());
    const definitions = readJobDefinitions();
    assert.deepEqual(
      jobs.slice(0, definitions.length).map((j) => j.definitionName),
      definitions.map((d) => d.developerName)
    );
    const unmanaged = jobs.filter((j) => j.state === 'Unmanaged');
    assert.deepEqual(
      unmanaged.map((j) => [j.jobName, j.apexClass, j.definitionName, j.isActive]),
      [['Health check (old schedule)', 'ConnectorHealthCheckJob', null, false]]
    );
  });

  test('flags the health check running as the previous connector user', () => {
    const healthCheck = job(seeded(), HEALTH_CHECK);
    assert.equal(healthCheck.state, 'Waiting');
    assert.equal(healthCheck.runAsUserId, seedIds.oldConnector);
    assert.equal(healthCheck.runAsUserName, 'Olivia Oldfield');
    assert.equal(
      healthCheck.warning,
      `${label('Jobs_WarningNotConnectorUser', 'Olivia Oldfield')} ${label('Jobs_WarningRestart')}`
    );
    assert.equal(healthCheck.nextFireTime, '2025-11-23T15:00:00.000Z');
  });

  test('flags a job whose user is inactive or frozen', () => {
    const org = seeded();
    const olivia = org.user(seedIds.oldConnector);
    assert.ok(olivia);
    olivia.IsFrozen = true;
    assert.match(job(org, HEALTH_CHECK).warning ?? '', new RegExp(label('Jobs_WarningFrozenUser', 'Olivia Oldfield')));
    olivia.IsActive = false;
    assert.match(
      job(org, HEALTH_CHECK).warning ?? '',
      new RegExp(label('Jobs_WarningInactiveUser', 'Olivia Oldfield'))
    );
  });

  test('stops a job, keeps its schedule in the definition, and says so when stopped again', () => {
    const org = seeded();
    const stopped = call(org, 'stopJob', { jobKey: HEALTH_CHECK });
    assert.deepEqual(stopped, {
      ok: true,
      changed: true,
      message: label('Jobs_Stopped', 'Connector health check')
    });
    const view = job(org, HEALTH_CHECK);
    assert.equal(view.state, 'NotScheduled');
    assert.equal(view.cronExpression, '0 0 * * * ?');
    assert.equal(view.warning, null);
    const again = call(org, 'stopJob', { jobKey: HEALTH_CHECK });
    assert.deepEqual(again, {
      ok: true,
      changed: false,
      message: label('Jobs_AlreadyStopped', 'Connector health check')
    });
    assert.deepEqual(
      org.state.events.slice(-2).map((e) => [e.Action__c, e.Outcome__c]),
      [
        [JOB_ACTIONS.stop, 'Success'],
        [JOB_ACTIONS.stop, 'NoChange']
      ]
    );
  });

  test('starts a job as the running user with its next fire time, and changes nothing when started again', () => {
    const org = seeded();
    call(org, 'stopJob', { jobKey: HEALTH_CHECK });
    const started = call(org, 'startJob', { definitionName: HEALTH_CHECK });
    assert.equal(started.ok, true);
    assert.equal(started.changed, true);
    assert.equal(
      started.message,
      `${label('Jobs_Started', 'Connector health check', '0 0 * * * ?')} ${label('Jobs_RunsAsYou')}`
    );
    const view = job(org, HEALTH_CHECK);
    assert.equal(view.state, 'Waiting');
    assert.equal(view.runAsUserName, 'Ada Admin');
    assert.equal(view.nextFireTime, '2025-11-23T15:00:00.000Z');
    const again = call(org, 'startJob', { definitionName: 'connectorhealthcheck' });
    assert.deepEqual(again, {
      ok: true,
      changed: false,
      message: label('Jobs_AlreadyStarted', 'Connector health check')
    });
  });

  test('stops a job outside the definitions by its trigger id, and never starts it', () => {
    const org = seeded();
    const unmanaged = getJobs(org).find((j) => j.state === 'Unmanaged');
    assert.ok(unmanaged?.cronTriggerId);
    const started = call(org, 'startJob', { definitionName: unmanaged.cronTriggerId });
    assert.deepEqual(started, {
      ok: false,
      changed: false,
      message: label('Jobs_StartUnmanaged', 'Health check (old schedule)')
    });
    const stopped = call(org, 'stopJob', { jobKey: unmanaged.cronTriggerId.slice(0, 15) });
    assert.equal(stopped.changed, true);
    assert.equal(
      getJobs(org).some((j) => j.state === 'Unmanaged'),
      false
    );
  });

  test('restarts every scheduled job in one call; afterwards they run as the running user', () => {
    const org = seeded();
    scenarios['connector-user']?.(org);
    const result = call(org, 'restartAllJobs');
    assert.equal(result.ok, true);
    assert.equal(result.changed, true);
    assert.ok(
      result.message.includes(label('Jobs_RestartDone', 2, 'Connector health check, CSM sync')),
      result.message
    );
    assert.ok(
      result.message.includes(label('Jobs_RestartUnmanagedKept', 1, 'Health check (old schedule)')),
      result.message
    );
    assert.ok(!result.message.includes(label('Jobs_RunsAsYou')), 'the connector user restarted them');
    const view = job(org, HEALTH_CHECK);
    assert.equal(view.runAsUserId, seedIds.connector);
    assert.equal(view.warning, null);
  });

  test('restart all leaves stopped jobs stopped and says when nothing was scheduled', () => {
    const org = seeded();
    call(org, 'stopJob', { jobKey: HEALTH_CHECK });
    call(org, 'stopJob', { jobKey: CSM_SYNC });
    const result = call(org, 'restartAllJobs');
    assert.equal(result.changed, false);
    assert.ok(result.message.startsWith(label('Jobs_RestartNothing')), result.message);
    assert.equal(job(org, HEALTH_CHECK).state, 'NotScheduled');
  });

  test('refuses users without Manage Connector and changes nothing', () => {
    const org = seeded();
    scenarios['read-only-user']?.(org);
    const before = JSON.stringify(org.state.cronTriggers);
    for (const [method, params] of [
      ['stopJob', { jobKey: HEALTH_CHECK }],
      ['startJob', { definitionName: HEALTH_CHECK }],
      ['restartAllJobs', {}]
    ] as const) {
      const response = invokeApex(org, `AdminHomeController.${method}`, params);
      assert.equal(response.status, 400);
      assert.equal((response.body as { message: string }).message, labels.get('Error_ManageConnectorRequired'));
    }
    assert.equal(JSON.stringify(org.state.cronTriggers), before);
  });

  test('explains an unknown job name', () => {
    const response = invokeApex(seeded(), 'AdminHomeController.stopJob', { jobKey: 'Nope' });
    assert.equal(response.status, 400);
    assert.equal((response.body as { message: string }).message, label('Jobs_NotFound', 'Nope'));
  });

  test('computes the next fire time of cron expressions in the user time zone', () => {
    assert.equal(nextFireTimeOf('0 0 2 * * ?', NOW, 'America/New_York')?.toISOString(), '2025-11-24T07:00:00.000Z');
    assert.equal(nextFireTimeOf('0 30 9 ? * MON-FRI', NOW, 'Europe/London')?.toISOString(), '2025-11-24T09:30:00.000Z');
    assert.equal(nextFireTimeOf('0 0/15 * * * ?', NOW, 'UTC')?.toISOString(), '2025-11-23T14:15:00.000Z');
    assert.equal(nextFireTimeOf('0 0 0 1 JAN ? 2020', NOW, 'UTC'), null);
    assert.throws(() => nextFireTimeOf('0 0 25 * * ?', NOW, 'UTC'), /not valid/);
    assert.throws(() => nextFireTimeOf('every hour', NOW, 'UTC'), /not a cron expression/);
  });
});
