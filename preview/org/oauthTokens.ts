import type { Org } from './org.ts';
import type { OauthTokenRecord } from './state.ts';

/**
 * OauthToken as the platform has it (Object Reference, OauthToken; Apex Reference, Auth.OauthToken): the
 * preview's only way to read, create or revoke tokens, so the twins cannot rely on what Salesforce refuses.
 */

// platform-rule: oauthtoken-row-caps — query() returns 500 rows, queryMore() 500 more, 2,500 in all.
export const OAUTH_TOKEN_BATCH_SIZE = 500;
export const OAUTH_TOKEN_MAX_ROWS = 2500;

/** An Apex exception as the platform throws it: the type name and its message. */
export class PlatformException extends Error {
  constructor(
    readonly exceptionType: string,
    message: string
  ) {
    super(message);
    this.name = exceptionType;
  }
}

export interface OauthTokenFilter {
  appName?: string | null;
  userId?: string | null;
}

/** Whether the user holds Customize Application through the profile or any permission set. */
export function canCustomizeApplication(org: Org, userId: string): boolean {
  const user = org.user(userId);
  if (org.profile(user?.ProfileId)?.permissions['PermissionsCustomizeApplication']) return true;
  return org.permissionSetsOf(userId).some((ps) => ps.permissions['PermissionsCustomizeApplication']);
}

function visibleTokens(org: Org, filter: OauthTokenFilter): OauthTokenRecord[] {
  // platform-rule: oauthtoken-uncommitted-work — DML then a query of OauthToken in one call fails.
  if (org.hasUncommittedWork()) {
    throw new PlatformException(
      'UncommittedWork',
      'A callout was unsuccessful because of pending uncommitted work related to a process, flow, or Apex operation. Commit or roll back the work, and then try again.'
    );
  }
  const runningUserId = org.state.runningUserId;
  // platform-rule: oauthtoken-visibility-customize-application — otherwise only the running user's own tokens.
  const seesAll = canCustomizeApplication(org, runningUserId);
  return org.state.oauthTokens.filter(
    (t) =>
      (seesAll || t.UserId === runningUserId) &&
      (filter.appName == null || t.AppName === filter.appName) &&
      (filter.userId == null || t.UserId === filter.userId)
  );
}

/**
 * SELECT … FROM OauthToken WHERE … ORDER BY UserId, CreatedDate, as the API returns it: batches of at most 500
 * rows, no row past the 2,500th, and Id always null.
 */
export function queryOauthTokenBatches(org: Org, filter: OauthTokenFilter): OauthTokenRecord[][] {
  const rows = visibleTokens(org, filter)
    .slice()
    .sort((a, b) => a.UserId.localeCompare(b.UserId) || a.CreatedDate.localeCompare(b.CreatedDate))
    .slice(0, OAUTH_TOKEN_MAX_ROWS)
    // platform-rule: oauthtoken-id-null — "Reserved for future use. Currently, the value is always null."
    .map((t) => ({ ...t, Id: null }));
  const batches: OauthTokenRecord[][] = [];
  for (let i = 0; i < rows.length; i += OAUTH_TOKEN_BATCH_SIZE) batches.push(rows.slice(i, i + OAUTH_TOKEN_BATCH_SIZE));
  return batches;
}

/** Every row a query (with its queryMore calls) returns: at most 2,500. */
export function queryOauthTokens(org: Org, filter: OauthTokenFilter): OauthTokenRecord[] {
  return queryOauthTokenBatches(org, filter).flat();
}

/** SELECT COUNT() FROM OauthToken WHERE …: the total, past the 2,500 rows a query returns. */
export function countOauthTokens(org: Org, filter: OauthTokenFilter): number {
  return visibleTokens(org, filter).length;
}

/**
 * Apex DML on OauthToken: refused. Its supported calls are describeSObjects() and query() only.
 * platform-rule: oauthtoken-query-only
 */
export function oauthTokenDml(operation: 'Insert' | 'Update' | 'Delete' | 'Upsert'): never {
  throw new PlatformException('System.TypeException', `DML operation ${operation} not allowed on OauthToken`);
}

/**
 * Auth.OauthToken.revokeToken(Auth.OauthTokenType.DELETE_TOKEN, deleteToken): revokes the token the DeleteToken
 * belongs to. An invalid or expired token throws NoDataFoundException.
 * platform-rule: auth-oauthtoken-revoke
 */
export function revokeToken(org: Org, type: 'DELETE_TOKEN', deleteToken: string): boolean {
  if (type !== 'DELETE_TOKEN') throw new PlatformException('System.IllegalArgumentException', `Unsupported ${type}`);
  const index = org.state.oauthTokens.findIndex((t) => t.DeleteToken === deleteToken);
  if (!deleteToken || index < 0) {
    throw new PlatformException('System.NoDataFoundException', 'Invalid or expired token');
  }
  (org.state.oauthTokens as OauthTokenRecord[]).splice(index, 1);
  return true;
}

/**
 * A user completing the connected app's OAuth flow: the only way a token comes to exist (never DML).
 * Returns the new token's DeleteToken.
 */
export function authorizeApp(
  org: Org,
  values: { userId: string; appName: string; createdDate?: string; lastUsedDate?: string | null; useCount?: number }
): string {
  const counter = (org.state.idCounters['oauthDeleteToken'] ?? 0) + 1;
  org.state.idCounters['oauthDeleteToken'] = counter;
  const deleteToken = `preview-delete-token-${counter}-${Math.random().toString(36).slice(2, 10)}`;
  (org.state.oauthTokens as OauthTokenRecord[]).push({
    Id: null,
    AppName: values.appName,
    UserId: values.userId,
    DeleteToken: deleteToken,
    CreatedDate: values.createdDate ?? org.now().toISOString(),
    LastUsedDate: values.lastUsedDate ?? null,
    UseCount: values.useCount ?? 0
  });
  return deleteToken;
}
