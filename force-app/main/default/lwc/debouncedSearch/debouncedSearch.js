/** Pause after the last keystroke before a search goes to the server. */
export const SEARCH_DELAY_MS = 300;
/** Shorter terms are not searched (the Apex searches refuse them too). */
export const MIN_TERM_LENGTH = 2;

/**
 * One search per pause in typing, and only the latest term's answer is shown: a reply to an older term (a slow
 * server, a term edited or cleared meanwhile) is dropped, so it never overwrites a newer one.
 *
 *   this.lookup = new DebouncedSearch({ search: (term) => searchUsers({ term }), onResult: (rows) => ..., ... });
 *   this.lookup.update(event.target.value);   // on each input
 *   this.lookup.cancel();                      // in disconnectedCallback
 */
export class DebouncedSearch {
  /**
   * @param {object} options
   * @param {function(string): Promise<*>} options.search the server call for a trimmed term
   * @param {function(*, string): void} options.onResult the latest term's answer
   * @param {function(*): void} [options.onError] the latest term's error
   * @param {function(): void} [options.onClear] the term became too short: nothing is searched, show nothing
   * @param {function(string): void} [options.onStart] a search of the latest term went out
   * @param {function(): void} [options.onSettled] the latest term's search ended (answer or error)
   * @param {number} [options.delay] ms of quiet before searching
   * @param {number} [options.minLength] shortest term searched
   */
  constructor({ search, onResult, onError, onClear, onStart, onSettled, delay = SEARCH_DELAY_MS, minLength }) {
    this.options = { search, onResult, onError, onClear, onStart, onSettled };
    this.delay = delay;
    this.minLength = minLength ?? MIN_TERM_LENGTH;
    this.timer = undefined;
    // Each new term (or cancel) takes a new number; an answer is applied only while its number is the latest.
    this.generation = 0;
  }

  /** The term as typed: searched after the pause, or cleared at once when too short. */
  update(rawTerm) {
    const term = (rawTerm ?? '').trim();
    this.cancel();
    if (term.length < this.minLength) {
      this.options.onClear?.();
      return;
    }
    const generation = this.generation;
    // eslint-disable-next-line @lwc/lwc/no-async-operation -- the debounce: one search per pause in typing
    this.timer = setTimeout(() => this.run(term, generation), this.delay);
  }

  /** Drops the pending search and any answer still on its way. */
  cancel() {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.generation++;
  }

  async run(term, generation) {
    const { search, onResult, onError, onStart, onSettled } = this.options;
    const isLatest = () => generation === this.generation;
    onStart?.(term);
    try {
      const result = await search(term);
      if (isLatest()) {
        onResult(result, term);
      }
    } catch (error) {
      if (isLatest()) {
        onError?.(error);
      }
    } finally {
      if (isLatest()) {
        onSettled?.();
      }
    }
  }
}
