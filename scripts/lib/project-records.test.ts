import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { customMetadataDir, readJobDefinitions, readRequirements } from './metadata-records.ts';
import { readProject } from './project.ts';
import { planPermissions } from './requirements.ts';

// The project's own records (force-app) once they exist: the CLI must read every one of them.
const project = readProject(process.cwd());
const hasRecords = existsSync(customMetadataDir(project.packageDir));

describe(
  "the project's requirement and job records",
  { skip: hasRecords ? false : 'force-app has no custom metadata records yet' },
  () => {
    it('parse, and every SystemPermission target is a PermissionSet field name', () => {
      const requirements = readRequirements(project.packageDir);
      assert.ok(requirements.length > 0);
      for (const requirement of requirements) {
        if (requirement.kind === 'SystemPermission')
          assert.match(requirement.target, /^Permissions[A-Z]\w+$/, requirement.developerName);
        if (requirement.kind === 'ObjectAccess')
          assert.ok(requirement.accessLevel, `${requirement.developerName} needs AccessLevel__c`);
        if (requirement.severity === 'Conditional')
          assert.ok(requirement.condition, `${requirement.developerName} needs Condition__c`);
      }
      const plan = planPermissions(requirements, true);
      assert.ok(plan.systemPermissions.has('PermissionsApiEnabled'));
      assert.ok(plan.packagePermissionSets.has('ConnectorIntegrationUser'));
      for (const job of readJobDefinitions(project.packageDir))
        assert.ok(job.cronExpression.split(' ').length >= 6, job.developerName);
    });

    it('live in the default package directory', () => {
      assert.equal(project.packageDir, join(project.root, 'force-app'));
    });
  }
);
