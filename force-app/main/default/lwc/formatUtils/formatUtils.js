import LOCALE from '@salesforce/i18n/locale';
import TIME_ZONE from '@salesforce/i18n/timeZone';

/**
 * Fills a custom label template: formatLabel('Set on {0} by {1}', date, name).
 * @param {string} template label with {0}, {1}... placeholders
 * @param {...*} values replacement values, in placeholder order
 * @returns {string}
 */
export function formatLabel(template, ...values) {
  return String(template).replace(/\{(\d+)\}/g, (placeholder, index) => {
    return index < values.length ? String(values[index] ?? '') : placeholder;
  });
}

/**
 * Date and time in the user's locale and Salesforce time zone, e.g. "Oct 2, 2025, 2:15 AM".
 * @param {string} isoValue ISO-8601 date time
 * @returns {string} empty for a missing or invalid value
 */
export function formatDateTime(isoValue) {
  if (!isoValue) {
    return '';
  }
  const date = new Date(isoValue);
  if (Number.isNaN(date.getTime())) {
    return '';
  }
  return new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeStyle: 'short', timeZone: TIME_ZONE }).format(date);
}
