/**
 * The plugin as sf runs it: help from messages/*.md, sf's default org, the JSON envelope, and redaction of the
 * token from every output. The commands run in-process against the fake org authorized with an access token.
 */
import '../testing/sf-home.ts';
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { Config as SfConfig, OrgConfigProperties } from '@salesforce/core';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { run } from '@oclif/core';
import { COMMANDS, REPO_ROOT, runIn, seededOrg, type SeededOrg, stopSeededOrg } from '../testing/harness.ts';

describe('sf connector plugin', () => {
  let s: SeededOrg | undefined;
  afterEach(async () => (s = await stopSeededOrg(s)));

  it('has help for every command, from the messages files: summary, flags, examples (the compiled plugin, as sf loads it)', async () => {
    assert.ok(existsSync(join(REPO_ROOT, 'scripts/plugin/dist')), 'run npm run build first (npm test does)');
    for (const words of Object.keys(COMMANDS)) {
      let text = '';
      const write = process.stdout.write.bind(process.stdout);
      process.stdout.write = ((chunk: string | Uint8Array) =>
        typeof chunk === 'string' ? ((text += chunk), true) : write(chunk)) as typeof process.stdout.write;
      try {
        await run(['connector', ...words.split(' '), '--help'], REPO_ROOT);
      } finally {
        process.stdout.write = write;
      }
      assert.match(text, new RegExp(`\\$ sf connector ${words} `), words);
      assert.match(text, /-o, --target-org=<value>/, words);
      assert.match(text, /--json/, words);
      assert.match(text, /EXAMPLES/, words);
      assert.doesNotMatch(text, /npm run cli/, words);
    }
  });

  it('the in-memory org answers what sf asks when it authorizes an org', async () => {
    s = await seededOrg();
    // The Versions resource needs no authentication; sf sends it with a doubled slash after a trailing-slash URL.
    for (const path of ['/services/data/', '//services/data']) {
      const versions: Response = await fetch(`${s.org.url}${path}`);
      assert.equal(versions.status, 200, path);
      assert.deepEqual(await versions.json(), [{ label: "Winter '26", url: '/services/data/v65.0', version: '65.0' }]);
    }
    const headers = { Authorization: `Bearer ${s.token}` };
    const userinfo = (await (await fetch(`${s.org.url}/services/oauth2/userinfo`, { headers })).json()) as Record<
      string,
      string
    >;
    assert.equal(userinfo['user_id'], s.adminId);
    assert.match(userinfo['organization_id']!, /^00D/);
    const user = await fetch(`${s.org.url}/services/data/v51.0/sobjects/User/${s.adminId}`, { headers });
    assert.equal(((await user.json()) as { Username: string }).Username, 'admin@acme.example');
    const q = encodeURIComponent('SELECT Name, NamespacePrefix, OrganizationType FROM Organization');
    const orgRow = await fetch(`${s.org.url}/services/data/v65.0/query?q=${q}`, { headers });
    assert.equal(((await orgRow.json()) as { totalSize: number }).totalSize, 1);
    assert.equal((await fetch(`${s.org.url}/services/oauth2/userinfo`)).status, 401, 'userinfo needs the token');
  });

  it('honours the default org set with sf config set target-org, and prints one JSON object', async () => {
    s = await seededOrg();
    const config = await SfConfig.create(SfConfig.getDefaultOptions(true));
    config.set(OrgConfigProperties.TARGET_ORG, s.target[1]!);
    await config.write();
    try {
      const run = await runIn(['doctor', '--user', 'connector@acme.example', '--json']);
      assert.equal(run.code, 1, 'the connector user misses Required permissions: a finding');
      assert.equal(run.json!.status, 1);
      assert.ok(Array.isArray(run.json!.warnings));
      assert.equal((run.json!.result as { user: { username: string } }).user.username, 'connector@acme.example');
      assert.ok(s.org.stats.requests > 0, 'the default org was called');
    } finally {
      config.unset(OrgConfigProperties.TARGET_ORG);
      await config.write();
    }
  });

  it('never prints the access token: not in results, logs, errors or the JSON envelope', async () => {
    s = await seededOrg();
    s.org.fail({
      path: '/apexrest/',
      times: 10,
      status: 400,
      body: [{ errorCode: 'INVALID_INPUT', message: `echoed Bearer ${s.token} and ${s.token}` }]
    });
    for (const json of [true, false]) {
      const run = await runIn(['jobs', 'list', ...s.target, ...(json ? ['--json'] : [])]);
      assert.equal(run.code, 1);
      assert.ok(!(run.stdout + run.stderr).includes(s.token), 'the token is redacted');
      assert.match(run.stdout + run.stderr, /\[REDACTED\]/);
    }
  });
});
