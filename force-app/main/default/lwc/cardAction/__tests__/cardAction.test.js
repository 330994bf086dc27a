import { act, resultToast } from 'c/cardAction';
import DONE from 'contract/fixtures/actionResult.csmManualSet.json';

const APEX_ERROR = { body: { message: 'You need the Manage Connector permission.' }, status: 500 };

/** A stand-in card: an element that records the toasts and refresh events it dispatches, and its busy flag. */
function card() {
  const element = document.createElement('div');
  element.toasts = [];
  element.refreshes = 0;
  element.isWorking = false;
  element.addEventListener('lightning__showtoast', (event) => element.toasts.push(event.detail));
  element.addEventListener('refresh', () => element.refreshes++);
  return element;
}

function deferred() {
  let resolve;
  let reject;
  const promise = new Promise((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const TITLES = { done: 'CSM sync', unchanged: 'Nothing to do', failed: 'Not done', error: 'Action failed' };

describe('c/cardAction', () => {
  it('is busy while the call runs, toasts the result and asks for a refresh', async () => {
    const component = card();
    const reply = deferred();
    const running = act(component, { call: () => reply.promise, busy: 'isWorking', titles: TITLES });
    expect(component.isWorking).toBe(true);
    expect(component.toasts).toEqual([]);

    reply.resolve(DONE);
    await expect(running).resolves.toEqual(DONE);
    expect(component.isWorking).toBe(false);
    expect(component.toasts).toEqual([{ title: 'CSM sync', message: DONE.message, variant: 'success' }]);
    expect(component.refreshes).toBe(1);
  });

  it('turns a thrown error into an error toast with the server message, and does not refresh', async () => {
    const component = card();
    const onError = jest.fn();
    const result = await act(component, {
      call: () => Promise.reject(APEX_ERROR),
      busy: 'isWorking',
      titles: TITLES,
      onError
    });
    expect(result).toBeUndefined();
    expect(component.isWorking).toBe(false);
    expect(component.toasts).toEqual([{ title: 'Action failed', message: APEX_ERROR.body.message, variant: 'error' }]);
    expect(onError).toHaveBeenCalledWith(APEX_ERROR);
    expect(component.refreshes).toBe(0);
  });

  it('reports busy through a callback, also when the call fails', async () => {
    const component = card();
    const busy = jest.fn();
    await act(component, { call: () => Promise.reject(new Error('offline')), busy, titles: TITLES });
    expect(busy.mock.calls).toEqual([[true], [false]]);
    expect(component.toasts[0]).toEqual(expect.objectContaining({ variant: 'error', message: 'offline' }));
  });

  it('shows a refused action as an error and one that changed nothing as info', async () => {
    const component = card();
    await act(component, { call: async () => ({ ok: false, changed: false, message: 'No user.' }), titles: TITLES });
    await act(component, { call: async () => ({ ok: true, changed: false, message: 'Already so.' }), titles: TITLES });
    expect(component.toasts).toEqual([
      { title: 'Not done', message: 'No user.', variant: 'error' },
      { title: 'Nothing to do', message: 'Already so.', variant: 'info' }
    ]);
  });

  it('refreshes as the card asks: always, when changed, or never', async () => {
    const unchanged = async () => ({ ok: true, changed: false, message: 'Already so.' });
    const always = card();
    await act(always, { call: () => Promise.reject(APEX_ERROR), titles: TITLES, refresh: 'always' });
    expect(always.refreshes).toBe(1);
    const changed = card();
    await act(changed, { call: unchanged, titles: TITLES, refresh: 'changed' });
    await act(changed, { call: async () => ({ ok: false, changed: true, message: 'Partly.' }), refresh: 'changed' });
    expect(changed.refreshes).toBe(1);
    const never = card();
    await act(never, { call: async () => DONE, titles: TITLES, refresh: 'never' });
    expect(never.refreshes).toBe(0);
  });

  it('runs onResult after the toast while still busy, and leaves out the toast when asked', async () => {
    const component = card();
    const seen = [];
    await act(component, {
      call: async () => ({ rows: [] }),
      busy: 'isWorking',
      toast: false,
      refresh: 'never',
      onResult: (result) => seen.push([result, component.isWorking])
    });
    expect(seen).toEqual([[{ rows: [] }, true]]);
    expect(component.toasts).toEqual([]);
  });

  it('links the Setup page of what the package could not do, and keeps that toast open', () => {
    const toast = resultToast(
      { ok: true, changed: true, message: 'Added.', setupUrl: '/lightning/setup/Users' },
      TITLES
    );
    expect(toast).toEqual({
      title: 'CSM sync',
      message: 'Added. {0}',
      messageData: [{ url: '/lightning/setup/Users', label: 'c.Status_OpenSetup' }],
      mode: 'sticky',
      variant: 'success'
    });
  });
});
