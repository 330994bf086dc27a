/**
 * The Composite resource's limits, as the platform enforces them on the whole call.
 * platform-rule: composite-query-subrequest-limit — up to 25 subrequests, of which up to 5 may be query or sObject
 * Collections operations (Query, QueryAll, the next batch of a query, /composite/sobjects).
 */
export const MAX_SUBREQUESTS = 25;
export const MAX_QUERY_OR_COLLECTION_SUBREQUESTS = 5;

interface Subrequest {
  method?: string;
  url?: string;
}

/** Whether a subrequest is a query (incl. a query's next batch) or an sObject Collections operation. */
export function isQueryOrCollection(sub: Subrequest): boolean {
  const path = String(sub.url ?? '').split('?')[0] ?? '';
  return /\/services\/data\/v[\d.]+\/(query|queryAll)(\/|$)/.test(path) || /\/composite\/sobjects(\/|$)/.test(path);
}

/**
 * The refusal of a Composite call over a limit, or null when it is within them. The platform answers the call with
 * one compositeResponse entry (referenceId null, HTTP 400, LIMIT_EXCEEDED) and runs none of the subrequests.
 */
export function compositeLimitRefusal(requests: readonly Subrequest[]): { status: number; body: unknown } | null {
  const refuse = (message: string): { status: number; body: unknown } => ({
    status: 200,
    body: {
      compositeResponse: [
        { body: [{ errorCode: 'LIMIT_EXCEEDED', message }], httpHeaders: {}, httpStatusCode: 400, referenceId: null }
      ]
    }
  });
  if (requests.length > MAX_SUBREQUESTS) {
    return refuse(`The request can’t contain more than ${MAX_SUBREQUESTS} operations.`);
  }
  const heavy = requests.filter(isQueryOrCollection).length;
  if (heavy > MAX_QUERY_OR_COLLECTION_SUBREQUESTS) {
    return refuse(
      `The request can’t contain more than ${MAX_QUERY_OR_COLLECTION_SUBREQUESTS} query or sObject Collections operations.`
    );
  }
  return null;
}
