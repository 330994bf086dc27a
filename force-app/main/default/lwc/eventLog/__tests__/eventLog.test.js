import { createElement } from '@lwc/engine-dom';
import EventLog from 'c/eventLog';
import ADMIN_HOME from 'contract/fixtures/adminHome.json';

jest.mock('@salesforce/label/c.Events_RanAs', () => ({ default: '{0} (ran as {1})' }), { virtual: true });
jest.mock('@salesforce/label/c.Events_ActionSetSecret', () => ({ default: 'Set secret' }), { virtual: true });
jest.mock('@salesforce/label/c.Events_ActionStartJob', () => ({ default: 'Start job' }), { virtual: true });

describe('c-event-log', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
  });

  function render(events) {
    const element = createElement('c-event-log', { is: EventLog });
    element.events = events;
    document.body.appendChild(element);
    return element;
  }

  function cell(element, id, column) {
    return element.shadowRoot.querySelector(`[data-event="${id}"] [data-id="${column}"]`);
  }

  it('lists the events newest first as given, with actor and outcome', async () => {
    const element = render(ADMIN_HOME.events);

    const rows = Array.from(element.shadowRoot.querySelectorAll('tbody tr'));
    expect(rows.map((row) => row.dataset.event)).toEqual(ADMIN_HOME.events.map((event) => event.id));
    const first = ADMIN_HOME.events[0];
    expect(cell(element, first.id, 'actor').textContent).toBe('Ada Lovelace');
    expect(cell(element, first.id, 'action').textContent).toBe('Restart jobs');
    expect(cell(element, first.id, 'when').textContent).toContain('Nov 23, 2025');
    expect(cell(element, first.id, 'outcome').textContent).toBe('c.Events_OutcomeSuccess');
    await expect(element).toBeAccessible();
  });

  it('names who asked for a job command and the user its trigger ran as', async () => {
    const event = { ...ADMIN_HOME.events[0], actorName: 'Ada Lovelace', ranAsName: 'Connector Integration' };
    const element = render([event]);

    expect(cell(element, event.id, 'actor').textContent).toBe('Ada Lovelace (ran as Connector Integration)');
  });

  it('marks failures with an error badge', () => {
    const element = render(ADMIN_HOME.events);
    const failure = ADMIN_HOME.events.find((event) => event.outcome === 'Failure');

    const badge = cell(element, failure.id, 'outcome');
    expect(badge.textContent).toBe('c.Events_OutcomeFailure');
    expect(badge.classList).toContain('slds-theme_error');
    expect(cell(element, failure.id, 'detail').textContent).toBe(failure.detail);
  });

  it('shortens very long details', () => {
    const event = { ...ADMIN_HOME.events[0], detail: 'x'.repeat(5000) };
    const element = render([event]);

    const detail = cell(element, event.id, 'detail').textContent;
    expect(detail).toHaveLength(300);
    expect(detail.endsWith('…')).toBe(true);
  });

  it('says so when nothing was recorded yet', async () => {
    const element = render([]);

    expect(element.shadowRoot.querySelector('[data-id="empty"]').textContent).toBe('c.Events_Empty');
    await expect(element).toBeAccessible();
  });
  it('filters the events by action', async () => {
    const element = render(ADMIN_HOME.events);
    const filter = element.shadowRoot.querySelector('[data-id="filter"]');
    const actions = [...new Set(ADMIN_HOME.events.map((event) => event.action))].sort();
    expect(Array.from(filter.options).map((option) => option.value)).toEqual(['', ...actions]);

    filter.value = 'Restart jobs';
    filter.dispatchEvent(new CustomEvent('change'));
    await Promise.resolve();

    const shown = Array.from(element.shadowRoot.querySelectorAll('[data-id="action"]')).map(
      (actionCell) => actionCell.textContent
    );
    expect(shown.length).toBeGreaterThan(0);
    expect(new Set(shown)).toEqual(new Set(['Restart jobs']));
    await expect(element).toBeAccessible();
  });

  it('lists each action once: entries under a former name join the current action', async () => {
    const [first] = ADMIN_HOME.events;
    const element = render([
      { ...first, id: 'a1', action: 'Connect user' },
      { ...first, id: 'a2', action: 'Change connector user' },
      { ...first, id: 'a3', action: 'Revoke tokens' },
      { ...first, id: 'a4', action: 'Revoke OAuth tokens' }
    ]);
    const filter = element.shadowRoot.querySelector('[data-id="filter"]');
    expect(Array.from(filter.options).map((option) => option.value)).toEqual([
      '',
      'c.Events_ActionConnectUser',
      'c.Events_ActionRevokeTokens'
    ]);

    filter.value = 'c.Events_ActionConnectUser';
    filter.dispatchEvent(new CustomEvent('change'));
    await Promise.resolve();

    expect([...element.shadowRoot.querySelectorAll('[data-event]')].map((row) => row.dataset.event)).toEqual([
      'a1',
      'a2'
    ]);
    expect(cell(element, 'a2', 'action').textContent).toBe('c.Events_ActionConnectUser');
    await expect(element).toBeAccessible();
  });

  it('says so when no event has the chosen action after a refresh', async () => {
    const element = render(ADMIN_HOME.events);
    const filter = element.shadowRoot.querySelector('[data-id="filter"]');
    filter.value = 'Restart jobs';
    filter.dispatchEvent(new CustomEvent('change'));
    await Promise.resolve();

    element.events = ADMIN_HOME.events.filter((event) => event.action !== 'Restart jobs');
    await Promise.resolve();

    expect(element.shadowRoot.querySelector('[data-id="no-match"]').textContent).toBe('c.Events_NoMatch');
    expect(element.shadowRoot.querySelector('[data-id="empty"]')).toBeNull();
  });

  it('links to the full audit log list view', () => {
    const element = render(ADMIN_HOME.events);

    const link = element.shadowRoot.querySelector('[data-id="view-all"]');
    expect(link.getAttribute('href')).toBe('/lightning/o/ConnectorEvent__c/list');
    expect(link.textContent).toBe('c.Events_ViewAll');
  });
});
