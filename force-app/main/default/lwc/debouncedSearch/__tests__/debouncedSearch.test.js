import { DebouncedSearch, SEARCH_DELAY_MS, MIN_TERM_LENGTH } from 'c/debouncedSearch';

/** A promise resolved or rejected from outside, so a test decides the order in which replies arrive. */
function deferred() {
  let resolve;
  let reject;
  const promise = new Promise((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

async function flushPromises() {
  for (let i = 0; i < 5; i++) {
    // eslint-disable-next-line no-await-in-loop
    await Promise.resolve();
  }
}

describe('c/debouncedSearch', () => {
  let replies;
  let search;
  let onResult;
  let onError;
  let onClear;
  let onSettled;
  let lookup;

  beforeEach(() => {
    jest.useFakeTimers();
    replies = {};
    search = jest.fn((term) => {
      replies[term] = deferred();
      return replies[term].promise;
    });
    onResult = jest.fn();
    onError = jest.fn();
    onClear = jest.fn();
    onSettled = jest.fn();
    lookup = new DebouncedSearch({ search, onResult, onError, onClear, onSettled });
  });

  afterEach(() => {
    lookup.cancel();
    jest.useRealTimers();
  });

  it('searches once per pause in typing, with the last term trimmed', () => {
    lookup.update('ac');
    jest.advanceTimersByTime(SEARCH_DELAY_MS - 1);
    lookup.update('acm');
    jest.advanceTimersByTime(SEARCH_DELAY_MS - 1);
    lookup.update(' acme ');
    expect(search).not.toHaveBeenCalled();
    jest.advanceTimersByTime(SEARCH_DELAY_MS);
    expect(search.mock.calls).toEqual([['acme']]);
  });

  it('never searches a term shorter than the minimum, and clears at once', () => {
    lookup.update('a'.repeat(MIN_TERM_LENGTH - 1));
    jest.advanceTimersByTime(SEARCH_DELAY_MS * 2);
    expect(search).not.toHaveBeenCalled();
    expect(onClear).toHaveBeenCalledTimes(1);
  });

  it('drops a reply to an older term that arrives after the newer one', async () => {
    lookup.update('gr');
    jest.advanceTimersByTime(SEARCH_DELAY_MS);
    lookup.update('grace');
    jest.advanceTimersByTime(SEARCH_DELAY_MS);
    expect(search.mock.calls).toEqual([['gr'], ['grace']]);

    // The newer term answers first, then the slow older one.
    replies.grace.resolve(['Grace Hopper']);
    await flushPromises();
    replies.gr.resolve(['Grace Hopper', 'Greta Garbo']);
    await flushPromises();

    expect(onResult.mock.calls).toEqual([[['Grace Hopper'], 'grace']]);
    expect(onSettled).toHaveBeenCalledTimes(1);
  });

  it('drops a reply to an older term that arrives before the newer one', async () => {
    lookup.update('gr');
    jest.advanceTimersByTime(SEARCH_DELAY_MS);
    lookup.update('grace');
    replies.gr.resolve(['Greta Garbo']);
    await flushPromises();
    expect(onResult).not.toHaveBeenCalled();

    jest.advanceTimersByTime(SEARCH_DELAY_MS);
    replies.grace.resolve(['Grace Hopper']);
    await flushPromises();
    expect(onResult.mock.calls).toEqual([[['Grace Hopper'], 'grace']]);
  });

  it('drops the error of an older term and reports the latest one', async () => {
    lookup.update('gr');
    jest.advanceTimersByTime(SEARCH_DELAY_MS);
    lookup.update('grace');
    jest.advanceTimersByTime(SEARCH_DELAY_MS);
    replies.gr.reject(new Error('old'));
    await flushPromises();
    expect(onError).not.toHaveBeenCalled();

    const latest = new Error('latest');
    replies.grace.reject(latest);
    await flushPromises();
    expect(onError.mock.calls).toEqual([[latest]]);
    expect(onResult).not.toHaveBeenCalled();
  });

  it('drops a reply that arrives after the term was cleared or the search cancelled', async () => {
    lookup.update('acme');
    jest.advanceTimersByTime(SEARCH_DELAY_MS);
    lookup.update('a');
    replies.acme.resolve(['Acme Corporation']);
    await flushPromises();
    expect(onResult).not.toHaveBeenCalled();

    lookup.update('globex');
    jest.advanceTimersByTime(SEARCH_DELAY_MS);
    lookup.cancel();
    replies.globex.resolve(['Globex Corporation']);
    await flushPromises();
    expect(onResult).not.toHaveBeenCalled();
    expect(onSettled).not.toHaveBeenCalled();
  });
});
