import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { runIn, seededOrg, type SeededOrg, stopSeededOrg } from '../testing/harness.ts';
import type { JobsCommandResult } from './jobs.ts';

describe('jobs', () => {
  let s: SeededOrg | undefined;
  afterEach(async () => (s = await stopSeededOrg(s)));

  it('lists jobs and flags those running as someone other than the connector user', async () => {
    s = await seededOrg();
    s.org.settings['connectorUserId'] = s.connectorId;
    s.org.scheduled.set('Heartbeat', { cronTriggerId: '08eA', runAsUserId: s.adminId, state: 'Waiting' });
    const run = await runIn(['jobs', 'list', ...s.target, '--json'], { env: s.env });
    assert.equal(run.code, 1, 'a job running as someone else is a finding to act on');
    const result = run.json!.result as JobsCommandResult;
    assert.deepEqual(
      result.jobs.map((j) => [j.definitionName, j.state, j.runsAsConnectorUser]),
      [
        ['Heartbeat', 'Waiting', false],
        ['CsmSync', 'NotScheduled', null]
      ]
    );
    const human = await runIn(['jobs', 'list', ...s.target], { env: s.env });
    assert.match(human.stdout, /Heartbeat[\s│]+Waiting.*not the connector user/);
  });

  it('jobs restart run by an admin: the trigger, pointed at the connector user, restarts the jobs as that user', async () => {
    s = await seededOrg();
    s.org.settings['connectorUserId'] = s.connectorId;
    s.org.scheduled.set('Heartbeat', { cronTriggerId: '08eA', runAsUserId: s.adminId, state: 'Waiting' });
    const run = await runIn(['jobs', 'restart', ...s.target, '--json'], { env: s.env });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const result = run.json!.result as JobsCommandResult;
    assert.equal(result.runner?.action, 'created');
    assert.equal(s.org.subscriberConfigs[0]?.['UserId'], s.connectorId, 'the trigger runs as the connector user');
    assert.ok(
      [...s.org.scheduled.values()].every((j) => j.runAsUserId === s!.connectorId),
      'not as the admin'
    );
    // Restart reschedules what was scheduled; a job that was not stays stopped (ScheduledJobService.restartAllJobs).
    assert.deepEqual([...s.org.scheduled.keys()], ['Heartbeat']);
    // The followed command reports its audit entries: one per job acted on (CSM sync was not, so it has none).
    assert.equal(result.message, 'Restarted Connector heartbeat.');
    s.org.resetStats();
    const again = await runIn(['jobs', 'runner', ...s.target, '--json'], { env: s.env });
    assert.equal(again.code, 0);
    assert.equal((again.json!.result as JobsCommandResult).runner?.action, 'unchanged');
    assert.equal(s.org.stats.writeRequests, 0, 'a second run writes nothing');
  });

  it('re-points the trigger when the connector user changes', async () => {
    s = await seededOrg();
    s.org.settings['connectorUserId'] = s.adminId;
    await runIn(['jobs', 'runner', ...s.target], { env: s.env });
    s.org.settings['connectorUserId'] = s.connectorId;
    const run = await runIn(['jobs', 'runner', ...s.target, '--json'], { env: s.env });
    const runner = (run.json!.result as JobsCommandResult).runner!;
    assert.equal(runner.action, 'updated');
    assert.equal(runner.previousUserId, s.adminId);
    assert.equal(s.org.subscriberConfigs.length, 1, 'one config per trigger');
    assert.equal(s.org.subscriberConfigs[0]?.['UserId'], s.connectorId);
  });

  it('with the trigger left on the Automated Process user, a restart is refused and nothing moves to the admin', async () => {
    s = await seededOrg();
    s.org.settings['connectorUserId'] = s.connectorId;
    s.org.scheduled.set('Heartbeat', { cronTriggerId: '08eA', runAsUserId: s.connectorId, state: 'Waiting' });
    // No config: the fake org delivers as the Automated Process user, as the platform does.
    s.org.jobCommands.set('r1', { action: 'restart', name: '', requestedBy: s.adminId, status: null });
    s.org.deliverJobCommands();
    const status = s.org.jobCommands.get('r1')!.status!;
    assert.equal(status['state'], 'Failed');
    assert.equal(status['ranAsUserName'], 'Automated Process');
    assert.equal(s.org.scheduled.get('Heartbeat')!.runAsUserId, s.connectorId, 'left with the connector user');
  });

  it('refuses a PlatformEventSubscriberConfig for an inactive user or a second one for the same trigger', async () => {
    s = await seededOrg();
    const inactive = s.org.addUser('gone@acme.example', { profileId: s.standardProfileId, isActive: false });
    s.org.settings['connectorUserId'] = inactive;
    const run = await runIn(['jobs', 'runner', ...s.target], { env: s.env });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /FIELD_INTEGRITY_EXCEPTION/);
    s.org.settings['connectorUserId'] = s.connectorId;
    assert.equal((await runIn(['jobs', 'runner', ...s.target], { env: s.env })).code, 0);
    const duplicate = await fetch(
      `${s.org.url}/services/data/v${s.org.apiVersion}/tooling/sobjects/PlatformEventSubscriberConfig`,
      {
        method: 'POST',
        headers: { Authorization: `Bearer ${s.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          DeveloperName: 'Other',
          MasterLabel: 'Other',
          PlatformEventConsumerId: s.org.apexTriggers[0]!['Id']
        })
      }
    );
    assert.equal(duplicate.status, 400);
    assert.equal(((await duplicate.json()) as { errorCode: string }[])[0]!.errorCode, 'DUPLICATE_VALUE');
  });

  it('stops one job by definition name and rejects unknown names before calling the org', async () => {
    s = await seededOrg();
    s.org.scheduled.set('CsmSync', { cronTriggerId: '08eB', runAsUserId: s.adminId, state: 'Waiting' });
    const run = await runIn(['jobs', 'stop', 'CsmSync', ...s.target, '--json'], { env: s.env });
    assert.equal(run.code, 0);
    assert.deepEqual(s.org.apexBodies.get('POST jobs'), { action: 'stop', name: 'CsmSync' });
    assert.equal(s.org.scheduled.has('CsmSync'), false);
    s.org.resetStats();
    const unknown = await runIn(['jobs', 'stop', 'Nope', ...s.target], { env: s.env });
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /No job definition 'Nope'. Known: Heartbeat, CsmSync, Legacy/);
    assert.equal(s.org.stats.requests, 0);
    const extra = await runIn(['jobs', 'list', 'Extra', ...s.target], { env: s.env });
    assert.equal(extra.code, 2, 'jobs list takes no job name');
  });

  it('exits 1 with the org message when the job service refuses an action (200, ok false, JOB_ACTION_FAILED)', async () => {
    s = await seededOrg();
    s.org.jobDefinitions.push({
      developerName: 'Legacy',
      label: 'Legacy export',
      apexClass: 'LegacyExportJob',
      cronExpression: '0 0 4 * * ?',
      active: false
    });
    s.org.settings['connectorUserId'] = s.connectorId;
    const run = await runIn(['jobs', 'start', 'Legacy', ...s.target], { env: s.env });
    assert.equal(run.code, 1);
    assert.match(
      run.stdout,
      /^Legacy export is turned off in its job definition \(Active\), so it is never scheduled\./
    );
    assert.match(run.stdout, /Legacy[\s│]+NotScheduled/, 'the jobs as they are after the refused action');
    assert.equal(s.org.scheduled.size, 0);
  });

  it('lists the jobs with the message and keys ConnectorJobsRestResource sends', async () => {
    s = await seededOrg();
    const run = await runIn(['jobs', 'list', ...s.target, '--json'], { env: s.env });
    assert.equal(run.code, 0);
    const listed = s.org.stats.log.find((e) => e.method === 'GET' && e.path.endsWith('/connector/v1/jobs'));
    assert.equal(listed?.status, 200);
    const result = run.json!.result as { jobs: Record<string, unknown>[] };
    assert.deepEqual(Object.keys(result.jobs[0]!).sort(), [
      'apexClass',
      'cronExpression',
      'cronTriggerId',
      'definitionName',
      'description',
      'isActive',
      'jobName',
      'label',
      'nextFireTime',
      'previousFireTime',
      'runAsUserId',
      'runAsUserName',
      'runsAsConnectorUser',
      'state',
      'warning'
    ]);
  });

  it('stops a job by its CronTrigger id and matches definition names case-insensitively, as the org does', async () => {
    s = await seededOrg();
    s.org.settings['connectorUserId'] = s.connectorId;
    s.org.scheduled.set('CsmSync', { cronTriggerId: '08e000000000123AAA', runAsUserId: s.adminId, state: 'Waiting' });
    const byId = await runIn(['jobs', 'stop', '08e000000000123AAA', ...s.target], { env: s.env });
    assert.equal(byId.code, 0, byId.stderr);
    assert.match(byId.stdout, /^Stopped CSM sync\./);
    assert.equal(s.org.scheduled.has('CsmSync'), false);
    const lower = await runIn(['jobs', 'start', 'csmsync', ...s.target], { env: s.env });
    assert.equal(lower.code, 0, lower.stderr);
    assert.match(lower.stdout, /^Started CSM sync on schedule 0 0 2 \* \* \?\./);
    assert.match(s.org.scheduled.get('CsmSync')!.cronTriggerId, /^08e\d{12}AAA$/);
  });
});
