import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chunk, chunkForInList, soqlInList, soqlString } from './soql.ts';

describe('soql helpers', () => {
  it('escapes quotes and backslashes in literals', () => {
    assert.equal(soqlString("o'brien\\x"), "'o\\'brien\\\\x'");
    assert.equal(soqlInList(['a', 'b']), "('a', 'b')");
  });

  it('chunks IN lists by item count, by characters and by weight', () => {
    const values = Array.from({ length: 10 }, (_, i) => `user${i}@example.com`);
    assert.deepEqual(
      chunkForInList(values, { maxItems: 4, maxChars: 10_000 }).map((c) => c.length),
      [4, 4, 2]
    );
    const byChars = chunkForInList(values, { maxItems: 100, maxChars: 60 });
    for (const part of byChars) assert.ok(soqlInList(part).length <= 62);
    assert.deepEqual(byChars.flat(), values);
    assert.deepEqual(
      chunkForInList(values, { maxItems: 6, maxChars: 10_000, weight: () => 3 }).map((c) => c.length),
      [2, 2, 2, 2, 2]
    );
    assert.deepEqual(chunk([1, 2, 3, 4, 5], 2), [[1, 2], [3, 4], [5]]);
  });
});
