/**
 * Sandbox refresh safety, the TypeScript twin of SandboxCopyService and ConnectorSandboxPostCopy (Apex).
 * Standalone until the preview's one in-memory org takes it in: pure rules plus a small model of the post-copy run.
 *
 * platform-rule: sandbox-post-copy-automated-process — the platform runs the post-copy class as the Automated Process
 * user, who cannot reach every object: the model refuses that user's user-mode access, so the reset must use system
 * mode for every read and write (as the Apex does).
 */

export const SANDBOX_COPY_FINDING = 'SANDBOX_COPY';
export const AUTOMATED_PROCESS = 'Automated Process';

/** The connector settings fields the copy touches (ConnectorSettings__c). */
export interface CopiedSettings {
  apiKey: string | null;
  apiKeySetAt: Date | null;
  apiKeySetBy: string | null;
  clientSecret: string | null;
  clientSecretSetAt: Date | null;
  clientSecretSetBy: string | null;
  platformBaseUrl: string | null;
  lastHeartbeat: Date | null;
  lastHeartbeatUserId: string | null;
  lastVerdict: string | null;
  lastVerdictAt: Date | null;
  lastAlertAt: Date | null;
  sandboxCopiedAt: Date | null;
  sandboxName: string | null;
}

/** Connected to this org's platform again once any secret is set after the copy. */
export function needsReconnect(copiedAt: Date | null, secretsSetAt: (Date | null)[]): boolean {
  if (!copiedAt) return false;
  return !secretsSetAt.some((setAt) => setAt !== null && setAt.getTime() >= copiedAt.getTime());
}

export interface Finding {
  code: string;
  severity: 'Required';
  disconnects: true;
}

/** The status finding while the copy is not reconnected (Status_SandboxCopy, Status_FixSandboxCopy). */
export function sandboxFindings(settings: CopiedSettings): Finding[] {
  return needsReconnect(settings.sandboxCopiedAt, [settings.apiKeySetAt, settings.clientSecretSetAt])
    ? [{ code: SANDBOX_COPY_FINDING, severity: 'Required', disconnects: true }]
    : [];
}

export class AccessRefused extends Error {
  readonly errorCode = 'INSUFFICIENT_ACCESS';
}

/** What the post-copy run may touch: the Automated Process user is refused user-mode access. */
export interface PostCopyOrg {
  runningUser: string;
  isSandbox: boolean;
  settings: CopiedSettings;
  /** Names of the package's live scheduled jobs. */
  jobs: string[];
  audit: { action: string; target: string | null; outcome: string; detail: string }[];
}

function access(org: PostCopyOrg, mode: 'user' | 'system', object: string): void {
  if (mode === 'user' && org.runningUser === AUTOMATED_PROCESS) {
    throw new AccessRefused(`The ${AUTOMATED_PROCESS} user cannot access ${object} in user mode.`);
  }
}

export interface ResetResult {
  jobsAborted: number;
  secretsCleared: number;
}

/** ConnectorSandboxPostCopy.runApexClass: outside a sandbox it changes nothing. */
export function runPostCopy(
  org: PostCopyOrg,
  sandboxName: string | null,
  now: Date,
  mode: 'user' | 'system' = 'system'
): ResetResult | null {
  if (!org.isSandbox) return null;
  access(org, mode, 'CronTrigger');
  const jobsAborted = org.jobs.length;
  org.jobs = [];
  access(org, mode, 'ConnectorSettings__c');
  const s = org.settings;
  const secretsCleared = [s.apiKey, s.clientSecret].filter((value) => value !== null && value.trim() !== '').length;
  org.settings = {
    ...s,
    apiKey: null,
    apiKeySetAt: null,
    apiKeySetBy: null,
    clientSecret: null,
    clientSecretSetAt: null,
    clientSecretSetBy: null,
    lastHeartbeat: null,
    lastHeartbeatUserId: null,
    lastVerdict: null,
    lastVerdictAt: null,
    lastAlertAt: null,
    sandboxCopiedAt: now,
    sandboxName: sandboxName ? sandboxName.slice(0, 80) : null
  };
  access(org, mode, 'ConnectorEvent__c');
  org.audit.push({
    action: 'Sandbox copy',
    target: org.settings.sandboxName,
    outcome: 'Success',
    detail: `Copied from production: ${jobsAborted} scheduled jobs stopped, ${secretsCleared} secrets cleared, production heartbeat cleared. Reconnect the connector to the platform of this sandbox.`
  });
  return { jobsAborted, secretsCleared };
}
