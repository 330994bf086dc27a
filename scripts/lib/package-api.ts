import type { JobView, SettingsView } from '../contract/types.ts';
import type { OrgClient } from './client.ts';

/** Responses of the package's Apex REST endpoints (connector/v1/...). */
export interface ApexResult {
  ok: boolean;
  changed?: boolean;
  message?: string;
  errorCode?: string;
  fieldErrors?: Record<string, string>;
}

export interface HealthResponse extends ApexResult {
  connectorUserId?: string | null;
  settings?: SettingsView & Record<string, unknown>;
}

export interface JobsResponse extends ApexResult {
  jobs: JobView[];
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
