import { LightningElement, api } from 'lwc';
import { DebouncedSearch } from 'c/debouncedSearch';
import { showError } from 'c/cardAction';

/**
 * A search field that lists matching records (LookupOptionView: id, label, detail) and turns the chosen one into a
 * pill. Searches are debounced and only the latest term's answer is listed (c/debouncedSearch). Raises `pick`
 * with detail.value: the chosen option, or null when it is removed.
 */
export default class RecordLookup extends LightningElement {
  @api label;
  @api placeholder;
  @api disabled = false;
  /** Shown under the field when a search finds nothing. */
  @api noResultsLabel;
  /** Title of the toast when a search fails. */
  @api errorTitle;
  /** The server search: ({ term }) => Promise<LookupOptionView[]>. */
  @api search;

  term = '';
  /** The latest term's answer; undefined while there is none to show. */
  results;
  chosen;

  lookup = new DebouncedSearch({
    search: (term) => this.search({ term }),
    onResult: (results) => {
      this.results = results ?? [];
    },
    onError: (error) => showError(this, error, this.errorTitle),
    onClear: () => {
      this.results = undefined;
    }
  });

  disconnectedCallback() {
    this.lookup.cancel();
  }

  /** Empties the field and forgets the choice (after the choice was saved). */
  @api
  reset() {
    this.lookup.cancel();
    this.term = '';
    this.results = undefined;
    this.chosen = undefined;
  }

  get options() {
    return (this.results ?? []).map((option) => ({ id: option.id, label: option.label, detail: option.detail ?? '' }));
  }

  get showResults() {
    return !this.chosen && Array.isArray(this.results);
  }

  get noResults() {
    return this.options.length === 0;
  }

  handleSearch(event) {
    this.term = event.detail.value ?? '';
    this.lookup.update(this.term);
  }

  handlePick(event) {
    this.chosen = this.options.find((option) => option.id === event.currentTarget.dataset.id);
    this.results = undefined;
    this.dispatchEvent(new CustomEvent('pick', { detail: { value: this.chosen } }));
  }

  handleRemove() {
    this.chosen = undefined;
    this.dispatchEvent(new CustomEvent('pick', { detail: { value: null } }));
  }
}
