/**
 * Reduces one or more errors (Apex, UI API, fetch or JavaScript) to a list of readable messages.
 * @param {*|Array} errors a single error or a list of them
 * @returns {string[]} messages, without empty ones
 */
export function reduceErrors(errors) {
  const list = Array.isArray(errors) ? errors : [errors];
  return list
    .filter((error) => !!error)
    .flatMap((error) => messagesOf(error))
    .filter((message) => typeof message === 'string' && message.trim().length > 0);
}

function messagesOf(error) {
  if (typeof error === 'string') {
    return [error];
  }
  const body = error.body;
  // UI API read errors
  if (Array.isArray(body)) {
    return body.map((entry) => entry.message);
  }
  if (body) {
    // Page-level and field-level errors of a DML operation
    const pageErrors = body.pageErrors ?? body.output?.errors ?? [];
    const fieldErrors = Object.values(body.fieldErrors ?? body.output?.fieldErrors ?? {}).flat();
    const messages = [...pageErrors, ...fieldErrors].map((entry) => entry.message);
    if (messages.length > 0) {
      return messages;
    }
    // Apex (AuraHandledException) and network errors
    if (typeof body.message === 'string') {
      return [body.message];
    }
  }
  // JavaScript errors
  if (typeof error.message === 'string') {
    return [error.message];
  }
  return [error.statusText];
}
