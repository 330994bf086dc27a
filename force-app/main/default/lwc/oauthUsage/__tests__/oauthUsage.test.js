import { cleanUpAfterEach, flushPromises, renderComponent } from 'lwc-test-utils';
import OauthUsage from 'c/oauthUsage';
import LightningConfirm from 'lightning/confirm';
import revokeUserTokens from '@salesforce/apex/AdminHomeController.revokeUserTokens';
import ADMIN_HOME from 'contract/fixtures/adminHome.json';

jest.mock('@salesforce/apex/AdminHomeController.revokeUserTokens', () => ({ default: jest.fn() }), { virtual: true });
jest.mock(
  '@salesforce/label/c.Tokens_FindingText',
  () => ({ default: 'Besides the connector user, {0} still hold tokens.' }),
  {
    virtual: true
  }
);

jest.mock(
  '@salesforce/label/c.Tokens_FindingTextOne',
  () => ({ default: 'Besides the connector user, {0} still holds tokens.' }),
  { virtual: true }
);
jest.mock('@salesforce/label/c.Tokens_RowsCut', () => ({ default: 'Showing {0} of {1} tokens.' }), { virtual: true });

jest.mock('@salesforce/label/c.Tokens_AuthorizedSince', () => ({ default: 'authorized since {0}' }), { virtual: true });

const [CONNECTOR, OLD_USER] = ADMIN_HOME.tokens;

describe('c-oauth-usage', () => {
  let confirm;
  cleanUpAfterEach();

  beforeEach(() => {
    confirm = jest.spyOn(LightningConfirm, 'open');
  });

  function render(props = {}) {
    const values = { tokens: ADMIN_HOME.tokens, tokenAccess: ADMIN_HOME.tokenAccess, canManage: true, ...props };
    return renderComponent('c-oauth-usage', OauthUsage, values).element;
  }

  function revokeButton(element, userId) {
    return element.shadowRoot.querySelector(`[data-user="${userId}"] [data-id="revoke"]`);
  }

  it('lists each user holding tokens and flags the old connector user', async () => {
    const element = render();

    const rows = Array.from(element.shadowRoot.querySelectorAll('tbody tr'));
    expect(rows.map((row) => row.dataset.user)).toEqual([CONNECTOR.userId, OLD_USER.userId]);
    const badge = element.shadowRoot.querySelector(`[data-user="${OLD_USER.userId}"] [data-id="badge"]`);
    expect(badge.textContent).toBe('c.Tokens_OldUserBadge');
    expect(element.shadowRoot.querySelector(`[data-user="${OLD_USER.userId}"] [data-id="count"]`).textContent).toBe(
      '2'
    );
    const since = element.shadowRoot.querySelector(`[data-user="${OLD_USER.userId}"] [data-id="first-created"]`);
    expect(since.textContent).toMatch(/^authorized since Jun 1, 2024/);
    const finding = element.shadowRoot.querySelector('[data-id="finding"]');
    expect(finding.textContent).toContain('Besides the connector user, Grace Hopper still holds tokens.');
    await expect(element).toBeAccessible();
  });

  it('keeps the table to the card: fixed layout, wrapping cells, no sideways scroll', async () => {
    const element = render();
    await flushPromises();

    const table = element.shadowRoot.querySelector('table[data-id="tokens"]');
    expect(table.classList.contains('slds-table_fixed-layout')).toBe(true);
    expect(element.shadowRoot.querySelector('.slds-scrollable_x')).toBeNull();
    expect(element.shadowRoot.querySelector('.slds-truncate')).toBeNull();
    for (const badge of element.shadowRoot.querySelectorAll('[data-id="badge"]')) {
      expect(badge.classList.contains('token-badge')).toBe(true);
    }
  });

  it('says nothing about access when the admin sees every user and the list is whole', async () => {
    const element = render();

    expect(element.shadowRoot.querySelector('[data-id="own-tokens-only"]')).toBeNull();
    expect(element.shadowRoot.querySelector('[data-id="rows-cut"]')).toBeNull();
  });

  it("says why only the admin's own tokens are listed without Customize Application", async () => {
    const element = render({
      tokens: [],
      tokenAccess: { canSeeAllUsers: false, shownCount: 0, totalCount: 0, truncated: false }
    });

    const notice = element.shadowRoot.querySelector('[data-id="own-tokens-only"]');
    expect(notice.textContent).toBe('c.Tokens_OwnTokensOnly');
    expect(element.shadowRoot.querySelector('[data-id="empty"]')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('says how many tokens the 2,500-row cap left out', async () => {
    const element = render({
      tokenAccess: { canSeeAllUsers: true, shownCount: 2500, totalCount: 2612, truncated: true }
    });

    expect(element.shadowRoot.querySelector('[data-id="rows-cut"]').textContent).toBe('Showing 2500 of 2612 tokens.');
    await expect(element).toBeAccessible();
  });

  it('shows no finding when only the connector user holds tokens', async () => {
    const element = render({ tokens: [CONNECTOR] });

    expect(element.shadowRoot.querySelector('[data-id="finding"]')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('revokes the old user after one confirmation and asks for a refresh', async () => {
    confirm.mockResolvedValue(true);
    revokeUserTokens.mockResolvedValue({
      ok: true,
      changed: true,
      message: 'Revoked the tokens of Grace Hopper (tokens: 2).'
    });
    const element = render();
    const refresh = jest.fn();
    const toast = jest.fn();
    element.addEventListener('refresh', refresh);
    element.addEventListener('lightning__showtoast', toast);

    revokeButton(element, OLD_USER.userId).click();
    await flushPromises();

    expect(confirm).toHaveBeenCalledTimes(1);
    expect(revokeUserTokens).toHaveBeenCalledWith({ userId: OLD_USER.userId, confirmCurrentUser: false });
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(toast.mock.calls[0][0].detail).toMatchObject({ variant: 'success' });
  });

  it('does nothing when the confirmation is cancelled, and focus returns to Revoke', async () => {
    confirm.mockResolvedValue(false);
    const element = render();
    const button = revokeButton(element, OLD_USER.userId);
    const focused = jest.spyOn(button, 'focus');

    button.click();
    await flushPromises();

    expect(revokeUserTokens).not.toHaveBeenCalled();
    expect(focused).toHaveBeenCalledTimes(1);
  });

  it('names several former users in the plural', async () => {
    const another = { ...OLD_USER, userId: '005Hs00000AnothIAR', userName: 'Alan Turing' };
    const element = render({ tokens: [...ADMIN_HOME.tokens, another] });

    expect(element.shadowRoot.querySelector('[data-id="finding"]').textContent).toContain(
      'Besides the connector user, Grace Hopper, Alan Turing still hold tokens.'
    );
  });

  it("reveals a user's row for a status cause's link", async () => {
    const element = render();

    expect(await element.reveal(`token-${OLD_USER.userId}`)).toBe(true);
    expect(element.shadowRoot.activeElement.dataset.user).toBe(OLD_USER.userId);
    expect(await element.reveal('token-005000000000000AAA')).toBe(false);
    await expect(element).toBeAccessible();
  });

  it('asks twice before revoking the current connector user', async () => {
    confirm.mockResolvedValueOnce(true).mockResolvedValueOnce(true);
    revokeUserTokens.mockResolvedValue({ ok: true, changed: true, message: 'Revoked.' });
    const element = render();

    revokeButton(element, CONNECTOR.userId).click();
    await flushPromises();

    expect(confirm).toHaveBeenCalledTimes(2);
    expect(confirm.mock.calls[0][0].message).toBe('c.Tokens_ConfirmCurrent');
    expect(revokeUserTokens).toHaveBeenCalledWith({ userId: CONNECTOR.userId, confirmCurrentUser: true });
  });

  it('keeps the connector user when the second confirmation is cancelled', async () => {
    confirm.mockResolvedValueOnce(true).mockResolvedValueOnce(false);
    const element = render();

    revokeButton(element, CONNECTOR.userId).click();
    await flushPromises();

    expect(confirm).toHaveBeenCalledTimes(2);
    expect(revokeUserTokens).not.toHaveBeenCalled();
  });

  it('shows the refusal when the user lacks Customize Application', async () => {
    confirm.mockResolvedValue(true);
    const refusal =
      "Salesforce shows other users' OAuth tokens only to users with the Customize Application permission.";
    revokeUserTokens.mockResolvedValue({ ok: false, changed: false, message: refusal });
    const element = render();
    const toast = jest.fn();
    const refresh = jest.fn();
    element.addEventListener('lightning__showtoast', toast);
    element.addEventListener('refresh', refresh);

    revokeButton(element, OLD_USER.userId).click();
    await flushPromises();

    expect(toast.mock.calls[0][0].detail).toMatchObject({ variant: 'error', message: refusal });
    expect(refresh).not.toHaveBeenCalled();
  });

  it('shows a server error', async () => {
    confirm.mockResolvedValue(true);
    revokeUserTokens.mockRejectedValue({ body: { message: 'You need the Connector Administrator permission set.' } });
    const element = render();
    const toast = jest.fn();
    element.addEventListener('lightning__showtoast', toast);

    revokeButton(element, OLD_USER.userId).click();
    await flushPromises();

    expect(toast.mock.calls[0][0].detail).toMatchObject({
      variant: 'error',
      title: 'c.Tokens_ActionFailed',
      message: 'You need the Connector Administrator permission set.'
    });
  });

  it('disables revoking without Manage Connector and explains an empty list', async () => {
    const element = render({ canManage: false });
    expect(revokeButton(element, OLD_USER.userId).disabled).toBe(true);

    element.tokens = [];
    await flushPromises();
    expect(element.shadowRoot.querySelector('[data-id="empty"]').textContent).toBe('c.Tokens_Empty');
    await expect(element).toBeAccessible();
  });
});
