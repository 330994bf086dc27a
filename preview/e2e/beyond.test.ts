/**
 * "Before the connector breaks" in Chromium on the in-memory org: a sandbox copied from production, a connector user
 * near the connected app's approval limit, an Integration-license connector user, and the alert channels of the
 * settings form. Its own file (and org); runs through preview/e2e/run.ts, which gives it its own preview server.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { screenshot } from './browser.ts';
import { baseUrl, card, cause, filled, label, labelPattern, open, post, showCard, withBrowser } from './page.ts';

describe(
  'Before the connector breaks, in Chromium',
  { skip: baseUrl ? false : 'run through preview/e2e/run.ts' },
  () => {
    let page: Page;

    withBrowser({}, (opened) => {
      page = opened.page;
    });

    test('a sandbox copied from production is disconnected, says so first and how to reconnect', async () => {
      await post('/api/preview/reset');
      await post('/api/preview/scenario/sandbox-copy');
      await open(page);
      const status = card(page, label('Status_Title'));
      await status.locator('[data-id="verdict"]').getByText(label('Status_Disconnected')).waitFor();
      const copy = cause(page, 'SANDBOX_COPY');
      await copy
        .locator('[data-id="message"]')
        .getByText(labelPattern('Status_SandboxCopy', { 0: 'uat' }))
        .waitFor();
      await copy.locator('[data-id="fix"]').getByText(label('Status_FixSandboxCopy'), { exact: true }).waitFor();
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
      await post('/api/preview/reset');
      await post('/api/preview/scenario/approvals-near-limit');
      await open(page);
      const near = cause(page, 'TOKEN_APPROVALS_NEAR_LIMIT');
      await near
        .locator('[data-id="message"]')
        .getByText(filled('Status_TokenApprovals', 'Connector Integration', '4', 'Connector Platform', '5'), {
          exact: true
        })
        .waitFor();
      await near.locator('[data-id="fix"]').getByText(label('Status_FixTokenApprovals'), { exact: true }).waitFor();
    });

    test('an Integration-license connector user without its permission set license is a Required finding', async () => {
      await post('/api/preview/reset');
      await post('/api/preview/scenario/integration-license');
      await open(page);
      const psl = cause(page, 'INTEGRATION_PSL_MISSING');
      await psl
        .locator('[data-id="message"]')
        .getByText(filled('Status_IntegrationPslMissing', 'Ivy Integration', 'Salesforce API Integration'), {
          exact: true
        })
        .waitFor();
      await psl
        .locator('[data-id="fix"]')
        .getByText(label('Status_FixIntegrationPslMissing'), { exact: true })
        .waitFor();
      // API-only: the missing token's fix does not ask the user to log in and approve the app.
      await cause(page, 'NO_OAUTH_TOKEN')
        .locator('[data-id="fix"]')
        .getByText(label('Status_FixNoTokenApiOnly'), { exact: true })
        .waitFor();
      await screenshot(page, 'admin-home-integration-license');
    });

    test('the settings form shows the alert channels and saves them', async () => {
      await post('/api/preview/reset');
      await open(page);
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
      await post('/api/preview/reset');
      await post('/api/preview/scenario/health-check');
      await open(page);
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
