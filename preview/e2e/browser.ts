import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  chromium,
  type Browser as PlaywrightBrowser,
  type BrowserContext,
  type BrowserServer,
  type Locator,
  type Page
} from 'playwright-core';
import { projectRoot } from '../lib/paths.ts';

/** Debian's Chromium; playwright-core never downloads a browser. */
export const CHROMIUM = process.env['PREVIEW_CHROMIUM'] ?? '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic'
];

export const screenshotDir = join(projectRoot, 'test-results/screenshots');

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught page errors seen so far, on every page of the context. */
  errors: string[];
  /** Another page in the same context (same cookies), e.g. at another width. */
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
  close(): Promise<void>;
}

export const DEFAULT_VIEWPORT = { width: 1280, height: 900 };

/**
 * How long a step may wait (locators, navigation). Generous: files run in parallel on a shared machine, where a
 * page load can take seconds; a passing step never waits for it. PREVIEW_E2E_TIMEOUT_MS to change.
 */
export const STEP_TIMEOUT_MS = Number(process.env['PREVIEW_E2E_TIMEOUT_MS'] ?? 30_000);

/** The E2E runner's Chromium, shared by every test file (`PREVIEW_BROWSER_WS`). */
export const sharedBrowserEndpoint = process.env['PREVIEW_BROWSER_WS'];

/** Starts Chromium for several test files to connect to (the E2E runner does, once). */
export async function launchBrowserServer(): Promise<BrowserServer> {
  assertChromium();
  return chromium.launchServer({ executablePath: CHROMIUM, headless: true, args: ARGS });
}

function assertChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: install it with apt-get install -y chromium (or set PREVIEW_CHROMIUM)`);
  }
}

/**
 * A fresh browser context (its own cookies and storage) with one page, 1280×900 unless told. Under the E2E
 * runner it lives in the shared Chromium; a test file run on its own launches one.
 */
export async function openBrowser(viewport = DEFAULT_VIEWPORT): Promise<Browser> {
  let browser: PlaywrightBrowser;
  if (sharedBrowserEndpoint) {
    browser = await chromium.connect(sharedBrowserEndpoint);
  } else {
    assertChromium();
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  }
  const context = await browser.newContext({ viewport });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  const errors: string[] = [];
  const watch = (page: Page) => {
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  };
  const page = await context.newPage();
  watch(page);
  return {
    context,
    page,
    errors,
    newPage: async (size = viewport) => {
      const another = await context.newPage();
      watch(another);
      await another.setViewportSize(size);
      return another;
    },
    // Connected: closes this file's context and disconnects, the shared Chromium stays. Launched: closes it.
    close: async () => {
      await context.close();
      await browser.close();
    }
  };
}

/** Saves a PNG under test-results/screenshots/; `fullPage` takes a page's whole height, not just the viewport. */
export async function screenshot(
  target: Page | Locator,
  name: string,
  options: { fullPage?: boolean } = {}
): Promise<string> {
  await mkdir(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  await target.screenshot({ path, animations: 'disabled', ...(options.fullPage ? { fullPage: true } : {}) });
  return path;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/** axe-core over the whole page; returns the violations of the given impacts. */
export async function axeViolations(page: Page, impacts: string[] = ['serious', 'critical']): Promise<AxeViolation[]> {
  const source = readFileSync(join(projectRoot, 'node_modules/axe-core/axe.min.js'), 'utf8');
  await page.addScriptTag({ content: source });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<unknown> } }).axe;
    const result = (await axe.run(document, { resultTypes: ['violations'] })) as { violations: AxeViolation[] };
    return result.violations;
  });
  return violations.filter((v) => v.impact !== null && impacts.includes(v.impact));
}

export function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${JSON.stringify(n.target)}`).join('\n')}`)
    .join('\n');
}
