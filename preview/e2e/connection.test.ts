/**
 * The connection capability in Chromium on the in-memory org: OAuth usage (revoke the old connector user),
 * the settings form (server field errors), changing the connector user and the audit log filter.
 * Runs through preview/e2e/run.ts, which starts the server and sets PREVIEW_URL.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { seedIds } from '../org/seed.ts';
import { STATUS_CODE_OLD_USER } from '../org/status.ts';
import { axeViolations, DEFAULT_VIEWPORT, describeViolations, screenshot } from './browser.ts';
import {
  baseUrl,
  label,
  filled,
  open,
  post,
  card,
  showCard,
  waitForFocus,
  waitForNewestEvent,
  withBrowser
} from './page.ts';

/** Answers the next confirm dialog and returns its message. */
async function confirm(page: Page, answer: 'OK' | 'Cancel'): Promise<string> {
  const dialog = page.getByRole('alertdialog');
  await dialog.waitFor();
  // Each dialog has its own heading id: a follow-up dialog may open as soon as this one closes.
  const heading = await dialog.getAttribute('aria-labelledby');
  const text = (await dialog.textContent()) ?? '';
  await dialog.getByRole('button', { name: answer, exact: true }).click();
  await page.locator(`[aria-labelledby="${heading}"]`).waitFor({ state: 'detached' });
  return text;
}

/** Clicks Revoke on a user's row of the OAuth usage card (which opens the confirm dialog) and returns the card. */
async function clickRevoke(page: Page, userName: string): Promise<Locator> {
  const tokens = await showCard(page, 'Tokens_Title');
  await tokens
    .getByRole('row')
    .filter({ hasText: userName })
    .getByRole('button', { name: label('Tokens_Revoke') })
    .click();
  return tokens;
}

/** The status card's cause about the old connector user still holding tokens. */
function oldUserCause(page: Page): Locator {
  return card(page, label('Status_Title')).locator(`[data-cause="${STATUS_CODE_OLD_USER}${seedIds.oldConnector}"]`);
}

/** The state text (Done / To do) of a checklist step. */
function stepState(page: Page, stepLabel: string, state: string): Locator {
  return card(page, label('Connection_Title'))
    .getByRole('listitem')
    .filter({ hasText: stepLabel })
    .locator('[data-id="state"]')
    .filter({ hasText: state });
}

describe('Connection in Chromium', { skip: baseUrl ? false : 'run through preview/e2e/run.ts' }, () => {
  let page: Page;
  const ui = withBrowser({ setup: ['/api/preview/reset', '/api/preview/scenario/admin-user'] }, (opened) => {
    page = opened.page;
  });

  test('shows the connector user, the authorization link and the self-ticking checklist', async () => {
    await open(page);
    const connection = await showCard(page, 'Connection_Title');
    await connection.getByText('Connector Integration', { exact: true }).waitFor();
    const link = connection.getByRole('textbox', { name: label('Connection_LinkLabel') });
    assert.match(await link.inputValue(), /\/services\/oauth2\/authorize\?response_type=code&client_id=3MVG9preview/);
    await stepState(page, label('Connection_StepOldTokens'), label('Connection_StepToDo')).waitFor();
    await stepState(page, label('Connection_StepAuthorized'), label('Connection_StepDone')).waitFor();
    await showCard(page, 'Connection_Title');
    await screenshot(connection, 'connection-card');
  });

  test('flags the old connector user who still holds tokens', async () => {
    const tokens = await showCard(page, 'Tokens_Title');
    await tokens
      .getByRole('alert')
      .filter({ hasText: label('Tokens_FindingTitle') })
      .waitFor();
    await tokens
      .getByRole('row')
      .filter({ hasText: 'Olivia Oldfield' })
      .getByText(label('Tokens_OldUserBadge'))
      .waitFor();
    await showCard(page, 'Tokens_Title');
    await screenshot(tokens, 'oauth-usage-with-finding');
    // The verdict lists it too, without a Fix button: revoking happens in the OAuth usage card.
    const cause = oldUserCause(page);
    await cause.getByText(filled('Tokens_FindingOldUserFix', 'Olivia Oldfield'), { exact: true }).waitFor();
    assert.match((await cause.locator('[data-id="message"]').textContent()) ?? '', /Olivia Oldfield/);
    assert.equal(
      await cause.getByRole('button', { name: label('Status_Fix') }).count(),
      0,
      'the status card cannot revoke'
    );
    // It links to the row that can.
    await cause
      .getByRole('button', { name: filled('Status_ShowInSection', label('AdminHome_SectionConnection')) })
      .waitFor();
  });

  test('cancelling the revoke keeps the tokens', async () => {
    const tokens = await clickRevoke(page, 'Olivia Oldfield');
    assert.match(await confirm(page, 'Cancel'), /Olivia Oldfield/);
    await tokens.getByRole('row').filter({ hasText: 'Olivia Oldfield' }).waitFor();
  });

  test("revoke the old user's token and see the finding disappear", async () => {
    const tokens = await clickRevoke(page, 'Olivia Oldfield');
    await confirm(page, 'OK');
    await page.getByRole('status').filter({ hasText: 'Revoked the tokens of Olivia Oldfield' }).waitFor();
    await tokens.getByRole('row').filter({ hasText: 'Olivia Oldfield' }).waitFor({ state: 'detached' });
    assert.equal(await tokens.getByRole('alert').count(), 0, 'the finding is gone');
    await oldUserCause(page).waitFor({ state: 'detached' });
    await stepState(page, label('Connection_StepOldTokens'), label('Connection_StepDone')).waitFor();
    await waitForNewestEvent(page, 'Revoke OAuth tokens');
    await screenshot(page, 'after-revoke');
  });

  test('the connector user takes two confirmations to revoke', async () => {
    const tokens = await clickRevoke(page, 'Connector Integration');
    await confirm(page, 'OK');
    assert.match(await confirm(page, 'Cancel'), /Really revoke/);
    await tokens.getByRole('row').filter({ hasText: 'Connector Integration' }).waitFor();
  });

  test('revoking went through the rule-enforcing twin: no DeleteToken ever reaches the page', async () => {
    // The twin's OauthToken is query-only with Id null; the card's rows are users, never token values.
    const html = await page.content();
    assert.ok(!html.includes('preview-delete-token'), 'a DeleteToken reached the page');
    await showCard(page, 'Tokens_Title');
    assert.equal(await card(page, label('Tokens_Title')).locator('[data-id="own-tokens-only"]').count(), 0);
  });

  test("without Customize Application the card says it can list only the user's own tokens", async () => {
    await post('/api/preview/scenario/read-only-user');
    try {
      await open(page);
      const tokens = await showCard(page, 'Tokens_Title');
      await tokens
        .getByRole('status')
        .filter({ hasText: label('Tokens_OwnTokensOnly') })
        .waitFor();
      assert.equal(await tokens.getByRole('row').filter({ hasText: 'Connector Integration' }).count(), 0);
      await showCard(page, 'Tokens_Title');
      await screenshot(tokens, 'oauth-usage-own-tokens-only');
    } finally {
      await post('/api/preview/scenario/admin-user');
      await open(page);
    }
    await showCard(page, 'Tokens_Title');
    await card(page, label('Tokens_Title')).getByRole('row').filter({ hasText: 'Connector Integration' }).waitFor();
  });

  test('refuse a bad settings value with the field error', async () => {
    const form = await showCard(page, 'SettingsForm_Title');
    const url = form.getByRole('textbox', { name: label('Settings_PlatformBaseUrl') });
    await url.fill('http://insecure.example.com');
    await form.getByRole('button', { name: label('SettingsForm_Save'), exact: true }).click();
    await form.getByText(label('Settings_ErrorHttps')).waitFor();
    await page
      .getByRole('alert')
      .filter({ hasText: label('Settings_SaveRefused') })
      .waitFor();
    await screenshot(form, 'settings-field-error');
    const summary = await showCard(page, 'Settings_Title');
    await summary.getByText('https://eu1.platform.example.com', { exact: true }).waitFor();

    await showCard(page, 'SettingsForm_Title');
    await url.fill('https://eu2.platform.example.com');
    await form.getByRole('button', { name: label('SettingsForm_Save'), exact: true }).click();
    await showCard(page, 'Settings_Title');
    await summary.getByText('https://eu2.platform.example.com', { exact: true }).waitFor();
  });

  test('a new secret is saved write-only', async () => {
    const form = await showCard(page, 'SettingsForm_Title');
    const apiKey = form.getByLabel(label('Settings_ApiKey'));
    await apiKey.fill('e2e-typed-api-key');
    await form.getByRole('button', { name: label('SettingsForm_Save'), exact: true }).click();
    // A saved secret leaves the form empty: wait for that before leaving the Settings section.
    for (let i = 0; i < 60 && (await apiKey.inputValue()) !== ''; i++) await page.waitForTimeout(250);
    assert.equal(await apiKey.inputValue(), '');
    await showCard(page, 'Settings_Title');
    await card(page, label('Settings_Title'))
      .getByRole('listitem')
      .filter({ hasText: label('Settings_ApiKey') })
      .filter({ hasText: 'Ada Admin' })
      .waitFor();
    assert.ok(!(await page.content()).includes('e2e-typed-api-key'), 'a secret value reached the page');
  });

  test('change to an unready user shows its gaps before confirming; Cancel leaves the connector user unchanged', async () => {
    await page.setViewportSize({ width: 1024, height: 900 });
    try {
      // A fresh page: no toasts of the earlier tests over the picker in the screenshots.
      await open(page);
      const connection = await showCard(page, 'Connection_Title');
      await connection.getByRole('button', { name: label('Connection_ChangeUser'), exact: true }).click();
      const picker = connection.getByRole('combobox', { name: label('Connection_PickConnector') });
      await picker.fill('ivy');
      // The option itself says what is wrong, from the audit's rules, before anything is chosen.
      const ivy = connection.getByRole('option', { name: /Ivy Integration/ });
      await ivy.waitFor();
      const optionText = (await ivy.textContent()) ?? '';
      assert.ok(optionText.includes(label('Readiness_NotReady')), optionText);
      assert.ok(optionText.includes(label('Readiness_NoPermissionSetLicense')), optionText);
      assert.ok(optionText.includes(filled('Readiness_License', 'Salesforce Integration')), optionText);
      await screenshot(connection, 'connection-picker-readiness');
      const violations = await axeViolations(page);
      assert.equal(violations.length, 0, describeViolations(violations));

      // Keyboard: the combobox keeps its semantics with the readiness lines in the options.
      await picker.press('ArrowDown');
      assert.equal(await picker.getAttribute('aria-expanded'), 'true');
      await picker.press('Enter');
      // The readiness dialog (c/readinessConfirm, a LightningModal), named by its title.
      const dialog = page.getByRole('dialog', { name: label('Readiness_ConfirmTitleGaps') });
      await dialog.waitFor();
      // Each gap is a list item under its heading: what will break, what only Setup can grant.
      const list = (key: string) => dialog.locator(`ul[data-list="${key}"]`).getByRole('listitem').allTextContents();
      const breaks = await list('breaks');
      const noPsl = filled('Status_IntegrationPslMissing', 'Ivy Integration', 'Salesforce API Integration');
      assert.ok(breaks.includes(noPsl.replace(/[.\s]+$/, '')), breaks.join(' | '));
      await dialog.getByText(label('Readiness_ConfirmBreaks'), { exact: true }).waitFor();
      await dialog.getByText(label('Readiness_ConfirmCannotFix'), { exact: true }).waitFor();
      const cannotFix = await list('cannotFix');
      assert.ok(cannotFix.includes('Modify All Data'), cannotFix.join(' | '));
      const text = (await dialog.textContent()) ?? '';
      assert.ok(text.includes(label('Status_FixNoTokenApiOnly')), 'an API-only user cannot click Allow');
      assert.ok(text.includes(label('Readiness_ConfirmNothingYet')), text);
      // A candidate with gaps: Cancel has the focus, so Enter alone changes nothing.
      await waitForFocus(page, 'cancel');
      const dialogViolations = await axeViolations(page);
      assert.equal(dialogViolations.length, 0, describeViolations(dialogViolations));
      await screenshot(page, 'connection-confirm-unready-user');
      await dialog.getByRole('button', { name: label('Readiness_ConfirmCancel'), exact: true }).click();
      await dialog.waitFor({ state: 'detached' });
      // Focus back on the button that opened the picker.
      await waitForFocus(page, 'connect');

      // platform-rule: lightning-modal-open-close-result — Escape closes the modal with undefined: no change either.
      await connection.getByRole('button', { name: label('Connection_ChangeUser'), exact: true }).click();
      await picker.fill('ivy');
      await ivy.click();
      await dialog.waitFor();
      await waitForFocus(page, 'cancel');
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      await waitForFocus(page, 'connect');

      await connection.getByText('Connector Integration', { exact: true }).first().waitFor();
      assert.equal(await connection.getByText('Ivy Integration', { exact: true }).count(), 0);
      const events = await showCard(page, 'Events_Title');
      assert.equal(await events.getByText('ivy.integration@acme.example').count(), 0, 'no connect was logged');
    } finally {
      await page.setViewportSize(DEFAULT_VIEWPORT);
    }
  });

  test('changes the connector user after a confirmation, and the checklist starts over', async () => {
    const connection = await showCard(page, 'Connection_Title');
    await connection.getByRole('button', { name: label('Connection_ChangeUser'), exact: true }).click();
    await connection.getByRole('combobox', { name: label('Connection_PickConnector') }).fill('sam');
    await connection.getByRole('option', { name: /Sam Support/ }).click();
    const dialog = page.getByRole('dialog', { name: label('Readiness_ConfirmTitleGaps') });
    await dialog.waitFor();
    const message = (await dialog.textContent()) ?? '';
    assert.match(message, /Replace Connector Integration with Sam Support/);
    // Sam lacks Required permissions Fix can grant: the dialog lists them before the change.
    await dialog.getByText(label('Readiness_ConfirmFixGrants'), { exact: true }).waitFor();
    const grants = await dialog.locator('[data-list="fixGrants"]').getByRole('listitem').allTextContents();
    assert.ok(grants.includes('Modify All Data'), grants.join(' | '));
    await dialog.getByRole('button', { name: label('Readiness_ConfirmConnect'), exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await page
      .getByRole('status')
      .filter({ hasText: filled('Connection_Connected', 'Sam Support') })
      .waitFor();
    await connection.getByText('Sam Support', { exact: true }).first().waitFor();
    await stepState(page, label('Connection_StepAuthorized'), label('Connection_StepToDo')).waitFor();
    await showCard(page, 'Connection_Title');
    await screenshot(connection, 'connection-after-change');
  });

  test('disconnecting names what stays behind and changes nothing on cancel', async () => {
    const connection = await showCard(page, 'Connection_Title');
    await connection.getByRole('button', { name: label('Connection_Disconnect'), exact: true }).click();
    assert.match(await confirm(page, 'Cancel'), /Disconnect Sam Support/);
    await connection.getByText('Sam Support', { exact: true }).first().waitFor();
  });

  test('filters the audit log by action', async () => {
    const events = await showCard(page, 'Events_Title');
    await events.getByRole('combobox', { name: label('Events_FilterLabel') }).selectOption('Save settings');
    const rows = events.locator('tbody tr');
    const count = await rows.count();
    assert.ok(count >= 2, `expected the refused and the accepted saves, found ${count}`);
    for (let i = 0; i < count; i++) {
      assert.match((await rows.nth(i).textContent()) ?? '', /Save settings/);
    }
    assert.equal(
      await events.getByRole('link', { name: label('Events_ViewAll') }).getAttribute('href'),
      '/lightning/o/ConnectorEvent__c/list'
    );
  });

  test('has no serious or critical accessibility violations (axe-core)', async () => {
    const violations = await axeViolations(page);
    assert.equal(violations.length, 0, describeViolations(violations));
  });

  test('the page logged no errors', () => {
    assert.deepEqual(ui.browser.errors, []);
  });
});
