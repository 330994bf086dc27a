import { FakeOrg, startFakeOrg, type FakeOrgOptions } from './server.ts';

export interface SeededOrg {
  org: FakeOrg;
  token: string;
  adminId: string;
  connectorId: string;
  standardProfileId: string;
  packaged: Record<string, string>;
  /** argv/env to reach the REST face. */
  target: string[];
  env: NodeJS.ProcessEnv;
}

/** The REST face with an admin (token holder), a connector user on a minimal profile, and the package installed. */
export async function seededOrg(options: FakeOrgOptions = {}): Promise<SeededOrg> {
  const org = await startFakeOrg(options);
  const adminProfile = org.addProfile('System Administrator', {
    PermissionsApiEnabled: true,
    PermissionsModifyAllData: true,
    PermissionsViewAllData: true,
    // platform-rule: permission-dependency-modify-all-data — a profile with Modify All Data holds these too.
    PermissionsViewSetup: true,
    PermissionsEditTask: true,
    PermissionsCustomizeApplication: true,
    PermissionsManageUsers: true
  });
  const standardProfileId = org.addProfile('Minimum Access - API Only Integrations', { PermissionsApiEnabled: true });
  const adminId = org.addUser('admin@acme.example', { profileId: adminProfile, name: 'Ada Admin' });
  const connectorId = org.addUser('connector@acme.example', { profileId: standardProfileId, name: 'Connector User' });
  const packaged = org.addPackagedPermissionSets();
  const token = org.issueToken(adminId);
  return {
    org,
    token,
    adminId,
    connectorId,
    standardProfileId,
    packaged,
    target: ['--instance-url', org.url],
    env: { SF_ACCESS_TOKEN: token }
  };
}

/**
 * What the CSM sync decides on, in the Org both faces share: the email field chosen, scope size 1 (one batch per
 * account), two CSMs and three accounts: Acme and Beta name a CSM (Create), Gamma a former one (Unmatched).
 */
export function seedCsmSync(s: SeededOrg): { acme: string; beta: string; gamma: string } {
  s.org.settings['csmEmailField'] = 'CSM_Email__c';
  s.org.settings['csmSyncScopeSize'] = 1;
  s.org.addUser('ann@acme.example', { profileId: s.standardProfileId, name: 'Ann Csm' });
  s.org.addUser('bob@acme.example', { profileId: s.standardProfileId, name: 'Bob Csm' });
  return {
    acme: s.org.addAccount('Acme', { CSM_Email__c: 'ann@acme.example' }),
    beta: s.org.addAccount('Beta', { CSM_Email__c: 'bob@acme.example' }),
    gamma: s.org.addAccount('Gamma', { CSM_Email__c: 'former.csm@example.com' })
  };
}

/** Stops a test's REST face, if it started one; `afterEach(async () => (s = await stopSeededOrg(s)))`. */
export async function stopSeededOrg(seeded: { org: FakeOrg } | undefined): Promise<undefined> {
  await seeded?.org.stop();
  return undefined;
}
