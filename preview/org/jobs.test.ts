/** The jobs twin follows ScheduledJobService's rules: states, warnings, idempotent stop/start, restart all. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { projectRoot } from '../lib/paths.ts';
import type { ActionResult, LoadedAdminHome, JobCommandStatus, JobView } from '../../scripts/contract/types.ts';
import { getJobs, JOB_ACTIONS, nextFireTimeOf, startAllJobs, stopAllJobs } from './jobs.ts';
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

function follow(org: Org, requestId: string | null | undefined): JobCommandStatus {
  const response = invokeApex(org, 'AdminHomeController.getJobCommandStatus', { requestId });
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return response.body as JobCommandStatus;
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

  test('a job command is delivered after the request, never performed in the requester call', () => {
    const org = seeded();
    call(org, 'stopJob', { jobKey: HEALTH_CHECK });
    const requested = call(org, 'startJob', { definitionName: HEALTH_CHECK });
    assert.equal(requested.ok, true);
    assert.equal(requested.changed, false, 'the request itself schedules nothing');
    assert.ok(requested.requestId, 'the answer names the command to follow');
    assert.equal(job(org, HEALTH_CHECK).state, 'NotScheduled', 'nothing scheduled as the admin');
    const status = follow(org, requested.requestId);
    assert.equal(status.state, 'Done', status.message ?? '');
    assert.equal(status.ranAsUserName, 'Connector Integration');
    assert.equal(status.message, label('Jobs_Started', 'Connector health check', '0 0 * * * ?'));
    const view = job(org, HEALTH_CHECK);
    assert.equal(view.runAsUserId, seedIds.connector);
    assert.equal(view.nextFireTime, '2025-11-23T15:00:00.000Z');
    const again = follow(org, call(org, 'startJob', { definitionName: 'connectorhealthcheck' }).requestId);
    assert.equal(again.message, label('Jobs_AlreadyStarted', 'Connector health check'));
  });

  test('a job outside the definitions is never started, and is stopped by its trigger id', () => {
    const org = seeded();
    const unmanaged = getJobs(org).find((j) => j.state === 'Unmanaged');
    assert.ok(unmanaged?.cronTriggerId);
    const started = follow(org, call(org, 'startJob', { definitionName: unmanaged.cronTriggerId }).requestId);
    assert.equal(started.state, 'Failed');
    assert.equal(started.message, label('Jobs_StartUnmanaged', 'Health check (old schedule)'));
    const stopped = call(org, 'stopJob', { jobKey: unmanaged.cronTriggerId.slice(0, 15) });
    assert.equal(stopped.changed, true);
    assert.equal(
      getJobs(org).some((j) => j.state === 'Unmanaged'),
      false
    );
  });

  test('restart all requested by an admin: the trigger restarts every job as the connector user', () => {
    const org = seeded();
    assert.equal(org.state.runningUserId, seedIds.admin);
    const requested = call(org, 'restartAllJobs');
    const status = follow(org, requested.requestId);
    assert.equal(status.state, 'Done', status.message ?? '');
    assert.equal(status.ranAsUserId, seedIds.connector);
    assert.equal(status.ranAsConnectorUser, true);
    assert.deepEqual(status.jobs, [
      {
        jobName: 'Connector health check',
        outcome: 'Success',
        detail: label('Jobs_Restarted', 'Connector health check')
      },
      { jobName: 'CSM sync', outcome: 'Success', detail: label('Jobs_Restarted', 'CSM sync') }
    ]);
    assert.ok(!status.message?.includes(label('Jobs_RunsAsYou')), 'nothing runs as the admin');
    for (const key of [HEALTH_CHECK, CSM_SYNC]) {
      assert.equal(job(org, key).runAsUserId, seedIds.connector, key);
      assert.equal(job(org, key).warning, null, key);
    }
    const page = invokeApex(org, 'AdminHomeController.getAdminHome', {}).body as LoadedAdminHome;
    assert.deepEqual(page.jobRunner?.userName, 'Connector Integration');
    const codes = page.status.causes.map((c) => c.code);
    assert.ok(!codes.includes(`JOB_${HEALTH_CHECK}`) && !codes.includes('JOB_RUNNER'), codes.join());
    const entries = org.state.events.filter((e) => e.RequestId__c === requested.requestId);
    assert.deepEqual(
      entries.map((e) => [e.Action__c, e.Target__c, e.Outcome__c, e.RequestedById__c, e.CreatedById]),
      [
        ['Restart all jobs', 'Connector health check', 'Success', seedIds.admin, seedIds.connector],
        ['Restart all jobs', 'CSM sync', 'Success', seedIds.admin, seedIds.connector]
      ],
      'one entry per job: asked by the admin, ran as the connector user'
    );
  });

  test('the page loads while a job command is pending: the trigger runs in its own transaction, before the page', () => {
    const org = seeded();
    const requested = call(org, 'restartAllJobs');
    const response = invokeApex(org, 'AdminHomeController.getAdminHome', {});
    assert.equal(response.status, 200, JSON.stringify(response.body));
    const page = response.body as LoadedAdminHome;
    assert.equal(page.jobs?.find((j) => j.definitionName === HEALTH_CHECK)?.runAsUserId, seedIds.connector);
    assert.equal(follow(org, requested.requestId).state, 'Done');
  });

  test('with no subscriber config the trigger runs as the Automated Process user: restart is refused and reported', () => {
    const org = seeded();
    scenarios['job-runner-not-configured']?.(org);
    const status = follow(org, call(org, 'restartAllJobs').requestId);
    assert.equal(status.state, 'Failed');
    assert.equal(status.ranAsUserName, 'Automated Process');
    assert.equal(status.message, label('Jobs_CommandWrongRunner', 'Automated Process', 'Connector Integration'));
    assert.equal(job(org, HEALTH_CHECK).runAsUserId, seedIds.oldConnector, 'left as it was');
    assert.equal(job(org, CSM_SYNC).runAsUserId, seedIds.connector, 'not moved off the connector user');
    const page = invokeApex(org, 'AdminHomeController.getAdminHome', {}).body as LoadedAdminHome;
    const runner = page.status.causes.find((c) => c.code === 'JOB_RUNNER');
    assert.equal(runner?.severity, 'Required');
    assert.equal(runner?.fix, label('Status_FixJobRunner'));
  });

  test('a redelivered job command is performed once', () => {
    const org = seeded();
    const command = { RequestId__c: 'same', Action__c: 'Stop', JobKey__c: CSM_SYNC, RequestedById__c: seedIds.admin };
    org.state.jobCommandBus.push(command, { ...command });
    const status = follow(org, 'same');
    assert.equal(status.state, 'Done');
    assert.equal(org.state.events.filter((e) => e.RequestId__c === 'same').length, 1);
  });

  test('the job command event publishes after commit, so a failed request sends nothing', () => {
    const xml = readFileSync(
      join(projectRoot, 'force-app/main/default/objects/ConnectorJobCommand__e/ConnectorJobCommand__e.object-meta.xml'),
      'utf8'
    );
    assert.match(xml, /<publishBehavior>PublishAfterCommit<\/publishBehavior>/);
    const org = seeded();
    assert.throws(() =>
      org.transaction(() => {
        call(org, 'restartAllJobs');
        throw new Error('the request failed after publishing');
      })
    );
    assert.equal(org.state.jobCommandBus.length, 0, 'rolled back with the request: nothing is delivered');
  });

  test('restart all leaves stopped jobs stopped and says when nothing was scheduled', () => {
    const org = seeded();
    call(org, 'stopJob', { jobKey: HEALTH_CHECK });
    call(org, 'stopJob', { jobKey: CSM_SYNC });
    const status = follow(org, call(org, 'restartAllJobs').requestId);
    assert.ok(status.message?.startsWith(label('Jobs_RestartNothing')), status.message ?? '');
    assert.equal(job(org, HEALTH_CHECK).state, 'NotScheduled');
    assert.deepEqual(status.jobs, [], 'no job was acted on');
    const entries = org.state.events.filter((e) => e.RequestId__c === status.requestId);
    assert.deepEqual(
      entries.map((e) => [e.Action__c, e.Target__c, e.Outcome__c]),
      [['Restart all jobs', null, 'NoChange']],
      'one NoChange entry when nothing was acted on'
    );
  });

  test('stop all and start all write one audit entry per job; the result keeps the summary', () => {
    const org = seeded();
    const before = org.state.events.length;
    const stopped = stopAllJobs(org);
    assert.equal(stopped.message, label('Jobs_StopAllDone', 2, 'Connector health check, CSM sync'));
    assert.deepEqual(
      org.state.events.slice(before).map((e) => [e.Action__c, e.Target__c, e.Outcome__c, e.Detail__c]),
      [
        [JOB_ACTIONS.stop, 'Connector health check', 'Success', label('Jobs_Stopped', 'Connector health check')],
        [JOB_ACTIONS.stop, 'CSM sync', 'Success', label('Jobs_Stopped', 'CSM sync')]
      ]
    );
    const middle = org.state.events.length;
    stopAllJobs(org);
    assert.deepEqual(
      org.state.events.slice(middle).map((e) => [e.Target__c, e.Outcome__c, e.Detail__c]),
      [[null, 'NoChange', label('Jobs_StopAllNothing')]]
    );
    const after = org.state.events.length;
    startAllJobs(org);
    assert.deepEqual(
      org.state.events.slice(after).map((e) => [e.Action__c, e.Target__c, e.Outcome__c]),
      [
        [JOB_ACTIONS.start, 'Connector health check', 'Success'],
        [JOB_ACTIONS.start, 'CSM sync', 'Success']
      ]
    );
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
