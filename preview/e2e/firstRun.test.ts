/**
 * Admin Home's guided first-run setup in Chromium: with nothing configured the page opens as four steps instead of a
 * page of findings; an admin walks them by keyboard alone (choose the user, Fix, send the link, start the jobs),
 * focus moving to each next step's heading, and the page then shows its sections. Runs through preview/e2e/run.ts.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { axeViolations, describeViolations, screenshot, type Browser } from './browser.ts';
import { baseUrl, card, dismissToasts, filled, focused, label, post, waitForFocus, withBrowser } from './page.ts';

const WIDTHS = [1024, 1440];

function setup(page: Page) {
  return page.locator('c-first-run-setup');
}

/** The state each step shows, in order: key:state. */
async function stepStates(page: Page): Promise<string[]> {
  const items = setup(page).locator('li[data-step]');
  const states: string[] = [];
  for (let i = 0; i < (await items.count()); i++) {
    const item = items.nth(i);
    states.push(`${await item.getAttribute('data-step')}:${await item.getAttribute('data-state')}`);
  }
  return states;
}

async function openSetup(page: Page): Promise<void> {
  await page.goto(baseUrl ?? '');
  await page.getByRole('heading', { name: label('Setup_Title'), exact: true }).waitFor({ timeout: 30_000 });
}

/** Keyboard only: from the dialog's heading, Tab to Cancel, Tab to OK, Enter; waits for the dialog to close. */
async function confirmByKeyboard(page: Page): Promise<string> {
  const dialog = page.getByRole('alertdialog');
  await dialog.waitFor();
  const text = (await dialog.textContent()) ?? '';
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  assert.equal((await focused(page)).text, 'OK');
  await page.keyboard.press('Enter');
  await dialog.waitFor({ state: 'detached' });
  return text;
}

/**
 * Keyboard only through the readiness dialog (a LightningModal) of a candidate with gaps: focus opens on Cancel,
 * Tab to Connect, Enter; waits for the dialog to close and returns its text.
 */
async function connectByKeyboard(page: Page): Promise<string> {
  const dialog = page.getByRole('dialog', { name: label('Readiness_ConfirmTitleGaps') });
  await dialog.waitFor();
  const text = (await dialog.textContent()) ?? '';
  await waitForFocus(page, 'cancel'); // the safe choice has the focus
  await page.keyboard.press('Tab');
  assert.equal((await focused(page)).data['id'], 'confirm');
  await page.keyboard.press('Enter');
  await dialog.waitFor({ state: 'detached' });
  return text;
}

/** Waits until focus is on the heading of a step (after the page reloaded with that step current). */
async function waitForStepFocus(page: Page, key: string): Promise<void> {
  await setup(page).locator(`li[data-step="${key}"][data-state="Current"]`).waitFor();
  await page.waitForFunction((step) => {
    let element: Element | null = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    return (element as HTMLElement | null)?.dataset?.['heading'] === step;
  }, key);
}

/** The detail line a step shows (who was chosen, what Fix did). */
async function stepDetail(page: Page, key: string): Promise<string> {
  return (await setup(page).locator(`li[data-step="${key}"] [data-id="detail"]`).textContent()) ?? '';
}

/** Tab from the focused heading to the step's action and check it is the expected control. */
async function tabTo(page: Page, dataId: string): Promise<void> {
  await page.keyboard.press('Tab');
  assert.equal((await focused(page)).data['id'], dataId);
}

describe('First run in Chromium', { skip: baseUrl ? false : 'run through preview/e2e/run.ts' }, () => {
  let browser: Browser;
  let page: Page;

  withBrowser(
    { setup: ['/api/preview/reset', '/api/preview/scenario/first-run'], viewport: { width: 1024, height: 900 } },
    (opened) => {
      browser = opened;
      page = browser.page;
      page.setDefaultTimeout(15_000);
    }
  );

  test('with nothing configured Admin Home opens as the guided setup, not a page of findings', async () => {
    await openSetup(page);
    assert.deepEqual(await stepStates(page), ['user:Current', 'access:ToDo', 'authorize:ToDo', 'jobs:ToDo']);
    assert.equal(await card(page, label('Status_Title')).count(), 0, 'no verdict of red findings');
    assert.equal(await page.getByRole('tab').count(), 0, 'no sections');
    assert.equal(await setup(page).locator('[data-id="progress"]').textContent(), filled('Setup_Progress', '0', '4'));
    const violations = await axeViolations(page);
    assert.deepEqual(violations, [], describeViolations(violations));
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await screenshot(page, `first-run-${width}`, { fullPage: true });
    }
    await page.setViewportSize({ width: 1024, height: 900 });
  });

  test('Show all of Admin Home opens the sections; Back to guided setup returns', async () => {
    await setup(page)
      .getByRole('button', { name: label('Setup_ShowAll') })
      .click();
    await card(page, label('Status_Title')).locator('[data-id="verdict"]').waitFor();
    assert.equal((await focused(page)).data['id'], 'title');
    await page.getByRole('button', { name: label('Setup_Resume') }).click();
    await page.getByRole('heading', { name: label('Setup_Title'), exact: true }).waitFor();
  });

  test('keyboard only: choose the user, Fix, send the link, start the jobs; then Admin Home shows its sections', async () => {
    await openSetup(page);

    // 1. Choose the connector user: the search opens with focus in its field, in place of Choose user; Escape
    // closes it and focus is on Choose user again (rendered anew), not on the page.
    await setup(page).locator('[data-id="choose-user"] button').focus();
    await page.keyboard.press('Enter');
    await setup(page).locator('c-user-search').waitFor();
    await page.keyboard.press('Escape');
    await waitForFocus(page, 'choose-user');
    // Open it again: Arrow Down, Enter chooses.
    await page.keyboard.press('Enter');
    await page.keyboard.type('connector@acme');
    await setup(page)
      .getByRole('option', { name: /Connector Integration/ })
      .waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    // Fix grants what it lacks: the dialog lists it before anything changes.
    const readiness = await connectByKeyboard(page);
    assert.match(readiness, /Connector Integration/);
    assert.ok(readiness.includes(label('Readiness_ConfirmFixGrants')), readiness);
    await waitForStepFocus(page, 'access');
    assert.match(await stepDetail(page, 'user'), /Connector Integration/);
    const missing = setup(page).locator('[data-id="missing"] li');
    assert.ok((await missing.count()) > 5, 'what Fix grants is listed');
    await screenshot(page, 'first-run-access-1024', { fullPage: true });

    // 2. Fix: grants what is missing.
    await tabTo(page, 'fix');
    await page.keyboard.press('Enter');
    assert.match(await confirmByKeyboard(page), new RegExp(label('Repair_ConfirmTitle')));
    await page
      .locator('.slds-notify_toast')
      .filter({ hasText: label('Repair_ToastDone') })
      .waitFor();
    await waitForStepFocus(page, 'authorize');
    assert.equal((await stepDetail(page, 'access')).trim(), label('Setup_AccessDone'));

    // 3. Email the authorization link to whoever holds the connector user's credentials (here the user itself).
    await tabTo(page, 'send');
    await page.keyboard.press('Enter');
    assert.match(await confirmByKeyboard(page), /Connector Integration/);
    await waitForStepFocus(page, 'jobs');
    assert.match(await stepDetail(page, 'authorize'), /Connector Integration/);

    // 4. Start the jobs: a job command the trigger runs as the connector user; the setup then ends by itself.
    await tabTo(page, 'start-jobs');
    await page.keyboard.press('Enter');
    await card(page, label('Status_Title')).locator('[data-id="verdict"]').waitFor({ timeout: 45_000 });
    assert.equal(await setup(page).count(), 0, 'the guided setup ended');
    assert.ok((await page.getByRole('tab').count()) >= 7, 'the sections are back');
    assert.equal((await focused(page)).data['id'], 'title', 'focus on the page heading, not lost');
    assert.equal(await page.getByRole('button', { name: label('Setup_Resume') }).count(), 0);
  });

  test('once the credential holder allowed access and the platform called in, the verdict is Connected', async () => {
    await post('/api/preview/scenario/connector-authorized');
    await dismissToasts(page);
    await page.getByRole('button', { name: label('AdminHome_Refresh') }).click();
    const verdict = card(page, label('Status_Title')).locator('[data-id="verdict"]');
    await verdict.filter({ hasText: label('Status_Connected') }).waitFor();
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await screenshot(page, `first-run-done-${width}`, { fullPage: true });
    }
  });

  test('the page logged no errors', () => {
    assert.deepEqual(browser.errors, []);
  });
});
