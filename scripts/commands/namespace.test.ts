import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURE_PROJECT, runIn, seededOrg, type SeededOrg } from '../testing/harness.ts';
import { seedCsmSync } from '../../preview/org/rest/seeded.ts';
import type { CsmSyncResult } from './csm-sync.ts';
import type { DoctorResult } from './doctor.ts';
import type { JobsCommandResult } from './jobs.ts';
import type { RevokeResult } from './revoke.ts';

// The package installed with a namespace: Apex REST under /services/apexrest/acme/..., packaged permission sets
// with NamespacePrefix 'acme'. The fixture project has no namespace, as in development.
const NS = 'acme'; // namespace-safe: sample subscriber namespace of the fake org

describe('namespaced package (--namespace)', () => {
  let s: SeededOrg | undefined;
  let project: string | undefined;
  afterEach(async () => {
    await s?.org.stop();
    s = undefined;
    if (project) await rm(project, { recursive: true, force: true });
    project = undefined;
  });

  const apexPaths = (org: SeededOrg['org']): string[] =>
    org.stats.log.filter((e) => e.path.startsWith('/services/apexrest/')).map((e) => e.path.split('?')[0]!);

  it('provisions, audits, manages jobs, syncs CSMs and revokes tokens through the namespaced endpoints', async () => {
    s = await seededOrg({ namespace: NS });
    const ns = ['--namespace', NS];

    project = await fileProject();
    const provision = await runIn(
      [
        'provision',
        ...s.target,
        ...ns,
        '--connector-user',
        'connector@acme.example',
        '--file',
        join(project, 'provisioning.json'),
        '--json'
      ],
      { env: s.env }
    );
    assert.equal(provision.code, 0, provision.stderr);
    assert.equal(
      s.org.settings['connectedAppName'],
      'Acme Connector',
      'settings reached PUT acme/connector/v1/settings'
    );
    assert.equal(s.org.scheduled.size, 2, 'jobs started through POST acme/connector/v1/jobs');
    const integration = s.org.db
      .rows('PermissionSetAssignment')
      .filter(
        (a) => a['AssigneeId'] === s!.connectorId && a['PermissionSetId'] === s!.packaged['ConnectorIntegrationUser']
      );
    assert.equal(integration.length, 1, 'the packaged set is found by NamespacePrefix');

    const doctor = await runIn(['doctor', ...s.target, ...ns, '--user', 'connector@acme.example', '--json'], {
      env: s.env
    });
    const packagedSet = (doctor.json!.result as DoctorResult).results.find(
      (r) => r.developerName === 'IntegrationPermissionSet'
    )!;
    assert.equal(packagedSet.state, 'Met');

    const jobs = await runIn(['jobs', 'list', ...s.target, ...ns, '--json'], { env: s.env });
    assert.equal(jobs.code, 0, jobs.stderr);
    assert.deepEqual(
      (jobs.json!.result as JobsCommandResult).jobs.map((j) => j.state),
      ['Waiting', 'Waiting']
    );
    const stop = await runIn(['jobs', 'stop', 'CsmSync', ...s.target, ...ns], { env: s.env });
    assert.equal(stop.code, 0, stop.stderr);
    assert.equal(s.org.scheduled.has('CsmSync'), false);

    seedCsmSync(s);
    const sync = await runIn(['csm-sync', '--run', ...s.target, ...ns, '--json'], { env: s.env });
    assert.equal(sync.code, 0, sync.stderr);
    assert.equal((sync.json!.result as CsmSyncResult).run!.status, 'Completed');

    // SOQL on package objects carries the namespace: the org knows only acme__CsmSyncRun__c.
    const history = await runIn(['csm-sync', '--history', ...s.target, ...ns, '--json'], { env: s.env });
    assert.equal(history.code, 0, history.stderr);
    const runs = (history.json!.result as CsmSyncResult).history!;
    assert.deepEqual(
      runs.map((r) => [r.jobId, r.status, r.created]),
      [[s.org.twin.state.csmJobs[0]!.Id, 'Completed', 2]]
    );
    const query = decodeURIComponent(s.org.stats.log.at(-1)!.path);
    assert.match(query, new RegExp(`FROM ${NS}__CsmSyncRun__c ORDER BY ${NS}__StartedAt__c DESC`));
    assert.match(query, new RegExp(`SELECT Id, ${NS}__Status__c, ${NS}__DryRun__c,`));
    assert.throws(
      () => s!.org.db.query('SELECT Id FROM CsmSyncRun__c'),
      /sObject type 'CsmSyncRun__c' is not supported/
    );

    const oldId = s.org.addUser('old.connector@acme.example', { profileId: s.standardProfileId });
    s.org.oauthTokens.authorize({ appName: 'Acme Connector', userId: oldId, useCount: 1 });
    const revoke = await runIn(['revoke', ...s.target, ...ns, '--user', 'old.connector@acme.example', '--json'], {
      env: s.env
    });
    assert.equal(revoke.code, 0, revoke.stderr);
    assert.equal((revoke.json!.result as RevokeResult).revoked, 1);
    assert.equal((revoke.json!.result as RevokeResult).appName, 'Acme Connector', 'app name read from acme/health');

    const paths = apexPaths(s.org);
    assert.ok(paths.length >= 8);
    assert.ok(
      paths.every((p) => p.startsWith(`/services/apexrest/${NS}/connector/v1/`)),
      paths.join('\n')
    );
    assert.ok(s.org.stats.log.every((e) => e.status !== 404));
  });

  it('without the namespace the same org answers 404 and the CLI says to check the namespace', async () => {
    s = await seededOrg({ namespace: NS });
    s.org.settings['csmEmailField'] = 'CSM_Email__c';
    const jobs = await runIn(['jobs', 'list', ...s.target, '--json'], { env: s.env });
    assert.equal(jobs.code, 1);
    assert.match(
      jobs.json!.message!,
      /GET \/services\/apexrest\/connector\/v1\/jobs failed: HTTP 404 NOT_FOUND: Could not find a match for URL\. .*check that the Connector Admin package is installed and that the package has no namespace \(pass --namespace <prefix>/
    );
    const sync = await runIn(['csm-sync', '--dry-run', ...s.target], { env: s.env });
    assert.equal(sync.code, 1);
    assert.match(sync.stderr, /HTTP 404 NOT_FOUND.*--namespace <prefix>/);
    const wrong = await runIn(['csm-sync', '--dry-run', ...s.target, '--namespace', 'other'], { env: s.env });
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /apexrest\/other\/connector\/v1\/csm-sync.*the namespace 'other' is right/);
    const history = await runIn(['csm-sync', '--history', ...s.target], { env: s.env });
    assert.equal(history.code, 1);
    assert.match(history.stderr, /INVALID_TYPE.*The org has no CsmSyncRun__c: .*else pass --namespace <prefix>/);
    assert.equal(s.org.twin.state.csmJobs.length, 0);
    assert.equal(s.org.stats.mutations, 0);
    // The package's own 404 (an unknown job) is not mistaken for a missing endpoint.
    const unknownJob = await runIn(['jobs', 'stop', 'Legacy', ...s.target, ...['--namespace', NS], '--json'], {
      env: s.env
    });
    assert.equal(unknownJob.code, 1);
    assert.match(
      unknownJob.json!.message!,
      /HTTP 404 JOB_NOT_FOUND: No job named Legacy\. Use the name of a job definition/
    );
  });
});

/** A copy of the fixture project holding a provisioning file. */
async function fileProject(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cli-ns-'));
  await cp(FIXTURE_PROJECT, dir, { recursive: true });
  await writeFile(
    join(dir, 'provisioning.json'),
    JSON.stringify({
      admins: ['admin@acme.example'],
      settings: { connectedAppName: 'Acme Connector', platformBaseUrl: 'https://platform.example.com' }
    })
  );
  return dir;
}
