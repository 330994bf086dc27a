import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { captureOutput, clientFor, runIn, seededOrg, type SeededOrg, stopSeededOrg } from '../testing/harness.ts';
import { JOB_COMMAND_TRIGGER_ID } from '../../preview/org/rest/server.ts';
import { OrgClient } from '../lib/client.ts';
import { CommandError } from '../lib/errors.ts';
import type { CommandOutput } from '../lib/command.ts';
import { deployAroundJobs } from '../lib/pending-jobs.ts';
import { Redactor } from '../lib/redact.ts';
import type { DeployCommandResult } from './deploy.ts';

// A scheduled or running job of a class makes the org refuse to deploy that class (unless the deployment setting
// allows it): deploy finds those jobs first and can stop, deploy and start the package's scheduled jobs.
describe('deploy and the package jobs', () => {
  let s: SeededOrg | undefined;
  afterEach(async () => (s = await stopSeededOrg(s)));

  const schedule = (org: SeededOrg): void => {
    org.org.scheduled.set('Heartbeat', {
      cronTriggerId: '08e000000000001AAA',
      runAsUserId: org.adminId,
      state: 'Waiting'
    });
  };
  /** What provision leaves behind: the job command trigger runs as the connector user. */
  const runAsConnector = (org: SeededOrg): void => {
    org.org.settings['connectorUserId'] = org.connectorId;
    org.org.subscriberConfigs.push({
      Id: '3Ey000000000001AAA',
      PlatformEventConsumerId: JOB_COMMAND_TRIGGER_ID,
      UserId: org.connectorId
    });
  };
  const tools = async (org: SeededOrg): Promise<{ client: OrgClient; out: CommandOutput; stderr: () => string }> => {
    const redactor = new Redactor();
    const captured = captureOutput(redactor);
    return { client: await clientFor(org.target, redactor), out: captured.out, stderr: captured.stderr };
  };

  it('--dry-run names the scheduled job of a deployed class, the deployment setting, and the plan; changes nothing', async () => {
    s = await seededOrg();
    schedule(s);
    s.org.addAsyncJob('CsmSyncJob', 'BatchApex'); // not a class of this deploy: not listed
    s.org.resetStats();
    const run = await runIn(['deploy', ...s.target, '--dry-run', '--restart-jobs', '--json'], { env: s.env });
    assert.equal(run.code, 0, run.stderr);
    const result = run.json!.result as DeployCommandResult;
    assert.equal(result.dryRun, true);
    assert.equal(result.jobs!.action, 'would-restart');
    assert.deepEqual(
      result.jobs!.pending.map((job) => [job.jobType, job.className, job.status]),
      [['ScheduledApex', 'ConnectorHeartbeatJob', 'Queued']]
    );
    assert.match(run.stderr, /Allow deployments of components when corresponding Apex jobs are pending or in progress/);
    assert.match(result.jobs!.messages.join(' '), /Would stop Heartbeat, deploy, then start them again/);
    assert.equal(s.org.stats.writeRequests, 0);
    assert.ok(s.org.scheduled.has('Heartbeat'));

    s.org.scheduled.clear();
    const quiet = await runIn(['deploy', ...s.target, '--dry-run'], { env: s.env });
    assert.equal(quiet.code, 0);
    assert.match(quiet.stdout, /No pending Apex jobs of the deployed classes/);
  });

  it('--restart-jobs stops the scheduled job, deploys while it is stopped, and starts it again', async () => {
    s = await seededOrg();
    schedule(s);
    runAsConnector(s);
    const { client, out } = await tools(s);
    const org = s.org;
    const { jobs, deployed } = await deployAroundJobs({
      client,
      classNames: ['ConnectorHeartbeatJob', 'ScheduledJobService'],
      restartJobs: true,
      dryRun: false,
      out,
      deploy: async () => org.scheduled.has('Heartbeat')
    });
    assert.equal(deployed, false, 'the job was stopped during the deploy');
    assert.equal(jobs.action, 'restarted', jobs.messages.join(' '));
    assert.deepEqual([jobs.stopped, jobs.restarted], [['Heartbeat'], ['Heartbeat']]);
    assert.equal(org.scheduled.get('Heartbeat')?.runAsUserId, s.connectorId, 'started again as the connector user');
  });

  it('reports the jobs as not started again when the job command trigger does not run as the connector user', async () => {
    s = await seededOrg();
    schedule(s);
    s.org.settings['connectorUserId'] = s.connectorId; // connector user set, trigger not pointed at it
    const { client, out } = await tools(s);
    const { jobs } = await deployAroundJobs({
      client,
      classNames: ['ConnectorHeartbeatJob'],
      restartJobs: true,
      dryRun: false,
      out,
      deploy: async () => true
    });
    assert.equal(jobs.action, 'restart-failed');
    assert.deepEqual(jobs.restarted, []);
    assert.match(
      jobs.messages.join(' '),
      /Could not start Heartbeat again: .*Start it with: sf connector jobs start Heartbeat/
    );
    assert.ok(!s.org.scheduled.has('Heartbeat'), 'not scheduled as anyone else');
  });

  it('starts the stopped jobs again when the deploy fails, and only warns without --restart-jobs', async () => {
    s = await seededOrg();
    schedule(s);
    runAsConnector(s);
    const { client, out, stderr } = await tools(s);
    await assert.rejects(
      deployAroundJobs({
        client,
        classNames: ['ConnectorHeartbeatJob'],
        restartJobs: true,
        dryRun: false,
        out,
        deploy: async () => {
          throw new Error('deploy timed out');
        }
      }),
      (error: unknown) =>
        error instanceof CommandError &&
        /^Deploy stopped: deploy timed out/.test(error.message) &&
        error.written.join() === 'jobs stopped and started again: Heartbeat'
    );
    assert.ok(s.org.scheduled.has('Heartbeat'), 'started again');

    s.org.resetStats();
    const warned = await deployAroundJobs({
      client,
      classNames: ['ConnectorHeartbeatJob'],
      restartJobs: false,
      dryRun: false,
      out,
      deploy: async () => 'deployed'
    });
    assert.equal(warned.jobs.action, 'warned');
    assert.equal(warned.deployed, 'deployed');
    assert.match(stderr(), /pass --restart-jobs/);
    assert.equal(s.org.stats.writeRequests, 0);
  });
});
