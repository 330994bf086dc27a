/**
 * The preview's own platform modules (`@salesforce/*`, toasts, confirm) in Chromium, through a small
 * harness component (preview/e2e/fixtures) built and served by its own preview server.
 */
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { PreviewServer } from '../app.ts';
import { seedIds } from '../org/seed.ts';
import { axeViolations, describeViolations, screenshot, type Browser } from './browser.ts';
import { startHarness } from './harness.ts';
import { dismissToasts, withBrowser } from './page.ts';

describe('preview platform modules in Chromium', () => {
  // preview/e2e/run.ts serves the harness already (built with a warm cache); alone, this file starts its own.
  let url = process.env['PREVIEW_HARNESS_URL'] ?? '';
  let ownServer: PreviewServer | undefined;
  let browser: Browser;
  let page: Page;

  const text = async (id: string) => (await page.locator(`[data-id="${id}"]`).textContent())?.trim() ?? '';
  const post = async (path: string) => {
    const response = await fetch(new URL(path, url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}'
    });
    assert.equal(response.status, 200, await response.text());
  };

  before(async () => {
    if (!url) {
      ownServer = await startHarness();
      await ownServer.ready();
      url = ownServer.url;
    }
    await post('/api/preview/reset');
  });

  // Its setup POSTs go to the harness (above), not to the page's preview: none here.
  withBrowser({}, async (opened) => {
    browser = opened;
    page = opened.page;
    await page.goto(url);
    await page.locator('[data-id="wired"]').filter({ hasText: 'events:' }).waitFor();
  });

  after(async () => {
    await ownServer?.close();
  });

  test('labels come from CustomLabels; permission, user and i18n from the running user', async () => {
    await page.getByRole('heading', { name: 'Platform modules & harness' }).waitFor();
    assert.deepEqual(JSON.parse(await text('facts')), {
      canManage: true,
      userId: seedIds.admin,
      locale: 'en-US',
      timeZone: 'America/New_York'
    });
  });

  test('@wire calls the Apex twin and refreshApex calls it again', async () => {
    assert.equal(await text('wired'), 'events: 4');
    await post('/api/preview/scenario/api-key-set-elsewhere');
    await page.getByRole('button', { name: 'Refresh wire' }).click();
    await page.locator('[data-id="wired"]').filter({ hasText: 'events: 5' }).waitFor();
  });

  test('lightning/confirm shows an SLDS prompt: Cancel and Escape give false, OK gives true', async () => {
    const dialog = page.getByRole('alertdialog', { name: 'Stop jobs' });
    await page.getByRole('button', { name: 'Ask' }).click();
    await dialog.getByText('Stop every job?').waitFor();
    const violations = await axeViolations(page);
    assert.equal(violations.length, 0, describeViolations(violations));
    await screenshot(page, 'preview-confirm');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await text('confirm-result'), 'cancelled');
    await dismissToasts(page);

    await page.getByRole('button', { name: 'Ask' }).click();
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await text('confirm-result'), 'cancelled');
    await dismissToasts(page);

    await page.getByRole('button', { name: 'Ask' }).click();
    await dialog.getByRole('button', { name: 'OK' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await text('confirm-result'), 'confirmed');
  });

  test('ShowToastEvent renders an SLDS toast with its variant, title and message links', async () => {
    const toast = page.locator('.slds-notify_toast.slds-theme_success').filter({ hasText: 'Jobs stopped' });
    await toast.waitFor();
    assert.equal(await toast.getAttribute('role'), 'status');
    assert.equal(await toast.getByRole('link', { name: 'Setup' }).getAttribute('href'), '/setup');
    await screenshot(page, 'preview-toast');
    await toast.getByRole('button', { name: 'Close' }).click();
    await toast.waitFor({ state: 'detached' });
  });

  test('an Apex failure reaches the component shaped like an Aura error', async () => {
    await page.getByRole('button', { name: 'Call missing' }).click();
    await page.locator('[data-id="imperative"]').filter({ hasText: 'preview/org/registry.ts' }).waitFor();
    const toast = page.getByRole('alert').filter({ hasText: 'Failed' });
    await toast.waitFor();
    assert.match((await toast.getAttribute('class')) ?? '', /slds-theme_error/);
  });

  test('a custom permission the running user lacks imports as undefined', async () => {
    await post('/api/preview/scenario/read-only-user');
    await page.reload();
    await page.locator('[data-id="facts"]').waitFor();
    const facts = JSON.parse(await text('facts')) as { canManage: unknown; userId: string };
    assert.deepEqual([facts.canManage, facts.userId], [null, seedIds.support]);
  });

  test('the server answers only loopback hosts, and only JSON posts', async () => {
    const status = (headers: Record<string, string>, method = 'GET') =>
      new Promise<number>((resolve, reject) => {
        const request = httpRequest(new URL('api/preview/reset', url), { method, headers }, (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        });
        request.on('error', reject);
        request.end();
      });
    assert.equal(await status({ Host: 'attacker.example' }), 403);
    assert.equal(await status({ 'Content-Type': 'application/x-www-form-urlencoded' }, 'POST'), 415);
  });

  test('the page logged no errors', () => {
    assert.deepEqual(browser.errors, []);
  });
});
