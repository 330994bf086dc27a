import { createElement } from '@lwc/engine-dom';
import UserSearch from 'c/userSearch';
import searchUsers from '@salesforce/apex/AdminHomeController.searchUsers';
import ADA from 'contract/fixtures/userOptionView.ada.json';
import NEW_CONNECTOR from 'contract/fixtures/userOptionView.newConnector.json';

jest.mock('@salesforce/apex/AdminHomeController.searchUsers', () => ({ default: jest.fn() }), { virtual: true });

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

  async function type(element, value) {
    const input = element.shadowRoot.querySelector('[data-id="term"]');
    input.dispatchEvent(new CustomEvent('change', { detail: { value } }));
    jest.runAllTimers();
    await flushPromises();
  }

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
    input.dispatchEvent(new CustomEvent('change', { detail: { value: 'co' } }));
    input.dispatchEvent(new CustomEvent('change', { detail: { value: 'con' } }));
    jest.runAllTimers();
    await flushPromises();

    expect(searchUsers).toHaveBeenCalledTimes(1);
    expect(searchUsers).toHaveBeenCalledWith({ term: 'con' });
    const buttons = Array.from(element.shadowRoot.querySelectorAll('button[data-user-id]'));
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

    element.shadowRoot.querySelector(`button[data-user-id="${NEW_CONNECTOR.id}"]`).click();

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
});
