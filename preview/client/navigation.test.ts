/** The preview's lightning/navigation refuses page state that Lightning reserves or cannot put in a URL. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { stateQuery } from './navigation.js';

const NAMESPACED = ['c', 'section'].join('__');

describe('preview lightning/navigation', () => {
  test('page state keys without a namespace prefix are refused', () => {
    assert.throws(() => stateQuery({ section: 'jobs' }), /no namespace prefix/);
    assert.throws(() => stateQuery({ __section: 'jobs' }), /no namespace prefix/);
  });

  test('namespaced string state becomes the query string; undefined deletes a key', () => {
    assert.equal(
      stateQuery({ [NAMESPACED]: 'jobs', acme__filter: 'a b', gone: undefined }),
      `?${NAMESPACED}=jobs&acme__filter=a+b`
    );
    assert.equal(stateQuery({}), '');
  });

  test('page state values must be strings', () => {
    assert.throws(() => stateQuery({ [NAMESPACED]: 2 }), /must be a string/);
  });
});
