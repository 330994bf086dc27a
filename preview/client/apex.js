/*
 * `@salesforce/apex/Class.method` in the preview: POSTs to the preview server, which runs the in-memory
 * twin of the Apex method and answers `{ state: 'SUCCESS', returnValue }` or `{ state: 'ERROR', error }`.
 * Failures are thrown shaped like the platform's Aura errors:
 * `{ status, body: { message, exceptionType, isUserDefinedException, stackTrace } }`.
 */

function auraError(status, statusText, body) {
  return {
    status,
    statusText,
    ok: false,
    headers: {},
    body: {
      message: (body && body.message) || statusText || 'The server did not answer.',
      exceptionType: (body && body.exceptionType) || null,
      isUserDefinedException: Boolean(body && body.isUserDefinedException),
      stackTrace: null
    }
  };
}

export async function callApex(method, params) {
  let response;
  try {
    response = await fetch(`/api/apex/${encodeURIComponent(method)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(params === undefined ? {} : params)
    });
  } catch (error) {
    throw auraError(0, 'Network error', { message: `The preview server is not reachable: ${error.message}` });
  }
  const text = await response.text();
  let envelope;
  try {
    envelope = JSON.parse(text);
  } catch {
    throw auraError(response.status, response.statusText, { message: text });
  }
  if (!response.ok) throw auraError(response.status, response.statusText, envelope);
  if (envelope.state !== 'SUCCESS') throw auraError(envelope.status || 500, 'Server Error', envelope.error);
  return envelope.returnValue;
}

const wired = new WeakMap();

/** Callable imperatively, and usable with `@wire` (the engine constructs it with a data callback). */
export function createApexMethod(method) {
  function apexMethod(params) {
    if (new.target) return createWireAdapter(method, params);
    return callApex(method, params);
  }
  return apexMethod;
}

function createWireAdapter(method, dataCallback) {
  let params = {};
  let connected = false;
  let needsLoad = true;
  let scheduled = false;
  const emit = (value) => {
    wired.set(value, load);
    dataCallback(value);
  };
  const load = () => {
    // The platform does not call the method while a parameter is undefined.
    if (Object.values(params).some((v) => v === undefined)) return Promise.resolve();
    return callApex(method, params).then(
      (data) => emit({ data, error: undefined }),
      (error) => emit({ data: undefined, error })
    );
  };
  // connect() and update() arrive in either order: load once per configuration.
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(() => {
      scheduled = false;
      if (connected && needsLoad) {
        needsLoad = false;
        load();
      }
    });
  };
  return {
    connect() {
      connected = true;
      schedule();
    },
    update(config) {
      params = config || {};
      needsLoad = true;
      schedule();
    },
    disconnect() {
      connected = false;
    }
  };
}

/** Re-runs the wired Apex call that produced this value. */
export function refreshApex(value) {
  const reload = wired.get(value);
  return reload ? reload() : Promise.resolve();
}

export function getSObjectValue(record, field) {
  const name = typeof field === 'string' ? field : field && field.fieldApiName;
  return name ? name.split('.').reduce((v, part) => (v == null ? undefined : v[part]), record) : undefined;
}
