import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DeployResult, RequestStatus, type MetadataApiDeployStatus } from '@salesforce/source-deploy-retrieve';
import { captureOutput, FIXTURE_PROJECT } from '../testing/harness.ts';
import { UsageError } from '../lib/errors.ts';
import { Redactor } from '../lib/redact.ts';
import { buildComponentSet, deployProgress, summarizeDeploy } from './deploy.ts';

const sourceDir = join(FIXTURE_PROJECT, 'force-app');

function status(overrides: Partial<MetadataApiDeployStatus>): MetadataApiDeployStatus {
  return {
    id: '0Af000000000001',
    status: RequestStatus.Failed,
    success: false,
    done: true,
    checkOnly: true,
    createdBy: '005',
    createdByName: 'Ada',
    createdDate: '2026-01-01T00:00:00.000Z',
    lastModifiedDate: '2026-01-01T00:00:00.000Z',
    ignoreWarnings: false,
    numberComponentErrors: 1,
    numberComponentsDeployed: 16,
    numberComponentsTotal: 17,
    numberTestErrors: 0,
    numberTestsCompleted: 0,
    numberTestsTotal: 0,
    runTestsEnabled: true,
    rollbackOnError: true,
    details: {},
    ...overrides
  };
}

describe('deploy', () => {
  it('builds the component set of force-app: classes and custom metadata records', async () => {
    const set = await buildComponentSet(sourceDir);
    const members = set.toArray().map((c) => `${c.type.name}:${c.fullName}`);
    assert.ok(members.includes('ApexClass:ConnectorHeartbeatJob'));
    assert.ok(members.includes('CustomMetadata:ConnectorRequirement.ApiEnabled'));
    assert.equal(members.filter((m) => m.startsWith('CustomMetadata:')).length, 16);
    await assert.rejects(buildComponentSet(join(FIXTURE_PROJECT, 'nope')), UsageError);
  });

  it('lists each component error with its file and line, and test failures', async () => {
    const set = await buildComponentSet(sourceDir);
    const response = status({
      details: {
        componentFailures: [
          {
            changed: 'false',
            created: 'false',
            deleted: 'false',
            success: 'false',
            componentType: 'ApexClass',
            fullName: 'ConnectorHeartbeatJob',
            fileName: 'classes/ConnectorHeartbeatJob.cls',
            lineNumber: '3',
            columnNumber: '5',
            problem: 'Variable does not exist: contxt',
            problemType: 'Error',
            createdDate: ''
          },
          {
            changed: 'false',
            created: 'false',
            deleted: 'false',
            success: 'false',
            componentType: 'CustomObject',
            fullName: 'Ghost__c',
            fileName: 'objects/Ghost__c.object',
            problem: 'Not in source',
            problemType: 'Error',
            createdDate: ''
          }
        ],
        runTestResult: {
          numFailures: '1',
          numTestsRun: '4',
          totalTime: '10',
          failures: {
            id: '01p',
            message: 'System.AssertException: Assertion Failed',
            methodName: 'it_should_beat',
            name: 'ConnectorHeartbeatJob_Tests',
            packageName: '',
            stackTrace: 'Class.ConnectorHeartbeatJob_Tests.it_should_beat: line 12, column 1',
            time: '5',
            type: 'Class'
          }
        }
      }
    });
    const summary = summarizeDeploy(new DeployResult(response, set), FIXTURE_PROJECT, 'RunLocalTests');
    assert.equal(summary.success, false);
    assert.equal(summary.checkOnly, true);
    assert.deepEqual(summary.componentErrors[0], {
      type: 'ApexClass',
      fullName: 'ConnectorHeartbeatJob',
      filePath: join('force-app', 'main', 'default', 'classes', 'ConnectorHeartbeatJob.cls'),
      line: 3,
      column: 5,
      problem: 'Variable does not exist: contxt'
    });
    assert.equal(summary.componentErrors[1]!.fullName, 'Ghost__c', 'failures outside the source are kept');
    assert.equal(summary.testsRun, 4);
    assert.equal(summary.testFailures[0]!.methodName, 'it_should_beat');
  });

  it('summarizes a successful deploy', async () => {
    const set = await buildComponentSet(sourceDir);
    const summary = summarizeDeploy(
      new DeployResult(
        status({
          status: RequestStatus.Succeeded,
          success: true,
          checkOnly: false,
          numberComponentErrors: 0,
          numberComponentsDeployed: 17
        }),
        set
      ),
      FIXTURE_PROJECT,
      'Default'
    );
    assert.equal(summary.success, true);
    assert.deepEqual(summary.componentErrors, []);
    assert.equal(summary.componentsDeployed, 17);
  });

  it('reports progress once per component as updates arrive', () => {
    const captured = captureOutput(new Redactor());
    const out = captured.out;
    const progress = deployProgress(out);
    const success = {
      changed: 'true',
      created: 'true',
      deleted: 'false',
      success: 'true',
      componentType: 'ApexClass',
      fullName: 'A',
      fileName: '',
      createdDate: ''
    } as const;
    progress.onUpdate(
      status({
        status: RequestStatus.InProgress,
        numberComponentsDeployed: 1,
        details: { componentSuccesses: [success] }
      })
    );
    progress.onUpdate(
      status({
        status: RequestStatus.InProgress,
        numberComponentsDeployed: 2,
        details: { componentSuccesses: [success, { ...success, fullName: 'B' }] }
      })
    );
    progress.finish();
    const stderr = captured.stderr();
    assert.equal(stderr.match(/✓ ApexClass A/g)?.length, 1);
    assert.match(stderr, /✓ ApexClass B/);
  });
});
