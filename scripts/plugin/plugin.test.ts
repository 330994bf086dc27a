/**
 * The plugin as sf runs it: help from messages/*.md, sf's default org, the JSON envelope, and redaction of the
 * token from every output. The commands run in-process against the fake org authorized with an access token.
 */
import '../fake-org/sf-home.ts';
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { Config as SfConfig, OrgConfigProperties } from '@salesforce/core';
import { Config, Help, toCached } from '@oclif/core';
import { COMMANDS, REPO_ROOT, runIn, seededOrg, type SeededOrg } from '../fake-org/harness.ts';

describe('sf connector plugin', () => {
  let s: SeededOrg | undefined;
  afterEach(async () => {
    await s?.org.stop();
    s = undefined;
  });

  it('has help for every command, from the messages files: summary, flags, examples', async () => {
    const config = await Config.load(REPO_ROOT);
    assert.equal(config.bin, 'sf');
    for (const [words, Command] of Object.entries(COMMANDS)) {
      const id = `connector:${words.replace(' ', ':')}`;
      const cached = await toCached(Object.assign(Command, { id }) as never, undefined, false);
      const text = new Help(config, { stripAnsi: true }).formatCommand(cached);
      assert.match(text, new RegExp(`\\$ sf connector ${words} `), id);
      assert.match(text, /-o, --target-org=<value>/, id);
      assert.match(text, /EXAMPLES/, id);
      assert.doesNotMatch(text, /npm run cli/, id);
    }
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
