/**
 * The cron expression `System.schedule` accepts, as the Apex Developer Guide's Apex Scheduler page defines it:
 * `Seconds Minutes Hours Day_of_month Month Day_of_week Optional_year` — six or seven fields, Quartz-like, not the
 * five-field Unix form. Seconds and minutes take plain numbers only: the page lists no special characters for them and
 * the platform refuses "0 0/5 * * * ?" ("Seconds and minutes must be specified as integers"). The page lists none for
 * Hours either, yet an hourly "0 0 * * * ?" is accepted by orgs and the health check relies on it: modelled, not
 * documented, so Hours takes , - * / here.
 * platform-rule: apex-scheduler-cron — a job definition the platform would refuse must fail here, not at Start.
 */

interface CronField {
  name: string;
  min: number;
  max: number;
  /** Special characters the page lists for the field. */
  special: string;
  names?: string[];
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

const FIELDS: CronField[] = [
  { name: 'Seconds', min: 0, max: 59, special: '' },
  { name: 'Minutes', min: 0, max: 59, special: '' },
  { name: 'Hours', min: 0, max: 23, special: ',-*/' },
  { name: 'Day_of_month', min: 1, max: 31, special: ',-*?/LW' },
  { name: 'Month', min: 1, max: 12, special: ',-*/', names: MONTHS },
  { name: 'Day_of_week', min: 1, max: 7, special: ',-*?/L#', names: DAYS },
  { name: 'Optional_year', min: 1970, max: 2099, special: ',-*/' }
];

function fieldProblem(field: CronField, value: string): string | undefined {
  const bad = [...value].find((c) => !/[0-9A-Za-z]/.test(c) && !field.special.includes(c));
  if (bad) {
    return field.special
      ? `${field.name} "${value}" uses "${bad}"; it allows only numbers${field.names ? ', names' : ''} and ${field.special.split('').join(' ')}`
      : `${field.name} "${value}" must be a number from ${field.min} to ${field.max} (no special characters)`;
  }
  for (const token of value.toUpperCase().split(/[,\-/#]/)) {
    const bare = token.replace(/^(\d+)[LW]+$/, '$1');
    if (bare === '' || bare === '*' || bare === '?' || bare === 'L' || bare === 'LW') continue;
    if (field.names?.includes(bare)) continue;
    if (!/^\d+$/.test(bare)) return `${field.name} "${value}" has "${token}", which is not a value of this field`;
    const n = Number(bare);
    if (n < field.min || n > field.max) {
      // the increment after "/" and the n after "#" are counts, not values of the field
      if (value.includes('/') || value.includes('#')) continue;
      return `${field.name} "${value}" is out of range ${field.min}–${field.max}`;
    }
  }
  return undefined;
}

/** Why `System.schedule` would refuse the expression, or undefined when it follows the documented syntax. */
export function apexCronProblem(expression: string): string | undefined {
  const parts = expression.trim().split(/\s+/);
  if (parts.length < 6 || parts.length > 7) {
    return `"${expression}" has ${parts.length} fields; Apex needs 6 or 7: Seconds Minutes Hours Day_of_month Month Day_of_week [Year]`;
  }
  for (const [i, value] of parts.entries()) {
    const problem = fieldProblem(FIELDS[i]!, value);
    if (problem) return problem;
  }
  return undefined;
}
