/**
 * Admin Home's sections in Chromium: a cause's link lands on the row that fixes it, the URL keeps the open section
 * across a reload, focus returns to the control that opened each dialog, and Fix and Revoke work from the keyboard
 * alone with the safe choice first. Runs through preview/e2e/run.ts, which starts the server and sets PREVIEW_URL.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { seedIds } from '../org/seed.ts';
import { STATUS_CODE_OLD_USER } from '../org/status.ts';
import { axeViolations, describeViolations, screenshot } from './browser.ts';
import { baseUrl, label, filled, card, focused, showCard, sectionTab, withBrowser } from './page.ts';

/** The page state key of the section in the preview's tab (no namespace: the default `c`). */
const SECTION_KEY = ['c', 'section'].join('__');

async function open(page: Page, query = ''): Promise<void> {
  await page.goto(`${baseUrl ?? ''}${query}`);
  await card(page, label('Status_Title')).locator('[data-id="verdict"]').waitFor({ timeout: 30_000 });
}

function cause(page: Page, code: string) {
  return card(page, label('Status_Title')).locator(`li[data-cause="${code}"]`);
}

describe('Admin Home sections in Chromium', { skip: baseUrl ? false : 'run through preview/e2e/run.ts' }, () => {
  let page: Page;

  withBrowser({ setup: ['/api/preview/reset', '/api/preview/scenario/admin-user'] }, (opened) => {
    page = opened.page;
    page.setDefaultTimeout(10_000);
  });

  test('tabs count their findings; the verdict stays above them', async () => {
    await open(page);
    await sectionTab(page, 'AdminHome_SectionUser')
      .filter({ hasText: /\(\d+\)$/ })
      .waitFor();
    assert.match((await sectionTab(page, 'AdminHome_SectionConnection').textContent()) ?? '', /\(1\)/);
    assert.equal(await page.getByRole('tab', { selected: true }).textContent(), label('AdminHome_SectionOverview'));
    const violations = await axeViolations(page);
    assert.equal(violations.length, 0, describeViolations(violations));
  });

  test("a cause's link lands on its row: the missing permission in the audit", async () => {
    await open(page);
    await cause(page, 'MISSING_ModifyAllData')
      .getByRole('button', { name: filled('Status_ShowInSection', label('AdminHome_SectionUser')) })
      .click();
    await page.waitForFunction(() => {
      let element: Element | null = document.activeElement;
      while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
      return (element as HTMLElement | null)?.dataset?.['requirement'] === 'ModifyAllData';
    });
    assert.equal(new URL(page.url()).searchParams.get(SECTION_KEY), 'user');
    await screenshot(page, 'section-user-from-cause');
  });

  test("a cause's link lands on its row: the old connector user's tokens", async () => {
    await open(page);
    const code = `${STATUS_CODE_OLD_USER}${seedIds.oldConnector}`;
    await cause(page, code)
      .getByRole('button', { name: filled('Status_ShowInSection', label('AdminHome_SectionConnection')) })
      .click();
    await page.waitForFunction((userId) => {
      let element: Element | null = document.activeElement;
      while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
      return (element as HTMLElement | null)?.dataset?.['user'] === userId;
    }, seedIds.oldConnector);
    assert.equal(new URL(page.url()).searchParams.get(SECTION_KEY), 'connection');
  });

  test('the URL keeps the section across a reload, and a shared link opens it', async () => {
    await open(page);
    await sectionTab(page, 'AdminHome_SectionJobs').click();
    await card(page, label('Jobs_Title')).waitFor();
    assert.equal(new URL(page.url()).searchParams.get(SECTION_KEY), 'jobs');

    await page.reload();
    await card(page, label('Jobs_Title')).waitFor();
    assert.match((await page.getByRole('tab', { selected: true }).textContent()) ?? '', /^Scheduled jobs/);

    await open(page, `?${SECTION_KEY}=audit`);
    await card(page, label('Events_Title')).waitFor();
    await screenshot(page, 'section-audit-log');
  });

  test('focus returns to the opener after each dialog: Fix, Revoke, Restart all', async () => {
    await open(page);
    const fix = cause(page, 'MISSING_ModifyAllData').getByRole('button', { name: label('Status_Fix') });
    await fix.click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('alertdialog').waitFor({ state: 'detached' });
    assert.equal((await focused(page)).data['code'], 'MISSING_ModifyAllData');

    const tokens = await showCard(page, 'Tokens_Title');
    await tokens.getByRole('row').filter({ hasText: 'Connector Integration' }).getByRole('button').click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('alertdialog').waitFor({ state: 'detached' });
    assert.equal((await focused(page)).data['userId'], seedIds.connector);

    const jobs = await showCard(page, 'Jobs_Title');
    await jobs.getByRole('button', { name: label('Jobs_RestartAll') }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('alertdialog').waitFor({ state: 'detached' });
    assert.equal((await focused(page)).data['id'], 'restart-all');
  });

  test("keyboard only: the connector user's Revoke does not confirm on Enter; Escape keeps the tokens", async () => {
    await open(page);
    const tokens = await showCard(page, 'Tokens_Title');
    const revoke = tokens.getByRole('row').filter({ hasText: 'Connector Integration' }).getByRole('button');
    await revoke.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('alertdialog');
    await dialog.waitFor();
    // Focus opens on the heading, not OK: a second Enter confirms nothing.
    await page.keyboard.press('Enter');
    await page.waitForTimeout(300);
    assert.equal(await dialog.count(), 1);
    await page.keyboard.press('Tab');
    assert.equal((await focused(page)).text, 'Cancel');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    assert.equal((await focused(page)).data['userId'], seedIds.connector);
    await tokens.getByRole('row').filter({ hasText: 'Connector Integration' }).waitFor();
  });

  test('keyboard only: Fix a missing permission from its cause, Tab to OK, Enter', async () => {
    await open(page);
    const fix = cause(page, 'MISSING_ModifyAllData').getByRole('button', { name: label('Status_Fix') });
    await fix.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('alertdialog');
    await dialog.waitFor();
    assert.match((await dialog.textContent()) ?? '', /Modify All Data/);
    assert.doesNotMatch((await dialog.textContent()) ?? '', /is missing/);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    assert.equal((await focused(page)).text, 'OK');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await page
      .locator('.slds-notify_toast')
      .filter({ hasText: label('Repair_ToastDone') })
      .waitFor();
    await cause(page, 'MISSING_ModifyAllData').waitFor({ state: 'detached' });
    // The fixed cause is gone: focus is on the verdict, not lost to the page body.
    await page.waitForFunction(() => {
      let element: Element | null = document.activeElement;
      while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
      return (element as HTMLElement | null)?.dataset?.['id'] === 'verdict';
    });
  });
});
