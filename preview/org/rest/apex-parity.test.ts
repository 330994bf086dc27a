import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

// The fake org stands in for the package's Apex REST resources: every error code and response key those
// resources write must be one the fake org writes too, so CLI tests see the shapes the org will send.
const CLASSES = fileURLToPath(new URL('../../../force-app/main/default/classes/', import.meta.url));
const FAKE = readFileSync(fileURLToPath(new URL('./server.ts', import.meta.url)), 'utf8');

const RESOURCES: Record<string, string> = {
  ConnectorJobsRestResource: 'connector/v1/jobs',
  CsmSyncRestResource: 'connector/v1/csm-sync',
  ConnectorSettingsResource: 'connector/v1/settings',
  ConnectorHealthResource: 'connector/v1/health',
  ConnectorHeartbeatResource: 'connector/v1/heartbeat'
};

function apexOf(name: string): string | null {
  const file = `${CLASSES}${name}.cls`;
  return existsSync(file) ? readFileSync(file, 'utf8') : null;
}

/** 'ERROR_CODE' literals: error codes passed to the failure helpers or kept in constants. */
function errorCodes(apex: string): string[] {
  return [...new Set([...apex.matchAll(/'([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)'/g)].map((m) => m[1]!))];
}

/** Keys of the response maps: 'key' => value. */
function responseKeys(apex: string): string[] {
  return [...new Set([...apex.matchAll(/'([a-zA-Z]+)'\s*=>/g)].map((m) => m[1]!))];
}

/** Keys added later: body.put('key', ...). */
function putKeys(apex: string): string[] {
  return [...new Set([...apex.matchAll(/\.put\(\s*'([a-zA-Z]+)'/g)].map((m) => m[1]!))];
}

describe('fake org ↔ Apex REST resources', () => {
  const present = Object.keys(RESOURCES).filter((name) => apexOf(name) !== null);

  it('finds the resources on this branch (jobs, csm-sync and settings at least)', () => {
    for (const name of ['ConnectorJobsRestResource', 'CsmSyncRestResource', 'ConnectorSettingsResource']) {
      assert.ok(present.includes(name), `${name}.cls is missing`);
    }
  });

  for (const name of Object.keys(RESOURCES)) {
    it(`${name}: same URL mapping, error codes and response keys`, (t) => {
      const apex = apexOf(name);
      if (apex === null) {
        t.skip(`${name}.cls is not on this branch`);
        return;
      }
      assert.ok(apex.includes(`urlMapping='/${RESOURCES[name]}'`), `${name} maps /${RESOURCES[name]}`);
      for (const code of errorCodes(apex)) {
        assert.ok(FAKE.includes(`'${code}'`), `the fake org never answers errorCode ${code} (${name})`);
      }
      for (const key of [...responseKeys(apex), ...putKeys(apex)]) {
        assert.ok(
          new RegExp(`\\b${key}\\s*[:,}]|'${key}'`).test(FAKE),
          `the fake org's ${RESOURCES[name]} never writes key ${key}`
        );
      }
    });
  }
});
