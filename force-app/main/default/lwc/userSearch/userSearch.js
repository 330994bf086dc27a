import { LightningElement, api } from 'lwc';
import searchUsers from '@salesforce/apex/AdminHomeController.searchUsers';
import searchConnectorCandidates from '@salesforce/apex/AdminHomeController.searchConnectorCandidates';
import { summarize } from 'c/readinessUtils';
import PLACEHOLDER from '@salesforce/label/c.UserSearch_Placeholder';
import TOO_SHORT from '@salesforce/label/c.UserSearch_TooShort';
import NO_RESULTS from '@salesforce/label/c.UserSearch_NoResults';
import SEARCHING from '@salesforce/label/c.UserSearch_Searching';
import CANCEL from '@salesforce/label/c.UserSearch_Cancel';
import ERROR from '@salesforce/label/c.UserSearch_Error';
import RESULTS from '@salesforce/label/c.UserSearch_Results';
import { DebouncedSearch, MIN_TERM_LENGTH } from 'c/debouncedSearch';

const OPTION_CLASS = 'slds-media slds-listbox__option slds-listbox__option_entity slds-listbox__option_has-meta';

/**
 * Finds an active user by name, username or email (Apex: at least two characters, at most 20 results)
 * and raises `select` with the chosen UserOptionView, or `cancel`. A combobox with a listbox (SLDS combobox
 * blueprint): focus stays in the field, Arrow keys move through the users, Enter chooses, Escape closes the list,
 * and a second Escape cancels. With `with-readiness` (choosing the connector user) each user comes with its
 * readiness from the audit's rules, shown under its name: a badge and its gaps.
 */
export default class UserSearch extends LightningElement {
  /** Label of the search field, e.g. "New connector user". */
  @api label;
  /** Search connector candidates: each option shows its readiness (searchConnectorCandidates). */
  @api withReadiness = false;

  text = { placeholder: PLACEHOLDER, cancel: CANCEL, searching: SEARCHING, error: ERROR, results: RESULTS };
  term = '';
  users = [];
  error;
  isSearching = false;
  searched = false;
  // One search per pause in typing; answers to older terms are dropped: only the latest term's results are shown.
  lookup = new DebouncedSearch({
    search: (term) => (this.withReadiness ? searchConnectorCandidates : searchUsers)({ term }),
    onStart: () => {
      this.isSearching = true;
    },
    onResult: (users) => {
      this.users = users ?? [];
      this.error = undefined;
    },
    onError: (error) => {
      this.users = [];
      this.error = error;
    },
    onSettled: () => {
      this.isSearching = false;
      this.searched = true;
    },
    onClear: () => {
      this.users = [];
      this.isSearching = false;
      this.searched = false;
    }
  });
  /** Index of the highlighted user (aria-activedescendant), -1 for none. */
  activeIndex = -1;
  /** Escape closed the list; typing opens it again. */
  isClosed = false;

  disconnectedCallback() {
    this.lookup.cancel();
  }

  get tooShort() {
    return this.term.trim().length < MIN_TERM_LENGTH;
  }

  get hint() {
    if (this.tooShort) {
      return TOO_SHORT;
    }
    return this.searched && !this.isSearching && this.users.length === 0 && !this.error ? NO_RESULTS : '';
  }

  get options() {
    return this.users.map((user, index) => ({
      ...user,
      domId: `option-${index}`,
      ariaSelected: index === this.activeIndex ? 'true' : 'false',
      className: index === this.activeIndex ? `${OPTION_CLASS} slds-has-focus` : OPTION_CLASS,
      description: user.email && user.email !== user.username ? `${user.username} · ${user.email}` : user.username,
      readinessSummary: this.withReadiness ? summarize(user.readiness) : null
    }));
  }

  get hasOptions() {
    return this.users.length > 0;
  }

  get isExpanded() {
    return this.hasOptions && !this.isClosed;
  }

  get ariaExpanded() {
    return this.isExpanded ? 'true' : 'false';
  }

  /** The id of the highlighted option; LWC scopes it and this reference to the component alike. */
  get activeDescendant() {
    return this.isExpanded && this.activeIndex >= 0 ? `option-${this.activeIndex}` : null;
  }

  handleKeyDown(event) {
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        if (!this.hasOptions) {
          return;
        }
        event.preventDefault();
        this.isClosed = false;
        const step = event.key === 'ArrowDown' ? 1 : -1;
        const start = this.activeIndex < 0 && step < 0 ? 0 : this.activeIndex;
        this.activeIndex = (start + step + this.users.length) % this.users.length;
        this.scrollActiveIntoView();
        break;
      }
      case 'Enter':
        if (this.isExpanded && this.activeIndex >= 0) {
          event.preventDefault();
          this.choose(this.users[this.activeIndex]);
        }
        break;
      case 'Escape':
        // Inside a dialog or card, Escape stops here: first it closes the list, then it cancels the picker.
        event.preventDefault();
        event.stopPropagation();
        if (this.isExpanded) {
          this.isClosed = true;
          this.activeIndex = -1;
        } else {
          this.handleCancel();
        }
        break;
      default:
    }
  }

  async scrollActiveIntoView() {
    await Promise.resolve();
    const option = this.template.querySelector('[role="option"].slds-has-focus');
    option?.scrollIntoView?.({ block: 'nearest' });
  }

  handleTermInput(event) {
    this.term = event.target.value ?? '';
    this.isClosed = false;
    this.activeIndex = -1;
    this.lookup.update(this.term);
  }

  handleSelect(event) {
    this.choose(this.users.find((candidate) => candidate.id === event.currentTarget.dataset.userId));
  }

  choose(user) {
    if (user) {
      this.dispatchEvent(new CustomEvent('select', { detail: { user } }));
    }
  }

  /** The search opens with focus in its field: whoever shows it does so when a button asks for it. */
  renderedCallback() {
    if (!this.focusedOnOpen) {
      this.focusedOnOpen = true;
      this.focus();
    }
  }

  /** Focus on the search field (the picker opens with it). */
  @api
  focus() {
    this.template.querySelector('[data-id="term"]')?.focus();
  }

  handleCancel() {
    this.dispatchEvent(new CustomEvent('cancel'));
  }
}
