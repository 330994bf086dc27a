import { cleanUpAfterEach, flushPromises, renderComponent, SHOW_TOAST } from 'lwc-test-utils';
import AuthorizationLink from 'c/authorizationLink';
import LightningConfirm from 'lightning/confirm';
import sendAuthorizationLink from '@salesforce/apex/AdminHomeController.sendAuthorizationLink';
import ADMIN_HOME from 'contract/fixtures/adminHome.json';
import ADA from 'contract/fixtures/userOptionView.ada.json';

jest.mock('@salesforce/apex/AdminHomeController.sendAuthorizationLink', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/AdminHomeController.searchUsers', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/label/c.Connection_ConfirmSend', () => ({ default: 'Email the link to {0}?' }), {
  virtual: true
});

const CONNECTION = ADMIN_HOME.connection;
const SENT = { ok: true, changed: false, message: 'Authorization link sent.' };
const NOT_SENT = { ok: false, changed: false, message: 'Email deliverability is off in this org.' };
const NO_LINK = { ...CONNECTION, authorizationUrl: null, authorizationUrlProblem: 'Set the consumer key.' };

describe('c-authorization-link', () => {
  let confirm;
  cleanUpAfterEach();

  beforeEach(() => {
    confirm = jest.spyOn(LightningConfirm, 'open').mockResolvedValue(true);
  });

  function render(props = {}) {
    return renderComponent(
      'c-authorization-link',
      AuthorizationLink,
      { connection: CONNECTION, disabled: false, ...props },
      ['busy', 'refresh', SHOW_TOAST]
    );
  }

  const $ = (element, id) => element.shadowRoot.querySelector(`[data-id="${id}"]`);

  it("shows the card's form: the link in a field to copy, and the two email buttons", async () => {
    const { element } = render();

    expect($(element, 'link').value).toBe(CONNECTION.authorizationUrl);
    expect($(element, 'link-help').className).toContain('slds-text-color_weak');
    expect($(element, 'copy')).not.toBeNull();
    expect($(element, 'send').label).toBe('c.Connection_SendToUser');
    expect($(element, 'send').variant).toBe('neutral');
    expect($(element, 'send-other').label).toBe('c.Connection_SendToOther');
    await expect(element).toBeAccessible();
  });

  it("shows the guided setup's form: the email buttons only, Email naming the connector user", async () => {
    const { element } = render({ guided: true });

    expect($(element, 'link')).toBeNull();
    expect($(element, 'copy')).toBeNull();
    expect($(element, 'send').label).toBe(`c.Connection_SendToUser (${CONNECTION.displayName})`);
    expect($(element, 'send').variant).toBe('brand');
    await expect(element).toBeAccessible();
  });

  it('says why there is no link: plain in the card, as an error in the guided setup', async () => {
    const card = render({ connection: NO_LINK }).element;
    expect($(card, 'link-problem').textContent).toBe('Set the consumer key.');
    expect($(card, 'link-problem').className).toBe('slds-text-color_weak');
    expect($(card, 'send')).toBeNull();

    const guided = render({ connection: NO_LINK, guided: true }).element;
    expect($(guided, 'link-problem').className).toBe('slds-text-color_error');
    await expect(guided).toBeAccessible();
  });

  it('emails the link to the connector user after confirming: busy around the call, then refresh and focus back', async () => {
    sendAuthorizationLink.mockResolvedValue(SENT);
    const { element, events, named } = render();
    const focused = jest.spyOn($(element, 'send'), 'focus');

    $(element, 'send').click();
    await flushPromises();

    expect(confirm.mock.calls[0][0].message).toBe(`Email the link to ${CONNECTION.displayName}?`);
    expect(sendAuthorizationLink).toHaveBeenCalledWith({ recipientId: CONNECTION.userId });
    expect(events.map(([name]) => name)).toEqual(['busy', SHOW_TOAST, 'busy', 'refresh']);
    expect(named('busy')).toEqual([true, false]);
    expect(named(SHOW_TOAST)[0]).toMatchObject({
      title: 'c.Connection_Title',
      message: SENT.message,
      variant: 'success'
    });
    expect(focused).toHaveBeenCalled();
  });

  it('sends nothing when the confirmation is cancelled, and focus goes back to the button', async () => {
    confirm.mockResolvedValue(false);
    const { element, events } = render();
    const focused = jest.spyOn($(element, 'send'), 'focus');

    $(element, 'send').click();
    await flushPromises();

    expect(sendAuthorizationLink).not.toHaveBeenCalled();
    expect(events).toEqual([]);
    expect(focused).toHaveBeenCalled();
  });

  it('asks the card for no refresh when the email was refused; the guided setup reloads whatever the outcome', async () => {
    sendAuthorizationLink.mockResolvedValue(NOT_SENT);
    const card = render();
    $(card.element, 'send').click();
    await flushPromises();
    expect(card.named(SHOW_TOAST)[0]).toMatchObject({ variant: 'error', message: NOT_SENT.message });
    expect(card.named('refresh')).toEqual([]);

    sendAuthorizationLink.mockRejectedValue({ body: { message: 'Manage Connector is required.' } });
    const guided = render({ guided: true });
    $(guided.element, 'send').click();
    await flushPromises();
    expect(guided.named(SHOW_TOAST)[0]).toMatchObject({
      title: 'c.Connection_ActionFailed',
      variant: 'error',
      message: 'Manage Connector is required.'
    });
    expect(guided.named('refresh')).toHaveLength(1);
  });

  it('emails the link to someone chosen in the user search, which opens under the buttons', async () => {
    sendAuthorizationLink.mockResolvedValue(SENT);
    const { element } = render();
    const focused = jest.spyOn($(element, 'send-other'), 'focus');

    $(element, 'send-other').click();
    await flushPromises();
    const search = element.shadowRoot.querySelector('c-user-search');
    expect(search.label).toBe('c.Connection_PickRecipient');
    expect(search.withReadiness).toBe(false);
    expect(search.shadowRoot.activeElement).toBe(search.shadowRoot.querySelector('[data-id="term"]'));

    search.dispatchEvent(new CustomEvent('select', { detail: { user: ADA } }));
    await flushPromises();

    expect(confirm.mock.calls[0][0].message).toBe(`Email the link to ${ADA.name}?`);
    expect(sendAuthorizationLink).toHaveBeenCalledWith({ recipientId: ADA.id });
    expect(element.shadowRoot.querySelector('c-user-search')).toBeNull();
    expect(focused).toHaveBeenCalledTimes(1);
  });

  it('closes the user search on cancel, focus back on the button that opened it', async () => {
    const { element } = render();
    const focused = jest.spyOn($(element, 'send-other'), 'focus');
    $(element, 'send-other').click();
    await flushPromises();

    element.shadowRoot.querySelector('c-user-search').dispatchEvent(new CustomEvent('cancel'));
    await flushPromises();

    expect(element.shadowRoot.querySelector('c-user-search')).toBeNull();
    expect(focused).toHaveBeenCalledTimes(1);
    expect(sendAuthorizationLink).not.toHaveBeenCalled();
  });

  it('copies the link, or says the browser refused and puts focus on the field to select it', async () => {
    const writeText = jest.fn().mockResolvedValueOnce(undefined).mockRejectedValueOnce(new Error('denied'));
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const { element, named } = render();

    $(element, 'copy').click();
    await flushPromises();
    expect(writeText).toHaveBeenCalledWith(CONNECTION.authorizationUrl);
    expect(named(SHOW_TOAST)[0]).toMatchObject({ variant: 'success', message: 'c.Connection_LinkCopied' });

    const fieldFocus = jest.spyOn($(element, 'link'), 'focus');
    $(element, 'copy').click();
    await flushPromises();
    expect(named(SHOW_TOAST)[1]).toMatchObject({ variant: 'warning', message: 'c.Connection_CopyFailed' });
    expect(fieldFocus).toHaveBeenCalled();
  });

  it('turns the sends off when disabled, and leaves Copy on', async () => {
    const { element } = render({ disabled: true });

    expect($(element, 'send').disabled).toBe(true);
    expect($(element, 'send-other').disabled).toBe(true);
    expect($(element, 'copy').disabled).toBeFalsy();
    await expect(element).toBeAccessible();
  });
});
