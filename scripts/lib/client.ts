import type { Connection } from '@salesforce/core';
import { OrgRequestError } from './errors.ts';
import type { Redactor } from './redact.ts';
import { chunk } from './soql.ts';

export const COLLECTION_LIMIT = 200;
// platform-rule: composite-query-subrequest-limit — a Composite call carries at most 25 subrequests, of which at most 5
// may be query or sObject Collections operations; more is refused whole with LIMIT_EXCEEDED.
export const COMPOSITE_SUBREQUEST_LIMIT = 25;
export const COMPOSITE_QUERY_LIMIT = 5;
export const LOCK_ERROR = 'UNABLE_TO_LOCK_ROW';

export interface SalesforceError {
  statusCode?: string;
  errorCode?: string;
  message: string;
  fields?: string[];
}

export interface SaveResult {
  id: string | null;
  success: boolean;
  errors: SalesforceError[];
}

export interface SObjectRecord {
  Id?: string;
  attributes?: { type: string; url?: string };
  [field: string]: unknown;
}

export interface DescribeField {
  name: string;
  type: string;
}

export interface DescribeResult {
  name: string;
  fields: DescribeField[];
}

export interface RequestStats {
  /** HTTP requests sent, retries included. */
  requests: number;
  /** Requests that may change data (POST/PATCH/PUT/DELETE other than composite reads). */
  writeRequests: number;
  retries: number;
}

export interface ClientOptions {
  namespace: string;
  redactor: Redactor;
  /** Called for retries and other transport notes (stderr). */
  log?: (message: string) => void;
  maxAttempts?: number;
  baseDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** First and longest pause between polls of a long-running job (default 1 s, 15 s). */
  pollBaseMs?: number;
  pollMaxMs?: number;
}

interface RequestOptions {
  /** Reads sent as POST (composite queries): never counted as writes, retried like a GET. */
  readOnly?: boolean;
}

/**
 * A POST that got a 5xx (or no answer): the org may or may not have committed it, so it is not resent blindly.
 * The caller re-reads the org to learn what was written.
 */
export class WriteOutcomeUnknown extends OrgRequestError {}

export interface InsertOptions {
  onChunk?: (done: number) => void;
  /**
   * After a 5xx on an insert, finds which of the records the org holds: the id of each one found, null otherwise.
   * Without it, the records of that request are reported as "outcome unknown".
   */
  reconcile?: (records: readonly SObjectRecord[]) => Promise<(string | null)[]>;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function errorList(body: unknown): SalesforceError[] {
  if (Array.isArray(body)) {
    return body.filter((e): e is SalesforceError => typeof e === 'object' && e !== null && 'message' in e);
  }
  if (body && typeof body === 'object' && 'message' in body) return [body as SalesforceError];
  return [];
}

function codeOf(error: SalesforceError): string | null {
  return error.errorCode ?? error.statusCode ?? null;
}

/** What jsforce's HttpApiError carries: errorCode and the parsed error body in `data`. */
interface JsforceError extends Error {
  errorCode?: string;
  data?: unknown;
}

/** The parts of jsforce's transport the client hooks into to count requests and read status codes. */
interface HookableTransport {
  getRequestStreamCreator(): (req: { method: string; url: string }, options: unknown) => NodeJS.EventEmitter;
}

/**
 * The package's view of an org, on the org's jsforce Connection (`flags['target-org'].getConnection()`): queries with
 * autoFetch, sObject Collections, `conn.request` for Composite, Tooling and Apex REST. What jsforce lacks is added
 * here: Composite batching within the platform's limits, per-record retry on UNABLE_TO_LOCK_ROW, reconciling an
 * insert whose outcome is unknown, request counting, namespace-aware Apex REST paths and redaction.
 */
export class OrgClient {
  readonly stats: RequestStats = { requests: 0, writeRequests: 0, retries: 0 };
  readonly instanceUrl: string;
  readonly apiVersion: string;
  readonly namespace: string;
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  /** Status of the last HTTP response (commands send one request at a time). */
  private lastStatus = 0;

  constructor(
    readonly conn: Connection,
    private readonly options: ClientOptions
  ) {
    this.instanceUrl = (conn.instanceUrl ?? '').replace(/\/+$/, '');
    this.apiVersion = conn.getApiVersion();
    this.namespace = options.namespace;
    this.maxAttempts = options.maxAttempts ?? 4;
    this.baseDelayMs = options.baseDelayMs ?? 250;
    this.sleep = options.sleep ?? defaultSleep;
    options.redactor.add(conn.accessToken ?? undefined);
    this.hookTransport();
  }

  /** Counts every HTTP request jsforce sends (its own retries included) and remembers the response status. */
  private hookTransport(): void {
    const transport = (this.conn as unknown as { _transport: HookableTransport })._transport;
    const create = transport.getRequestStreamCreator.bind(transport);
    transport.getRequestStreamCreator = () => (req, options) => {
      const write = req.method !== 'GET' && !(req as { readOnly?: boolean }).readOnly;
      const count = (): void => {
        this.stats.requests++;
        if (write) this.stats.writeRequests++;
      };
      count();
      // jsforce's fetch retry (5xx, dropped connections) for reads and idempotent writes, never for an insert; set
      // here so queries, which take no request options, get it too.
      const retry = this.retryOptions(req.method, (req as { readOnly?: boolean }).readOnly === true);
      const stream = create()(req, { ...(options as object), ...retry });
      stream.on('retry', (retryCount: number) => {
        count();
        this.stats.retries++;
        this.log(
          `${req.method} ${new URL(req.url).pathname}: 5xx or no answer; retrying (attempt ${retryCount + 2}/${this.maxAttempts})`
        );
      });
      stream.on('response', (response: { statusCode: number }) => (this.lastStatus = response.statusCode));
      return stream;
    };
  }

  dataPath(relative: string): string {
    return `/services/data/v${this.apiVersion}/${relative.replace(/^\/+/, '')}`;
  }

  /**
   * Namespace-aware package endpoint: /services/apexrest/<ns>/connector/v1/<relative>.
   * platform-rule: apex-rest-namespace-url — a namespaced class's URL mapping is served under its namespace.
   */
  apexRestPath(relative: string): string {
    const ns = this.namespace ? `${this.namespace}/` : '';
    return `/services/apexrest/${ns}connector/v1/${relative.replace(/^\/+/, '')}`;
  }

  private log(message: string): void {
    this.options.log?.(this.options.redactor.redact(message));
  }

  private backoff(attempt: number): number {
    return Math.round(this.baseDelayMs * 2 ** (attempt - 1) * (0.5 + Math.random() / 2));
  }

  /** jsforce's own retry (5xx and network errors) for reads and idempotent writes, never for an insert. */
  private retryOptions(method: string, readOnly: boolean): { retry: object } {
    return {
      retry: {
        maxRetries: this.maxAttempts - 1,
        minTimeout: this.baseDelayMs,
        methods: readOnly ? ['GET', 'POST'] : ['GET', 'PUT', 'PATCH', 'DELETE', 'HEAD'],
        statusCodes: [500, 502, 503, 504]
      }
    };
  }

  /** Turns a jsforce error into OrgRequestError with the HTTP status, the org's error code and message. */
  private toOrgError(error: unknown, method: string, path: string, readOnly: boolean): Error {
    if (error instanceof OrgRequestError) return error;
    const err = error as JsforceError;
    const status = this.lastStatus;
    const where = `${method} ${path.split('?')[0]}`;
    if (status === 0 || !err.errorCode) {
      // No HTTP answer: name the cause (connection refused, DNS, TLS) rather than "fetch failed".
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      const reason = [err.message, cause?.code ?? cause?.message].filter(Boolean).join(': ');
      const Failure = method === 'GET' || readOnly ? OrgRequestError : WriteOutcomeUnknown;
      return new Failure(`${where} failed: ${reason}`, 0, null, method, path);
    }
    const data = err.data;
    const first = errorList(Array.isArray(data) ? data : data && typeof data === 'object' ? [data] : [])[0];
    const code = first ? codeOf(first) : err.errorCode.startsWith('ERROR_HTTP_') ? null : err.errorCode;
    const detail = first?.message ?? err.message;
    const fieldErrors =
      data && typeof data === 'object' && 'fieldErrors' in data
        ? ((data as { fieldErrors: Record<string, string> }).fieldErrors ?? null)
        : null;
    const hint = status === 401 ? " (sign in again: 'sf org login web', or a fresh access token)" : '';
    const unknownOutcome = status >= 500 && method === 'POST' && !readOnly;
    const Failure = unknownOutcome ? WriteOutcomeUnknown : OrgRequestError;
    const maybe = unknownOutcome ? ' (the org may have done it before failing: check before running it again)' : '';
    return new Failure(
      `${where} failed: HTTP ${status}${code ? ` ${code}` : ''}: ${detail}${hint}${maybe}`,
      status,
      code,
      method,
      path,
      fieldErrors
    );
  }

  /**
   * Sends one request through the connection. jsforce retries 5xx and network errors of reads and idempotent
   * writes; this adds the retry of UNABLE_TO_LOCK_ROW, which comes as a 4xx. Throws OrgRequestError.
   */
  async request<T>(method: string, path: string, body?: unknown, requestOptions: RequestOptions = {}): Promise<T> {
    const readOnly = requestOptions.readOnly === true;
    for (let attempt = 1; ; attempt++) {
      this.lastStatus = 0;
      try {
        const request = {
          method,
          // Absolute: sf may store the instance URL with a trailing slash, and jsforce would then send `//services/...`.
          url: path.startsWith('/') ? this.instanceUrl + path : path,
          readOnly,
          headers: body === undefined ? {} : { 'content-type': 'application/json' },
          ...(body === undefined ? {} : { body: JSON.stringify(body) })
        };
        return (await this.conn.request<T>(request as Parameters<Connection['request']>[0])) as T;
      } catch (error) {
        const failure = this.toOrgError(error, method, path, readOnly);
        // platform-rule: unable-to-lock-row-retry — a record locked by another transaction is refused with
        // UNABLE_TO_LOCK_ROW; the lock lasts until that transaction ends, so a later attempt can succeed.
        if (failure instanceof OrgRequestError && failure.errorCode === LOCK_ERROR && attempt < this.maxAttempts) {
          const delay = this.backoff(attempt);
          this.stats.retries++;
          this.log(`${method} ${path.split('?')[0]}: ${LOCK_ERROR}; retrying in ${delay} ms`);
          await this.sleep(delay);
          continue;
        }
        throw failure;
      }
    }
  }

  /** totalSize of a SELECT COUNT() statement (its records are empty). */
  async count(soql: string): Promise<number> {
    return (await this.query(soql, true)).totalSize;
  }

  /**
   * Revokes an OAuth token at the revoke endpoint: POST /services/oauth2/revoke with token=<value>, form-encoded
   * (a DeleteToken of OauthToken revokes that token). The value is redacted from every log line. Returns null
   * when revoked, else the endpoint's error (invalid_token, unsupported_token_type).
   * platform-rule: oauth-revoke-endpoint
   */
  async revokeOauthToken(token: string): Promise<string | null> {
    this.options.redactor.add(token);
    this.lastStatus = 0;
    try {
      await this.conn.request({
        method: 'POST',
        url: `${this.instanceUrl}/services/oauth2/revoke`,
        body: new URLSearchParams({ token }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' }
      });
      return null;
    } catch (error) {
      if (this.lastStatus === 0) throw this.toOrgError(error, 'POST', '/services/oauth2/revoke', false);
      const err = error as JsforceError;
      const text = typeof err.message === 'string' ? err.message : '';
      try {
        return (JSON.parse(text) as { error?: string }).error ?? `HTTP ${this.lastStatus}`;
      } catch {
        return `HTTP ${this.lastStatus}`;
      }
    }
  }

  /** Runs one SOQL statement; jsforce follows nextRecordsUrl (autoFetch). */
  async query<T extends SObjectRecord>(soql: string): Promise<T[]>;
  async query<T extends SObjectRecord>(soql: string, withSize: true): Promise<{ totalSize: number; records: T[] }>;
  async query<T extends SObjectRecord>(
    soql: string,
    withSize?: true
  ): Promise<T[] | { totalSize: number; records: T[] }> {
    this.lastStatus = 0;
    try {
      // platform-rule: query-result-batches — a query answers at most one batch (2,000 rows by default) and a
      // nextRecordsUrl for the rest: autoFetch reads every batch.
      const result = await this.conn.query<T & { attributes?: never }>(soql, {
        autoFetch: true,
        maxFetch: Number.MAX_SAFE_INTEGER
      } as Parameters<Connection['query']>[1]);
      return withSize ? { totalSize: result.totalSize, records: result.records } : result.records;
    } catch (error) {
      throw this.toOrgError(error, 'GET', this.dataPath('query'), true);
    }
  }

  /**
   * Runs many SOQL statements as subrequests of Composite API calls: long IN lists travel in the body instead of
   * the URL, and N statements cost ⌈N/5⌉ requests (platform-rule: composite-query-subrequest-limit — at most 5 query
   * subrequests per call). Further pages are read with queryMore (autoFetch).
   */
  async queryMany(statements: ReadonlyMap<string, string>): Promise<Map<string, SObjectRecord[]>> {
    const entries = [...statements.entries()];
    const results = new Map<string, SObjectRecord[]>();
    for (const batch of chunk(entries, Math.min(COMPOSITE_QUERY_LIMIT, COMPOSITE_SUBREQUEST_LIMIT))) {
      const compositeRequest = batch.map(([referenceId, soql]) => ({
        method: 'GET',
        url: this.dataPath(`query?q=${encodeURIComponent(soql)}`),
        referenceId
      }));
      const response = await this.compositeWithRetry(compositeRequest);
      for (const sub of response.compositeResponse) {
        if (sub.httpStatusCode >= 300) {
          const error = errorList(sub.body)[0];
          throw new OrgRequestError(
            `${sub.referenceId === null ? 'Composite request' : `Query ${sub.referenceId}`} failed: HTTP ${sub.httpStatusCode}${error ? ` ${codeOf(error) ?? ''}: ${error.message}` : ''}`,
            sub.httpStatusCode,
            error ? codeOf(error) : null,
            'GET',
            this.dataPath('query')
          );
        }
        const page = sub.body as { records: SObjectRecord[]; nextRecordsUrl?: string };
        let records = page.records;
        if (page.nextRecordsUrl) {
          const locator = page.nextRecordsUrl.split('/').pop()!;
          try {
            const rest = await this.conn.queryMore(locator, {
              autoFetch: true,
              maxFetch: Number.MAX_SAFE_INTEGER
            } as Parameters<Connection['queryMore']>[1]);
            records = [...records, ...rest.records];
          } catch (error) {
            throw this.toOrgError(error, 'GET', page.nextRecordsUrl, true);
          }
        }
        results.set(sub.referenceId ?? '', records);
      }
    }
    return results;
  }

  private async compositeWithRetry(
    compositeRequest: { method: string; url: string; referenceId: string }[]
  ): Promise<{ compositeResponse: { body: unknown; httpStatusCode: number; referenceId: string | null }[] }> {
    for (let attempt = 1; ; attempt++) {
      const response = await this.request<{
        compositeResponse: { body: unknown; httpStatusCode: number; referenceId: string | null }[];
      }>('POST', this.dataPath('composite'), { allOrNone: false, compositeRequest }, { readOnly: true });
      const transient = response.compositeResponse.some(
        (sub) => sub.httpStatusCode >= 500 || errorList(sub.body).some((e) => codeOf(e) === LOCK_ERROR)
      );
      if (!transient || attempt >= this.maxAttempts) return response;
      const delay = this.backoff(attempt);
      this.stats.retries++;
      this.log(`Composite query: a subrequest failed transiently; retrying in ${delay} ms`);
      await this.sleep(delay);
    }
  }

  async describe(sobject: string): Promise<DescribeResult> {
    this.lastStatus = 0;
    try {
      return (await this.conn.describe(sobject)) as unknown as DescribeResult;
    } catch (error) {
      throw this.toOrgError(error, 'GET', this.dataPath(`sobjects/${sobject}/describe`), true);
    }
  }

  /**
   * Inserts through sObject Collections (`conn.create`), 200 per request, allOrNone=false; results in input order.
   * A request that got a 5xx is not resent blindly: `reconcile` re-reads the org, records it holds count as saved,
   * only the others are sent again.
   */
  insertRecords(
    records: readonly SObjectRecord[],
    options: InsertOptions | ((done: number) => void) = {}
  ): Promise<SaveResult[]> {
    const opts = typeof options === 'function' ? { onChunk: options } : options;
    return this.collectionWrite('POST', records, opts.onChunk, opts.reconcile);
  }

  /**
   * Updates (records carry Id) through sObject Collections (`conn.update`), 200 per request, allOrNone=false.
   * platform-rule: sobject-collections-update-id — jsforce sends each record's Id as the `id` field.
   */
  updateRecords(records: readonly SObjectRecord[], onChunk?: (done: number) => void): Promise<SaveResult[]> {
    return this.collectionWrite('PATCH', records, onChunk);
  }

  private async collectionWrite(
    method: 'POST' | 'PATCH',
    records: readonly SObjectRecord[],
    onChunk?: (done: number) => void,
    reconcile?: InsertOptions['reconcile']
  ): Promise<SaveResult[]> {
    const results: SaveResult[] = [];
    // platform-rule: sobject-collections-per-record-results — at most 200 records a request; with allOrNone=false
    // each record gets its own result (success, id, errors) in input order.
    for (const part of chunk(records, COLLECTION_LIMIT)) {
      const partResults = await this.withRecordLockRetries(part, (pending) =>
        method === 'POST' ? this.insertOnce(pending, reconcile) : this.collection('PATCH', pending)
      );
      results.push(...partResults);
      onChunk?.(part.length);
    }
    return results;
  }

  /** One sObject Collections call; the type comes from each record's attributes. */
  private async collection(method: 'POST' | 'PATCH', records: readonly SObjectRecord[]): Promise<SaveResult[]> {
    this.lastStatus = 0;
    const options = { allOrNone: false, allowRecursive: false };
    try {
      const saved =
        method === 'POST'
          ? await this.conn.create('', records as never[], options)
          : await this.conn.update('', records as never[], options);
      return saved as unknown as SaveResult[];
    } catch (error) {
      throw this.toOrgError(error, method, this.dataPath('composite/sobjects'), false);
    }
  }

  /**
   * One sObject Collections insert. After a 5xx (the org may have committed), re-reads through `reconcile`: records
   * found are saved; the rest were not written and are sent once more. Without `reconcile`, or when the re-read
   * fails, they are reported as outcome unknown (never as plainly failed).
   */
  private async insertOnce(
    pending: readonly SObjectRecord[],
    reconcile: InsertOptions['reconcile'],
    attempt = 1
  ): Promise<SaveResult[]> {
    try {
      return await this.collection('POST', pending);
    } catch (error) {
      if (!(error instanceof WriteOutcomeUnknown)) throw error;
      const unknown = (): SaveResult[] =>
        pending.map(() => ({
          id: null,
          success: false,
          errors: [
            {
              errorCode: 'OUTCOME_UNKNOWN',
              message: `${error.message}; the org may have saved it: run the command again to converge`
            }
          ]
        }));
      if (!reconcile) return unknown();
      this.log(`${error.message}; re-reading the org to learn which of ${pending.length} record(s) were saved`);
      let found: (string | null)[];
      try {
        found = await reconcile(pending);
      } catch (readError) {
        if (readError instanceof OrgRequestError) return unknown();
        throw readError;
      }
      const results: SaveResult[] = pending.map((_, index) => {
        const id = found[index] ?? null;
        return id ? { id, success: true, errors: [] } : { id: null, success: false, errors: [] };
      });
      const missing = results.flatMap((result, index) => (result.success ? [] : [index]));
      if (missing.length === 0) return results;
      if (attempt >= 2) {
        for (const index of missing) results[index] = unknown()[index]!;
        return results;
      }
      this.stats.retries++;
      this.log(`${missing.length} record(s) were not saved; sending them again`);
      const again = await this.insertOnce(
        missing.map((index) => pending[index]!),
        reconcile,
        attempt + 1
      );
      missing.forEach((index, position) => (results[index] = again[position]!));
      return results;
    }
  }

  /** Resubmits only the records that failed with UNABLE_TO_LOCK_ROW, with backoff. */
  private async withRecordLockRetries<T>(
    items: readonly T[],
    send: (pending: T[]) => Promise<SaveResult[]>
  ): Promise<SaveResult[]> {
    const results: SaveResult[] = new Array<SaveResult>(items.length);
    let pendingIndexes = items.map((_, index) => index);
    for (let attempt = 1; pendingIndexes.length > 0; attempt++) {
      const response = await send(pendingIndexes.map((index) => items[index]!));
      const retryIndexes: number[] = [];
      response.forEach((result, position) => {
        const index = pendingIndexes[position]!;
        results[index] = result;
        if (!result.success && result.errors.some((e) => codeOf(e) === LOCK_ERROR)) retryIndexes.push(index);
      });
      if (retryIndexes.length === 0 || attempt >= this.maxAttempts) break;
      const delay = this.backoff(attempt);
      this.stats.retries++;
      this.log(`${retryIndexes.length} record(s) locked (${LOCK_ERROR}); retrying them in ${delay} ms`);
      await this.sleep(delay);
      pendingIndexes = retryIndexes;
    }
    return results;
  }

  /** The user the token acts as. */
  async whoAmI(): Promise<{ userId: string; username: string }> {
    const info = await this.request<{ user_id: string; preferred_username: string }>(
      'GET',
      '/services/oauth2/userinfo'
    );
    return { userId: info.user_id, username: info.preferred_username };
  }

  /**
   * Calls the package's Apex REST endpoint. The platform answers an unknown Apex REST URL with 404 NOT_FOUND
   * (an error list); the package's own 404s are JSON objects with ok: false. The first means the package
   * is not installed or the namespace is wrong.
   */
  async apex<T>(method: string, relative: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
    const path = this.apexRestPath(relative);
    try {
      return await this.request<T>(method, path, body, options);
    } catch (error) {
      if (
        error instanceof OrgRequestError &&
        !(error instanceof WriteOutcomeUnknown) &&
        error.status === 404 &&
        error.errorCode === 'NOT_FOUND'
      ) {
        const namespace = this.namespace
          ? `the namespace '${this.namespace}' is right`
          : 'the package has no namespace (pass --namespace <prefix> for a namespaced package)';
        throw new OrgRequestError(
          `${error.message}. The org has no package endpoint ${path.split('?')[0]}: check that the Connector Admin ` +
            `package is installed and that ${namespace}.`,
          error.status,
          error.errorCode,
          error.method,
          error.path,
          error.fieldErrors
        );
      }
      throw error;
    }
  }

  /** Waits before poll number `attempt` (1-based) of a long-running job: exponential, capped. */
  async pausePoll(attempt: number): Promise<void> {
    const base = this.options.pollBaseMs ?? 1000;
    const max = this.options.pollMaxMs ?? 15000;
    await this.sleep(Math.min(max, Math.round(base * 1.5 ** Math.max(0, attempt - 1))));
  }
}

export function describeError(error: SalesforceError): string {
  const code = codeOf(error);
  const fields = error.fields && error.fields.length > 0 ? ` (fields: ${error.fields.join(', ')})` : '';
  return `${code ? `${code}: ` : ''}${error.message}${fields}`;
}
