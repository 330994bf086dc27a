import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { runIn, seededOrg, type SeededOrg } from '../fake-org/harness.ts';
import type { JobsCommandResult } from './jobs.ts';

describe('jobs', () => {
  let s: SeededOrg | undefined;
  afterEach(async () => {
    await s?.org.stop();
    s = undefined;
  });

  it('lists jobs and flags those running as someone other than the connector user', async () => {
    s = await seededOrg();
    s.org.settings['connectorUserId'] = s.connectorId;
    s.org.scheduled.set('Heartbeat', { cronTriggerId: '08eA', runAsUserId: s.adminId, state: 'Waiting' });
    const run = await runIn(['jobs', 'list', ...s.target, '--json'], { env: s.env });
    assert.equal(run.code, 0);
    const result = run.json!.result as JobsCommandResult;
    assert.deepEqual(
      result.jobs.map((j) => [j.definitionName, j.state, j.runsAsConnectorUser]),
      [
        ['Heartbeat', 'Waiting', false],
        ['CsmSync', 'NotScheduled', null]
      ]
    );
    const human = await runIn(['jobs', 'list', ...s.target], { env: s.env });
    assert.match(human.stdout, /Heartbeat\s+Waiting.*not the connector user/);
  });

  it('restarts all jobs in one call as the authenticated user', async () => {
    s = await seededOrg();
    const connectorToken = s.org.issueToken(s.connectorId);
    s.org.scheduled.set('Heartbeat', { cronTriggerId: '08eA', runAsUserId: s.adminId, state: 'Waiting' });
    const run = await runIn(['jobs', 'restart', ...s.target, '--json'], { env: { SF_ACCESS_TOKEN: connectorToken } });
    assert.equal(run.code, 0);
    assert.equal(s.org.stats.log.filter((e) => e.method === 'POST').length, 1);
    assert.ok([...s.org.scheduled.values()].every((j) => j.runAsUserId === s!.connectorId));
    // Restart reschedules what was scheduled; a job that was not stays stopped (ScheduledJobService.restartAllJobs).
    assert.deepEqual([...s.org.scheduled.keys()], ['Heartbeat']);
    const message = (run.json!.result as JobsCommandResult).message!;
    assert.match(
      message,
      /^Restarted 1 job\(s\): Connector heartbeat\. Left stopped because they were not scheduled: CSM sync\.$/
    );
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
    const badAction = await runIn(['jobs', 'pause', ...s.target], { env: s.env });
    assert.equal(badAction.code, 2);
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
    const run = await runIn(['jobs', 'start', 'Legacy', ...s.target], { env: s.env });
    assert.equal(run.code, 1);
    assert.match(
      run.stdout,
      /^Legacy export is turned off in its job definition \(Active\), so it is never scheduled\./
    );
    assert.match(run.stdout, /Legacy\s+NotScheduled/, 'the jobs as they are after the refused action');
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
