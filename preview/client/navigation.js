/*
 * `lightning/navigation` in the preview: the page is the Admin Home tab (standard__navItemPage), its state is the
 * URL's query string. `@wire(CurrentPageReference)` gets the page reference on connect and after every navigation
 * (and Back/Forward); `this[NavigationMixin.Navigate](pageReference, replace)` writes the state into the URL.
 * platform-rule: lwc-page-state-namespaced — state keys without a namespace (`<ns>__key`, `c__key` without one) are
 * reserved for Salesforce: refused here as an error, like a value that is not a string.
 */
const TAB_API_NAME = 'AdminHome';
const NAMESPACED_KEY = /^[A-Za-z][A-Za-z0-9]*__[A-Za-z]\w*$/;
const adapters = new Set();

export function currentPageReference() {
  const state = {};
  for (const [key, value] of new URLSearchParams(window.location.search)) {
    state[key] = value;
  }
  return Object.freeze({
    type: 'standard__navItemPage',
    attributes: Object.freeze({ apiName: TAB_API_NAME }),
    state: Object.freeze(state)
  });
}

/** The query string of a page reference's state; throws on what Salesforce refuses. */
export function stateQuery(state) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(state || {})) {
    if (value === undefined || value === null) continue; // undefined deletes a value
    if (!NAMESPACED_KEY.test(key)) {
      throw new Error(`PageReference state key "${key}" has no namespace prefix (use <namespace>__${key})`);
    }
    if (typeof value !== 'string') {
      throw new Error(`PageReference state value of "${key}" must be a string`);
    }
    params.set(key, value);
  }
  const query = params.toString();
  return query ? `?${query}` : '';
}

function notify() {
  const reference = currentPageReference();
  for (const adapter of adapters) adapter.callback(reference);
}

if (typeof window !== 'undefined') {
  window.addEventListener('popstate', notify);
}

export class CurrentPageReference {
  constructor(callback) {
    this.callback = callback;
  }
  connect() {
    adapters.add(this);
    this.callback(currentPageReference());
  }
  update() {}
  disconnect() {
    adapters.delete(this);
  }
}

const Navigate = Symbol('Navigate');
const GenerateUrl = Symbol('GenerateUrl');

export const NavigationMixin = (Base) =>
  class extends Base {
    [Navigate](pageReference, replace = false) {
      if (pageReference?.type !== 'standard__navItemPage' || pageReference.attributes?.apiName !== TAB_API_NAME) {
        throw new Error(`The preview navigates only within the ${TAB_API_NAME} tab`);
      }
      const url = `${window.location.pathname}${stateQuery(pageReference.state)}`;
      window.history[replace ? 'replaceState' : 'pushState'](null, '', url);
      notify();
    }
    [GenerateUrl](pageReference) {
      return Promise.resolve(`${window.location.pathname}${stateQuery(pageReference?.state)}`);
    }
  };
NavigationMixin.Navigate = Navigate;
NavigationMixin.GenerateUrl = GenerateUrl;
