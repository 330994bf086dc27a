import type { SObjectRecord } from '../lib/client.ts';
import { defineCommand } from '../lib/command.ts';
import { OrgRequestError, UsageError } from '../lib/errors.ts';
import { count } from '../lib/message-format.ts';
import { getHealth, type HealthResponse } from '../lib/package-api.ts';
import { readProvisioningFile } from '../lib/provisioning-file.ts';
import { soqlString } from '../lib/soql.ts';

/**
 * One token of the user. OauthToken.Id is always null and the DeleteToken can revoke the token, so neither is
 * printed or returned: a token is shown by when it was issued and last used.
 */
export interface RevokedToken {
  createdDate: string | null;
  lastUsedDate: string | null;
  useCount: number | null;
  revoked: boolean;
  error: string | null;
}

export interface RevokeResult {
  dryRun: boolean;
  username: string;
  userId: string | null;
  appName: string;
  isConnectorUser: boolean;
  /** The signed-in user holds Customize Application: the org shows other users' tokens to it. */
  canSeeOtherUsers: boolean;
  tokens: RevokedToken[];
  /** Tokens of the user the org counts (COUNT()), beyond the 2,500 a query returns. */
  totalCount: number;
  /** Tokens past the 2,500-row cap: not listed, not revoked by this run. */
  notListed: number;
  revoked: number;
  failed: number;
  /** What the user must do, when something stands in the way (null when nothing does). */
  action: string | null;
}

interface TokenRow extends SObjectRecord {
  DeleteToken: string | null;
  CreatedDate: string | null;
  LastUsedDate: string | null;
  UseCount: number | null;
}

export const revokeCommand = defineCommand<RevokeResult>({
  name: 'revoke',

  async run(context) {
    const { args, out } = context;
    const username = args.string('user');
    if (!username) throw new UsageError('Say whose tokens to revoke: --user <username>.');
    const filePath = args.string('file');
    const file = filePath ? readProvisioningFile(filePath) : null;
    const { client } = await context.connect();

    let health: HealthResponse | null = null;
    try {
      health = await getHealth(client);
    } catch (error) {
      if (!(error instanceof OrgRequestError)) throw error;
      out.warn(`Cannot read the connector settings (${error.message}).`);
    }
    const appName =
      args.string('app') ??
      (file?.settings.connectedAppName as string | undefined) ??
      health?.settings?.connectedAppName ??
      null;
    if (!appName) {
      throw new UsageError('Connected app name unknown: pass --app "<name>" (as shown in Connected Apps OAuth Usage).');
    }

    const users = await client.query<SObjectRecord>(
      `SELECT Id, Username FROM User WHERE Username = ${soqlString(username)}`
    );
    const user = users[0];
    if (!user?.Id) throw new UsageError(`User ${username} not found in this org: check the username.`);
    const configuredId = health?.connectorUserId ?? health?.settings?.connectorUserId ?? null;
    const isConnectorUser =
      (configuredId !== null && configuredId === user.Id) ||
      (file?.connectorUser !== null && file?.connectorUser?.toLowerCase() === username.toLowerCase());
    if (configuredId === null && !file?.connectorUser && !args.bool('force')) {
      throw new UsageError(
        'Cannot tell who the configured connector user is (org settings unreadable): pass --file with connectorUser, or --force.'
      );
    }
    if (isConnectorUser && !args.bool('force')) {
      throw new UsageError(
        `${username} is the configured connector user: revoking disconnects the connector. Change the connector user first, or pass --force.`
      );
    }

    const me = await client.whoAmI();
    // platform-rule: oauthtoken-visibility-customize-application — without it the org shows only your own
    // tokens, so another user's would look like none.
    const granting = await client.query<SObjectRecord>(
      `SELECT Id FROM PermissionSetAssignment WHERE AssigneeId = ${soqlString(me.userId)} AND PermissionSet.PermissionsCustomizeApplication = true LIMIT 1`
    );
    const canSeeOtherUsers = granting.length > 0;
    const result: RevokeResult = {
      dryRun: args.bool('dry-run'),
      username,
      userId: user.Id,
      appName,
      isConnectorUser,
      canSeeOtherUsers,
      tokens: [],
      totalCount: 0,
      notListed: 0,
      revoked: 0,
      failed: 0,
      action: null
    };
    if (!canSeeOtherUsers && user.Id !== me.userId) {
      result.action = `You (${me.username}) lack Customize Application: the org shows you only your own OAuth tokens, not ${username}'s. Sign in as a user with Customize Application, or ask an administrator to revoke them in Setup > Connected Apps OAuth Usage.`;
      return { exitCode: 1, result };
    }

    const where = `WHERE AppName = ${soqlString(appName)} AND UserId = ${soqlString(user.Id)}`;
    // platform-rule: oauthtoken-row-caps — count first: a query stops at 2,500 rows (500 a batch).
    result.totalCount = await client.count(`SELECT COUNT() FROM OauthToken ${where}`);
    // platform-rule: oauthtoken-id-null — Id is always null: the DeleteToken is what the revoke endpoint takes.
    const rows = await client.query<TokenRow>(
      `SELECT DeleteToken, CreatedDate, LastUsedDate, UseCount FROM OauthToken ${where} ORDER BY CreatedDate`
    );
    result.tokens = rows.map((t) => ({
      createdDate: t.CreatedDate ?? null,
      lastUsedDate: t.LastUsedDate ?? null,
      useCount: t.UseCount ?? null,
      revoked: false,
      error: null
    }));
    result.notListed = Math.max(0, result.totalCount - rows.length);
    if (result.dryRun || rows.length === 0) {
      if (result.tokens.length > 0) result.action = `Run again without --dry-run to revoke them.`;
      return { exitCode: result.tokens.length > 0 ? 1 : 0, result };
    }

    // platform-rule: oauthtoken-query-only — no DML on OauthToken: each token is revoked at the revoke endpoint.
    // platform-rule: oauth-revoke-endpoint — POST token=<DeleteToken> (client.revokeOauthToken).
    for (const [index, row] of rows.entries()) {
      const token = result.tokens[index]!;
      const failure = row.DeleteToken ? await client.revokeOauthToken(row.DeleteToken) : 'no DeleteToken';
      token.revoked = failure === null;
      token.error = failure;
      if (failure === null) result.revoked++;
      else result.failed++;
    }
    if (result.notListed > 0) {
      result.action = `${count(result.notListed, 'more token')} past the 2,500 a query returns: run the command again.`;
    } else if (result.failed > 0) {
      result.action = 'Some tokens were not revoked: check them in Setup > Connected Apps OAuth Usage.';
    }
    return { exitCode: result.failed > 0 || result.notListed > 0 ? 1 : 0, result };
  },

  render(result, out) {
    if (result.tokens.length === 0) {
      out.print(result.action ?? `${result.username} holds no tokens of '${result.appName}': nothing to revoke.`);
      return;
    }
    out.table(
      ['#', 'Issued', 'Last used', 'Uses', 'Outcome'],
      result.tokens.map((t, index) => [
        String(index + 1),
        t.createdDate ?? '',
        t.lastUsedDate ?? '',
        t.useCount === null ? '' : String(t.useCount),
        result.dryRun ? 'would revoke' : t.revoked ? 'revoked' : `FAILED: ${t.error ?? ''}`
      ])
    );
    out.print(
      result.dryRun
        ? `${count(result.tokens.length, 'token')} of '${result.appName}' would be revoked for ${result.username}.`
        : `Revoked ${count(result.revoked, 'token')} of '${result.appName}' for ${result.username}${result.failed ? `; ${result.failed} failed` : ''}.`
    );
    if (result.notListed > 0) {
      out.print(
        `${count(result.notListed, 'more token')} not listed: a query returns at most 2,500 of ${result.totalCount}.`
      );
    }
    if (result.action) out.print(result.action);
  }
});
