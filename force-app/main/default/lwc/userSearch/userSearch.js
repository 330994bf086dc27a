import { LightningElement, api } from 'lwc';
import searchUsers from '@salesforce/apex/AdminHomeController.searchUsers';
import PLACEHOLDER from '@salesforce/label/c.UserSearch_Placeholder';
import TOO_SHORT from '@salesforce/label/c.UserSearch_TooShort';
import NO_RESULTS from '@salesforce/label/c.UserSearch_NoResults';
import SEARCHING from '@salesforce/label/c.UserSearch_Searching';
import CANCEL from '@salesforce/label/c.UserSearch_Cancel';
import ERROR from '@salesforce/label/c.UserSearch_Error';
import RESULTS from '@salesforce/label/c.UserSearch_Results';

export const MIN_TERM_LENGTH = 2;
export const SEARCH_DELAY_MS = 300;

/**
 * Finds an active user by name, username or email (Apex: at least two characters, at most 20 results)
 * and raises `select` with the chosen UserOptionView, or `cancel`.
 */
export default class UserSearch extends LightningElement {
  /** Label of the search field, e.g. "New connector user". */
  @api label;

  text = { placeholder: PLACEHOLDER, cancel: CANCEL, searching: SEARCHING, error: ERROR, results: RESULTS };
  term = '';
  users = [];
  error;
  isSearching = false;
  searched = false;
  timer;
  // Answers to older searches are dropped: only the latest term's results are shown.
  requestNumber = 0;

  disconnectedCallback() {
    clearTimeout(this.timer);
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
    return this.users.map((user) => ({
      ...user,
      description: user.email && user.email !== user.username ? `${user.username} · ${user.email}` : user.username
    }));
  }

  get hasOptions() {
    return this.users.length > 0;
  }

  handleTermChange(event) {
    this.term = event.detail.value ?? '';
    clearTimeout(this.timer);
    if (this.tooShort) {
      this.users = [];
      this.searched = false;
      return;
    }
    // Wait until typing pauses, so that one search runs per term, not per key.
    // eslint-disable-next-line @lwc/lwc/no-async-operation
    this.timer = setTimeout(() => this.search(this.term.trim()), SEARCH_DELAY_MS);
  }

  async search(term) {
    const request = ++this.requestNumber;
    this.isSearching = true;
    try {
      const users = await searchUsers({ term });
      if (request === this.requestNumber) {
        this.users = users ?? [];
        this.error = undefined;
      }
    } catch (error) {
      if (request === this.requestNumber) {
        this.users = [];
        this.error = error;
      }
    } finally {
      if (request === this.requestNumber) {
        this.isSearching = false;
        this.searched = true;
      }
    }
  }

  handleSelect(event) {
    const user = this.users.find((candidate) => candidate.id === event.currentTarget.dataset.userId);
    if (user) {
      this.dispatchEvent(new CustomEvent('select', { detail: { user } }));
    }
  }

  handleCancel() {
    this.dispatchEvent(new CustomEvent('cancel'));
  }
}
