import type {
  AuditView,
  CsmPreview,
  CsmProgress,
  CsmRunView,
  FindingView,
  JobView,
  SettingsView,
  StatusView,
  Verdict
} from '../contract/types.ts';
import type { OrgClient } from './client.ts';

/**
 * Responses of the package's Apex REST endpoints (connector/v1/...): { ok, changed, message, ... } or, with a
 * 4xx/5xx status, { ok: false, errorCode, message, fieldErrors? } (thrown by the client as OrgRequestError).
 */
export interface ApexResult {
  ok: boolean;
  changed?: boolean;
  message?: string;
  errorCode?: string;
  fieldErrors?: Record<string, string>;
}

/**
 * GET connector/v1/health (ConnectorHealthResource). Serialized with nulls left out, so every nullable value
 * (connectorUserId, settings.connectedAppName, ...) may be absent.
 */
export interface HealthResponse extends ApexResult {
  generatedAt?: string;
  connectorUserId?: string;
  verdict?: Verdict;
  causes?: FindingView[];
  status?: StatusView;
  audit?: AuditView;
  settings?: Partial<SettingsView> & Record<string, unknown>;
}

/** GET/POST connector/v1/jobs (ConnectorJobsRestResource); a refused action is ok: false, JOB_ACTION_FAILED. */
export interface JobsResponse extends ApexResult {
  jobs: JobView[];
}

/** PUT connector/v1/settings (ConnectorSettingsResource). */
export type SettingsResponse = ApexResult;

/**
 * connector/v1/csm-sync (CsmSyncRestResource). POST {dryRun: true}: preview + run (its summary);
 * POST {dryRun: false}: jobId; GET ?jobId=: progress + run; GET: run = the latest run or null.
 */
export interface CsmSyncResponse extends ApexResult {
  preview?: CsmPreview;
  run?: CsmRunView | null;
  progress?: CsmProgress;
  jobId?: string;
}

export type JobAction = 'start' | 'stop' | 'restart';

export function getHealth(client: OrgClient): Promise<HealthResponse> {
  return client.apex<HealthResponse>('GET', 'health');
}

export async function listJobs(client: OrgClient): Promise<JobView[]> {
  const response = await client.apex<JobsResponse>('GET', 'jobs');
  return response.jobs ?? [];
}

export function changeJobs(client: OrgClient, action: JobAction, name?: string): Promise<JobsResponse> {
  return client.apex<JobsResponse>('POST', 'jobs', name ? { action, name } : { action });
}

// platform-rule: protected-custom-settings — subscribers' API cannot read or write the protected settings: the
// package's own Apex (ConnectorSettingsResource) does it for the CLI.
export function putSettings(
  client: OrgClient,
  settings: Record<string, unknown>,
  secrets: Partial<Record<string, string>>
): Promise<SettingsResponse> {
  return client.apex<SettingsResponse>('PUT', 'settings', { settings, secrets });
}

export function startCsmSync(client: OrgClient, dryRun: boolean): Promise<CsmSyncResponse> {
  // A preview (dryRun) changes nothing: retried like a read after a 5xx. A real start is not resent blindly.
  return client.apex<CsmSyncResponse>('POST', 'csm-sync', { dryRun }, { readOnly: dryRun });
}

export function getCsmSync(client: OrgClient, jobId?: string): Promise<CsmSyncResponse> {
  return client.apex<CsmSyncResponse>('GET', jobId ? `csm-sync?jobId=${encodeURIComponent(jobId)}` : 'csm-sync');
}
