import { createElement } from '@lwc/engine-dom';
import UserSearch from 'c/userSearch';
import searchUsers from '@salesforce/apex/AdminHomeController.searchUsers';
import ADA from 'contract/fixtures/userOptionView.ada.json';
import NEW_CONNECTOR from 'contract/fixtures/userOptionView.newConnector.json';
import searchConnectorCandidates from '@salesforce/apex/AdminHomeController.searchConnectorCandidates';
import FIXABLE from 'contract/fixtures/userOptionView.candidateFixable.json';
import INTEGRATION from 'contract/fixtures/userOptionView.candidateIntegrationLicense.json';

jest.mock('@salesforce/apex/AdminHomeController.searchUsers', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/AdminHomeController.searchConnectorCandidates', () => ({ default: jest.fn() }), {
  virtual: true
});

async function flushPromises() {
  await Promise.resolve();
  await Promise.resolve();
  await Promise.resolve();
}

describe('c-user-search', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });

  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
    jest.useRealTimers();
  });

  function render() {
    const element = createElement('c-user-search', { is: UserSearch });
    element.label = 'Search the new connector user';
    document.body.appendChild(element);
    return element;
  }

  function enter(input, value) {
    input.value = value;
    input.dispatchEvent(new CustomEvent('input'));
  }

  async function type(element, value) {
    enter(element.shadowRoot.querySelector('[data-id="term"]'), value);
    jest.runAllTimers();
    await flushPromises();
  }

  async function press(element, key) {
    const input = element.shadowRoot.querySelector('[data-id="term"]');
    const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
    input.dispatchEvent(event);
    await flushPromises();
    return event;
  }

  it('opens with focus in its field, and takes it only once', async () => {
    const element = render();
    const term = element.shadowRoot.querySelector('[data-id="term"]');
    expect(element.shadowRoot.activeElement).toBe(term);

    term.blur();
    await type(element, 'ad');
    expect(element.shadowRoot.activeElement).not.toBe(term);
  });

  it('asks for two characters and does not search before', async () => {
    const element = render();
    await type(element, 'a');

    expect(searchUsers).not.toHaveBeenCalled();
    expect(element.shadowRoot.querySelector('[data-id="hint"]').textContent).toBe('c.UserSearch_TooShort');
    jest.useRealTimers();
    await expect(element).toBeAccessible();
  });

  it('searches once typing pauses and lists the active users found', async () => {
    searchUsers.mockResolvedValue([ADA, NEW_CONNECTOR]);
    const element = render();
    const input = element.shadowRoot.querySelector('[data-id="term"]');
    enter(input, 'co');
    enter(input, 'con');
    jest.runAllTimers();
    await flushPromises();

    expect(searchUsers).toHaveBeenCalledTimes(1);
    expect(searchUsers).toHaveBeenCalledWith({ term: 'con' });
    const buttons = Array.from(element.shadowRoot.querySelectorAll('[role="option"][data-user-id]'));
    expect(buttons.map((button) => button.dataset.userId)).toEqual([ADA.id, NEW_CONNECTOR.id]);
    expect(buttons[1].textContent).toContain('new.connector@acme.example.com · platform-team@acme.example.com');
    jest.useRealTimers();
    await expect(element).toBeAccessible();
  });

  it('raises select with the chosen user', async () => {
    searchUsers.mockResolvedValue([ADA, NEW_CONNECTOR]);
    const element = render();
    const select = jest.fn();
    element.addEventListener('select', select);
    await type(element, 'new');

    element.shadowRoot.querySelector(`[role="option"][data-user-id="${NEW_CONNECTOR.id}"]`).click();

    expect(select).toHaveBeenCalledTimes(1);
    expect(select.mock.calls[0][0].detail.user).toEqual(NEW_CONNECTOR);
  });

  it('says when nobody matches', async () => {
    searchUsers.mockResolvedValue([]);
    const element = render();
    await type(element, 'zz');

    expect(element.shadowRoot.querySelector('[data-id="hint"]').textContent).toBe('c.UserSearch_NoResults');
  });

  it('shows a search failure', async () => {
    searchUsers.mockRejectedValue({ body: { message: 'Search failed' } });
    const element = render();
    await type(element, 'ada');

    expect(element.shadowRoot.querySelector('c-error-panel').errors).toEqual({ body: { message: 'Search failed' } });
  });

  it('raises cancel', () => {
    const element = render();
    const cancel = jest.fn();
    element.addEventListener('cancel', cancel);

    element.shadowRoot.querySelector('[data-id="cancel"]').click();

    expect(cancel).toHaveBeenCalledTimes(1);
  });

  it('is a combobox: the field owns a listbox of options and says whether it is open', async () => {
    searchUsers.mockResolvedValue([ADA, NEW_CONNECTOR]);
    const element = render();
    const input = element.shadowRoot.querySelector('[data-id="term"]');
    expect(input.getAttribute('role')).toBe('combobox');
    expect(input.getAttribute('aria-expanded')).toBe('false');

    await type(element, 'con');

    expect(input.getAttribute('aria-expanded')).toBe('true');
    const listbox = element.shadowRoot.querySelector('[role="listbox"]');
    expect(input.getAttribute('aria-controls')).toBe(listbox.id);
    expect(element.shadowRoot.querySelectorAll('[role="option"]')).toHaveLength(2);
    jest.useRealTimers();
    await expect(element).toBeAccessible();
  });

  it('moves through the users with the arrow keys and chooses with Enter', async () => {
    searchUsers.mockResolvedValue([ADA, NEW_CONNECTOR]);
    const element = render();
    const select = jest.fn();
    element.addEventListener('select', select);
    const input = element.shadowRoot.querySelector('[data-id="term"]');
    await type(element, 'con');

    expect(input.getAttribute('aria-activedescendant')).toBeNull();
    await press(element, 'ArrowDown');
    const active = () =>
      [...element.shadowRoot.querySelectorAll('[role="option"]')].find(
        (option) => option.id === input.getAttribute('aria-activedescendant')
      );
    expect(active().dataset.userId).toBe(ADA.id);
    expect(active().getAttribute('aria-selected')).toBe('true');
    await press(element, 'ArrowDown');
    expect(active().dataset.userId).toBe(NEW_CONNECTOR.id);
    await press(element, 'ArrowDown');
    expect(active().dataset.userId).toBe(ADA.id);
    await press(element, 'ArrowUp');
    expect(active().dataset.userId).toBe(NEW_CONNECTOR.id);

    const enterKey = await press(element, 'Enter');
    expect(enterKey.defaultPrevented).toBe(true);
    expect(select).toHaveBeenCalledTimes(1);
    expect(select.mock.calls[0][0].detail.user).toEqual(NEW_CONNECTOR);
  });

  it('closes the list on Escape, and cancels on a second Escape', async () => {
    searchUsers.mockResolvedValue([ADA]);
    const element = render();
    const cancel = jest.fn();
    element.addEventListener('cancel', cancel);
    const input = element.shadowRoot.querySelector('[data-id="term"]');
    await type(element, 'ada');
    await press(element, 'ArrowDown');

    await press(element, 'Escape');
    expect(input.getAttribute('aria-expanded')).toBe('false');
    expect(input.getAttribute('aria-activedescendant')).toBeNull();
    expect(cancel).not.toHaveBeenCalled();

    await press(element, 'Escape');
    expect(cancel).toHaveBeenCalledTimes(1);
  });

  it('with readiness, searches the connector candidates and shows the badge and gaps of each in its option', async () => {
    searchConnectorCandidates.mockResolvedValue([INTEGRATION, FIXABLE]);
    const element = render();
    element.withReadiness = true;
    await type(element, 'in');

    expect(searchConnectorCandidates).toHaveBeenCalledWith({ term: 'in' });
    expect(searchUsers).not.toHaveBeenCalled();
    const options = [...element.shadowRoot.querySelectorAll('[role="option"]')];
    const badges = options.map((option) => option.querySelector('[data-id="readiness-badge"]'));
    expect(badges.map((badge) => badge.textContent)).toEqual(['c.Readiness_NotReady', 'c.Readiness_FixMakesReady']);
    expect(badges[0].className).toContain('slds-theme_error');
    expect(options[0].querySelector('[data-id="readiness-line"]').textContent).toContain(
      'c.Readiness_NoPermissionSetLicense'
    );
    jest.useRealTimers();
    await expect(element).toBeAccessible();
  });

  it('chooses a candidate with Enter, readiness and all', async () => {
    searchConnectorCandidates.mockResolvedValue([INTEGRATION]);
    const element = render();
    element.withReadiness = true;
    const select = jest.fn();
    element.addEventListener('select', select);
    await type(element, 'ivy');
    await press(element, 'ArrowDown');
    await press(element, 'Enter');

    expect(select.mock.calls[0][0].detail.user.readiness).toEqual(INTEGRATION.readiness);
  });

  it('shows no readiness for a plain user search (a link recipient)', async () => {
    searchUsers.mockResolvedValue([ADA]);
    const element = render();
    await type(element, 'ada');

    expect(element.shadowRoot.querySelector('[data-id="readiness"]')).toBeNull();
  });
});
