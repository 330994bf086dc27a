import { seedIds } from './seed.ts';
import type { Org } from './org.ts';

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
