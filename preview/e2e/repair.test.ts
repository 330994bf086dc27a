/**
 * Fix in Chromium on the in-memory org: a fix from the status card, Fix all, a repair through a chain of permission
 * dependencies, a frozen connector user and the read-only view of the causes. Its own file (and org), so it runs in
 * parallel with the other files. Runs through preview/e2e/run.ts, which gives it its own preview server.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { screenshot } from './browser.ts';
import {
  auditRow,
  baseUrl,
  card,
  cause,
  confirmAndWaitForToast,
  label,
  labelPattern,
  openFresh,
  post,
  showCard,
  waitForNewestEvent,
  withBrowser
} from './page.ts';

describe('Fix and repair in Chromium', { skip: baseUrl ? false : 'run through preview/e2e/run.ts' }, () => {
  let page: Page;
  // The tests reset the org themselves (Fix all goes on from the first test's fix): no setup reset.
  const ui = withBrowser({}, (opened) => {
    page = opened.page;
  });

  test('run a fix action and the finding disappears', async () => {
    await openFresh(page);
    await cause(page, 'MISSING_ModifyAllData')
      .getByRole('button', { name: label('Status_Fix') })
      .click();
    const toast = await confirmAndWaitForToast(page, label('Repair_ToastDone'));
    await toast.getByText(/Connector_Integration_Access/).waitFor();
    // The page reloads itself: the cause is gone, and View All Data came along as its dependency.
    await cause(page, 'MISSING_ModifyAllData').waitFor({ state: 'detached' });
    await cause(page, 'MISSING_ViewAllData').waitFor({ state: 'detached' });
    // What is left is the job that still runs as the former connector user: the jobs card fixes that.
    await cause(page, 'JOB_ConnectorHealthCheck').waitFor();
    await showCard(page, 'Audit_Title');
    const modifyAll = auditRow(page, 'ModifyAllData');
    await modifyAll.getByText('Permission set: Connector Integration Access', { exact: true }).waitFor();
    assert.equal(await modifyAll.getAttribute('data-state'), 'Met');
    await waitForNewestEvent(page, 'Repair integration access');
    await screenshot(page, 'admin-home-after-fix');
  });

  test('Fix all grants the recommended rest, and a second run changes nothing and says so', async () => {
    const audit = await showCard(page, 'Audit_Title');
    await audit.getByRole('button', { name: label('Audit_FixAll') }).click();
    await confirmAndWaitForToast(page, label('Repair_ToastDone'));
    await cause(page, 'RECOMMENDED_MISSING').waitFor({ state: 'detached' });
    await audit.getByRole('button', { name: label('Audit_FixAll') }).waitFor({ state: 'detached' });
    assert.equal(await auditRow(page, 'PasswordNeverExpires').getAttribute('data-state'), 'Met');
    // API Only User is Conditional (it would block the browser authorization): Fix all leaves it alone.
    assert.equal(await auditRow(page, 'ApiUserOnly').getAttribute('data-state'), 'Missing');

    // A Conditional requirement is only granted when named; here it is not available at all: no Fix button.
    assert.equal(await auditRow(page, 'SetAuditFields').getByRole('button').count(), 0);
    const response = await fetch(new URL('/api/apex/AdminHomeController.repairIntegrationAccess', baseUrl), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ requirementName: null })
    });
    const body = (await response.json()) as { returnValue: { ok: boolean; changed: boolean; message: string } };
    assert.equal(body.returnValue.changed, false);
    assert.match(body.returnValue.message, labelPattern('Repair_NothingToChange', { 0: 'Connector Integration' }));
  });

  test('Fix on a user the package never repaired meets a chain of permission dependencies and succeeds', async () => {
    await openFresh(page, 'integration-permission-set-missing');
    const audit = await showCard(page, 'Audit_Title');
    assert.equal(await auditRow(page, 'ContactEdit').getAttribute('data-state'), 'Missing');
    await audit.getByRole('button', { name: label('Audit_FixAll') }).click();
    // The in-memory org refuses Modify All Data without View Setup and Configuration and Edit Tasks, then Contact
    // and Opportunity without Account's Read: the repair adds what each refusal names and saves again.
    const toast = await confirmAndWaitForToast(page, label('Repair_ToastDone'));
    await toast.getByText(/Edit Tasks, .*View Setup and Configuration/).waitFor();
    for (const name of ['ModifyAllData', 'ViewAllData', 'ContactEdit', 'OpportunityEdit', 'AccountEdit']) {
      const row = auditRow(page, name);
      await row.getByText('Permission set: Connector Integration Access', { exact: true }).waitFor();
      assert.equal(await row.getAttribute('data-state'), 'Met', name);
    }
    await screenshot(page, 'fix-with-permission-dependencies');
  });

  test('a frozen connector user turns the verdict to Disconnected, fixed in Setup', async () => {
    await openFresh(page, 'connector-user-frozen');
    const status = card(page, label('Status_Title'));
    await status.getByText(label('Status_Disconnected'), { exact: true }).waitFor();
    const frozen = cause(page, 'CONNECTOR_USER_FROZEN');
    assert.equal(await status.locator('li[data-cause]').first().getAttribute('data-cause'), 'CONNECTOR_USER_FROZEN');
    await frozen.getByText(labelPattern('Status_UserFrozen', { 0: 'Connector Integration' })).waitFor();
    assert.equal(
      await frozen.getByRole('button', { name: label('Status_Fix') }).count(),
      0,
      'only Setup can unfreeze a user'
    );
    const href = (await frozen.getByRole('link', { name: label('Status_OpenSetup') }).getAttribute('href')) ?? '';
    assert.match(href, /^\/lightning\/setup\/ManageUsers\/page\?address=%2F005\w{15}%3Fnoredirect%3D1$/);
    await showCard(page, 'Audit_Title');
    await card(page, label('Audit_Title')).getByText(label('Audit_Frozen'), { exact: true }).waitFor();
    await screenshot(page, 'admin-home-disconnected');
  });

  test('a user without Manage Connector sees the causes but no fix buttons', async () => {
    await openFresh(page, 'read-only-user');
    await cause(page, 'MISSING_ModifyAllData').waitFor();
    assert.equal(
      await card(page, label('Status_Title'))
        .getByRole('button', { name: label('Status_Fix') })
        .count(),
      0
    );
    await showCard(page, 'Audit_Title');
    assert.equal(
      await card(page, label('Audit_Title'))
        .getByRole('button', { name: label('Status_Fix') })
        .count(),
      0
    );
    await post('/api/preview/scenario/admin-user');
  });

  test('the page logged no errors', () => {
    assert.deepEqual(ui.browser.errors, []);
  });
});
