import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { REDACTED, Redactor } from './redact.ts';

describe('Redactor', () => {
  it('removes a registered value in raw, JSON-escaped and URL-encoded spellings', () => {
    const redactor = new Redactor();
    const secret = 'p@ss "word"/x';
    redactor.add(secret);
    const text = `raw=${secret} json=${JSON.stringify({ s: secret })} url=${encodeURIComponent(secret)}`;
    const out = redactor.redact(text);
    assert.ok(!out.includes(secret));
    assert.ok(!out.includes(JSON.stringify(secret).slice(1, -1)));
    assert.ok(!out.includes(encodeURIComponent(secret)));
    assert.equal(out.split(REDACTED).length - 1, 3);
  });

  it('removes bearer tokens, session ids and credential fields it was never told about', () => {
    const out = new Redactor().redact(
      'Authorization: Bearer abc.def sid=00D5g000001AbCd!AQ4AQFakeSession "refresh_token":"5Aep861xyz" access_token=tok123&x=1'
    );
    assert.ok(!out.includes('abc.def'));
    assert.ok(!out.includes('AQ4AQFakeSession'));
    assert.ok(!out.includes('5Aep861xyz'));
    assert.ok(!out.includes('tok123'));
    assert.ok(out.includes('&x=1'), 'text around a credential survives');
  });

  it('ignores values too short to be secrets so ordinary output stays readable', () => {
    const redactor = new Redactor();
    redactor.add('ab');
    redactor.add('');
    assert.equal(redactor.size, 0);
    assert.equal(redactor.redact('about'), 'about');
  });
});
