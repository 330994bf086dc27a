/** Sandbox refresh safety: the twin's rules, and the Apex held to the post-copy script's running user. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  AccessRefused,
  AUTOMATED_PROCESS,
  type CopiedSettings,
  needsReconnect,
  type PostCopyOrg,
  runPostCopy,
  sandboxFindings
} from './sandboxCopy.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const COPIED = new Date('2026-03-01T08:00:00.000Z');

function productionSettings(): CopiedSettings {
  return {
    apiKey: 'prod-api-key-123',
    apiKeySetAt: new Date('2026-02-01T08:00:00.000Z'),
    apiKeySetBy: 'Ada Admin',
    clientSecret: 'prod-client-secret-456',
    clientSecretSetAt: new Date('2026-02-01T08:00:00.000Z'),
    clientSecretSetBy: 'Ada Admin',
    platformBaseUrl: 'https://platform.example.com',
    lastHeartbeat: new Date('2026-03-01T07:55:00.000Z'),
    lastHeartbeatUserId: '005000000000001AAA',
    lastVerdict: 'Connected',
    lastVerdictAt: null,
    lastAlertAt: null,
    sandboxCopiedAt: null,
    sandboxName: null
  };
}

function copiedOrg(isSandbox = true): PostCopyOrg {
  return {
    runningUser: AUTOMATED_PROCESS,
    isSandbox,
    settings: productionSettings(),
    jobs: ['Connector health check', 'Connector CSM sync'],
    audit: []
  };
}

describe('sandbox copy', () => {
  it('needs a reconnect after a copy until a secret is set again', () => {
    assert.equal(needsReconnect(null, [null, null]), false);
    assert.equal(needsReconnect(COPIED, [null, null]), true);
    assert.equal(needsReconnect(COPIED, [new Date('2026-02-27T08:00:00.000Z'), null]), true);
    assert.equal(needsReconnect(COPIED, [null, new Date('2026-03-01T10:00:00.000Z')]), false);
  });

  it('stops the jobs, clears the secrets, marks the copy and audits it, in a sandbox only', () => {
    const org = copiedOrg();
    const result = runPostCopy(org, 'uat', COPIED);
    assert.deepEqual(result, { jobsAborted: 2, secretsCleared: 2 });
    assert.deepEqual(org.jobs, []);
    assert.equal(org.settings.apiKey, null);
    assert.equal(org.settings.clientSecret, null);
    assert.equal(org.settings.lastHeartbeat, null);
    assert.equal(org.settings.platformBaseUrl, 'https://platform.example.com', 'plain settings stay for review');
    assert.equal(org.settings.sandboxCopiedAt, COPIED);
    assert.deepEqual(
      sandboxFindings(org.settings).map((finding) => finding.code),
      ['SANDBOX_COPY']
    );
    assert.equal(org.audit.length, 1);
    assert.doesNotMatch(org.audit[0]!.detail, /prod-api-key-123/);

    const production = copiedOrg(false);
    assert.equal(runPostCopy(production, 'uat', COPIED), null);
    assert.equal(production.settings.apiKey, 'prod-api-key-123');
    assert.equal(production.jobs.length, 2);
  });

  it('runs as the Automated Process user, who is refused user-mode access: the Apex uses system mode throughout', () => {
    assert.throws(() => runPostCopy(copiedOrg(), 'uat', COPIED, 'user'), AccessRefused);
    assert.ok(runPostCopy(copiedOrg(), 'uat', COPIED, 'system'));
    for (const file of ['ConnectorSandboxPostCopy.cls', 'SandboxCopyService.cls']) {
      const source = readFileSync(join(ROOT, 'force-app/main/default/classes', file), 'utf8');
      for (const query of source.match(/\[\s*SELECT[\s\S]*?\]/g) ?? []) {
        assert.match(query, /WITH SYSTEM_MODE/, `${file}: ${query}`);
      }
      assert.doesNotMatch(source, /^\s*(insert|update|upsert|delete)\s/m, `${file}: DML statements run in user mode`);
      for (const dml of source.match(/Database\.(insert|update|upsert|delete)\([^;]*;/g) ?? []) {
        assert.match(dml, /AccessLevel\.SYSTEM_MODE/, `${file}: ${dml}`);
      }
    }
  });
});
