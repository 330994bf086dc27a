/** What every E2E file needs to talk about the page: its labels, its cards, and the preview's own endpoints. */
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { readCustomLabels } from '../org/metadata.ts';

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
