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

export interface QueryResult<T> {
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  records: T[];
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
  instanceUrl: string;
  accessToken: string;
  apiVersion: string;
  namespace: string;
  redactor: Redactor;
  /** Called for retries and other transport notes (stderr). */
  log?: (message: string) => void;
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** New access token after a 401 (org auth through @salesforce/core); once per request. */
  refreshAccessToken?: () => Promise<string>;
  sleep?: (ms: number) => Promise<void>;
  /** First and longest pause between polls of a long-running job (default 1 s, 15 s). */
  pollBaseMs?: number;
  pollMaxMs?: number;
}

interface RequestOptions {
  /** Reads sent as POST (composite queries): never counted as writes. */
  readOnly?: boolean;
}

/**
 * A POST that got a 5xx (or no answer): the org may or may not have committed it, so it is not resent blindly.
 * The caller re-reads the org to learn what was written.
 */
export class WriteOutcomeUnknown extends OrgRequestError {}

/** Per-record result of a collection insert, plus whether it was learned by re-reading the org after a 5xx. */
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

/** One client for every command: REST with the project's API version, retries, counting and redaction. */
export class OrgClient {
  readonly stats: RequestStats = { requests: 0, writeRequests: 0, retries: 0 };
  readonly instanceUrl: string;
  readonly apiVersion: string;
  readonly namespace: string;
  private accessToken: string;
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: ClientOptions) {
    this.instanceUrl = options.instanceUrl.replace(/\/+$/, '');
    this.apiVersion = options.apiVersion;
    this.namespace = options.namespace;
    this.accessToken = options.accessToken;
    this.maxAttempts = options.maxAttempts ?? 4;
    this.baseDelayMs = options.baseDelayMs ?? 250;
    this.maxDelayMs = options.maxDelayMs ?? 8000;
    this.sleep = options.sleep ?? defaultSleep;
    options.redactor.add(options.accessToken);
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
    this.options.log?.(message);
  }

  private backoff(attempt: number, retryAfter: string | null): number {
    const seconds = retryAfter ? Number(retryAfter) : Number.NaN;
    if (Number.isFinite(seconds) && seconds >= 0) return Math.min(this.maxDelayMs, seconds * 1000);
    const exponential = this.baseDelayMs * 2 ** (attempt - 1);
    return Math.min(this.maxDelayMs, Math.round(exponential * (0.5 + Math.random() / 2)));
  }

  /**
   * Sends one request. Retries with backoff on 5xx and UNABLE_TO_LOCK_ROW, on network errors only for
   * reads; never on other 4xx. Throws OrgRequestError with the org's error code and message.
   */
  async request<T>(method: string, path: string, body?: unknown, requestOptions: RequestOptions = {}): Promise<T> {
    const url = this.instanceUrl + path;
    const isRead = method === 'GET' || requestOptions.readOnly === true;
    // An insert (POST) that got a 5xx may have committed: resending it could duplicate records or report failures
    // for records the org has, so the caller re-reads instead. PATCH/PUT/DELETE of the same values are retried.
    const idempotent = isRead || method !== 'POST';
    let refreshed = false;
    for (let attempt = 1; ; attempt++) {
      this.stats.requests++;
      if (!isRead) this.stats.writeRequests++;
      let response: Response;
      try {
        response = await fetch(url, {
          method,
          headers: {
            Authorization: `Bearer ${this.accessToken}`,
            Accept: 'application/json',
            ...(body === undefined ? {} : { 'Content-Type': 'application/json' })
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(120_000)
        });
      } catch (error) {
        const reason = (error as Error).message;
        if (isRead && attempt < this.maxAttempts) {
          const delay = this.backoff(attempt, null);
          this.stats.retries++;
          this.log(
            `${method} ${path}: ${reason}; retrying in ${delay} ms (attempt ${attempt + 1}/${this.maxAttempts})`
          );
          await this.sleep(delay);
          continue;
        }
        const Failure = isRead ? OrgRequestError : WriteOutcomeUnknown;
        throw new Failure(`${method} ${path.split('?')[0]} failed: ${reason}`, 0, null, method, path);
      }
      const text = await response.text();
      let parsed: unknown = undefined;
      if (text.length > 0) {
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = text;
        }
      }
      if (response.ok) return parsed as T;

      const errors = errorList(parsed);
      const first = errors[0];
      const code = first ? codeOf(first) : null;
      if (response.status === 401 && this.options.refreshAccessToken && !refreshed) {
        refreshed = true;
        this.accessToken = await this.options.refreshAccessToken();
        this.options.redactor.add(this.accessToken);
        continue;
      }
      // platform-rule: unable-to-lock-row-retry — a record locked by another transaction is refused with
      // UNABLE_TO_LOCK_ROW; the lock lasts until that transaction ends, so a later attempt can succeed.
      const retryable = (response.status >= 500 && idempotent) || errors.some((e) => codeOf(e) === LOCK_ERROR);
      if (retryable && attempt < this.maxAttempts) {
        const delay = this.backoff(attempt, response.headers.get('retry-after'));
        this.stats.retries++;
        this.log(
          `${method} ${path}: ${response.status} ${code ?? ''}; retrying in ${delay} ms (attempt ${attempt + 1}/${this.maxAttempts})`
        );
        await this.sleep(delay);
        continue;
      }
      const detail = first?.message ?? (typeof parsed === 'string' ? parsed.slice(0, 300) : response.statusText);
      const fieldErrors =
        parsed && typeof parsed === 'object' && 'fieldErrors' in parsed
          ? ((parsed as { fieldErrors: Record<string, string> }).fieldErrors ?? null)
          : null;
      const hint = response.status === 401 ? " (sign in again: 'sf org login web', or a fresh SF_ACCESS_TOKEN)" : '';
      const unknownOutcome = response.status >= 500 && !idempotent;
      const Failure = unknownOutcome ? WriteOutcomeUnknown : OrgRequestError;
      const maybe = unknownOutcome ? ' (the org may have done it before failing: check before running it again)' : '';
      throw new Failure(
        `${method} ${path.split('?')[0]} failed: HTTP ${response.status}${code ? ` ${code}` : ''}: ${detail}${hint}${maybe}`,
        response.status,
        code,
        method,
        path,
        fieldErrors
      );
    }
  }

  /** totalSize of a SELECT COUNT() statement (its records are empty). */
  async count(soql: string): Promise<number> {
    const result = await this.request<QueryResult<SObjectRecord>>(
      'GET',
      this.dataPath(`query?q=${encodeURIComponent(soql)}`)
    );
    return result.totalSize;
  }

  /**
   * Revokes an OAuth token at the revoke endpoint: POST /services/oauth2/revoke with token=<value>, form-encoded
   * (a DeleteToken of OauthToken revokes that token). The value is redacted from every log line. Returns null
   * when revoked, else the endpoint's error (invalid_token, unsupported_token_type).
   * platform-rule: oauth-revoke-endpoint
   */
  async revokeOauthToken(token: string): Promise<string | null> {
    this.options.redactor.add(token);
    this.stats.requests++;
    this.stats.writeRequests++;
    let response: Response;
    try {
      response = await fetch(`${this.instanceUrl}/services/oauth2/revoke`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        body: new URLSearchParams({ token }).toString(),
        signal: AbortSignal.timeout(120_000)
      });
    } catch (error) {
      throw new OrgRequestError(
        `POST /services/oauth2/revoke failed: ${(error as Error).message}`,
        0,
        null,
        'POST',
        '/services/oauth2/revoke'
      );
    }
    if (response.ok) return null;
    const text = await response.text();
    let code: string | null = null;
    try {
      code = (JSON.parse(text) as { error?: string }).error ?? null;
    } catch {
      code = null;
    }
    return code ?? `HTTP ${response.status}`;
  }

  /** Runs one SOQL statement, following nextRecordsUrl. */
  async query<T extends SObjectRecord>(soql: string): Promise<T[]> {
    const first = await this.request<QueryResult<T>>('GET', this.dataPath(`query?q=${encodeURIComponent(soql)}`));
    return this.drain(first);
  }

  private async drain<T>(first: QueryResult<T>): Promise<T[]> {
    const records = [...first.records];
    let next = first.nextRecordsUrl;
    while (next) {
      const page = await this.request<QueryResult<T>>('GET', next);
      records.push(...page.records);
      next = page.nextRecordsUrl;
    }
    return records;
  }

  /**
   * Runs many SOQL statements as subrequests of Composite API calls: long IN lists travel in the body instead of
   * the URL, and N statements cost ⌈N/5⌉ requests (platform-rule: composite-query-subrequest-limit — at most 5 query
   * subrequests per call). Further pages (nextRecordsUrl) are read with GET.
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
        // platform-rule: query-result-batches — a query answers at most one batch (2,000 rows by default) and a
        // nextRecordsUrl for the rest.
        results.set(sub.referenceId ?? '', await this.drain(sub.body as QueryResult<SObjectRecord>));
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
      const delay = this.backoff(attempt, null);
      this.stats.retries++;
      this.log(`Composite query: a subrequest failed transiently; retrying in ${delay} ms`);
      await this.sleep(delay);
    }
  }

  describe(sobject: string): Promise<DescribeResult> {
    return this.request<DescribeResult>('GET', this.dataPath(`sobjects/${sobject}/describe`));
  }

  /**
   * Inserts through sObject Collections, 200 per request, allOrNone=false; results in input order. A request that
   * got a 5xx is not resent blindly: `reconcile` re-reads the org, records it holds count as saved, only the others
   * are sent again.
   */
  insertRecords(
    records: readonly SObjectRecord[],
    options: InsertOptions | ((done: number) => void) = {}
  ): Promise<SaveResult[]> {
    const opts = typeof options === 'function' ? { onChunk: options } : options;
    return this.collectionWrite('POST', records, opts.onChunk, opts.reconcile);
  }

  /** Updates (records carry Id) through sObject Collections, 200 per request, allOrNone=false. */
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
        method === 'POST'
          ? this.insertOnce(pending, reconcile)
          : this.request<SaveResult[]>(method, this.dataPath('composite/sobjects'), {
              allOrNone: false,
              records: pending
            })
      );
      results.push(...partResults);
      onChunk?.(part.length);
    }
    return results;
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
      return await this.request<SaveResult[]>('POST', this.dataPath('composite/sobjects'), {
        allOrNone: false,
        records: pending
      });
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

  /** Deletes by id through sObject Collections, 200 per request, allOrNone=false. */
  async deleteRecords(ids: readonly string[], onChunk?: (done: number) => void): Promise<SaveResult[]> {
    const results: SaveResult[] = [];
    for (const part of chunk(ids, COLLECTION_LIMIT)) {
      const partResults = await this.withRecordLockRetries(part, (pending) =>
        this.request<SaveResult[]>(
          'DELETE',
          this.dataPath(`composite/sobjects?ids=${pending.map(encodeURIComponent).join(',')}&allOrNone=false`)
        )
      );
      results.push(...partResults);
      onChunk?.(part.length);
    }
    return results;
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
      const delay = this.backoff(attempt, null);
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
