/**
 * Admin Home in Chromium on the in-memory org: the real force-app components, compiled by the preview.
 * Runs through preview/e2e/run.ts, which starts the server and sets PREVIEW_URL.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { readRequirements } from '../org/metadata.ts';
import { seedIds } from '../org/seed.ts';
import { STATUS_CODE_OLD_USER } from '../org/status.ts';
import { axeViolations, describeViolations, screenshot } from './browser.ts';
import {
  auditRow,
  baseUrl,
  card,
  cause,
  jobRow,
  label,
  labelPattern,
  open,
  openFresh,
  post,
  showCard,
  showSection,
  waitForNewestEvent,
  withBrowser
} from './page.ts';

function secretItem(page: Page, secretLabel: string): Locator {
  return card(page, label('Settings_Title')).getByRole('listitem').filter({ hasText: secretLabel });
}

/** Opens the row's action menu and picks an action. */
async function rowAction(page: Page, row: Locator, actionLabel: string): Promise<void> {
  await row.getByRole('button').last().click();
  await page.getByRole('menuitem', { name: actionLabel }).click();
}

/** The toast whose text matches. */
function toast(page: Page, text: string | RegExp): Locator {
  return page.locator('.slds-notify_toast').filter({ hasText: text });
}

describe('Admin Home in Chromium', { skip: baseUrl ? false : 'run through preview/e2e/run.ts' }, () => {
  let page: Page;
  const ui = withBrowser({ setup: ['/api/preview/reset'] }, (opened) => {
    page = opened.page;
  });

  test('loads Admin Home from the in-memory org', async () => {
    await open(page);
    await page.getByRole('heading', { level: 1, name: label('AdminHome_Title') }).waitFor();
    await page.getByText(labelPattern('AdminHome_UpdatedAt')).waitFor();
    assert.equal(await page.getByText(label('AdminHome_ReadOnly')).count(), 0, 'Ada Admin can manage');
  });

  test('shows the settings card, secrets only as set or not set', async () => {
    const settings = await showCard(page, 'Settings_Title');
    await settings.getByText('Connector Platform', { exact: true }).waitFor();
    await settings.getByText('https://eu1.platform.example.com', { exact: true }).waitFor();
    await secretItem(page, label('Settings_ClientSecret'))
      .filter({ hasText: labelPattern('Settings_SecretSet', { 1: 'Ada Admin' }) })
      .waitFor();
    await secretItem(page, label('Settings_ApiKey'))
      .filter({ hasText: label('Settings_SecretNotSet') })
      .waitFor();
    assert.ok(!(await page.content()).includes('preview-client-secret-never-shown'), 'a secret value reached the page');
  });

  test('audits the connector user against every ConnectorRequirement record, grouped by kind', async () => {
    const requirements = readRequirements();
    await showSection(page, 'AdminHome_SectionUser');
    const audit = card(page, label('Audit_Title'));
    // The audit opens on what is missing; Show all lists every requirement.
    const rows = audit.locator('tbody tr');
    assert.ok((await rows.count()) < requirements.length, 'met requirements are hidden at first');
    await audit.locator('[data-id="show-all"]').getByText(label('Audit_ShowAll')).click();
    await rows.nth(requirements.length - 1).waitFor();
    assert.equal(await rows.count(), requirements.length);
    // One locator per row: allTextContents() queries from the page's world, where synthetic shadow hides
    // slotted component content.
    for (const requirement of requirements) {
      const shown = (await auditRow(page, requirement.developerName).getByRole('rowheader').textContent()) ?? '';
      assert.ok(shown.includes(requirement.label), `"${requirement.label}" should be audited, found "${shown}"`);
    }
    const apiEnabled = auditRow(page, 'ApiEnabled');
    await apiEnabled.getByText(label('Requirements_SeverityRequired'), { exact: true }).waitFor();
    // API Enabled comes from a permission set, not from the profile: the audit says which one.
    await apiEnabled.getByText('Permission set: API Enabled Access', { exact: true }).waitFor();
    assert.equal(await apiEnabled.getAttribute('data-state'), 'Met');
    // Set Audit Fields is not enabled in this org: reported, not a crash, with the Setup page that enables it.
    const setAuditFields = auditRow(page, 'SetAuditFields');
    assert.equal(await setAuditFields.getAttribute('data-state'), 'NotAvailable');
    await setAuditFields.getByText(labelPattern('Audit_OnlyIf', { 0: 'Wrap-up used' })).waitFor();
    assert.equal(
      await setAuditFields.getByRole('link', { name: label('Status_OpenSetup') }).getAttribute('href'),
      '/lightning/setup/UserInterfaceUI/home'
    );
  });

  test('verdict shows Needs attention with its causes, most severe first', async () => {
    const status = card(page, label('Status_Title'));
    await status.getByText(label('Status_NeedsAttention'), { exact: true }).waitFor();
    const codes: string[] = [];
    const items = status.locator('li[data-cause]');
    for (let i = 0; i < (await items.count()); i++) codes.push((await items.nth(i).getAttribute('data-cause')) ?? '');
    // Missing permissions, then the former connector user still authorized and the job still running as that user,
    // then the recommendations.
    const oldUser = `${STATUS_CODE_OLD_USER}${seedIds.oldConnector}`;
    assert.deepEqual(codes.slice(0, 4), [
      'MISSING_ModifyAllData',
      'MISSING_ViewAllData',
      oldUser,
      'JOB_ConnectorHealthCheck'
    ]);
    assert.equal(codes.at(-1), 'RECOMMENDED_MISSING');
    for (const code of [oldUser, 'JOB_ConnectorHealthCheck']) {
      await cause(page, code)
        .getByText(/Olivia Oldfield/)
        .first()
        .waitFor();
      // Fixed in the OAuth usage and jobs cards: the status card offers no Fix it cannot run, only the way there.
      assert.equal(
        await cause(page, code)
          .getByRole('button', { name: label('Status_Fix') })
          .count(),
        0,
        code
      );
    }
    const modifyAll = cause(page, 'MISSING_ModifyAllData');
    await modifyAll.getByText(labelPattern('Status_RequirementMissing', { 0: 'Modify All Data' })).waitFor();
    await modifyAll.getByRole('button', { name: label('Status_Fix') }).waitFor();
    assert.equal(
      await modifyAll.getByRole('link', { name: label('Status_OpenSetup') }).getAttribute('href'),
      '/lightning/setup/PermSets/home'
    );
    await screenshot(card(page, label('Status_Title')), 'status-needs-attention');
  });

  test('saves a screenshot of every section and of every card', async () => {
    await screenshot(page, 'admin-home');
    const slugOf = (text: string) =>
      text
        .trim()
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '');
    const sections = ['Overview', 'User', 'Connection', 'Jobs', 'Csm', 'Settings', 'Audit'];
    let total = 0;
    for (const section of sections) {
      await showSection(page, `AdminHome_Section${section}`);
      await screenshot(page, `section-${slugOf(label(`AdminHome_Section${section}`))}`);
      const cards = page.locator('article.slds-card:visible');
      const count = await cards.count();
      assert.ok(count >= 2, `${section}: expected the status card and the section's cards, found ${count}`);
      total += count - 1;
      for (let i = 0; i < count; i++) {
        const item = cards.nth(i);
        const title = (await item.locator('.slds-card__header-title').first().textContent()) ?? `card-${i + 1}`;
        await screenshot(item, `card-${slugOf(title)}`);
      }
    }
    assert.ok(total >= 8, `every section shows its cards, found ${total}`);
    await showSection(page, 'AdminHome_SectionOverview');
  });

  test('has no serious or critical accessibility violations (axe-core)', async () => {
    const violations = await axeViolations(page);
    assert.equal(violations.length, 0, describeViolations(violations));
  });

  test('Refresh loads what changed in the org since the page opened', async () => {
    await post('/api/preview/scenario/api-key-set-elsewhere');
    await showCard(page, 'Settings_Title');
    const apiKey = secretItem(page, label('Settings_ApiKey'));
    assert.match((await apiKey.textContent()) ?? '', new RegExp(label('Settings_SecretNotSet')), 'no refresh yet');

    const reloaded = page.waitForResponse((r) => r.url().endsWith('/api/apex/AdminHomeController.getAdminHome'), {
      timeout: 30_000
    });
    await page.getByRole('button', { name: label('AdminHome_Refresh') }).click();
    assert.equal((await reloaded).status(), 200);
    await apiKey.filter({ hasText: labelPattern('Settings_SecretSet', { 1: 'Ada Admin' }) }).waitFor();

    await waitForNewestEvent(page, 'Set secret', 'apiKey');
    assert.ok(!(await page.content()).includes('preview-api-key-never-shown'), 'a secret value reached the page');
    await screenshot(page, 'admin-home-after-refresh');
  });

  test('a failed refresh shows the server message and keeps the cards', async () => {
    const message = 'Requirement definitions are unavailable';
    await post('/api/preview/fail-next/AdminHomeController.getAdminHome', { message });
    await page.getByRole('button', { name: label('AdminHome_Refresh') }).click();
    const alert = page.getByRole('alert').filter({ hasText: label('AdminHome_LoadError') });
    await alert.filter({ hasText: message }).waitFor();
    await showCard(page, 'Settings_Title');
    await card(page, label('Settings_Title')).waitFor();
    await screenshot(page, 'admin-home-load-error');

    await page.getByRole('button', { name: label('AdminHome_Refresh') }).click();
    await alert.waitFor({ state: 'detached' });
  });

  test('a user without Manage Connector sees the read-only notice', async () => {
    await post('/api/preview/scenario/read-only-user');
    await open(page);
    await page.getByText(label('AdminHome_ReadOnly')).waitFor();
    await screenshot(page, 'admin-home-read-only');
    await post('/api/preview/scenario/admin-user');
    await open(page);
    assert.equal(await page.getByText(label('AdminHome_ReadOnly')).count(), 0);
  });

  test('CSM sync: choose the Account email field and turn the daily sync on', async () => {
    const csm = await showCard(page, 'Csm_Title');
    await csm.scrollIntoViewIfNeeded();
    await csm.getByText(label('Csm_NoRun')).waitFor();
    await csm.getByRole('combobox', { name: label('Csm_EmailField') }).click();
    const options = csm.getByRole('option');
    await options.first().waitFor();
    assert.equal(await csm.getByRole('option', { name: /Annual Revenue|Legal Contact Email/ }).count(), 0);
    await csm.getByRole('option', { name: 'CSM Email (CSM_Email__c)' }).click();
    await csm.locator('[data-id="enabled"] input[type="checkbox"]').check({ force: true });
    await csm.getByRole('button', { name: label('Csm_Save'), exact: true }).click();
    await page
      .locator('.slds-notify_toast')
      .filter({ hasText: label('Csm_MessageSettingsSaved') })
      .waitFor();
    await waitForNewestEvent(page, 'Save CSM sync settings');
  });

  test('CSM sync: a dry run lists what a run would do, writing nothing', async () => {
    const csm = await showCard(page, 'Csm_Title');
    await csm.getByRole('button', { name: label('Csm_DryRun'), exact: true }).click();
    const rows = csm.getByRole('table').locator('tbody tr');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 7, 'seven accounts to report on');
    const expected: [string, string][] = [
      ['Acme Corporation', label('Csm_ActionCreate')],
      ['Contoso Ltd', label('Csm_ActionUpdate')],
      ['Globex Corporation', label('Csm_ActionKeepManual')],
      ['Vandelay Industries', label('Csm_ActionUnmatched')],
      ['Initech', label('Csm_ActionClear')]
    ];
    for (const [account, action] of expected) {
      await rows.filter({ hasText: account }).filter({ hasText: action }).waitFor();
    }
    await csm.getByText(label('Csm_NoRun')).waitFor();
    await showCard(page, 'Csm_Title');
    await screenshot(csm, 'csm-dry-run');
  });

  test('CSM sync: Run now asks first, follows the batch and shows the report', async () => {
    const csm = await showCard(page, 'Csm_Title');
    await csm.getByRole('button', { name: label('Csm_RunNow'), exact: true }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.filter({ hasText: label('Csm_ConfirmRunTitle') }).waitFor();
    await dialog.getByRole('button', { name: 'OK' }).click();
    await page
      .locator('.slds-notify_toast')
      .filter({ hasText: label('Csm_RunFinished') })
      .waitFor();
    const report = csm.locator('[data-id="last-run"]');
    await report.getByText(labelPattern('Csm_RunMeta', { 1: label('Csm_StatusCompleted') })).waitFor();
    assert.equal(await report.locator('[data-count="created"]').textContent(), '1');
    assert.equal(await report.locator('[data-count="unmatched"]').textContent(), '2');
    await report.getByText('j.doe@old-domain.example').waitFor();
    await report.getByText('linus.left@acme.example').waitFor();
    await screenshot(csm, 'csm-after-run');
    await showCard(page, 'Events_Title');
    const events = card(page, label('Events_Title')).locator('tbody tr');
    await events.first().filter({ hasText: 'Finish CSM sync' }).waitFor();
  });

  test('CSM sync: set a CSM by hand, then return it to the sync', async () => {
    const csm = await showCard(page, 'Csm_Title');
    await csm.getByRole('searchbox', { name: label('Csm_SearchAccount') }).fill('acme');
    await csm.getByRole('button', { name: 'Acme Corporation' }).click();
    await csm.getByRole('searchbox', { name: label('Csm_SearchUser') }).fill('alan');
    await csm.getByRole('button', { name: /Alan Turing/ }).click();
    await csm.getByRole('button', { name: label('Csm_SetManual'), exact: true }).click();
    await page
      .locator('.slds-notify_toast')
      .filter({ hasText: labelPattern('Csm_MessageManualSet', { 0: 'Acme Corporation', 1: 'Alan Turing' }) })
      .waitFor();
    const manual = csm.locator('[data-id="manual-list"] li').filter({ hasText: 'Acme Corporation' });
    await manual.filter({ hasText: 'Alan Turing' }).waitFor();
    assert.equal((await axeViolations(page)).length, 0, 'the card stays accessible with search results');

    await manual.getByRole('button', { name: label('Csm_ReturnToSync') }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByRole('button', { name: 'OK' }).click();
    await page
      .locator('.slds-notify_toast')
      .filter({ hasText: label('Csm_MessageReturnedSynced') })
      .waitFor();
    await manual.waitFor({ state: 'detached' });
    await showCard(page, 'Csm_Title');
    await screenshot(csm, 'csm-manual-override');
  });

  test('stop a job and start it: no wait, the schedule comes back from its definition', async () => {
    const jobs = await showCard(page, 'Jobs_Title');
    const healthCheck = jobRow(page, 'Connector health check');
    await healthCheck
      .filter({ hasText: label('Jobs_StateWaiting') })
      .filter({ hasText: 'Olivia Oldfield' })
      .waitFor();
    await healthCheck.getByText(labelPattern('Jobs_WarningNotConnectorUser', { 0: 'Olivia Oldfield' })).waitFor();

    await rowAction(page, healthCheck, label('Jobs_ActionStop'));
    await toast(page, labelPattern('Jobs_Stopped', { 0: 'Connector health check' })).waitFor();
    await healthCheck.filter({ hasText: label('Jobs_StateNotScheduled') }).waitFor();
    await healthCheck.filter({ hasText: '0 0 * * * ?' }).waitFor();
    await showCard(page, 'Jobs_Title');
    await screenshot(jobs, 'jobs-after-stop');

    await rowAction(page, healthCheck, label('Jobs_ActionStart'));
    await toast(page, labelPattern('Jobs_Started', { 0: 'Connector health check' })).waitFor();
    // Ada asked; the job command trigger started it as the connector user.
    await healthCheck
      .filter({ hasText: label('Jobs_StateWaiting') })
      .filter({ hasText: 'Connector Integration' })
      .waitFor();
    await screenshot(jobs, 'jobs-after-start');
    await waitForNewestEvent(page, 'Start job', 'Connector health check');
  });

  test('restart all asks first; Cancel changes nothing', async () => {
    let called = false;
    const listener = (request: { url(): string }) => {
      if (request.url().endsWith('/api/apex/AdminHomeController.restartAllJobs')) called = true;
    };
    page.on('request', listener);
    await showCard(page, 'Jobs_Title');
    await card(page, label('Jobs_Title'))
      .getByRole('button', { name: label('Jobs_RestartAll') })
      .click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByText(labelPattern('Jobs_ConfirmRestartAs', { 0: 'Connector Integration' })).waitFor();
    await screenshot(page, 'jobs-restart-confirm');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    page.off('request', listener);
    assert.equal(called, false, 'Cancel must not call restartAllJobs');
  });

  test('restart all as the connector user: every scheduled job runs as it, in one step', async () => {
    await openFresh(page, 'connector-user');
    await showCard(page, 'Jobs_Title');
    const healthCheck = jobRow(page, 'Connector health check');
    await healthCheck.filter({ hasText: 'Olivia Oldfield' }).waitFor();

    await card(page, label('Jobs_Title'))
      .getByRole('button', { name: label('Jobs_RestartAll') })
      .click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'OK' }).click();
    // The followed command reports one result per job (its audit entries), in the toast and under the status.
    await toast(page, labelPattern('Jobs_Restarted', { 0: 'CSM sync' })).waitFor();
    const results = card(page, label('Jobs_Title')).locator('[data-id="command-job"]');
    for (const name of ['Connector health check', 'CSM sync']) {
      await results.filter({ hasText: labelPattern('Jobs_Restarted', { 0: name }) }).waitFor();
    }
    await healthCheck.filter({ hasText: 'Connector Integration' }).waitFor();
    assert.equal(
      await healthCheck.getByText(labelPattern('Jobs_WarningNotConnectorUser')).count(),
      0,
      'the warning is gone once the job runs as the connector user'
    );
    // The job scheduled outside the definitions is left alone and still flagged.
    await jobRow(page, 'Health check (old schedule)').getByText(label('Jobs_StateUnmanaged')).waitFor();
    await showCard(page, 'Jobs_Title');
    await screenshot(card(page, label('Jobs_Title')), 'jobs-after-restart-all');
  });

  test('stopping a job outside the definitions asks first, then removes it', async () => {
    await showCard(page, 'Jobs_Title');
    const unmanaged = jobRow(page, 'Health check (old schedule)');
    await rowAction(page, unmanaged, label('Jobs_ActionStop'));
    const dialog = page.getByRole('alertdialog');
    await dialog.getByText(labelPattern('Jobs_ConfirmStopMessage', { 1: '0 30 * * * ?' })).waitFor();
    await dialog.getByRole('button', { name: 'OK' }).click();
    await toast(page, labelPattern('Jobs_StoppedUnmanaged', { 0: 'Health check (old schedule)' })).waitFor();
    await unmanaged.waitFor({ state: 'detached' });
    await post('/api/preview/scenario/admin-user');
  });

  test('a failed job action shows the server message in an error toast', async () => {
    const message = 'The scheduler is unavailable';
    await post('/api/preview/fail-next/AdminHomeController.stopJob', { message });
    await showCard(page, 'Jobs_Title');
    await rowAction(page, jobRow(page, 'Connector health check'), label('Jobs_ActionStop'));
    await toast(page, message)
      .filter({ hasText: label('Jobs_ToastFailed') })
      .waitFor();
    await screenshot(page, 'jobs-action-failed');
  });

  test("the Connection checklist and the audit log show dates in one format, the user's locale", async () => {
    // A date's shape: numbers and month names vary, the format does not ("Nov 23, 2025, 1:58 PM" → "Mon 9, 9, 9:9 XM").
    const dateIn = (text: string) =>
      /[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}\s[AP]M|\d{1,2}\/\d{1,2}\/\d{2,4},? \d{1,2}:\d{2}\s[AP]M/.exec(
        text
      )?.[0];
    const shape = (date: string) =>
      date
        .replace(/[A-Z][a-z]{2}/, 'Mon')
        .replace(/\d+/g, '9')
        .replace(/[AP]M/, 'XM');
    const connection = await showCard(page, 'Connection_Title');
    const step = await connection.locator('li[data-step="authorized"] [data-id="detail"]').textContent();
    const stepDate = dateIn(step ?? '');
    assert.ok(stepDate, `a date in the checklist step: ${step}`);
    const events = await showCard(page, 'Events_Title');
    const when = (await events.locator('[data-id="when"]').first().textContent())?.trim() ?? '';
    assert.ok(dateIn(when), `a date in the audit log: ${when}`);
    assert.equal(shape(stepDate), shape(when), `"${stepDate}" and "${when}" in one format`);
    assert.equal(shape(when), 'Mon 9, 9, 9:9 XM', "the user's locale (en-US), medium date and short time");
  });

  test('the page logged no errors', () => {
    assert.deepEqual(ui.browser.errors, []);
  });
});
