import { formatDateTime, formatLabel } from 'c/formatUtils';

describe('c/formatUtils', () => {
  it('fills label placeholders in order', () => {
    expect(formatLabel('Set on {0} by {1}', 'Oct 2', 'Ada')).toBe('Set on Oct 2 by Ada');
  });

  it('keeps placeholders that have no value and blanks null values', () => {
    expect(formatLabel('{0} and {1}', null)).toBe(' and {1}');
  });

  it('formats a date time in the user time zone', () => {
    // 09:15 UTC is 02:15 in Los Angeles (the jest default time zone) during daylight saving time.
    const text = formatDateTime('2025-10-02T09:15:00.000Z');
    expect(text).toContain('Oct 2, 2025');
    expect(text).toMatch(/2:15\sAM/);
  });

  it('returns an empty string for a missing or invalid date', () => {
    expect(formatDateTime(null)).toBe('');
    expect(formatDateTime('not a date')).toBe('');
  });
});
