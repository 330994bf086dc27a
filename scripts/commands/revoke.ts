import { describeError, type SObjectRecord } from '../lib/client.ts';
import { defineCommand } from '../lib/command.ts';
import { OrgRequestError, UsageError } from '../lib/errors.ts';
import { HELP_FLAG, JSON_FLAG, ORG_FLAGS } from '../lib/flags.ts';
import { formatTable } from '../lib/output.ts';
import { getHealth, type HealthResponse } from '../lib/package-api.ts';
import { readProvisioningFile } from '../lib/provisioning-file.ts';
import { soqlString } from '../lib/soql.ts';

export interface RevokedToken {
  id: string;
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
  tokens: RevokedToken[];
  revoked: number;
  failed: number;
}

interface TokenRow extends SObjectRecord {
  Id: string;
  LastUsedDate: string | null;
  UseCount: number | null;
}

export const revokeCommand = defineCommand<RevokeResult>({
  name: 'revoke',
  summary: "Revoke a user's OAuth tokens for the connector's connected app (e.g. the previous connector user).",
  description: [
    'Finds OauthToken rows of the connected app for the user and deletes them (sObject Collections DELETE), which',
    'is what Setup > Connected Apps OAuth Usage > Revoke does. Needs Manage Users.',
    'The connected app name comes from --app, the provisioning file (settings.connectedAppName) or the org settings.',
    'Refuses to revoke the configured connector user unless --force: that would disconnect the connector.'
  ].join('\n'),
  flags: [
    {
      name: 'user',
      char: 'u',
      type: 'string',
      valueName: 'username',
      description: 'User whose tokens are revoked (required).'
    },
    { name: 'app', type: 'string', valueName: 'name', description: 'Connected app name (OauthToken.AppName).' },
    {
      name: 'file',
      char: 'f',
      type: 'string',
      valueName: 'path',
      description: 'Provisioning file (connectorUser, settings.connectedAppName).'
    },
    { name: 'force', type: 'boolean', description: 'Allow revoking the configured connector user.' },
    { name: 'dry-run', type: 'boolean', description: 'List the tokens that would be revoked.' },
    ...ORG_FLAGS,
    JSON_FLAG,
    HELP_FLAG
  ],
  examples: [
    'npm run cli -- revoke -o acme --user old.connector@acme.example --dry-run',
    'npm run cli -- revoke -o acme --user old.connector@acme.example --app "Acme Connector" --json'
  ],

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

    const tokens = await client.query<TokenRow>(
      `SELECT Id, LastUsedDate, UseCount FROM OauthToken WHERE AppName = ${soqlString(appName)} AND UserId = ${soqlString(user.Id)}`
    );
    const result: RevokeResult = {
      dryRun: args.bool('dry-run'),
      username,
      userId: user.Id,
      appName,
      isConnectorUser,
      tokens: tokens.map((t) => ({
        id: t.Id,
        lastUsedDate: t.LastUsedDate ?? null,
        useCount: t.UseCount ?? null,
        revoked: false,
        error: null
      })),
      revoked: 0,
      failed: 0
    };
    if (result.dryRun || tokens.length === 0) return { exitCode: 0, result };

    const outcomes = await client.deleteRecords(tokens.map((t) => t.Id));
    outcomes.forEach((outcome, index) => {
      const token = result.tokens[index]!;
      token.revoked = outcome.success;
      if (outcome.success) result.revoked++;
      else {
        result.failed++;
        token.error = outcome.errors.map(describeError).join('; ');
      }
    });
    return { exitCode: result.failed > 0 ? 1 : 0, result };
  },

  render(result, out) {
    if (result.tokens.length === 0) {
      out.print(`${result.username} holds no tokens of '${result.appName}': nothing to revoke.`);
      return;
    }
    out.print(
      formatTable(
        ['Token', 'Last used', 'Uses', 'Outcome'],
        result.tokens.map((t) => [
          t.id,
          t.lastUsedDate ?? '',
          t.useCount === null ? '' : String(t.useCount),
          result.dryRun ? 'would revoke' : t.revoked ? 'revoked' : `FAILED: ${t.error ?? ''}`
        ])
      )
    );
    out.print(
      result.dryRun
        ? `${result.tokens.length} token(s) of '${result.appName}' would be revoked for ${result.username}.`
        : `Revoked ${result.revoked} token(s) of '${result.appName}' for ${result.username}${result.failed ? `; ${result.failed} failed` : ''}.`
    );
  }
});
