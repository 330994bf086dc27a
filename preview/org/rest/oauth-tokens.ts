/**
 * OauthToken and the OAuth revoke endpoint as the platform has them (Object Reference, OauthToken; Revoke OAuth
 * Tokens), kept apart from server.ts: the fake org answers these requests here and everything else there.
 */
import type { Database, Row } from '../store/database.ts';
import type { Condition, SoqlQuery } from '../store/soql.ts';

/** What a REST handler answers. */
export interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * A write through the sObject resources to one of `objects` (query-only: describe and query calls only), refused:
 * 405 on the record resources, INVALID_TYPE_FOR_OPERATION for each record of an sObject collection; undefined when
 * the request is about other objects. The refusal is documented; these codes are modelled on OauthToken's.
 */
export function refuseWritesTo(
  objects: readonly string[],
  db: Database,
  method: string,
  rest: string,
  body: unknown,
  params: URLSearchParams
): Answer | undefined {
  if (method === 'GET' || method === 'HEAD') return undefined;
  const refused = (object: string): boolean => objects.some((name) => name.toLowerCase() === object.toLowerCase());
  const single = /^sobjects\/(\w+)(?:\/[^/]+)?$/.exec(rest);
  if (single && refused(single[1]!)) {
    return {
      status: 405,
      headers: { Allow: 'GET, HEAD' },
      body: [{ errorCode: 'METHOD_NOT_ALLOWED', message: `HTTP Method '${method}' not allowed. Allowed are HEAD,GET` }]
    };
  }
  if (rest !== 'composite/sobjects') return undefined;
  const operation = method === 'POST' ? 'inserted' : method === 'DELETE' ? 'deleted' : 'updated';
  const refusal = (id: string | null) => ({
    id,
    success: false,
    errors: [{ statusCode: 'INVALID_TYPE_FOR_OPERATION', message: `entity type cannot be ${operation}`, fields: [] }]
  });
  if (method === 'DELETE') {
    const ids = (params.get('ids') ?? '').split(',').filter(Boolean);
    if (!ids.some((id) => refused(db.objectOf(id) ?? ''))) return undefined;
    return { status: 200, body: ids.map((id) => refusal(id)) };
  }
  const records = (body as { records?: { attributes?: { type?: string } }[] } | undefined)?.records;
  if (!Array.isArray(records) || !records.some((r) => refused(r.attributes?.type ?? ''))) return undefined;
  return { status: 200, body: records.map(() => refusal(null)) };
}

// platform-rule: oauthtoken-row-caps — query() returns 500 rows, queryMore() 500 more, 2,500 in all.
export const OAUTH_TOKEN_BATCH_SIZE = 500;
export const OAUTH_TOKEN_MAX_ROWS = 2500;

const REVOKE_PATH = '/services/oauth2/revoke';

export class OauthTokenApi {
  private readonly cursors = new Map<string, Record<string, unknown>[]>();
  private cursorCount = 0;
  private deleteTokenCount = 0;
  /** Test hook: the revoke endpoint's error for a token (e.g. 'invalid_token'), or undefined to revoke it. */
  revokeFault: ((deleteToken: string) => string | undefined) | undefined;

  constructor(
    private readonly db: Database,
    private readonly apiVersion: string
  ) {}

  /**
   * A user completing the connected app's OAuth flow: the only way a token comes to exist (OauthToken takes no
   * DML). Returns its DeleteToken.
   */
  authorize(values: {
    userId: string;
    appName: string;
    useCount?: number;
    lastUsedDate?: string | null;
    createdDate?: string;
  }): string {
    this.deleteTokenCount++;
    const deleteToken = `fake-delete-token-${this.deleteTokenCount}-${Math.random().toString(36).slice(2, 12)}`;
    this.db.insert('OauthToken', {
      AppName: values.appName,
      UserId: values.userId,
      DeleteToken: deleteToken,
      UseCount: values.useCount ?? 0,
      LastUsedDate: values.lastUsedDate ?? null,
      CreatedDate: values.createdDate ?? new Date().toISOString()
    });
    return deleteToken;
  }

  /** Tokens still held (for tests): what the platform stores, not what a query shows. */
  held(filter: { userId?: string; appName?: string } = {}): Row[] {
    return this.db
      .rows('OauthToken')
      .filter(
        (t) =>
          (filter.userId === undefined || t['UserId'] === filter.userId) &&
          (filter.appName === undefined || t['AppName'] === filter.appName)
      );
  }

  // ---------- REST: queries ----------

  private isOauthToken(object: string): boolean {
    return object.toLowerCase() === 'oauthtoken';
  }

  /** Whether the user holds Customize Application through the profile's permission set or any other. */
  canCustomizeApplication(userId: string): boolean {
    const granted = new Set(
      this.db
        .rows('PermissionSet')
        .filter((ps) => ps['PermissionsCustomizeApplication'] === true)
        .map((ps) => ps['Id'])
    );
    return this.db
      .rows('PermissionSetAssignment')
      .some((a) => a['AssigneeId'] === userId && granted.has(a['PermissionSetId']));
  }

  /** GET query?q=… on OauthToken, or undefined when the query is about another object. */
  query(soql: string, userId: string): Answer | undefined {
    let parsed: SoqlQuery;
    try {
      parsed = this.db.parse(soql);
    } catch {
      return undefined;
    }
    if (!this.isOauthToken(parsed.object)) return undefined;
    // platform-rule: oauthtoken-visibility-customize-application — otherwise the user's own tokens only.
    const where: Condition | null = this.canCustomizeApplication(userId)
      ? parsed.where
      : {
          kind: 'and',
          items: [{ kind: 'cmp', path: ['UserId'], op: '=', value: userId }, ...(parsed.where ? [parsed.where] : [])]
        };
    const visible: SoqlQuery = { ...parsed, where };
    if (parsed.fields.some((f) => f.kind === 'count')) {
      // platform-rule: oauthtoken-row-caps — COUNT() gives the total past the 2,500 rows.
      const total = Number((this.db.queryParsed(visible)[0] as { expr0?: number } | undefined)?.expr0 ?? 0);
      return { status: 200, body: { totalSize: total, done: true, records: [] } };
    }
    const records = this.db
      .queryParsed(visible)
      .slice(0, OAUTH_TOKEN_MAX_ROWS)
      .map((record) => {
        // platform-rule: oauthtoken-id-null — "Reserved for future use. Currently, the value is always null."
        const out: Record<string, unknown> = { ...record, attributes: { type: 'OauthToken' } };
        if ('Id' in out) out['Id'] = null;
        return out;
      });
    return { status: 200, body: this.page(records, 0) };
  }

  private page(records: Record<string, unknown>[], offset: number): Record<string, unknown> {
    let cursor = [...this.cursors.entries()].find(([, rows]) => rows === records)?.[0];
    const next = offset + OAUTH_TOKEN_BATCH_SIZE;
    const body: Record<string, unknown> = {
      totalSize: records.length,
      done: next >= records.length,
      records: records.slice(offset, next)
    };
    if (next < records.length) {
      if (!cursor) {
        cursor = `01gOAUTH${++this.cursorCount}`;
        this.cursors.set(cursor, records);
      }
      body['nextRecordsUrl'] = `/services/data/v${this.apiVersion}/query/${cursor}-${next}`;
    }
    return body;
  }

  /** GET query/<locator> of an OauthToken query, or undefined for another query's locator. */
  nextPage(locator: string): Answer | undefined {
    const match = /^(01gOAUTH\d+)-(\d+)$/.exec(locator);
    const records = match ? this.cursors.get(match[1]!) : undefined;
    if (!match || !records) return undefined;
    return { status: 200, body: this.page(records, Number(match[2])) };
  }

  // ---------- REST: writes, all refused ----------

  /**
   * A write to OauthToken through the sObject resources, refused as the platform refuses it; undefined when the
   * request is about other objects. platform-rule: oauthtoken-query-only — describeSObjects() and query() only.
   */
  refuseWrite(method: string, rest: string, body: unknown, params: URLSearchParams): Answer | undefined {
    // A DELETE fails alike for every id: these ids never come from a query (OauthToken.Id is null).
    return refuseWritesTo(['OauthToken'], this.db, method, rest, body, params);
  }

  // ---------- the OAuth revoke endpoint ----------

  /** Whether the request is for the revoke endpoint (answered before any session check: the token is the proof). */
  handles(pathname: string): boolean {
    return pathname === REVOKE_PATH;
  }

  /**
   * POST /services/oauth2/revoke with token=<DeleteToken> (form-encoded), or GET ?token=: revokes that token.
   * 200 on success; 400 with invalid_token or unsupported_token_type otherwise.
   * platform-rule: oauth-revoke-endpoint
   */
  revoke(method: string, path: string, body: string, contentType: string): Answer {
    const url = new URL(path, 'http://fake');
    let token: string | null = null;
    if (method === 'POST') {
      // The documented form: token=<value> in an application/x-www-form-urlencoded body.
      if (contentType.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
        token = new URLSearchParams(body).get('token');
      }
    } else if (method === 'GET') {
      token = url.searchParams.get('token');
    } else {
      return { status: 405, body: { error: 'invalid_request' } };
    }
    // The platform's Id is null: a token is found by its DeleteToken (the fake's own row id stays internal).
    const row = token ? this.db.rows('OauthToken').find((t) => t['DeleteToken'] === token) : undefined;
    const injected = token ? this.revokeFault?.(token) : undefined;
    if (injected) return { status: 400, body: { error: injected } };
    if (!row) return { status: 400, body: { error: 'invalid_token', error_description: 'Token was invalid' } };
    this.db.delete(String(row['Id']));
    return { status: 200 };
  }
}
