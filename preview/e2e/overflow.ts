/**
 * The layout check of the E2E: nothing in a card may stick out of it, be clipped or need a horizontal scroll.
 * A control pushed out of its card, a cut button label ("Revok"), a truncated column header ("R") or a table
 * wider than its card are each reported with the card's title and the element, so a failure says what to fix.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';

export interface Overflow {
  /** The card's title. */
  card: string;
  /** The element: tag, identifying attributes and its text. */
  element: string;
  problem: string;
}

const checkScript = readFileSync(join(import.meta.dirname, 'overflow-check.js'), 'utf8');

type CheckWindow = Window & { __previewCheckCard?: (card: Element) => Overflow[] };

/** Every card's overflows, in page order. */
export async function findOverflows(
  page: Page,
  cards: Locator = page.locator('article.slds-card')
): Promise<Overflow[]> {
  if (!(await page.evaluate(() => typeof (window as CheckWindow).__previewCheckCard === 'function'))) {
    await page.addScriptTag({ content: checkScript });
  }
  const found: Overflow[] = [];
  const count = await cards.count();
  for (let i = 0; i < count; i++) {
    found.push(...(await cards.nth(i).evaluate((card) => (window as CheckWindow).__previewCheckCard?.(card) ?? [])));
  }
  return found;
}

export function describeOverflows(overflows: Overflow[], width?: number): string {
  const at = width ? ` at ${width} px` : '';
  return overflows.map((o) => `${o.card}${at}: ${o.element} ${o.problem}`).join('\n');
}
