import { KeyPrefix, recordId } from './ids.ts';
import {
  LICENSE_NAME as INTEGRATION_LICENSE_NAME,
  PERMISSION_SET_LICENSE as INTEGRATION_PERMISSION_SET_LICENSE,
  PROFILE_NAME as INTEGRATION_PROFILE_NAME
} from './integrationLicense.ts';
import type { ObjectAccess, OrgState, PermissionSetRecord, SystemPermissions } from './state.ts';
import { STATE_VERSION } from './state.ts';
import { readPackagedPermissionSets } from './metadata.ts';
import { csmSeed, csmSeedUsers } from './csmSeed.ts';

/**
 * A realistic subscriber org a week after the connector user was swapped:
 * - the new connector user's profile lacks API Enabled; an org-local permission set grants it;
 * - the org-local integration permission set misses Modify All Data;
 * - the health-check job still runs as the previous connector user, who also still holds tokens, and she
 *   once scheduled the health check a second time by hand, outside the job definitions;
 * - "Set Audit Fields upon Record Creation" is not enabled in this org (its permission fields are absent).
 */

const id = {
  org: recordId(KeyPrefix.Organization, 1),
  admin: recordId(KeyPrefix.User, 1),
  connector: recordId(KeyPrefix.User, 2),
  oldConnector: recordId(KeyPrefix.User, 3),
  support: recordId(KeyPrefix.User, 4),
  formerAdmin: recordId(KeyPrefix.User, 5),
  automatedProcess: recordId(KeyPrefix.User, 6),
  /** A Salesforce Integration license user without the Salesforce API Integration permission set license. */
  integrationUser: recordId(KeyPrefix.User, 7),
  sysAdminProfile: recordId(KeyPrefix.Profile, 1),
  integrationProfile: recordId(KeyPrefix.Profile, 2),
  standardProfile: recordId(KeyPrefix.Profile, 3),
  apiOnlyProfile: recordId(KeyPrefix.Profile, 4)
};
export const seedIds = id;
/** ApexTrigger id of ConnectorJobCommandTrigger in the seeded org. */
export const JOB_COMMAND_TRIGGER_ID = recordId(KeyPrefix.ApexTrigger, 1);

/** Every PermissionSet permission field of this org, minus the two that need "Enable Set Audit Fields". */
const PERMISSION_FIELDS = [
  'PermissionsApiEnabled',
  'PermissionsApiUserOnly',
  'PermissionsAuthorApex',
  'PermissionsCustomizeApplication',
  'PermissionsEditTask',
  'PermissionsManageProfilesPermissionsets',
  'PermissionsManageUsers',
  'PermissionsModifyAllData',
  'PermissionsModifyMetadata',
  'PermissionsPasswordNeverExpires',
  'PermissionsViewAllCustomSettings',
  'PermissionsViewAllData',
  'PermissionsViewSetup'
];

const STANDARD_OBJECTS = ['Account', 'Contact', 'Case', 'Lead', 'Opportunity', 'Task'];

function access(level: 'read' | 'edit' | 'all'): ObjectAccess {
  return {
    PermissionsRead: true,
    PermissionsCreate: level !== 'read',
    PermissionsEdit: level !== 'read',
    PermissionsDelete: level === 'all',
    PermissionsViewAllRecords: level === 'all',
    PermissionsModifyAllRecords: level === 'all'
  };
}

function objects(level: 'read' | 'edit' | 'all', names: string[] = STANDARD_OBJECTS): Record<string, ObjectAccess> {
  return Object.fromEntries(names.map((name) => [name, access(level)]));
}

function grant(...fields: string[]): SystemPermissions {
  return Object.fromEntries(fields.map((field) => [field, true]));
}

export function seedOrg(now: Date = new Date()): OrgState {
  const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000).toISOString();
  const daysAgo = (d: number) => minutesAgo(d * 24 * 60);
  const nextTopOfHour = new Date(now);
  nextTopOfHour.setUTCMinutes(0, 0, 0);
  nextTopOfHour.setUTCHours(nextTopOfHour.getUTCHours() + 1);
  const next2am = new Date(now);
  next2am.setUTCHours(2, 0, 0, 0);
  if (next2am <= now) next2am.setUTCDate(next2am.getUTCDate() + 1);
  const hour = 60 * 60_000;
  const nextHalfHour = nextTopOfHour.getTime() - hour / 2 + (now.getUTCMinutes() >= 30 ? hour : 0);

  const packaged: PermissionSetRecord[] = readPackagedPermissionSets().map((ps, i) => ({
    Id: recordId(KeyPrefix.PermissionSet, 1 + i),
    Name: ps.name,
    Label: ps.label,
    NamespacePrefix: null,
    packaged: true,
    permissions: {},
    objectPermissions: {},
    customPermissions: []
  }));
  const packagedId = (name: string) => packaged.find((ps) => ps.Name === name)?.Id;

  const apiAccess: PermissionSetRecord = {
    Id: recordId(KeyPrefix.PermissionSet, 101),
    Name: 'API_Enabled_Access',
    Label: 'API Enabled Access',
    NamespacePrefix: null,
    packaged: false,
    permissions: grant('PermissionsApiEnabled'),
    objectPermissions: {},
    customPermissions: []
  };
  // Made by hand from the vendor manual, before the package could provision it: Modify All Data was left out,
  // and Password Never Expires, which no manual names.
  const integrationAccess: PermissionSetRecord = {
    Id: recordId(KeyPrefix.PermissionSet, 102),
    Name: 'Connector_Integration_Access',
    Label: 'Connector Integration Access',
    NamespacePrefix: null,
    packaged: false,
    permissions: grant(
      'PermissionsViewAllCustomSettings',
      'PermissionsCustomizeApplication',
      'PermissionsModifyMetadata',
      'PermissionsManageProfilesPermissionsets',
      'PermissionsEditTask',
      'PermissionsViewSetup'
    ),
    objectPermissions: objects('edit'),
    customPermissions: []
  };
  const salesOps: PermissionSetRecord = {
    Id: recordId(KeyPrefix.PermissionSet, 103),
    Name: 'Sales_Operations',
    Label: 'Sales Operations',
    NamespacePrefix: null,
    packaged: false,
    permissions: grant('PermissionsViewSetup'),
    objectPermissions: objects('edit', ['Account', 'Opportunity']),
    customPermissions: []
  };

  const assignments: [string, string | undefined][] = [
    [id.admin, packagedId('ConnectorAdministrator')],
    [id.connector, apiAccess.Id],
    [id.connector, integrationAccess.Id],
    [id.connector, packagedId('ConnectorIntegrationUser')],
    [id.connector, packagedId('ConnectorAdministrator')],
    [id.connector, packagedId('ConnectorBasicUser')],
    [id.oldConnector, packagedId('ConnectorIntegrationUser')],
    [id.oldConnector, packagedId('ConnectorAdministrator')],
    [id.support, packagedId('ConnectorBasicUser')],
    [id.support, salesOps.Id]
  ];

  return {
    version: STATE_VERSION,
    organization: {
      Id: id.org,
      Name: 'Acme Corporation',
      InstanceUrl: 'https://acme.my.salesforce.com',
      NamespacePrefix: null
    },
    runningUserId: id.admin,
    permissionFields: PERMISSION_FIELDS,
    users: [
      {
        // The platform's Automated Process user: platform event triggers run as it unless configured otherwise.
        Id: id.automatedProcess,
        Name: 'Automated Process',
        Username: 'autoproc@00d000000000001',
        Email: 'autoproc@00d000000000001',
        IsActive: true,
        IsFrozen: false,
        ProfileId: id.sysAdminProfile,
        LastLoginDate: null,
        LocaleSidKey: 'en_US',
        LanguageLocaleKey: 'en_US',
        TimeZoneSidKey: 'America/New_York',
        UserType: 'AutomatedProcess'
      },
      {
        Id: id.admin,
        Name: 'Ada Admin',
        Username: 'ada.admin@acme.example',
        Email: 'ada.admin@acme.example',
        IsActive: true,
        IsFrozen: false,
        ProfileId: id.sysAdminProfile,
        LastLoginDate: minutesAgo(12),
        LocaleSidKey: 'en_US',
        LanguageLocaleKey: 'en_US',
        TimeZoneSidKey: 'America/New_York'
      },
      {
        Id: id.connector,
        Name: 'Connector Integration',
        Username: 'connector@acme.example',
        Email: 'it-integrations@acme.example',
        IsActive: true,
        IsFrozen: false,
        ProfileId: id.integrationProfile,
        LastLoginDate: minutesAgo(4),
        LocaleSidKey: 'en_US',
        LanguageLocaleKey: 'en_US',
        TimeZoneSidKey: 'America/New_York'
      },
      {
        Id: id.oldConnector,
        Name: 'Olivia Oldfield',
        Username: 'olivia.oldfield@acme.example',
        Email: 'olivia.oldfield@acme.example',
        IsActive: true,
        IsFrozen: false,
        ProfileId: id.sysAdminProfile,
        LastLoginDate: daysAgo(9),
        LocaleSidKey: 'en_US',
        LanguageLocaleKey: 'en_US',
        TimeZoneSidKey: 'America/New_York'
      },
      {
        Id: id.support,
        Name: 'Sam Support',
        Username: 'sam.support@acme.example',
        Email: 'sam.support@acme.example',
        IsActive: true,
        IsFrozen: false,
        ProfileId: id.standardProfile,
        LastLoginDate: daysAgo(1),
        LocaleSidKey: 'en_US',
        LanguageLocaleKey: 'en_US',
        TimeZoneSidKey: 'America/New_York'
      },
      {
        Id: id.formerAdmin,
        Name: 'Frank Former',
        Username: 'frank.former@acme.example',
        Email: 'frank.former@acme.example',
        IsActive: false,
        IsFrozen: false,
        ProfileId: id.sysAdminProfile,
        LastLoginDate: daysAgo(140),
        LocaleSidKey: 'en_US',
        LanguageLocaleKey: 'en_US',
        TimeZoneSidKey: 'America/New_York'
      },
      {
        // A candidate connector user on Salesforce's API-only pattern, not yet given its permission set license.
        Id: id.integrationUser,
        Name: 'Ivy Integration',
        Username: 'ivy.integration@acme.example',
        Email: 'it-integrations@acme.example',
        IsActive: true,
        IsFrozen: false,
        ProfileId: id.apiOnlyProfile,
        LastLoginDate: null,
        LocaleSidKey: 'en_US',
        LanguageLocaleKey: 'en_US',
        TimeZoneSidKey: 'America/New_York'
      },
      ...csmSeedUsers(id.standardProfile, daysAgo(1))
    ],
    profiles: [
      {
        Id: id.sysAdminProfile,
        Name: 'System Administrator',
        UserLicense: 'Salesforce',
        permissions: grant(...PERMISSION_FIELDS.filter((f) => f !== 'PermissionsApiUserOnly')),
        objectPermissions: objects('all')
      },
      {
        // Cloned from Standard User with API access removed, as security reviews often leave it.
        Id: id.integrationProfile,
        Name: 'Connector Integration Profile',
        UserLicense: 'Salesforce',
        permissions: grant('PermissionsEditTask'),
        objectPermissions: objects('read')
      },
      {
        Id: id.standardProfile,
        Name: 'Standard User',
        UserLicense: 'Salesforce',
        permissions: grant('PermissionsApiEnabled', 'PermissionsEditTask'),
        objectPermissions: objects('edit')
      },
      {
        // platform-rule: salesforce-integration-user-license — the license's profile: API only, nothing else.
        Id: id.apiOnlyProfile,
        Name: INTEGRATION_PROFILE_NAME,
        UserLicense: INTEGRATION_LICENSE_NAME,
        permissions: grant('PermissionsApiEnabled', 'PermissionsApiUserOnly'),
        objectPermissions: {}
      }
    ],
    permissionSets: [...packaged, apiAccess, integrationAccess, salesOps],
    permissionSetAssignments: assignments
      .filter((a): a is [string, string] => a[1] !== undefined)
      .map(([assignee, permissionSet], i) => ({
        Id: recordId(KeyPrefix.PermissionSetAssignment, 1 + i),
        AssigneeId: assignee,
        PermissionSetId: permissionSet
      })),
    cronTriggers: [
      {
        Id: recordId(KeyPrefix.CronTrigger, 1),
        JobName: 'Connector Admin - Health check',
        ApexClass: 'ConnectorHealthCheckJob',
        CronExpression: '0 0 * * * ?',
        State: 'WAITING',
        NextFireTime: nextTopOfHour.toISOString(),
        PreviousFireTime: new Date(nextTopOfHour.getTime() - hour).toISOString(),
        TimesTriggered: 2140,
        // Scheduled by the previous connector user: still runs as her after the swap.
        OwnerId: id.oldConnector,
        CreatedDate: daysAgo(92)
      },
      {
        Id: recordId(KeyPrefix.CronTrigger, 2),
        JobName: 'Connector Admin - CSM sync',
        ApexClass: 'CsmSyncJob',
        CronExpression: '0 0 2 * * ?',
        State: 'WAITING',
        NextFireTime: next2am.toISOString(),
        PreviousFireTime: new Date(next2am.getTime() - 24 * hour).toISOString(),
        TimesTriggered: 6,
        OwnerId: id.connector,
        CreatedDate: daysAgo(7)
      },
      {
        Id: recordId(KeyPrefix.CronTrigger, 3),
        // The health check scheduled a second time by hand, under another name: outside the definitions.
        JobName: 'Health check (old schedule)',
        ApexClass: 'ConnectorHealthCheckJob',
        CronExpression: '0 30 * * * ?',
        State: 'WAITING',
        NextFireTime: new Date(nextHalfHour).toISOString(),
        PreviousFireTime: new Date(nextHalfHour - hour).toISOString(),
        TimesTriggered: 3911,
        OwnerId: id.oldConnector,
        CreatedDate: daysAgo(180)
      }
    ],
    oauthTokens: [
      {
        Id: null,
        DeleteToken: 'preview-delete-token-seed-1',
        AppName: 'Connector Platform',
        UserId: id.connector,
        CreatedDate: daysAgo(7),
        LastUsedDate: minutesAgo(4),
        UseCount: 18_412
      },
      {
        Id: null,
        DeleteToken: 'preview-delete-token-seed-2',
        AppName: 'Connector Platform',
        UserId: id.oldConnector,
        CreatedDate: daysAgo(311),
        LastUsedDate: minutesAgo(38),
        UseCount: 402_977
      },
      {
        Id: null,
        DeleteToken: 'preview-delete-token-seed-3',
        AppName: 'Connector Platform',
        UserId: id.oldConnector,
        CreatedDate: daysAgo(95),
        LastUsedDate: daysAgo(61),
        UseCount: 1_203
      },
      {
        // Another app's token: not the connector's business.
        Id: null,
        DeleteToken: 'preview-delete-token-seed-4',
        AppName: 'Salesforce for Outlook',
        UserId: id.admin,
        CreatedDate: daysAgo(200),
        LastUsedDate: daysAgo(2),
        UseCount: 5_310
      }
    ],
    settings: {
      ConnectorUserId__c: id.connector,
      ConnectedAppName__c: 'Connector Platform',
      PlatformBaseUrl__c: 'https://eu1.platform.example.com',
      ConsumerKey__c: '3MVG9preview.consumer.key.for.connector.platform',
      CallbackUrl__c: 'https://eu1.platform.example.com/oauth/callback',
      IntegrationPermissionSetName__c: 'Connector_Integration_Access',
      ClientSecret__c: 'preview-client-secret-never-shown',
      ClientSecretSetAt__c: daysAgo(7),
      ClientSecretSetBy__c: 'Ada Admin',
      ApiKey__c: null,
      ApiKeySetAt__c: null,
      ApiKeySetBy__c: null,
      CsmEmailField__c: null,
      CsmSyncEnabled__c: false,
      CsmSyncScopeSize__c: 200,
      LastHeartbeat__c: minutesAgo(4),
      LastHeartbeatUserId__c: id.connector,
      PreviousConnectorUserId__c: id.oldConnector,
      ConnectorUserChangedAt__c: daysAgo(7)
    },
    events: [
      {
        Id: recordId(KeyPrefix.ConnectorEvent, 1),
        Name: 'EV-000001',
        CreatedDate: daysAgo(7),
        CreatedById: id.admin,
        Action__c: 'Change connector user',
        Target__c: 'Connector Integration',
        Outcome__c: 'Success',
        Detail__c: 'Connector user changed from Olivia Oldfield to Connector Integration.'
      },
      {
        Id: recordId(KeyPrefix.ConnectorEvent, 2),
        Name: 'EV-000002',
        CreatedDate: daysAgo(7),
        CreatedById: id.admin,
        Action__c: 'Set secret',
        Target__c: 'clientSecret',
        Outcome__c: 'Success',
        Detail__c: 'Client secret replaced.'
      },
      {
        Id: recordId(KeyPrefix.ConnectorEvent, 3),
        Name: 'EV-000003',
        CreatedDate: daysAgo(7),
        CreatedById: id.connector,
        Action__c: 'Start job',
        Target__c: 'Connector Admin - CSM sync',
        Outcome__c: 'Success',
        Detail__c: 'Scheduled with 0 0 2 * * ?.'
      },
      {
        Id: recordId(KeyPrefix.ConnectorEvent, 4),
        Name: 'EV-000004',
        CreatedDate: daysAgo(2),
        CreatedById: id.admin,
        Action__c: 'Revoke tokens',
        Target__c: 'Olivia Oldfield',
        Outcome__c: 'Failure',
        Detail__c:
          "Insufficient privileges: Customize Application is required to see and revoke other users' OAuth tokens."
      }
    ],
    ...csmSeed(daysAgo),
    // provision pointed the job command trigger at the connector user (PlatformEventSubscriberConfig).
    subscriberConfigs: [
      {
        Id: recordId(KeyPrefix.PlatformEventSubscriberConfig, 1),
        DeveloperName: 'ConnectorJobCommandTriggerConfig',
        MasterLabel: 'ConnectorJobCommandTriggerConfig',
        PlatformEventConsumerId: JOB_COMMAND_TRIGGER_ID,
        UserId: id.connector,
        BatchSize: null
      }
    ],
    jobCommandBus: [],
    // The connected app as installed: all users may self-authorize, refresh tokens valid until revoked.
    connectedApplications: [
      {
        Id: recordId(KeyPrefix.ConnectedApplication, 1),
        Name: 'Connector Platform',
        OptionsAllowAdminApprovedUsersOnly: false,
        OptionsRefreshTokenValidityMetric: false,
        RefreshTokenValidityPeriod: null
      }
    ],
    setupEntityAccess: [],
    permissionSetLicenseAssigns: [],
    // platform-rule: permissionsetlicense-maximum-permissions — which permissions the license can grant is the org's
    // to tell (Setup > Company Information); the seed claims no gap of its own: every modelled permission is granted.
    permissionSetLicenses: [
      {
        Id: recordId(KeyPrefix.PermissionSetLicense, 1),
        MasterLabel: INTEGRATION_PERMISSION_SET_LICENSE,
        maximumPermissions: Object.fromEntries(PERMISSION_FIELDS.map((field) => [field, true]))
      }
    ],
    idCounters: {
      [KeyPrefix.ConnectorEvent]: 4,
      [KeyPrefix.PermissionSetAssignment]: assignments.length,
      [KeyPrefix.CronTrigger]: 3,
      [KeyPrefix.OauthToken]: 4,
      [KeyPrefix.PlatformEventSubscriberConfig]: 1
    }
  };
}
