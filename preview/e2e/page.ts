/** What every E2E file needs to talk about the page: its labels, its cards, and the preview's own endpoints. */
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { after, before } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { readCustomLabels } from '../org/metadata.ts';
import { openBrowser, type Browser } from './browser.ts';

/**
 * This file's preview. The E2E runner gives each test file its own server and in-memory org
 * (`PREVIEW_URLS`: test file → URL), so files run in parallel without touching each other's org.
 */
export const baseUrl = previewUrlOf(process.argv[1] ?? '');

export function previewUrlOf(testFile: string): string | undefined {
  const perFile = JSON.parse(process.env['PREVIEW_URLS'] ?? '{}') as Record<string, string>;
  return perFile[resolve(testFile)] ?? process.env['PREVIEW_URL'];
}
const labels = readCustomLabels();

export function label(name: string): string {
  const value = labels.get(name);
  assert.ok(value !== undefined, `custom label ${name} is not defined`);
  return value;
}

/** A label with its {n} placeholders filled, as the page shows it. */
export function filled(name: string, ...values: string[]): string {
  return label(name).replace(/\{(\d+)\}/g, (placeholder, index: string) => values[Number(index)] ?? placeholder);
}

/** A preview-only endpoint (reset, scenario, fail-next): it must answer 200. */
export async function post(path: string, body: unknown = {}): Promise<void> {
  const response = await fetch(new URL(path, baseUrl), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body)
  });
  assert.equal(response.status, 200, await response.text());
}

export function card(page: Page, title: string): Locator {
  return page.locator('article.slds-card').filter({ has: page.getByRole('heading', { name: title, exact: true }) });
}

/** A row of the scheduled jobs table. */
export function jobRow(page: Page, jobLabel: string): Locator {
  return card(page, label('Jobs_Title')).getByRole('row').filter({ hasText: jobLabel });
}

/** The section (tab) of Admin Home that holds each card; the status card sits above every section. */
const SECTION_OF_CARD: Record<string, string> = {
  Settings_Title: 'AdminHome_SectionOverview',
  Audit_Title: 'AdminHome_SectionUser',
  Connection_Title: 'AdminHome_SectionConnection',
  Tokens_Title: 'AdminHome_SectionConnection',
  Jobs_Title: 'AdminHome_SectionJobs',
  Csm_Title: 'AdminHome_SectionCsm',
  SettingsForm_Title: 'AdminHome_SectionSettings',
  Events_Title: 'AdminHome_SectionAudit'
};

/** A section's tab; its label may end with its count of findings, "Scheduled jobs (2)". */
export function sectionTab(page: Page, sectionLabel: string): Locator {
  const name = label(sectionLabel).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return page.getByRole('tab', { name: new RegExp(`^${name}( \\(\\d+\\))?$`) });
}

/** Opens a section by its tab, as an admin does, once the page's loading spinner is gone. */
export async function showSection(page: Page, sectionLabel: string): Promise<void> {
  await page.locator('c-admin-home lightning-spinner[size="medium"]').waitFor({ state: 'detached', timeout: 30_000 });
  await sectionTab(page, sectionLabel).click();
}

/** Opens the section that holds a card (by the card's title label) and returns the card. */
export async function showCard(page: Page, titleLabel: string): Promise<Locator> {
  const section = SECTION_OF_CARD[titleLabel];
  if (section) await showSection(page, section);
  const found = card(page, label(titleLabel));
  await found.waitFor();
  if (titleLabel === 'Audit_Title') {
    // The audit opens on what is missing; tests of met requirements need every row.
    const toggle = found.locator('[data-id="show-all"]');
    if (!(await toggle.locator('input').isChecked())) await toggle.getByText(label('Audit_ShowAll')).click();
  }
  return found;
}

/** A label template such as "Set on {0} by {1}" as a pattern, with some placeholders filled. */
export function labelPattern(name: string, values: Record<number, string> = {}): RegExp {
  const source = label(name)
    .split(/(\{\d+\})/)
    .map((part) => {
      const index = /^\{(\d+)\}$/.exec(part)?.[1];
      if (index === undefined) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const value = values[Number(index)];
      return value === undefined ? '.+' : value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return new RegExp(source);
}

/** Loads the page and waits until the cards are there. */
export async function open(page: Page): Promise<void> {
  await page.goto(baseUrl ?? '');
  await card(page, label('Status_Title')).locator('[data-id="verdict"]').waitFor({ timeout: 30_000 });
}

/** Resets the in-memory org, plays a scenario when one is named, and loads the page. */
export async function openFresh(page: Page, scenario?: string): Promise<void> {
  await post('/api/preview/reset');
  if (scenario) await post(`/api/preview/scenario/${scenario}`);
  await open(page);
}

/** Opens the audit log and waits until its newest event holds every text (the action, then its details). */
export async function waitForNewestEvent(page: Page, ...texts: string[]): Promise<void> {
  const events = await showCard(page, 'Events_Title');
  let newest = events.locator('tbody tr').first();
  for (const text of texts) newest = newest.filter({ hasText: text });
  await newest.waitFor();
}

/** The status card's list item of one cause, by finding code. */
export function cause(page: Page, code: string): Locator {
  return card(page, label('Status_Title')).locator(`li[data-cause="${code}"]`);
}

/** The audit card's row of one requirement, by developer name. */
export function auditRow(page: Page, developerName: string): Locator {
  return card(page, label('Audit_Title')).locator(`tr[data-requirement="${developerName}"]`);
}

/**
 * Confirms the LightningConfirm dialog and waits for the result toast: the new one, as a toast with the same title
 * from the step before may still be showing.
 */
export async function confirmAndWaitForToast(page: Page, title: string): Promise<Locator> {
  const dialog = page.getByRole('alertdialog');
  await dialog.getByText(label('Repair_ConfirmTitle')).waitFor();
  // Toasts live in a page-level container (not in a component), so the page's world sees them all.
  await page
    .locator('.slds-notify_toast')
    .evaluateAll((shown) => shown.forEach((element) => element.setAttribute('data-e2e-seen', '')));
  await dialog.getByRole('button', { name: 'OK' }).click();
  const toast = page.locator('.slds-notify_toast:not([data-e2e-seen])').filter({ hasText: title });
  await toast.waitFor();
  return toast;
}

/** Toasts stack at the top of the page, over the header, as on the platform: close them as a user would. */
export async function dismissToasts(page: Page): Promise<void> {
  const close = page.locator('.slds-notify_toast').getByRole('button', { name: 'Close' });
  while ((await close.count()) > 0) await close.first().click();
}

/** What has focus, through shadow roots: its tag, data attributes of it and its row, and its text. */
export async function focused(page: Page): Promise<{ tag: string; data: Record<string, string>; text: string }> {
  return page.evaluate(() => {
    let element: Element | null = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    // A lightning-button host reports its inner <button>: describe the host.
    let host: Element | null = element;
    while (host && host.getRootNode() instanceof ShadowRoot && !(host as HTMLElement).dataset['id']) {
      const root = host.getRootNode() as ShadowRoot;
      if (!root.host.tagName.startsWith('LIGHTNING-')) break;
      host = root.host;
    }
    const target = (host ?? document.body) as HTMLElement;
    return {
      tag: target.tagName.toLowerCase(),
      data: { ...target.dataset } as Record<string, string>,
      text: (target.textContent ?? '').trim().slice(0, 200)
    };
  });
}

/** Waits (up to 5 s) until the focused control, through shadow roots, is the one with this data-id. */
export async function waitForFocus(page: Page, dataId: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  let id: string | undefined;
  while ((id = (await focused(page)).data['id']) !== dataId && Date.now() < deadline) await page.waitForTimeout(50);
  assert.equal(id, dataId, `focus is on ${id ?? 'no control'}, not on ${dataId}`);
}

export interface BrowserSetup {
  /** Preview endpoints to POST, in order, before the browser opens: '/api/preview/reset', a scenario. */
  setup?: string[];
  /** Preview endpoints to POST after the last test, before the browser closes (e.g. back to the admin scenario). */
  teardown?: string[];
  /** The first page's size (default 1280×900). */
  viewport?: { width: number; height: number };
}

/**
 * The browser block every E2E file shares: call it inside the file's describe. Before the first test it POSTs the
 * setup endpoints and opens a browser context (`openBrowser`), then calls `opened` (to keep `browser` and `page` in
 * the file's own variables, or to open more pages); after the last test it POSTs the teardown endpoints and closes
 * the context. The returned handle gives the same browser and page to files that prefer `ui.page`.
 */
export function withBrowser(
  options: BrowserSetup = {},
  opened?: (browser: Browser) => void | Promise<void>
): { readonly browser: Browser; readonly page: Page } {
  let browser: Browser | undefined;
  before(async () => {
    for (const path of options.setup ?? []) await post(path);
    browser = await openBrowser(options.viewport);
    await opened?.(browser);
  });
  after(async () => {
    try {
      for (const path of options.teardown ?? []) await post(path);
    } finally {
      await browser?.close();
    }
  });
  const current = (): Browser => {
    assert.ok(browser, 'the browser opens in withBrowser’s before hook: use it inside a test');
    return browser;
  };
  return {
    get browser() {
      return current();
    },
    get page() {
      return current().page;
    }
  };
}
