import ReadinessConfirm from 'c/readinessConfirm';
import { readinessConfirmOptions } from 'c/readinessUtils';
import INTEGRATION from 'contract/fixtures/userOptionView.candidateIntegrationLicense.json';
import FIXABLE from 'contract/fixtures/userOptionView.candidateFixable.json';
import READY from 'contract/fixtures/userReadinessView.ready.json';
import { cleanUpAfterEach, renderComponent } from 'lwc-test-utils';

jest.mock('@salesforce/label/c.Readiness_ConfirmBreaks', () => ({ default: 'What will break' }), { virtual: true });
jest.mock(
  '@salesforce/label/c.Readiness_ConfirmCannotFix',
  () => ({ default: 'Only Setup (the profile or the license) can grant' }),
  { virtual: true }
);
jest.mock('@salesforce/label/c.Readiness_ConfirmFixGrants', () => ({ default: 'Fix will grant' }), { virtual: true });
jest.mock('@salesforce/label/c.Readiness_ConfirmCancel', () => ({ default: 'Cancel' }), { virtual: true });
jest.mock('@salesforce/label/c.Readiness_ConfirmConnect', () => ({ default: 'Connect' }), { virtual: true });

describe('c-readiness-confirm', () => {
  cleanUpAfterEach();

  function render(user) {
    const options = readinessConfirmOptions('Make this user the connector user?', 'Connect user?', user);
    return { element: renderComponent('c-readiness-confirm', ReadinessConfirm, options).element, options };
  }

  const items = (element, key) =>
    [...element.shadowRoot.querySelectorAll(`[data-list="${key}"] li`)].map((item) => item.textContent);

  it('lists what will break and what only Setup can grant, one item each, under the gaps title', async () => {
    const { element } = render(INTEGRATION);
    await Promise.resolve();

    expect(element.shadowRoot.querySelector('lightning-modal-header').label).toBe('c.Readiness_ConfirmTitleGaps');
    expect(element.label).toBe('c.Readiness_ConfirmTitleGaps');
    expect(element.size).toBe('small');
    expect(element.shadowRoot.querySelector('[data-id="question"]').textContent).toBe(
      'Make this user the connector user?'
    );
    // Each gap is a list item, without the sentence's full stop.
    expect(items(element, 'breaks')).toEqual(INTEGRATION.readiness.breaks.map((text) => text.replace(/[.\s]+$/, '')));
    expect(items(element, 'cannotFix')).toEqual(INTEGRATION.readiness.cannotFix);
    const headings = [...element.shadowRoot.querySelectorAll('[data-id="list-heading"]')].map((h) => h.textContent);
    expect(headings).toEqual(['What will break', 'Only Setup (the profile or the license) can grant']);
    expect(element.shadowRoot.querySelector('[data-block="nothingYet"]').textContent).toBe(
      'c.Readiness_ConfirmNothingYet'
    );
    await expect(element).toBeAccessible();
  });

  it('lists what Fix will grant for a candidate Fix makes ready', async () => {
    const { element } = render(FIXABLE);
    await Promise.resolve();

    expect(items(element, 'fixGrants')).toEqual(FIXABLE.readiness.fixGrants);
    expect(element.shadowRoot.querySelector('[data-list="breaks"]')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('puts Cancel first in the footer, so it takes the initial focus, and no control in the body', async () => {
    const { element } = render(INTEGRATION);
    await Promise.resolve();

    const buttons = [...element.shadowRoot.querySelectorAll('lightning-modal-footer lightning-button')];
    expect(buttons.map((button) => button.label)).toEqual(['Cancel', 'Connect']);
    expect(buttons[1].variant).toBe('destructive');
    const body = element.shadowRoot.querySelector('lightning-modal-body');
    expect(body.querySelectorAll('a, button, input, select, textarea, [tabindex], lightning-button')).toHaveLength(0);
  });

  it("moves the modal's first focus to Cancel for a candidate with gaps, and leaves it for a ready one", async () => {
    const { element } = render(INTEGRATION);
    await Promise.resolve();
    const cancel = element.shadowRoot.querySelector('[data-id="cancel"]');
    const toCancel = jest.spyOn(cancel, 'focus');
    const header = element.shadowRoot.querySelector('lightning-modal-header');
    header.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    expect(toCancel).toHaveBeenCalledTimes(1);
    // Only the first focus: the user then moves it freely.
    header.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    expect(toCancel).toHaveBeenCalledTimes(1);

    const ready = render({ name: 'Olivia', readiness: READY }).element;
    await Promise.resolve();
    const readyCancel = jest.spyOn(ready.shadowRoot.querySelector('[data-id="cancel"]'), 'focus');
    ready.shadowRoot
      .querySelector('lightning-modal-header')
      .dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    expect(readyCancel).not.toHaveBeenCalled();
  });

  it('closes with true on Connect and false on Cancel', async () => {
    const { element } = render({ name: 'Olivia', readiness: READY });
    await Promise.resolve();
    const results = [];
    element.addEventListener('close', (event) => results.push(event.detail));

    element.shadowRoot.querySelector('[data-id="cancel"]').click();
    element.shadowRoot.querySelector('[data-id="confirm"]').click();

    expect(results).toEqual([false, true]);
    // A ready candidate: Connect is the usual brand button, under the caller's title.
    expect(element.shadowRoot.querySelector('[data-id="confirm"]').variant).toBe('brand');
    expect(element.shadowRoot.querySelector('lightning-modal-header').label).toBe('Connect user?');
    expect(element.shadowRoot.querySelector('[data-block="ready"]').textContent).toBe('c.Readiness_ConfirmReady');
  });

  it('confirmConnect opens the dialog with the readiness and says yes only for Connect (true)', async () => {
    const open = jest.spyOn(ReadinessConfirm, 'open');
    for (const [closedWith, yes] of [
      [true, true],
      [false, false],
      [undefined, false]
    ]) {
      open.mockResolvedValueOnce(closedWith);
      // One dialog at a time, as a user answers them.
      // eslint-disable-next-line no-await-in-loop
      expect(await ReadinessConfirm.confirmConnect('Connect Ivy?', INTEGRATION)).toBe(yes);
    }
    expect(open.mock.calls[0][0].question).toBe('Connect Ivy?');
    expect(open.mock.calls[0][0].hasGaps).toBe(true);
  });
});
