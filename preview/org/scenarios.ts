import { KeyPrefix, newId } from './ids.ts';
import { LICENSE_NAME, PROFILE_NAME } from './integrationLicense.ts';
import { label } from './labels.ts';
import { authorizeApp, revokeToken } from './oauthTokens.ts';
import { onStatus } from './healthCheckAlert.ts';
import { getJobs } from './jobs.ts';
import { getStatus, runAudit } from './status.ts';
import { seedIds } from './seed.ts';
import type { Org } from './org.ts';
import { AUTOMATED_PROCESS, runPostCopy, type CopiedSettings } from './sandboxCopy.ts';
import { APPROVAL_WARNING } from './tokenPolicy.ts';

const toDate = (iso: string | null | undefined): Date | null => (iso ? new Date(iso) : null);
const toIso = (date: Date | null): string | null => (date ? date.toISOString() : null);

const MINIMUM_ACCESS = 'Minimum Access - Salesforce';
const BASIC_USERNAME = 'bea.basic@acme.example';

/** A scenario in which the page runs as another user from now on. */
function runningAs(userId: string, description: string): (org: Org) => string {
  return (org) => {
    org.state.runningUserId = userId;
    return description;
  };
}

/** An audit entry written by someone other than the page's user (provision as Ada Admin, the post-copy run). */
function logEventAs(org: Org, userId: string, event: Parameters<Org['logEvent']>[0]): void {
  const runningUserId = org.state.runningUserId;
  org.state.runningUserId = userId;
  try {
    org.logEvent(event);
  } finally {
    org.state.runningUserId = runningUserId;
  }
}

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
    logEventAs(org, seedIds.admin, {
      Action__c: 'Set secret',
      Target__c: 'apiKey',
      Outcome__c: 'Success',
      Detail__c: 'Set by provision.'
    });
    return 'API key set by Ada Admin through the REST endpoint.';
  },
  /**
   * The package was just installed: no connector user was ever chosen, nothing authorized, no job scheduled, an empty
   * audit log, and the connector's user (Connector Integration) holds no permission set. The vendor's connected app
   * settings (consumer key, callback) and the job command trigger's subscriber config (pointed at that user by
   * provision) are there. Admin Home opens as the guided setup.
   */
  'first-run': (org) => {
    const settings = org.state.settings;
    if (!settings) throw new Error('the org has no connector settings');
    Object.assign(settings, {
      ConnectorUserId__c: null,
      PreviousConnectorUserId__c: null,
      ConnectorUserChangedAt__c: null,
      LastHeartbeat__c: null,
      LastHeartbeatUserId__c: null,
      LastVerdict__c: null,
      LastVerdictAt__c: null
    });
    for (const token of [...org.state.oauthTokens]) revokeToken(org, 'DELETE_TOKEN', token.DeleteToken);
    org.state.cronTriggers = [];
    org.state.jobCommandBus = [];
    org.state.events = [];
    const local = new Set(
      org.state.permissionSets.filter((ps) => ps.Name === 'Connector_Integration_Access').map((ps) => ps.Id)
    );
    org.state.permissionSets = org.state.permissionSets.filter((ps) => !local.has(ps.Id));
    org.state.permissionSetAssignments = org.state.permissionSetAssignments.filter(
      (a) => !local.has(a.PermissionSetId) && a.AssigneeId !== seedIds.connector
    );
    return 'First run: nothing configured; Connector Integration holds no permission set, no token, no job.';
  },
  /**
   * Whoever holds the connector user's credentials opened the authorization link and clicked Allow, and the platform
   * then called in as that user (a token of the connected app and a heartbeat).
   */
  'connector-authorized': (org) => {
    const settings = org.state.settings;
    const appName = settings?.ConnectedAppName__c;
    if (!settings || !appName) throw new Error('the org has no connected app name');
    const userId = settings.ConnectorUserId__c;
    if (!userId) throw new Error('no connector user is set');
    const now = org.now().toISOString();
    authorizeApp(org, { userId, appName, createdDate: now, lastUsedDate: now });
    settings.LastHeartbeat__c = now;
    settings.LastHeartbeatUserId__c = userId;
    return 'The connector user allowed access and the platform called in.';
  },
  /** The page runs as Sam Support, who holds Connector Basic User only. */
  'read-only-user': runningAs(seedIds.support, 'Running as Sam Support (Connector Basic User only).'),
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
  'connector-user': runningAs(seedIds.connector, 'Running as Connector Integration, the connector user.'),
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
  /**
   * The org is a sandbox just copied from production: ConnectorSandboxPostCopy ran as the Automated Process user
   * (SandboxCopyService.reset, through the twin of sandboxCopy.ts): the package's jobs stopped, the secrets and the
   * production heartbeat cleared, the copy recorded. The status says "copied from production" until a secret is set.
   */
  'sandbox-copy': (org) => {
    const settings = org.state.settings;
    if (!settings) throw new Error('the org has no connector settings');
    const definitions = org.jobDefinitions();
    const names = new Set(definitions.map((d) => d.jobName).filter(Boolean));
    const classes = new Set(definitions.map((d) => d.apexClass).filter(Boolean));
    const packageJobs = org.state.cronTriggers.filter((t) => names.has(t.JobName) || classes.has(t.ApexClass));
    const copied: CopiedSettings = {
      apiKey: settings.ApiKey__c,
      apiKeySetAt: toDate(settings.ApiKeySetAt__c),
      apiKeySetBy: settings.ApiKeySetBy__c,
      clientSecret: settings.ClientSecret__c,
      clientSecretSetAt: toDate(settings.ClientSecretSetAt__c),
      clientSecretSetBy: settings.ClientSecretSetBy__c,
      platformBaseUrl: settings.PlatformBaseUrl__c,
      lastHeartbeat: toDate(settings.LastHeartbeat__c),
      lastHeartbeatUserId: settings.LastHeartbeatUserId__c,
      lastVerdict: settings.LastVerdict__c ?? null,
      lastVerdictAt: toDate(settings.LastVerdictAt__c),
      lastAlertAt: toDate(settings.LastAlertAt__c),
      sandboxCopiedAt: toDate(settings.SandboxCopiedAt__c),
      sandboxName: settings.SandboxName__c ?? null
    };
    const model = {
      runningUser: AUTOMATED_PROCESS,
      isSandbox: true,
      settings: copied,
      jobs: packageJobs.map((t) => t.Id),
      audit: [] as { action: string; target: string | null; outcome: string; detail: string }[]
    };
    const result = runPostCopy(model, 'uat', org.now(), 'system');
    if (!result) throw new Error('the post-copy script did nothing');
    const aborted = new Set(packageJobs.map((t) => t.Id));
    org.state.cronTriggers = org.state.cronTriggers.filter((t) => !aborted.has(t.Id));
    const next = model.settings;
    Object.assign(settings, {
      ApiKey__c: next.apiKey,
      ApiKeySetAt__c: toIso(next.apiKeySetAt),
      ApiKeySetBy__c: next.apiKeySetBy,
      ClientSecret__c: next.clientSecret,
      ClientSecretSetAt__c: toIso(next.clientSecretSetAt),
      ClientSecretSetBy__c: next.clientSecretSetBy,
      LastHeartbeat__c: toIso(next.lastHeartbeat),
      LastHeartbeatUserId__c: next.lastHeartbeatUserId,
      LastVerdict__c: next.lastVerdict,
      LastVerdictAt__c: toIso(next.lastVerdictAt),
      LastAlertAt__c: toIso(next.lastAlertAt),
      SandboxCopiedAt__c: toIso(next.sandboxCopiedAt),
      SandboxName__c: next.sandboxName
    });
    // The audit entry as the Apex writes it (SandboxCopy_AuditDetail), by the Automated Process user.
    logEventAs(org, seedIds.automatedProcess, {
      Action__c: 'Sandbox copy',
      Target__c: next.sandboxName,
      Outcome__c: 'Success',
      Detail__c: label('SandboxCopy_AuditDetail', result.jobsAborted, result.secretsCleared)
    });
    return `Copied from production into sandbox uat: ${result.jobsAborted} jobs stopped, ${result.secretsCleared} secrets cleared.`;
  },
  /**
   * The connector user authorized the connected app again and again (each OAuth approval is one refresh token):
   * four approvals, one short of the five a connected app allows per user.
   */
  'approvals-near-limit': (org) => {
    const appName = org.state.settings?.ConnectedAppName__c;
    if (!appName) throw new Error('the org has no connected app name');
    const held = org.state.oauthTokens.filter((t) => t.UserId === seedIds.connector && t.AppName === appName).length;
    for (let i = held; i < APPROVAL_WARNING; i++) {
      authorizeApp(org, {
        userId: seedIds.connector,
        appName,
        createdDate: new Date(org.now().getTime() - (i + 1) * 3_600_000).toISOString(),
        lastUsedDate: null
      });
    }
    return `Connector Integration now holds ${APPROVAL_WARNING} approvals of ${appName}.`;
  },
  /**
   * The connector user is a new user on the Salesforce Integration license (profile "Minimum Access - API Only
   * Integrations") without the Salesforce API Integration permission set license, not yet authorized.
   */
  'integration-license': (org) => {
    const settings = org.state.settings;
    if (!settings) throw new Error('the org has no connector settings');
    let profile = org.state.profiles.find((p) => p.Name === PROFILE_NAME);
    if (!profile) {
      profile = {
        Id: newId(org.state, KeyPrefix.Profile),
        Name: PROFILE_NAME,
        UserLicense: LICENSE_NAME,
        permissions: { PermissionsApiEnabled: true, PermissionsApiUserOnly: true },
        objectPermissions: {}
      };
      org.state.profiles.push(profile);
    }
    // The seed has Ivy as a candidate; a state from before it was seeded gets her here.
    const seeded = org.state.users.find((u) => u.Username === 'ivy.integration@acme.example');
    const userId = seeded?.Id ?? newId(org.state, KeyPrefix.User);
    if (!seeded)
      org.state.users.push({
        Id: userId,
        Name: 'Ivy Integration',
        Username: 'ivy.integration@acme.example',
        Email: 'it-integrations@acme.example',
        IsActive: true,
        IsFrozen: false,
        ProfileId: profile.Id,
        LastLoginDate: null,
        LocaleSidKey: 'en_US',
        LanguageLocaleKey: 'en_US',
        TimeZoneSidKey: 'America/New_York'
      });
    settings.PreviousConnectorUserId__c = settings.ConnectorUserId__c;
    settings.ConnectorUserId__c = userId;
    settings.ConnectorUserChangedAt__c = org.now().toISOString();
    return 'Ivy Integration (Salesforce Integration license, no Salesforce API Integration permission set license) is the connector user.';
  },
  /**
   * The health check job ran: ConnectorAlertService.onStatus records the verdict and, on a change of verdict (or
   * daily with the digest), writes the "Connector alert" audit entry for the administrators it notifies.
   */
  'health-check': (org) => {
    const status = getStatus(org, runAudit(org), getJobs(org));
    const outcome = onStatus(org, status);
    return `Health check: ${status.verdict}, alert ${outcome.kind} to ${outcome.recipients} administrators.`;
  },
  /** The page runs as Ada Admin again. */
  'admin-user': runningAs(seedIds.admin, 'Running as Ada Admin (Connector Administrator).')
};
