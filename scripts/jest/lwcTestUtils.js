/**
 * What the LWC jest suites share (imported as 'lwc-test-utils', mapped in jest.config.js): render a component with
 * its events recorded from the start, let promises settle, and clean up after each test. It lives outside force-app,
 * so it is never packaged, and is no suite (jest looks for tests under force-app, in __tests__ folders only).
 * jest.mock() calls stay in each suite: jest hoists them above that file's imports, which a helper cannot do.
 */
import { createElement } from '@lwc/engine-dom';
import { afterEach, jest } from '@jest/globals';

/** The toast event of lightning/platformShowToastEvent. */
export const SHOW_TOAST = 'lightning__showtoast';

/**
 * Chained Apex calls, confirm dialogs and re-renders settle within a few microtask turns.
 * @param {number} [turns] how many turns to let pass
 */
export async function flushPromises(turns = 10) {
  for (let i = 0; i < turns; i++) {
    await Promise.resolve();
  }
}

/**
 * Creates a component, sets its properties and puts it in the document, listening to the named events before it
 * connects (a component may toast from connectedCallback).
 * @param {string} tag e.g. 'c-connection'
 * @param {Function} Component the component's class
 * @param {object} [props] its public properties
 * @param {string[]} [eventNames] the events to record
 * @returns {{element: HTMLElement, events: Array<[string, *]>, spies: Object<string, Function>, named: function(string): Array<*>}}
 *   events: every recorded event in order, as [name, detail ?? null]; spies: a jest.fn per name, called with the
 *   event; named(name): the details of one event's occurrences
 */
export function renderComponent(tag, Component, props = {}, eventNames = []) {
  const element = createElement(tag, { is: Component });
  Object.assign(element, props);
  const events = [];
  const spies = {};
  for (const name of eventNames) {
    spies[name] = jest.fn();
    element.addEventListener(name, (event) => {
      events.push([name, event.detail ?? null]);
      spies[name](event);
    });
  }
  document.body.appendChild(element);
  const named = (name) => events.filter(([eventName]) => eventName === name).map(([, detail]) => detail);
  return { element, events, spies, named };
}

/**
 * After each test of the calling describe: the rendered components leave the document, mocks forget their calls,
 * spies (jest.spyOn) get their real function back and timers are real again.
 */
export function cleanUpAfterEach() {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.restoreAllMocks();
    jest.clearAllMocks();
    jest.useRealTimers();
  });
}
