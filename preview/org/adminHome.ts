import type {
  AdminHome,
  AdminHomeSection,
  EventView,
  SecretView,
  SettingsView,
  UnreadableSection
} from '../../scripts/contract/types.ts';
import { csmView } from './csm.ts';
import { getRunner } from './jobCommands.ts';
import { getJobs } from './jobs.ts';
import { readRequirements } from './metadata.ts';
import { customLabels, label } from './labels.ts';
import { MANAGE_PERMISSION, QueryException, type Org } from './org.ts';
import { connectionView, tokenAccess, tokenRows, tokenUsers } from './connection.ts';
import { setupView } from './firstRunSetup.ts';
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
  const labels = customLabels();
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
    callbackUrl: record?.CallbackUrl__c ?? null,
    alertsMuted: record?.AlertsMuted__c === true,
    alertEmail: record?.AlertEmail__c === true,
    alertDigest: record?.AlertDigest__c === true
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

/** The card title label of each section, as AdminHomeController names it in an unreadable section's reason. */
const SECTION_TITLES: Record<AdminHomeSection, string> = {
  settings: 'Settings_Title',
  requirements: 'Requirements_Title',
  events: 'Events_Title',
  tokens: 'Tokens_Title',
  connection: 'Connection_Title',
  csm: 'Csm_Title',
  jobs: 'Jobs_Title',
  audit: 'Audit_Title',
  status: 'Status_Title'
};
/** Sections computed from others: they cannot be shown when an input cannot be read. */
const SECTION_INPUTS: [AdminHomeSection, AdminHomeSection[]][] = [
  ['connection', ['tokens']],
  ['audit', ['requirements']],
  ['status', ['audit', 'jobs', 'tokens']]
];

/** AdminHomeController.unreadableMessage: the card, and the objects and fields the user cannot read. */
export function unreadableMessage(section: AdminHomeSection, error: QueryException): string {
  const labels = customLabels();
  const title = labels.get(SECTION_TITLES[section]) ?? section;
  const missing = Object.keys(error.inaccessibleFields)
    .sort()
    .map((object) => {
      const fields = [...(error.inaccessibleFields[object] ?? [])].sort();
      return fields.length === 0 ? object : `${object} (${fields.join(', ')})`;
    });
  return missing.length === 0
    ? label('AdminHome_SectionUnreadableUnknown', title)
    : label('AdminHome_SectionUnreadable', title, missing.join('; '));
}

/**
 * AdminHomeController.getAdminHome(): each section read on its own; one that throws a QueryException (a user-mode
 * query of something the running user cannot read) is null and listed in `unreadable` with the reason.
 */
export function getAdminHome(org: Org): AdminHome {
  const unreadable: UnreadableSection[] = [];
  function read<T>(section: AdminHomeSection, fn: () => T): T | null {
    try {
      return fn();
    } catch (error) {
      if (!(error instanceof QueryException)) throw error;
      unreadable.push({ section, message: unreadableMessage(section, error) });
      return null;
    }
  }
  const requirements = read('requirements', () => readRequirements());
  // Read once, as the Apex does: the card, its access notice and the checklist use the same rows.
  const rows = read('tokens', () => tokenRows(org));
  const tokens = rows === null ? null : read('tokens', () => tokenUsers(org, rows));
  const jobs = read('jobs', () => getJobs(org));
  const jobRunner = jobs === null ? null : getRunner(org);
  const audit = requirements === null ? null : read('audit', () => runAudit(org, requirements));
  const page: AdminHome = {
    generatedAt: org.now().toISOString(),
    canManage: org.checkPermission(MANAGE_PERMISSION),
    settings: read('settings', () => settingsView(org.state.settings)),
    requirements,
    events: read('events', () => recentEvents(org)),
    connection: tokens === null ? null : read('connection', () => connectionView(org, tokens)),
    tokens,
    tokenAccess: rows === null ? null : tokenAccess(org, rows),
    csm: read('csm', () => csmView(org)),
    jobs,
    jobRunner,
    status:
      audit === null || jobs === null || tokens === null
        ? null
        : read('status', () => getStatus(org, audit, jobs, jobRunner ?? undefined)),
    audit: audit?.view ?? null,
    unreadable,
    setup: null
  };
  for (const [section, inputs] of SECTION_INPUTS) {
    const reason = inputs.map((input) => unreadable.find((u) => u.section === input)).find(Boolean);
    if (reason && !unreadable.some((u) => u.section === section)) unreadable.push({ section, message: reason.message });
  }
  page.setup = setupView(page);
  return page;
}
