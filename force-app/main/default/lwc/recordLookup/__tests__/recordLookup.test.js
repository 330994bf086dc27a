import { createElement } from '@lwc/engine-dom';
import RecordLookup from 'c/recordLookup';
import { SEARCH_DELAY_MS } from 'c/debouncedSearch';
import ACCOUNT from 'contract/fixtures/csmLookupOption.account.json';
import USER from 'contract/fixtures/csmLookupOption.user.json';

async function flushPromises() {
  for (let i = 0; i < 5; i++) {
    // eslint-disable-next-line no-await-in-loop
    await Promise.resolve();
  }
}

function deferred() {
  let resolve;
  const promise = new Promise((res) => {
    resolve = res;
  });
  return { promise, resolve };
}

jest.setTimeout(20000);

describe('c-record-lookup', () => {
  let picks;
  let toasts;

  beforeEach(() => {
    picks = [];
    toasts = [];
  });

  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.useRealTimers();
  });

  function render(search) {
    const element = createElement('c-record-lookup', { is: RecordLookup });
    Object.assign(element, {
      label: 'Account',
      placeholder: 'Search accounts',
      noResultsLabel: 'No matches',
      errorTitle: 'CSM sync failed',
      search
    });
    element.addEventListener('pick', (event) => picks.push(event.detail.value));
    element.addEventListener('lightning__showtoast', (event) => toasts.push(event.detail));
    document.body.appendChild(element);
    return element;
  }

  const $ = (element, selector) => element.shadowRoot.querySelector(selector);

  function type(element, value) {
    $(element, '[data-id="search"]').dispatchEvent(new CustomEvent('change', { detail: { value } }));
  }

  it('lists the matches of the typed term and turns the chosen one into a pill', async () => {
    jest.useFakeTimers();
    const search = jest.fn().mockResolvedValue([ACCOUNT, USER]);
    const element = render(search);
    type(element, 'Ac');
    jest.advanceTimersByTime(SEARCH_DELAY_MS);
    await flushPromises();
    expect(search).toHaveBeenCalledWith({ term: 'Ac' });
    const buttons = [...element.shadowRoot.querySelectorAll('[data-id="results"] button')];
    expect(buttons.map((button) => button.textContent)).toEqual(['Acme Corporation', 'Grace Hoppergrace@example.com']);

    buttons[0].click();
    await flushPromises();
    expect(picks).toEqual([expect.objectContaining({ id: ACCOUNT.id, label: 'Acme Corporation' })]);
    expect($(element, '[data-id="pill"]').label).toBe('Acme Corporation');
    expect($(element, '[data-id="results"]')).toBeNull();

    $(element, '[data-id="pill"]').dispatchEvent(new CustomEvent('remove'));
    await flushPromises();
    expect(picks[1]).toBeNull();
    expect($(element, '[data-id="search"]')).not.toBeNull();
  });

  it('never lists the late answer of an older term over the latest one', async () => {
    jest.useFakeTimers();
    const replies = {};
    const search = jest.fn(({ term }) => {
      replies[term] = deferred();
      return replies[term].promise;
    });
    const element = render(search);
    type(element, 'gr');
    jest.advanceTimersByTime(SEARCH_DELAY_MS);
    type(element, 'grace');
    jest.advanceTimersByTime(SEARCH_DELAY_MS);
    replies.grace.resolve([USER]);
    await flushPromises();
    replies.gr.resolve([ACCOUNT, USER]);
    await flushPromises();
    const labels = [...element.shadowRoot.querySelectorAll('[data-id="results"] button')].map((b) => b.dataset.id);
    expect(labels).toEqual([USER.id]);
  });

  it('says when nothing matches, and toasts a failed search', async () => {
    jest.useFakeTimers();
    const search = jest
      .fn()
      .mockResolvedValueOnce([])
      .mockRejectedValueOnce({ body: { message: 'Too many.' } });
    const element = render(search);
    type(element, 'zz');
    jest.advanceTimersByTime(SEARCH_DELAY_MS);
    await flushPromises();
    expect(element.shadowRoot.textContent).toContain('No matches');

    type(element, 'zzz');
    jest.advanceTimersByTime(SEARCH_DELAY_MS);
    await flushPromises();
    expect(toasts).toEqual([{ title: 'CSM sync failed', message: 'Too many.', variant: 'error' }]);
  });

  it('forgets the term and the choice on reset', async () => {
    jest.useFakeTimers();
    const element = render(jest.fn().mockResolvedValue([ACCOUNT]));
    type(element, 'Acme');
    jest.advanceTimersByTime(SEARCH_DELAY_MS);
    await flushPromises();
    $(element, '[data-id="results"] button').click();
    await flushPromises();
    element.reset();
    await flushPromises();
    expect($(element, '[data-id="pill"]')).toBeNull();
    expect($(element, '[data-id="search"]').value).toBe('');
  });

  it('is accessible with its results listed', async () => {
    const element = render(jest.fn().mockResolvedValue([ACCOUNT, USER]));
    type(element, 'Ac');
    await new Promise((resolve) => {
      setTimeout(resolve, SEARCH_DELAY_MS + 50); // eslint-disable-line @lwc/lwc/no-async-operation
    });
    await flushPromises();
    expect(element.shadowRoot.querySelectorAll('[data-id="results"] button')).toHaveLength(2);
    await expect(element).toBeAccessible();
  });
});
