/* Run-time facts of the in-memory org, written into the page by the preview server on every load. */
const config = (typeof window !== 'undefined' && window.__PREVIEW__) || {};

/** Like the platform: `true` when the running user holds the custom permission, otherwise `undefined`. */
export function hasCustomPermission(name) {
  return (config.customPermissions || []).includes(name) ? true : undefined;
}

export function runningUserId() {
  return config.userId;
}

/** `@salesforce/i18n/<name>` for the running user; other names keep lightning-base-components' defaults. */
export function i18n(name, fallback) {
  const value = (config.i18n || {})[name];
  return value === undefined ? fallback : value;
}
