import { cleanUpAfterEach, flushPromises, renderComponent, SHOW_TOAST } from 'lwc-test-utils';
import Connection from 'c/connection';
import LightningConfirm from 'lightning/confirm';
import ReadinessConfirm from 'c/readinessConfirm';
import connectUser from '@salesforce/apex/AdminHomeController.connectUser';
import getDisconnectImpact from '@salesforce/apex/AdminHomeController.getDisconnectImpact';
import disconnectUser from '@salesforce/apex/AdminHomeController.disconnectUser';
import sendAuthorizationLink from '@salesforce/apex/AdminHomeController.sendAuthorizationLink';
import ADMIN_HOME from 'contract/fixtures/adminHome.json';
import IMPACT from 'contract/fixtures/disconnectImpactView.json';
import NEW_CONNECTOR from 'contract/fixtures/userOptionView.newConnector.json';
import ADA from 'contract/fixtures/userOptionView.ada.json';
import INTEGRATION from 'contract/fixtures/userOptionView.candidateIntegrationLicense.json';
import FIXABLE from 'contract/fixtures/userOptionView.candidateFixable.json';
import { formatDateTime, formatLabel } from 'c/formatUtils';

jest.mock('@salesforce/apex/AdminHomeController.connectUser', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/AdminHomeController.getDisconnectImpact', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/AdminHomeController.disconnectUser', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/AdminHomeController.sendAuthorizationLink', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/label/c.Connection_ConfirmChange', () => ({ default: 'Replace {0} with {1} ({2})?' }), {
  virtual: true
});
jest.mock('@salesforce/label/c.Connection_ConfirmDisconnect', () => ({ default: 'Disconnect {0}?' }), {
  virtual: true
});
jest.mock('@salesforce/label/c.Connection_ConfirmDisconnectJobs', () => ({ default: 'Jobs running as {0}: {1}.' }), {
  virtual: true
});
jest.mock('@salesforce/label/c.Connection_ConfirmDisconnectTokens', () => ({ default: '{0} token(s) of {1}.' }), {
  virtual: true
});

const CONNECTION = ADMIN_HOME.connection;
const CHANGED = { ok: true, changed: true, message: 'New Connector is now the connector user.' };

describe('c-connection', () => {
  let confirm;
  cleanUpAfterEach();
  // The readiness dialog (a LightningModal): jest cannot open one, so its open() is mocked like LightningConfirm's.
  let readinessConfirm;

  beforeEach(() => {
    confirm = jest.spyOn(LightningConfirm, 'open');
    readinessConfirm = jest.spyOn(ReadinessConfirm, 'open');
  });

  function render(props = {}) {
    const { element, spies } = renderComponent(
      'c-connection',
      Connection,
      { connection: CONNECTION, canManage: true, ...props },
      ['refresh', SHOW_TOAST]
    );
    return { element, events: { refresh: spies.refresh, toast: spies[SHOW_TOAST] } };
  }

  // The card's own controls, then the authorization link's (its own component, c-authorization-link).
  function query(element, id) {
    const selector = `[data-id="${id}"]`;
    return element.shadowRoot.querySelector(selector) ?? link(element).shadowRoot.querySelector(selector);
  }

  function link(element) {
    return element.shadowRoot.querySelector('c-authorization-link');
  }

  async function pick(element, user, root = element) {
    const search = root.shadowRoot.querySelector('c-user-search');
    search.dispatchEvent(new CustomEvent('select', { detail: { user } }));
    await flushPromises();
  }

  it("reveals a checklist step for a status cause's link", async () => {
    const { element } = render();

    expect(await element.reveal('step-heartbeat')).toBe(true);
    expect(element.shadowRoot.activeElement.dataset.step).toBe('heartbeat');
    expect(await element.reveal('step-nothing')).toBe(false);
    await expect(element).toBeAccessible();
  });

  it('shows the connector user, the previous user and the link', async () => {
    const { element } = render();

    expect(query(element, 'user-name').textContent).toBe('Connector Integration');
    expect(query(element, 'username').textContent).toBe('connector@acme.example.com');
    expect(query(element, 'active').textContent).toBe('c.Connection_Active');
    expect(query(element, 'last-login').textContent).toContain('Nov 23, 2025');
    expect(query(element, 'previous-user').textContent).toContain('Grace Hopper');
    expect(query(element, 'link').value).toBe(CONNECTION.authorizationUrl);
    expect(query(element, 'connect').label).toBe('c.Connection_ChangeUser');
    await expect(element).toBeAccessible();
  });

  it('ticks the checklist from the server steps', async () => {
    const { element } = render();

    const steps = Array.from(element.shadowRoot.querySelectorAll('li[data-step]'));
    expect(steps.map((step) => step.dataset.step)).toEqual([
      'userSet',
      'authorized',
      'heartbeat',
      'jobsOwned',
      'oldTokensRevoked'
    ]);
    const state = (key) => element.shadowRoot.querySelector(`li[data-step="${key}"] [data-id="state"]`).textContent;
    expect(state('authorized')).toBe('c.Connection_StepDone');
    expect(state('oldTokensRevoked')).toBe('c.Connection_StepToDo');
    const oldTokens = element.shadowRoot.querySelector('li[data-step="oldTokensRevoked"] [data-id="detail"]');
    expect(oldTokens.textContent).toContain('Grace Hopper');
  });

  it("formats a step's date in the user's locale, like every other date of the page", async () => {
    const { element } = render();

    const heartbeat = CONNECTION.steps.find((step) => step.key === 'heartbeat');
    expect(heartbeat.detailAt).toBeTruthy();
    expect(heartbeat.detail).toContain('{0}');
    const detail = (key) =>
      element.shadowRoot.querySelector(`li[data-step="${key}"] [data-id="detail"]`).textContent.trim();
    expect(detail('heartbeat')).toBe(formatLabel(heartbeat.detail, formatDateTime(heartbeat.detailAt)));
    expect(detail('heartbeat')).toContain(formatDateTime(heartbeat.detailAt));
    expect(detail('heartbeat')).not.toContain('{0}');
    // The last login, formatted by the same helper.
    expect(query(element, 'last-login').textContent).toBe(formatDateTime(CONNECTION.lastLogin));
  });

  it('leaves a step without a date as the server wrote it', async () => {
    const noDate = { done: false, detail: 'No heartbeat since the change (-).', detailAt: null };
    const steps = CONNECTION.steps.map((step) => (step.key === 'heartbeat' ? { ...step, ...noDate } : step));
    const { element } = render({ connection: { ...CONNECTION, steps } });

    const detail = element.shadowRoot.querySelector('li[data-step="heartbeat"] [data-id="detail"]');
    expect(detail.textContent.trim()).toBe('No heartbeat since the change (-).');
  });

  it('offers Connect and explains the missing link when nobody is connected', async () => {
    const { element } = render({
      connection: {
        ...CONNECTION,
        userId: null,
        displayName: null,
        username: null,
        isActive: false,
        previousUserId: null,
        authorizationUrl: null,
        authorizationUrlProblem: 'Choose a connector user first: the link signs in as that user.'
      }
    });

    expect(query(element, 'no-user')).not.toBeNull();
    expect(query(element, 'connect').label).toBe('c.Connection_Connect');
    expect(query(element, 'disconnect').disabled).toBe(true);
    expect(query(element, 'link-problem').textContent).toBe(
      'Choose a connector user first: the link signs in as that user.'
    );
    await expect(element).toBeAccessible();
  });

  it('changes the user after confirming, then asks for a refresh', async () => {
    readinessConfirm.mockResolvedValue(true);
    connectUser.mockResolvedValue(CHANGED);
    const { element, events } = render();

    query(element, 'connect').click();
    await flushPromises();
    expect(element.shadowRoot.querySelector('c-user-search').label).toBe('c.Connection_PickConnector');
    await pick(element, NEW_CONNECTOR);

    expect(readinessConfirm.mock.calls[0][0].question).toBe(
      'Replace Connector Integration with New Connector (new.connector@acme.example.com)?'
    );
    expect(confirm).not.toHaveBeenCalled();
    expect(connectUser).toHaveBeenCalledWith({ userId: NEW_CONNECTOR.id });
    expect(events.refresh).toHaveBeenCalledTimes(1);
    expect(events.toast.mock.calls[0][0].detail).toMatchObject({ variant: 'success', message: CHANGED.message });
    expect(element.shadowRoot.querySelector('c-user-search')).toBeNull();
  });

  it('shows readiness in the connector picker only, not when choosing a link recipient', async () => {
    const { element } = render();
    query(element, 'connect').click();
    await flushPromises();
    expect(element.shadowRoot.querySelector('c-user-search').withReadiness).toBe(true);
    element.shadowRoot.querySelector('c-user-search').dispatchEvent(new CustomEvent('cancel'));
    await flushPromises();

    query(element, 'send-other').click();
    await flushPromises();
    expect(link(element).shadowRoot.querySelector('c-user-search').withReadiness).toBe(false);
  });

  it('lists what will break and what only Setup can grant before changing to an unready user; Cancel changes nothing', async () => {
    readinessConfirm.mockResolvedValue(false);
    const { element, events } = render();

    query(element, 'connect').click();
    await flushPromises();
    await pick(element, INTEGRATION);

    const dialog = readinessConfirm.mock.calls[0][0];
    expect(dialog.label).toBe('c.Readiness_ConfirmTitleGaps');
    expect(dialog.heading).toBe('c.Readiness_ConfirmTitleGaps');
    expect(dialog.hasGaps).toBe(true);
    expect(dialog.size).toBe('small');
    expect(dialog.question).toBe('Replace Connector Integration with Ivy Integration (ivy.integration@acme.example)?');
    const list = (key) => dialog.blocks.find((block) => block.key === key)?.items;
    expect(list('breaks')).toEqual(INTEGRATION.readiness.breaks.map((text) => text.replace(/\.$/, '')));
    expect(list('cannotFix')).toEqual(INTEGRATION.readiness.cannotFix);
    expect(dialog.blocks.map((block) => block.text)).toContain(INTEGRATION.readiness.notes[0]);
    expect(dialog.blocks.at(-1).text).toBe('c.Readiness_ConfirmNothingYet');
    expect(connectUser).not.toHaveBeenCalled();
    expect(events.refresh).not.toHaveBeenCalled();
  });

  it('says what Fix will grant to a candidate Fix can make ready, then connects on OK', async () => {
    readinessConfirm.mockResolvedValue(true);
    connectUser.mockResolvedValue(CHANGED);
    const { element } = render();

    query(element, 'connect').click();
    await flushPromises();
    await pick(element, FIXABLE);

    const blocks = readinessConfirm.mock.calls[0][0].blocks;
    expect(blocks.find((block) => block.key === 'fixGrants').items).toEqual(FIXABLE.readiness.fixGrants);
    expect(blocks.find((block) => block.key === 'breaks')).toBeUndefined();
    expect(connectUser).toHaveBeenCalledWith({ userId: FIXABLE.id });
    await expect(element).toBeAccessible();
  });

  it('changes nothing when the change is cancelled', async () => {
    readinessConfirm.mockResolvedValue(false);
    const { element, events } = render();

    query(element, 'connect').click();
    await flushPromises();
    await pick(element, NEW_CONNECTOR);

    expect(connectUser).not.toHaveBeenCalled();
    expect(events.refresh).not.toHaveBeenCalled();
  });

  it('changes nothing when the dialog is closed with the X or Escape (undefined), focus back on the opener', async () => {
    readinessConfirm.mockResolvedValue(undefined);
    const { element, events } = render();
    const focused = jest.spyOn(query(element, 'connect'), 'focus');

    query(element, 'connect').click();
    await flushPromises();
    await pick(element, NEW_CONNECTOR);
    await flushPromises();

    expect(readinessConfirm).toHaveBeenCalledTimes(1);
    expect(connectUser).not.toHaveBeenCalled();
    expect(events.refresh).not.toHaveBeenCalled();
    expect(focused).toHaveBeenCalled();
  });

  it('closes the search on cancel, focus back on the button that opened it', async () => {
    const { element } = render();
    const focused = jest.spyOn(query(element, 'connect'), 'focus');
    query(element, 'connect').click();
    await flushPromises();

    element.shadowRoot.querySelector('c-user-search').dispatchEvent(new CustomEvent('cancel'));
    await flushPromises();

    expect(element.shadowRoot.querySelector('c-user-search')).toBeNull();
    expect(focused).toHaveBeenCalledTimes(1);
  });

  it('opens the search with focus in its field', async () => {
    const { element } = render();
    query(element, 'connect').click();
    await flushPromises();

    const picker = element.shadowRoot.querySelector('c-user-search');
    expect(picker.shadowRoot.activeElement).toBe(picker.shadowRoot.querySelector('[data-id="term"]'));
  });

  it('names the jobs and tokens before disconnecting and offers to stop and revoke them', async () => {
    getDisconnectImpact.mockResolvedValue(IMPACT);
    confirm.mockResolvedValueOnce(true).mockResolvedValueOnce(true).mockResolvedValueOnce(false);
    disconnectUser.mockResolvedValue({ ok: true, changed: true, message: 'Disconnected.' });
    const { element, events } = render();

    query(element, 'disconnect').click();
    await flushPromises();

    expect(confirm.mock.calls[0][0].message).toBe(
      'Disconnect Connector Integration? Jobs running as Connector Integration: Connector call reports, Connector usage sync. 1 token(s) of Connector Integration.'
    );
    expect(confirm).toHaveBeenCalledTimes(3);
    expect(disconnectUser).toHaveBeenCalledWith({ stopJobs: true, revokeTokens: false });
    expect(events.refresh).toHaveBeenCalledTimes(1);
  });

  it('disconnects nothing when the first confirmation is cancelled', async () => {
    getDisconnectImpact.mockResolvedValue(IMPACT);
    confirm.mockResolvedValue(false);
    const { element } = render();

    query(element, 'disconnect').click();
    await flushPromises();

    expect(confirm).toHaveBeenCalledTimes(1);
    expect(disconnectUser).not.toHaveBeenCalled();
  });

  it('asks no follow-up when nothing is left behind', async () => {
    getDisconnectImpact.mockResolvedValue({ ...IMPACT, jobNames: [], tokenCount: 0 });
    confirm.mockResolvedValue(true);
    disconnectUser.mockResolvedValue({ ok: true, changed: true, message: 'Disconnected.' });
    const { element } = render();

    query(element, 'disconnect').click();
    await flushPromises();

    expect(confirm).toHaveBeenCalledTimes(1);
    expect(disconnectUser).toHaveBeenCalledWith({ stopJobs: false, revokeTokens: false });
  });

  it('shows an error when the impact cannot be read', async () => {
    getDisconnectImpact.mockRejectedValue({ body: { message: 'Boom' } });
    const { element, events } = render();

    query(element, 'disconnect').click();
    await flushPromises();

    expect(confirm).not.toHaveBeenCalled();
    expect(events.toast.mock.calls[0][0].detail).toMatchObject({ variant: 'error', message: 'Boom' });
  });

  it('emails the link to the connector user after confirming', async () => {
    confirm.mockResolvedValue(true);
    sendAuthorizationLink.mockResolvedValue({ ok: true, changed: false, message: 'Authorization link sent.' });
    const { element, events } = render();

    query(element, 'send').click();
    await flushPromises();

    expect(sendAuthorizationLink).toHaveBeenCalledWith({ recipientId: CONNECTION.userId });
    expect(events.toast.mock.calls[0][0].detail).toMatchObject({ variant: 'success' });
  });

  it('emails the link to someone else chosen in the search', async () => {
    confirm.mockResolvedValue(true);
    sendAuthorizationLink.mockResolvedValue({ ok: true, changed: false, message: 'Authorization link sent.' });
    const { element } = render();

    query(element, 'send-other').click();
    await flushPromises();
    expect(link(element).shadowRoot.querySelector('c-user-search').label).toBe('c.Connection_PickRecipient');
    await pick(element, ADA, link(element));

    expect(sendAuthorizationLink).toHaveBeenCalledWith({ recipientId: ADA.id });
    expect(connectUser).not.toHaveBeenCalled();
  });

  it('reports why the email was not sent', async () => {
    confirm.mockResolvedValue(true);
    const reason = 'The email could not be sent: email deliverability is off in this org.';
    sendAuthorizationLink.mockResolvedValue({ ok: false, changed: false, message: reason });
    const { element, events } = render();

    query(element, 'send').click();
    await flushPromises();

    expect(events.toast.mock.calls[0][0].detail).toMatchObject({ variant: 'error', message: reason });
  });

  it('does not send when the confirmation is cancelled', async () => {
    confirm.mockResolvedValue(false);
    const { element } = render();

    query(element, 'send').click();
    await flushPromises();

    expect(sendAuthorizationLink).not.toHaveBeenCalled();
  });

  it('copies the link', async () => {
    const writeText = jest.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const { element, events } = render();

    query(element, 'copy').click();
    await flushPromises();

    expect(writeText).toHaveBeenCalledWith(CONNECTION.authorizationUrl);
    expect(events.toast.mock.calls[0][0].detail).toMatchObject({
      variant: 'success',
      message: 'c.Connection_LinkCopied'
    });
  });

  it('says so when the browser refuses to copy', async () => {
    Object.defineProperty(navigator, 'clipboard', {
      value: { writeText: jest.fn().mockRejectedValue(new Error('denied')) },
      configurable: true
    });
    const { element, events } = render();

    query(element, 'copy').click();
    await flushPromises();

    expect(events.toast.mock.calls[0][0].detail).toMatchObject({
      variant: 'warning',
      message: 'c.Connection_CopyFailed'
    });
  });

  it('disables every change without Manage Connector', async () => {
    const { element } = render({ canManage: false });

    expect(query(element, 'connect').disabled).toBe(true);
    expect(query(element, 'disconnect').disabled).toBe(true);
    expect(query(element, 'send').disabled).toBe(true);
    expect(query(element, 'copy').disabled).toBeFalsy();
    await expect(element).toBeAccessible();
  });
});
