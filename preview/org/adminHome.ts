import type { AdminHome, EventView, SecretView, SettingsView } from '../../scripts/contract/types.ts';
import { csmView } from './csm.ts';
import { deliverJobCommands, getRunner } from './jobCommands.ts';
import { getJobs } from './jobs.ts';
import { readCustomLabels, readRequirements } from './metadata.ts';
import { MANAGE_PERMISSION, type Org } from './org.ts';
import { connectionView, tokenUsers } from './connection.ts';
import { getStatus, runAudit } from './status.ts';
import type { ConnectorSettingsRecord } from './state.ts';

/** Twin of AdminHomeController.getAdminHome() and the services it reads through. */

/** ConnectorSettingsService.DEFAULT_INTEGRATION_PERMISSION_SET_NAME */
export const DEFAULT_INTEGRATION_PERMISSION_SET = 'Connector_Integration_Access';
/** AdminHomeController.RECENT_EVENT_COUNT */
export const RECENT_EVENT_COUNT = 20;

type SecretPrefix = 'ClientSecret' | 'ApiKey';

/** ConnectorSettingsService.SECRET_FIELDS: contract name, label, field prefix. */
const SECRET_FIELDS: { name: string; label: string; field: SecretPrefix }[] = [
  { name: 'clientSecret', label: 'Settings_ClientSecret', field: 'ClientSecret' },
  { name: 'apiKey', label: 'Settings_ApiKey', field: 'ApiKey' }
];

const isNotBlank = (value: string | null | undefined): boolean => Boolean(value && value.trim());

/** ConnectorSettingsService.getSettingsView(): plain settings, secrets only as set / not set. */
export function settingsView(record: ConnectorSettingsRecord | null): SettingsView {
  const labels = readCustomLabels();
  const secrets: SecretView[] = SECRET_FIELDS.map(({ name, label, field }) => {
    const isSet = isNotBlank(record?.[`${field}__c`]);
    return {
      name,
      label: labels.get(label) ?? label,
      isSet,
      setAt: isSet ? (record?.[`${field}SetAt__c`] ?? null) : null,
      setBy: isSet ? (record?.[`${field}SetBy__c`] ?? null) : null
    };
  });
  return {
    connectorUserId: record?.ConnectorUserId__c ?? null,
    connectedAppName: record?.ConnectedAppName__c ?? null,
    platformBaseUrl: record?.PlatformBaseUrl__c ?? null,
    integrationPermissionSetName: isNotBlank(record?.IntegrationPermissionSetName__c)
      ? (record?.IntegrationPermissionSetName__c ?? DEFAULT_INTEGRATION_PERMISSION_SET)
      : DEFAULT_INTEGRATION_PERMISSION_SET,
    csmEmailField: record?.CsmEmailField__c ?? null,
    csmSyncEnabled: record?.CsmSyncEnabled__c === true,
    csmSyncScopeSize: record?.CsmSyncScopeSize__c ?? null,
    lastHeartbeat: record?.LastHeartbeat__c ?? null,
    secrets,
    consumerKey: record?.ConsumerKey__c ?? null,
    callbackUrl: record?.CallbackUrl__c ?? null
  };
}

/** ConnectorEventSelector.getRecent(): newest first; empty for users who may not read the audit log. */
export function recentEvents(org: Org, maxRows: number = RECENT_EVENT_COUNT): EventView[] {
  if (!org.canRead(org.state.runningUserId, 'ConnectorEvent__c')) return [];
  return [...org.state.events]
    .sort((a, b) => b.CreatedDate.localeCompare(a.CreatedDate) || (b.Id < a.Id ? -1 : b.Id > a.Id ? 1 : 0))
    .slice(0, maxRows)
    .map((e) => ({
      id: e.Id,
      createdDate: e.CreatedDate,
      actorName: e.RequestedById__c
        ? (org.user(e.RequestedById__c)?.Name ?? e.RequestedById__c)
        : (org.user(e.CreatedById)?.Name ?? ''),
      ranAsName: e.RequestedById__c ? (org.user(e.CreatedById)?.Name ?? null) : null,
      action: e.Action__c,
      target: e.Target__c,
      outcome: e.Outcome__c,
      detail: e.Detail__c
    }));
}

export function getAdminHome(org: Org): AdminHome {
  // Job commands published earlier have reached their trigger by the time the page loads again.
  deliverJobCommands(org);
  const requirements = readRequirements();
  const audit = runAudit(org, requirements);
  const jobs = getJobs(org);
  const jobRunner = getRunner(org);
  return {
    generatedAt: org.now().toISOString(),
    canManage: org.checkPermission(MANAGE_PERMISSION),
    settings: settingsView(org.state.settings),
    requirements,
    events: recentEvents(org),
    ...connectionSections(org),
    csm: csmView(org),
    jobs,
    jobRunner,
    status: getStatus(org, audit, jobs, jobRunner),
    audit: audit.view
  };
}

/** OauthUsageService.getTokenUsers() and ConnectionService.getConnectionView(). */
function connectionSections(org: Org): Pick<AdminHome, 'connection' | 'tokens'> {
  const tokens = tokenUsers(org);
  return { connection: connectionView(org, tokens), tokens };
}
