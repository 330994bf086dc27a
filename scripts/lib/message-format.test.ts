import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readCustomLabels } from '../../preview/org/metadata.ts';
import { label } from '../../preview/org/labels.ts';
import { formatApex, hasLoneQuote } from './message-format.ts';

describe('formatApex (Apex String.format, Java MessageFormat rules)', () => {
  it('fills {n} and shows a doubled apostrophe as one', () => {
    assert.equal(
      formatApex("{0} was scheduled outside the package''s job definitions", ['Job']),
      "Job was scheduled outside the package's job definitions"
    );
  });
  it('drops a lone apostrophe and leaves the placeholders after it unreplaced, as the org does', () => {
    assert.equal(formatApex("Don't forget {0} and {1}", ['a', 'b']), 'Dont forget {0} and {1}');
    assert.equal(formatApex("'{0}' is literal, {1} is not", ['a', 'b']), '{0} is literal, b is not');
  });
  it('prints a missing argument as its placeholder and null as "null"', () => {
    assert.equal(formatApex('{0} and {1}', [null]), 'null and {1}');
  });
  it('spots a lone apostrophe', () => {
    assert.equal(hasLoneQuote("package's"), true);
    assert.equal(hasLoneQuote("package''s"), false);
  });
  it('gives the preview twin and the CLI fake org the text the org shows for a label with an apostrophe', () => {
    const raw = readCustomLabels().get('Jobs_StartUnmanaged') ?? '';
    assert.equal(hasLoneQuote(raw), false);
    assert.equal(label('Jobs_StartUnmanaged', 'Old job'), formatApex(raw, ['Old job']));
    assert.match(
      label('Jobs_StartUnmanaged', 'Old job'),
      /^Old job was scheduled outside the package's job definitions/
    );
  });
});
