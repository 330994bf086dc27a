/**
 * Job commands in Chromium on the in-memory org: an admin (not the connector user) presses Restart all and the
 * job command trigger, running as the connector user, restarts every job as that user; with no trigger user
 * configured the restart is refused, nothing moves to the admin, and the status card says how to fix it.
 * Runs through preview/e2e/run.ts, which starts the server and sets PREVIEW_URL.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { screenshot } from './browser.ts';
import { baseUrl, label, filled, card, cause, jobRow, openFresh, showCard, withBrowser } from './page.ts';

async function restartAll(page: Page): Promise<void> {
  const jobs = await showCard(page, 'Jobs_Title');
  await jobs.getByRole('button', { name: label('Jobs_RestartAll') }).click();
  const dialog = page.getByRole('alertdialog');
  await dialog.getByText(/Connector health check \(Olivia Oldfield\)/).waitFor();
  await dialog.getByRole('button', { name: 'OK' }).click();
}

describe('Job commands in Chromium', { skip: baseUrl ? false : 'run through preview/e2e/run.ts' }, () => {
  let page: Page;

  withBrowser({}, (opened) => {
    page = opened.page;
  });

  test('restart all by an admin: every job runs as the connector user and the job findings disappear', async () => {
    await openFresh(page);
    await showCard(page, 'Jobs_Title');
    await card(page, label('Jobs_Title'))
      .getByText(filled('Jobs_RunnerLabel', label('Jobs_RunnerUnknown')))
      .waitFor();
    await cause(page, 'JOB_ConnectorHealthCheck').waitFor();

    // Set on this document: still there afterwards means the card followed the command without a reload.
    await page.evaluate(() => Object.assign(window, { noReloadMarker: true }));
    await restartAll(page);
    const jobs = card(page, label('Jobs_Title'));
    await jobs
      .locator('[data-id="command-status"]')
      .filter({ hasText: /^Done as Connector Integration/ })
      .waitFor();
    const results = jobs.locator('[data-id="command-job"]');
    for (const name of ['Connector health check', 'CSM sync']) {
      const result = results.filter({ hasText: name });
      await result.locator('[data-id="command-job-outcome"]').getByText(label('Events_OutcomeSuccess')).waitFor();
      await result.getByText(filled('Jobs_Restarted', name)).waitFor();
    }
    assert.equal(await results.count(), 2, 'one result per job');
    assert.equal(
      await page.evaluate(() => (window as unknown as { noReloadMarker?: boolean }).noReloadMarker),
      true,
      'the page was not reloaded'
    );
    await jobs.getByText(filled('Jobs_RunnerLabel', 'Connector Integration'), { exact: true }).waitFor();
    for (const name of ['Connector health check', 'CSM sync']) {
      await jobRow(page, name).filter({ hasText: 'Connector Integration' }).waitFor();
      assert.equal(await jobRow(page, name).getByText('Ada Admin').count(), 0, `${name} does not run as the admin`);
    }
    await cause(page, 'JOB_ConnectorHealthCheck').waitFor({ state: 'detached' });
    assert.equal(await cause(page, 'JOB_RUNNER').count(), 0, 'the trigger runs as the connector user');
    await screenshot(jobs, 'jobs-after-restart-all-by-admin');

    const events = await showCard(page, 'Events_Title');
    await events.getByRole('combobox', { name: label('Events_FilterLabel') }).selectOption('Restart all jobs');
    const rows = events.locator('tbody tr');
    await rows.filter({ hasText: 'CSM sync' }).waitFor();
    const audited = (await rows.allTextContents()).join('\n');
    assert.equal(await rows.count(), 2, `one audit entry per job, found: ${audited}`);
    for (const name of ['Connector health check', 'CSM sync']) {
      assert.equal(await rows.filter({ hasText: name }).count(), 1, `${name} is audited once`);
    }
  });

  test('with no trigger user configured: a Required finding with its fix, and nothing rescheduled as the admin', async () => {
    await openFresh(page, 'job-runner-not-configured');

    await restartAll(page);
    const jobs = await showCard(page, 'Jobs_Title');
    await jobs
      .locator('[data-id="command-status"]')
      .filter({ hasText: /^Failed as Automated Process/ })
      .waitFor();
    const finding = cause(page, 'JOB_RUNNER');
    await finding.getByText(filled('Status_JobRunnerWrong', 'Automated Process')).waitFor();
    await finding.getByText(label('Status_FixJobRunner')).waitFor();
    await jobRow(page, 'Connector health check').filter({ hasText: 'Olivia Oldfield' }).waitFor();
    await jobRow(page, 'CSM sync').filter({ hasText: 'Connector Integration' }).waitFor();
    assert.equal(await jobs.getByRole('row').filter({ hasText: 'Ada Admin' }).count(), 0, 'no job runs as the admin');
    await screenshot(card(page, label('Status_Title')), 'status-job-runner-not-configured');
  });
});
