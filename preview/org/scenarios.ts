import { KeyPrefix, newId } from './ids.ts';
import { seedIds } from './seed.ts';
import type { Org } from './org.ts';

const MINIMUM_ACCESS = 'Minimum Access - Salesforce';
const BASIC_USERNAME = 'bea.basic@acme.example';

/**
 * Things that happen to the org outside the page, for trying the UI and for E2E steps
 * (`POST /api/preview/scenario/<name>`). Each returns a one-line description of what changed.
 */
export const scenarios: Record<string, (org: Org) => string> = {
  /** The CLI's `provision` stores the API key through the package's REST endpoint while the page is open. */
  'api-key-set-elsewhere': (org) => {
    const settings = org.state.settings;
    if (!settings) throw new Error('the org has no connector settings');
    const actor = org.user(seedIds.admin);
    settings.ApiKey__c = 'preview-api-key-never-shown';
    settings.ApiKeySetAt__c = org.now().toISOString();
    settings.ApiKeySetBy__c = actor?.Name ?? null;
    const runningUserId = org.state.runningUserId;
    org.state.runningUserId = seedIds.admin;
    org.logEvent({
      Action__c: 'Set secret',
      Target__c: 'apiKey',
      Outcome__c: 'Success',
      Detail__c: 'Set by provision.'
    });
    org.state.runningUserId = runningUserId;
    return 'API key set by Ada Admin through the REST endpoint.';
  },
  /** The page runs as Sam Support, who holds only Connector Basic User (no Manage Connector). */
  'read-only-user': (org) => {
    org.state.runningUserId = seedIds.support;
    return 'Running as Sam Support (Connector Basic User only).';
  },
  /**
   * The page runs as Bea Basic: Connector Basic User on the Minimum Access - Salesforce profile, so she cannot
   * read Account and the CSM card (Account names of the manual assignments) says why; the rest of the page loads.
   */
  'basic-user': (org) => {
    const state = org.state;
    let profile = state.profiles.find((p) => p.Name === MINIMUM_ACCESS);
    if (!profile) {
      profile = {
        Id: newId(state, KeyPrefix.Profile),
        Name: MINIMUM_ACCESS,
        UserLicense: 'Salesforce',
        permissions: {},
        objectPermissions: {}
      };
      state.profiles.push(profile);
    }
    let user = state.users.find((u) => u.Username === BASIC_USERNAME);
    if (!user) {
      const basic = state.permissionSets.find((ps) => ps.packaged && ps.Name === 'ConnectorBasicUser');
      if (!basic) throw new Error('the org has no Connector Basic User permission set');
      user = {
        Id: newId(state, KeyPrefix.User),
        Name: 'Bea Basic',
        Username: BASIC_USERNAME,
        Email: BASIC_USERNAME,
        IsActive: true,
        IsFrozen: false,
        ProfileId: profile.Id,
        LastLoginDate: org.now().toISOString(),
        LocaleSidKey: 'en_US',
        LanguageLocaleKey: 'en_US',
        TimeZoneSidKey: 'America/Los_Angeles'
      };
      state.users.push(user);
      state.permissionSetAssignments.push({
        Id: newId(state, KeyPrefix.PermissionSetAssignment),
        AssigneeId: user.Id,
        PermissionSetId: basic.Id
      });
    }
    state.runningUserId = user.Id;
    return 'Running as Bea Basic (Connector Basic User, Minimum Access profile: cannot read Account).';
  },
  /** An administrator froze the connector user in Setup: every call from the platform fails. */
  'connector-user-frozen': (org) => {
    const user = org.user(seedIds.connector);
    if (!user) throw new Error('the org has no connector user');
    user.IsFrozen = true;
    return 'Connector Integration is frozen.';
  },
  /** The page runs as the connector user (who holds Connector Administrator): jobs it starts run as it. */
  'connector-user': (org) => {
    org.state.runningUserId = seedIds.connector;
    return 'Running as Connector Integration, the connector user.';
  },
  /**
   * A connector user the package never repaired: the org-local integration permission set does not exist, so Fix
   * creates it and meets the platform's permission dependencies on the way (Modify All Data, Contact's parent).
   */
  'integration-permission-set-missing': (org) => {
    const local = org.state.permissionSets.filter((ps) => !ps.packaged && ps.Name === 'Connector_Integration_Access');
    const ids = new Set(local.map((ps) => ps.Id));
    org.state.permissionSets = org.state.permissionSets.filter((ps) => !ids.has(ps.Id));
    org.state.permissionSetAssignments = org.state.permissionSetAssignments.filter((a) => !ids.has(a.PermissionSetId));
    return 'Connector_Integration_Access deleted: the connector user has only its profile and API Enabled Access.';
  },
  /**
   * Nobody pointed the job command trigger at a user (no PlatformEventSubscriberConfig): it runs as the Automated
   * Process user, so Start and Restart all are refused and reported instead of moving the jobs off the connector user.
   */
  'job-runner-not-configured': (org) => {
    org.state.subscriberConfigs = [];
    return 'The job command trigger has no subscriber config: it runs as the Automated Process user.';
  },
  /** The page runs as Ada Admin again. */
  'admin-user': (org) => {
    org.state.runningUserId = seedIds.admin;
    return 'Running as Ada Admin (Connector Administrator).';
  }
};
