/**
 * "Before the connector breaks" in Chromium on the in-memory org: a sandbox copied from production, a connector user
 * near the connected app's approval limit, an Integration-license connector user, and the alert channels of the
 * settings form. Its own file (and org); runs through preview/e2e/run.ts, which gives it its own preview server.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { screenshot } from './browser.ts';
import { baseUrl, card, cause, filled, label, labelPattern, open, openFresh, showCard, withBrowser } from './page.ts';

/** Waits for a status cause that says this message and offers this fix; returns the cause. */
async function causeShows(page: Page, code: string, message: string | RegExp, fix: string): Promise<Locator> {
  const shown = cause(page, code);
  await shown.locator('[data-id="message"]').getByText(message, { exact: true }).waitFor();
  await shown.locator('[data-id="fix"]').getByText(fix, { exact: true }).waitFor();
  return shown;
}

describe(
  'Before the connector breaks, in Chromium',
  { skip: baseUrl ? false : 'run through preview/e2e/run.ts' },
  () => {
    let page: Page;

    withBrowser({}, (opened) => {
      page = opened.page;
    });

    test('a sandbox copied from production is disconnected, says so first and how to reconnect', async () => {
      await openFresh(page, 'sandbox-copy');
      const status = card(page, label('Status_Title'));
      await status.locator('[data-id="verdict"]').getByText(label('Status_Disconnected')).waitFor();
      const copy = await causeShows(
        page,
        'SANDBOX_COPY',
        labelPattern('Status_SandboxCopy', { 0: 'uat' }),
        label('Status_FixSandboxCopy')
      );
      assert.equal(
        await status.locator('li[data-cause]').first().getAttribute('data-cause'),
        'SANDBOX_COPY',
        'the copy is the first cause'
      );
      await screenshot(page, 'admin-home-sandbox-copy');
      const message = (await copy.locator('[data-id="message"]').textContent()) ?? '';
      assert.doesNotMatch(message, /\{\d+\}/, 'no raw placeholder');
      // The post-copy run is in the audit log, by the Automated Process user.
      const events = await showCard(page, 'Events_Title');
      const entry = events
        .locator('tbody tr')
        .filter({ hasText: 'Sandbox copy' })
        .filter({ hasText: 'Automated Process' });
      await entry.waitFor();
      // One date format on the page: the copy's date reads exactly as the audit log writes the same moment.
      const when = ((await entry.locator('[data-id="when"]').textContent()) ?? '').trim();
      assert.ok(when, 'the audit entry has its date');
      assert.ok(message.includes(`(sandbox uat, ${when})`), `"${message}" names the copy date as "${when}"`);
    });

    test('a connector user with four approvals of the app is warned before the fifth revokes the oldest', async () => {
      await openFresh(page, 'approvals-near-limit');
      await causeShows(
        page,
        'TOKEN_APPROVALS_NEAR_LIMIT',
        filled('Status_TokenApprovals', 'Connector Integration', '4', 'Connector Platform', '5'),
        label('Status_FixTokenApprovals')
      );
    });

    test('an Integration-license connector user without its permission set license is a Required finding', async () => {
      await openFresh(page, 'integration-license');
      await causeShows(
        page,
        'INTEGRATION_PSL_MISSING',
        filled('Status_IntegrationPslMissing', 'Ivy Integration', 'Salesforce API Integration'),
        label('Status_FixIntegrationPslMissing')
      );
      // API-only: the missing token's fix does not ask the user to log in and approve the app.
      await cause(page, 'NO_OAUTH_TOKEN')
        .locator('[data-id="fix"]')
        .getByText(label('Status_FixNoTokenApiOnly'), { exact: true })
        .waitFor();
      await screenshot(page, 'admin-home-integration-license');
    });

    test('the settings form shows the alert channels and saves them', async () => {
      await openFresh(page);
      const form = await showCard(page, 'SettingsForm_Title');
      const muted = form.getByRole('checkbox', { name: label('Settings_AlertsMuted') });
      const email = form.getByRole('checkbox', { name: label('Settings_AlertEmail') });
      await muted.waitFor();
      assert.equal(await muted.isChecked(), false);
      assert.equal(await email.isChecked(), false);
      assert.equal(await form.getByRole('checkbox', { name: label('Settings_AlertDigest') }).isChecked(), false);
      // The base checkbox draws its box over the input: click the box, as an admin does.
      await form.locator('lightning-input[data-key="alertEmail"] .slds-checkbox_faux').click();
      assert.equal(await email.isChecked(), true);
      await form.getByRole('button', { name: label('SettingsForm_Save') }).click();
      await page.locator('.slds-notify_toast').first().waitFor();
      await open(page);
      const reloaded = await showCard(page, 'SettingsForm_Title');
      assert.equal(await reloaded.getByRole('checkbox', { name: label('Settings_AlertEmail') }).isChecked(), true);
    });

    test('the health check alerts on a change of verdict and the audit log says so', async () => {
      await openFresh(page, 'health-check');
      const events = await showCard(page, 'Events_Title');
      await events
        .locator('tbody tr')
        .first()
        .filter({ hasText: 'Connector alert' })
        .filter({ hasText: filled('Alert_TitleBroken', label('Status_NeedsAttention')) })
        .waitFor();
    });
  }
);
