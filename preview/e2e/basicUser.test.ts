/**
 * Admin Home for a Connector Basic User who cannot read Account (scenario basic-user): the page loads, and the CSM
 * card says why it is empty (AdminHomeController reads each section on its own). Runs through preview/e2e/run.ts.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { formatApex } from '../../scripts/lib/message-format.ts';
import { axeViolations, describeViolations, screenshot, type Browser } from './browser.ts';
import { baseUrl, label, showSection, withBrowser } from './page.ts';

describe(
  'Admin Home as a basic user without Account access',
  { skip: baseUrl ? false : 'run through preview/e2e/run.ts' },
  () => {
    let browser: Browser;
    let page: Page;

    withBrowser(
      {
        setup: ['/api/preview/reset', '/api/preview/scenario/basic-user'],
        teardown: ['/api/preview/scenario/admin-user']
      },
      (opened) => {
        browser = opened;
        page = opened.page;
      }
    );

    test('the page loads and the CSM card says which data the user cannot read', async () => {
      await page.goto(baseUrl ?? '');
      await page.getByRole('heading', { level: 1, name: label('AdminHome_Title') }).waitFor();
      await showSection(page, 'AdminHome_SectionCsm');
      const reason = page.locator('[data-unreadable="csm"]');
      await reason.waitFor();
      assert.equal(
        (await reason.textContent())?.trim(),
        formatApex(label('AdminHome_SectionUnreadable'), [label('Csm_Title'), 'Account (Name)'])
      );
      assert.match((await reason.textContent()) ?? '', /can't be shown: you can't read Account/, 'apostrophes kept');
      await page.getByText(label('AdminHome_ReadOnly')).waitFor();
      const sectionOf: Record<string, string> = {
        Status_Title: 'AdminHome_SectionCsm',
        Audit_Title: 'AdminHome_SectionUser',
        Jobs_Title: 'AdminHome_SectionJobs',
        Events_Title: 'AdminHome_SectionAudit'
      };
      for (const title of ['Status_Title', 'Audit_Title', 'Jobs_Title', 'Events_Title']) {
        await showSection(page, sectionOf[title] ?? 'AdminHome_SectionOverview');
        await page
          .getByRole('heading', { name: label(title), exact: true })
          .first()
          .waitFor();
      }
      assert.equal(await page.getByRole('heading', { name: label('Csm_Title'), exact: true }).count(), 0);
      // Sections visited keep their content: every section has been opened, and only the CSM card is unreadable.
      for (const section of ['Overview', 'Connection', 'Settings'])
        await showSection(page, `AdminHome_Section${section}`);
      assert.equal(await page.locator('[data-unreadable]').count(), 1, 'only the CSM card is unreadable');
      await showSection(page, 'AdminHome_SectionCsm');
      await screenshot(page, 'admin-home-basic-user');
    });

    test('has no serious or critical accessibility violations (axe-core)', async () => {
      const violations = await axeViolations(page);
      assert.equal(violations.length, 0, describeViolations(violations));
    });

    test('the page logged no errors', () => {
      assert.deepEqual(browser.errors, []);
    });
  }
);
