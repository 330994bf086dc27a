/**
 * Admin Home's layout from 1024 px to wide screens: in every card nothing sticks out, is cut or needs a sideways
 * scroll. Both widths load in parallel pages of one browser context. Runs through preview/e2e/run.ts.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { screenshot, type Browser } from './browser.ts';
import { describeOverflows, findOverflows } from './overflow.ts';
import { seedIds } from '../org/seed.ts';
import { baseUrl, label, open, post, showCard, showSection, withBrowser } from './page.ts';

const WIDTHS = [1024, 1440];
/** Admin Home's sections (tabs), each checked and photographed on its own: a hidden tab's cards have no layout. */
const SECTIONS = [
  'AdminHome_SectionOverview',
  'AdminHome_SectionUser',
  'AdminHome_SectionConnection',
  'AdminHome_SectionJobs',
  'AdminHome_SectionCsm',
  'AdminHome_SectionSettings',
  'AdminHome_SectionAudit'
];

/** An Apex method through the preview's Aura face, as the page calls it. */
async function apex(method: string, params: Record<string, unknown>): Promise<void> {
  const response = await fetch(new URL(`/api/apex/${method}`, baseUrl), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(params)
  });
  assert.equal(response.status, 200, await response.text());
}

function slug(title: string): string {
  return title
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

describe('Admin Home layout at 1024 and 1440 px', { skip: baseUrl ? false : 'run through preview/e2e/run.ts' }, () => {
  let browser: Browser;
  const pages = new Map<number, Page>();

  withBrowser(
    { setup: ['/api/preview/reset'], viewport: { width: WIDTHS[0] ?? 1024, height: 900 } },
    async (opened) => {
      browser = opened;
      pages.set(WIDTHS[0] ?? 1024, browser.page);
      for (const width of WIDTHS.slice(1)) {
        const page = await browser.newPage({ width, height: 900 });
        pages.set(width, page);
      }
      await Promise.all([...pages.values()].map(open));
    }
  );

  for (const width of WIDTHS) {
    test(`at ${width} px no card of any section has an element that sticks out, is cut or scrolls sideways`, async () => {
      const page = pages.get(width);
      assert.ok(page);
      const found: string[] = [];
      let cardsSeen = 0;
      for (const section of SECTIONS) {
        await showSection(page, section);
        const visible = page.locator('article.slds-card:visible');
        const cards = await visible.count();
        cardsSeen += cards;
        const overflows = await findOverflows(page);
        await screenshot(page, `section-${width}-${slug(label(section))}`, { fullPage: true });
        if (overflows.length) found.push(`${label(section)}:\n${describeOverflows(overflows, width)}`);
      }
      assert.ok(cardsSeen >= 9, `expected every card of Admin Home across the sections, found ${cardsSeen}`);
      assert.equal(found.length, 0, `\n${found.join('\n')}`);
    });
  }

  test('the check names an element that a too-wide column pushes out of its card', async () => {
    const page = pages.get(WIDTHS[0] ?? 1024);
    assert.ok(page);
    const tokens = await showCard(page, 'Tokens_Title');
    assert.deepEqual(await findOverflows(page, tokens), [], 'the OAuth usage card fits before the change');
    // A column no card can hold: the first column of the OAuth usage table at 1,600 px.
    const style = await page.addStyleTag({
      content: 'article.slds-card table[data-id="tokens"] thead th:first-child { width: 1600px !important; }'
    });
    try {
      const overflows = await findOverflows(page);
      const report = describeOverflows(overflows);
      assert.ok(overflows.length > 0, 'a 1,600 px column in a 1,024 px page must be reported');
      assert.ok(
        overflows.every((o) => o.card === label('Tokens_Title')),
        `only the card with the wide column is reported: ${report}`
      );
      assert.match(report, /sticks out of the card: \d+ px past the right edge/);
      assert.match(report, /table\[data-id="tokens"\]/, 'the element is named');
    } finally {
      await style.evaluate((element) => (element as Element).remove());
    }
    assert.deepEqual(await findOverflows(page, tokens), [], 'clean again without the style');
  });

  test('the guided first-run setup fits at 1024 and 1440 px, its longest step (what Fix grants) too', async () => {
    await post('/api/preview/scenario/first-run');
    const found: string[] = [];
    const check = async (step: string) => {
      for (const [width, page] of pages) {
        // Admin Home without a section in the URL: a named section lands past the guided setup.
        await page.goto(baseUrl ?? '');
        await page
          .locator(`c-first-run-setup li[data-step="${step}"][data-state="Current"]`)
          .waitFor({ timeout: 30_000 });
        const overflows = await findOverflows(page);
        await screenshot(page, `layout-${width}-first-run-${step}`, { fullPage: true });
        if (overflows.length) found.push(`first run, step ${step}:\n${describeOverflows(overflows, width)}`);
      }
    };
    await check('user');
    // The admin chose the connector user: the access step lists every missing permission.
    await apex('AdminHomeController.connectUser', { userId: seedIds.connector });
    await check('access');
    assert.equal(found.length, 0, `\n${found.join('\n')}`);
  });

  test('the page logged no errors', () => {
    assert.deepEqual(browser.errors, []);
  });
});
