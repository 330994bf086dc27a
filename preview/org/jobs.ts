import { ScheduledJobSelector } from './selectors/ScheduledJobSelector.ts';
import type { ActionResult, JobState, JobView } from '../../scripts/contract/types.ts';
import { KeyPrefix, newId } from './ids.ts';
import type { JobDefinition } from './metadata.ts';
import { label } from './labels.ts';
import type { Org } from './org.ts';
import type { CronTriggerRecord } from './state.ts';

/**
 * Twin of ScheduledJobService: the ConnectorJob definitions with their live cron triggers, and
 * Stop / Start / Restart all with the same idempotent rules, messages (custom labels) and audit entries.
 */

/** CronTrigger.State → JobState; COMPLETE and DELETED triggers never fire again and count as not scheduled. */
const STATE_BY_CRON_STATE: Record<string, JobState> = {
  WAITING: 'Waiting',
  ACQUIRED: 'Waiting',
  BLOCKED: 'Waiting',
  EXECUTING: 'Running',
  PAUSED: 'Paused',
  PAUSED_BLOCKED: 'Paused',
  ERROR: 'Error'
};

/** ScheduledJobService.ACTION_* */
export const JOB_ACTIONS = { stop: 'Stop job', start: 'Start job', restart: 'Restart all jobs' } as const;

/** Thrown where ScheduledJobService throws an exception whose message reaches the page as is. */
export class JobError extends Error {}

type OutcomeKind = 'Success' | 'Failure' | 'NoChange';

interface Outcome {
  kind: OutcomeKind;
  message: string;
}

interface Job {
  definition: JobDefinition | null;
  cron: CronTriggerRecord | null;
}

const isLive = (job: Job): boolean => job.cron !== null && job.cron.State in STATE_BY_CRON_STATE;
const nameOf = (job: Job): string => job.definition?.label ?? job.cron?.JobName ?? '';
const isActiveDefinition = (job: Job): boolean => job.definition?.active === true;
const classNameOf = (apexClass: string): string => apexClass.trim().split('.').pop() ?? '';

function stateOf(job: Job): JobState {
  if (!job.definition) return 'Unmanaged';
  return isLive(job) ? (STATE_BY_CRON_STATE[job.cron?.State ?? ''] ?? 'NotScheduled') : 'NotScheduled';
}

/** ScheduledJobService.loadJobs(): definitions with their trigger, then live package jobs found by class. */
function loadJobs(org: Org, definitions: JobDefinition[] = org.jobDefinitions()): Job[] {
  const jobNames = new Set(definitions.map((d) => d.jobName));
  const packageClasses = new Set(definitions.map((d) => classNameOf(d.apexClass).toLowerCase()));
  const byName = new Map<string, CronTriggerRecord>();
  for (const cron of ScheduledJobSelector.getCronTriggers(org, jobNames)) {
    if (!byName.has(cron.JobName)) byName.set(cron.JobName, cron);
  }
  const jobs: Job[] = definitions.map((definition) => ({ definition, cron: byName.get(definition.jobName) ?? null }));
  for (const cron of ScheduledJobSelector.getScheduledApexJobs(org, packageClasses)) {
    if (!jobNames.has(cron.JobName) && cron.State in STATE_BY_CRON_STATE) jobs.push({ definition: null, cron });
  }
  return jobs;
}

/** ScheduledJobService.getJobs(); definitions given by the rule cases (ConnectorConfigSelector.mockJobs). */
export function getJobs(org: Org, definitions?: JobDefinition[]): JobView[] {
  const connectorUserId = org.state.settings?.ConnectorUserId__c ?? null;
  return loadJobs(org, definitions).map((job) => {
    const live = isLive(job);
    const owner = live ? org.user(job.cron?.OwnerId) : undefined;
    return {
      definitionName: job.definition?.developerName ?? null,
      label: nameOf(job),
      description: job.definition?.description ?? null,
      apexClass: job.definition?.apexClass ?? job.cron?.ApexClass ?? '',
      jobName: job.definition?.jobName ?? job.cron?.JobName ?? '',
      isActive: isActiveDefinition(job),
      state: stateOf(job),
      cronTriggerId: job.cron?.Id ?? null,
      cronExpression: live ? (job.cron?.CronExpression ?? null) : (job.definition?.cronExpression ?? null),
      nextFireTime: live ? (job.cron?.NextFireTime ?? null) : null,
      previousFireTime: job.cron?.PreviousFireTime ?? null,
      runAsUserId: live ? (job.cron?.OwnerId ?? null) : null,
      runAsUserName: owner?.Name ?? null,
      warning: warningFor(org, job, connectorUserId)
    };
  });
}

function sameUser(a: string | null | undefined, b: string | null | undefined): boolean {
  return Boolean(a && b && a.slice(0, 15) === b.trim().slice(0, 15));
}

function warningFor(org: Org, job: Job, connectorUserId: string | null): string | null {
  if (!isLive(job) || !job.cron) return null;
  const reasons: string[] = [];
  if (!job.definition) reasons.push(label('Jobs_WarningUnmanaged'));
  else if (!isActiveDefinition(job)) reasons.push(label('Jobs_WarningInactiveDefinition'));
  const owner = org.user(job.cron.OwnerId);
  const ownerName = owner?.Name ?? job.cron.OwnerId;
  let ownerProblem = true;
  if (owner && !owner.IsActive) reasons.push(label('Jobs_WarningInactiveUser', ownerName));
  else if (owner?.IsFrozen) reasons.push(label('Jobs_WarningFrozenUser', ownerName));
  else if (connectorUserId && !sameUser(job.cron.OwnerId, connectorUserId))
    reasons.push(label('Jobs_WarningNotConnectorUser', ownerName));
  else ownerProblem = false;
  if (ownerProblem && job.definition) reasons.push(label('Jobs_WarningRestart'));
  return reasons.length > 0 ? reasons.join(' ') : null;
}

/** A definition name (case-insensitive) or the 15/18-character id of a listed job's trigger. */
function findJob(jobs: Job[], key: unknown): Job {
  const text = typeof key === 'string' ? key.trim() : '';
  const found =
    jobs.find((j) => j.definition && j.definition.developerName.toLowerCase() === text.toLowerCase()) ??
    jobs.find((j) => j.cron && text && (j.cron.Id === text || j.cron.Id.slice(0, 15) === text));
  if (!text || !found) throw new JobError(label('Jobs_NotFound', key ?? ''));
  return found;
}

function abort(org: Org, cron: CronTriggerRecord): void {
  org.state.cronTriggers = org.state.cronTriggers.filter((t) => t.Id !== cron.Id);
}

function stop(org: Org, job: Job): Outcome {
  if (!job.cron) return { kind: 'NoChange', message: label('Jobs_AlreadyStopped', nameOf(job)) };
  const wasLive = isLive(job);
  abort(org, job.cron);
  if (!wasLive) return { kind: 'NoChange', message: label('Jobs_AlreadyStopped', nameOf(job)) };
  return {
    kind: 'Success',
    message: label(job.definition ? 'Jobs_Stopped' : 'Jobs_StoppedUnmanaged', nameOf(job))
  };
}

/** ScheduledJobService.newSchedulable(): the class must exist and implement Schedulable. */
function checkSchedulable(org: Org, definition: JobDefinition): void {
  const className = classNameOf(definition.apexClass);
  const source = className ? org.apexClassSource(className) : null;
  if (source === null) throw new JobError(label('Jobs_ClassNotFound', definition.apexClass));
  if (!/implements\s+[^{]*\bSchedulable\b/i.test(source)) {
    throw new JobError(label('Jobs_ClassNotSchedulable', definition.apexClass));
  }
}

function start(org: Org, job: Job): Outcome {
  const definition = job.definition;
  if (!definition) return { kind: 'Failure', message: label('Jobs_StartUnmanaged', nameOf(job)) };
  if (isLive(job)) return { kind: 'NoChange', message: label('Jobs_AlreadyStarted', nameOf(job)) };
  if (!definition.active) return { kind: 'Failure', message: label('Jobs_StartInactive', nameOf(job)) };
  try {
    checkSchedulable(org, definition);
    const runningUser = org.runningUser();
    const nextFireTime = nextFireTimeOf(definition.cronExpression, org.now(), runningUser.TimeZoneSidKey);
    if (job.cron) abort(org, job.cron);
    org.state.cronTriggers.push({
      Id: newId(org.state, KeyPrefix.CronTrigger),
      JobName: definition.jobName,
      ApexClass: classNameOf(definition.apexClass),
      CronExpression: definition.cronExpression,
      State: 'WAITING',
      NextFireTime: nextFireTime?.toISOString() ?? null,
      PreviousFireTime: null,
      TimesTriggered: 0,
      OwnerId: runningUser.Id,
      CreatedDate: org.now().toISOString()
    });
    return { kind: 'Success', message: label('Jobs_Started', nameOf(job), definition.cronExpression) };
  } catch (error) {
    return { kind: 'Failure', message: label('Jobs_StartFailed', nameOf(job), (error as Error).message) };
  }
}

/** Writes the audit entry and turns the outcome into the action result (ScheduledJobService.record). */
function record(
  org: Org,
  action: string,
  target: string | null,
  outcome: Outcome,
  scheduledAsRunningUser: boolean,
  changed: boolean = outcome.kind === 'Success'
): ActionResult {
  let message = outcome.message;
  const connectorUserId = org.state.settings?.ConnectorUserId__c ?? null;
  if (scheduledAsRunningUser && connectorUserId && !sameUser(org.state.runningUserId, connectorUserId)) {
    message += ` ${label('Jobs_RunsAsYou')}`;
  }
  org.logEvent({ Action__c: action, Target__c: target, Outcome__c: outcome.kind, Detail__c: message });
  return { ok: outcome.kind !== 'Failure', changed, message };
}

/**
 * ScheduledJobService.recordEach: for actions on all jobs, one audit entry per job acted on (target = its label),
 * or one entry with the summary when none was; the result carries the summary.
 */
function recordEach(
  org: Org,
  action: string,
  perJob: { jobName: string; outcome: Outcome }[],
  summary: Outcome,
  scheduledAsRunningUser: boolean,
  changed: boolean
): ActionResult {
  let message = summary.message;
  const connectorUserId = org.state.settings?.ConnectorUserId__c ?? null;
  if (scheduledAsRunningUser && connectorUserId && !sameUser(org.state.runningUserId, connectorUserId)) {
    message += ` ${label('Jobs_RunsAsYou')}`;
  }
  if (perJob.length === 0) {
    org.logEvent({ Action__c: action, Target__c: null, Outcome__c: summary.kind, Detail__c: message });
  }
  for (const each of perJob) {
    org.logEvent({
      Action__c: action,
      Target__c: each.jobName,
      Outcome__c: each.outcome.kind,
      Detail__c: each.outcome.message
    });
  }
  return { ok: summary.kind !== 'Failure', changed, message };
}

/** AdminHomeController.stopJob */
export function stopJob(org: Org, jobKey: unknown): ActionResult {
  const job = findJob(loadJobs(org), jobKey);
  return record(org, JOB_ACTIONS.stop, nameOf(job), stop(org, job), false);
}

/** AdminHomeController.startJob */
export function startJob(org: Org, definitionName: unknown): ActionResult {
  const job = findJob(loadJobs(org), definitionName);
  const outcome = start(org, job);
  return record(org, JOB_ACTIONS.start, nameOf(job), outcome, outcome.kind === 'Success');
}

/** AdminHomeController.restartAllJobs: stop + start every scheduled definition, in order, in one go. */
export function restartAllJobs(org: Org): ActionResult {
  const restarted: string[] = [];
  const leftStopped: string[] = [];
  const stoppedInactive: string[] = [];
  const failed: string[] = [];
  const unmanaged: string[] = [];
  const perJob: { jobName: string; outcome: Outcome }[] = [];
  for (const job of loadJobs(org)) {
    if (!job.definition) unmanaged.push(nameOf(job));
    else if (!isLive(job)) leftStopped.push(nameOf(job));
    else {
      const stopped = stop(org, job);
      if (!isActiveDefinition(job)) {
        stoppedInactive.push(nameOf(job));
        perJob.push({ jobName: nameOf(job), outcome: stopped });
        continue;
      }
      let started = start(org, { definition: job.definition, cron: null });
      if (started.kind === 'Success') {
        restarted.push(nameOf(job));
        started = { ...started, message: label('Jobs_Restarted', nameOf(job)) };
      } else failed.push(started.message);
      perJob.push({ jobName: nameOf(job), outcome: started });
    }
  }
  const parts: string[] = [];
  if (restarted.length === 0 && stoppedInactive.length === 0 && failed.length === 0)
    parts.push(label('Jobs_RestartNothing'));
  const addPart = (name: string, names: string[], separator: string) => {
    if (names.length > 0) parts.push(label(name, names.length, names.join(separator)));
  };
  addPart('Jobs_RestartDone', restarted, ', ');
  addPart('Jobs_RestartStoppedInactive', stoppedInactive, ', ');
  addPart('Jobs_RestartFailed', failed, ' ');
  addPart('Jobs_RestartLeftStopped', leftStopped, ', ');
  addPart('Jobs_RestartUnmanagedKept', unmanaged, ', ');
  const kind: OutcomeKind =
    failed.length > 0 ? 'Failure' : restarted.length === 0 && stoppedInactive.length === 0 ? 'NoChange' : 'Success';
  const changed = restarted.length > 0 || stoppedInactive.length > 0 || failed.length > 0;
  const summary: Outcome = { kind, message: parts.join(' ') };
  return recordEach(org, JOB_ACTIONS.restart, perJob, summary, restarted.length > 0, changed);
}

/** ScheduledJobService.restartJob: one definition stopped and started again as the running user. */
export function restartJob(org: Org, definitionName: unknown): ActionResult {
  const job = findJob(loadJobs(org), definitionName);
  if (!job.definition) {
    return record(
      org,
      JOB_ACTIONS.restart,
      nameOf(job),
      {
        kind: 'Failure',
        message: label('Jobs_StartUnmanaged', nameOf(job))
      },
      false
    );
  }
  const wasLive = isLive(job);
  if (wasLive) stop(org, job);
  let started = start(org, { definition: job.definition, cron: wasLive ? null : job.cron });
  if (wasLive && started.kind === 'Success') started = { ...started, message: label('Jobs_Restarted', nameOf(job)) };
  return record(org, JOB_ACTIONS.restart, nameOf(job), started, started.kind === 'Success');
}

/** ScheduledJobService.stopAllJobs: every scheduled job of the definitions; others are left as they are. */
export function stopAllJobs(org: Org): ActionResult {
  const stopped: string[] = [];
  const perJob: { jobName: string; outcome: Outcome }[] = [];
  for (const job of loadJobs(org)) {
    if (job.definition && isLive(job)) {
      perJob.push({ jobName: nameOf(job), outcome: stop(org, job) });
      stopped.push(nameOf(job));
    }
  }
  const outcome: Outcome =
    stopped.length === 0
      ? { kind: 'NoChange', message: label('Jobs_StopAllNothing') }
      : { kind: 'Success', message: label('Jobs_StopAllDone', stopped.length, stopped.join(', ')) };
  return recordEach(org, JOB_ACTIONS.stop, perJob, outcome, false, stopped.length > 0);
}

/** ScheduledJobService.startAllJobs: every active definition that is not scheduled, in definition order. */
export function startAllJobs(org: Org): ActionResult {
  const started: string[] = [];
  const failed: string[] = [];
  const perJob: { jobName: string; outcome: Outcome }[] = [];
  for (const job of loadJobs(org)) {
    if (isActiveDefinition(job) && !isLive(job)) {
      const outcome = start(org, job);
      perJob.push({ jobName: nameOf(job), outcome });
      if (outcome.kind === 'Success') started.push(nameOf(job));
      else failed.push(outcome.message);
    }
  }
  const parts: string[] = [];
  if (started.length === 0 && failed.length === 0) parts.push(label('Jobs_StartAllNothing'));
  if (started.length > 0) parts.push(label('Jobs_StartAllDone', started.length, started.join(', ')));
  if (failed.length > 0) parts.push(label('Jobs_RestartFailed', failed.length, failed.join(' ')));
  const kind: OutcomeKind = failed.length > 0 ? 'Failure' : started.length === 0 ? 'NoChange' : 'Success';
  const summary: Outcome = { kind, message: parts.join(' ') };
  return recordEach(org, JOB_ACTIONS.start, perJob, summary, started.length > 0, started.length > 0);
}

/** ScheduledJobService.performCommand: a job command as the trigger's running user (no key: every job). */
export function performCommand(org: Org, action: string, jobKey: string | null): ActionResult {
  const all = !jobKey || !jobKey.trim();
  if (action === 'RestartAll') return all ? restartAllJobs(org) : restartJob(org, jobKey);
  if (action === 'Start') return all ? startAllJobs(org) : startJob(org, jobKey);
  if (action === 'Stop') return all ? stopAllJobs(org) : stopJob(org, jobKey);
  throw new JobError(label('Jobs_CommandUnknownAction', action));
}

// ---- cron: the next fire time of a Salesforce cron expression, in the scheduling user's time zone ----

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/** The values a cron field allows (null = any); names, lists, ranges and steps as System.schedule accepts. */
function cronField(text: string, min: number, max: number, names: string[] = []): Set<number> | null {
  if (text === '*' || text === '?') return null;
  const value = (token: string): number => {
    const named = names.indexOf(token.toUpperCase());
    const n = named >= 0 ? named + min : Number(token);
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`"${text}" is not valid here (${min}–${max})`);
    return n;
  };
  const allowed = new Set<number>();
  for (const part of text.split(',')) {
    const [range = '', stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new Error(`"${part}" has an invalid step`);
    const [from, to] =
      range === '*' ? [min, max] : range.includes('-') ? range.split('-').map(value) : [value(range), undefined];
    const last = to ?? (stepText === undefined ? from : max);
    for (let n = from ?? min; n <= last; n += step) allowed.add(n);
  }
  return allowed;
}

/** Wall-clock parts of an instant in a time zone, as a UTC timestamp of those parts. */
function wallClock(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric'
  }).formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
}

/** Next fire time after `after`, or null when the expression never fires again within a year. */
export function nextFireTimeOf(expression: string, after: Date, timeZone: string): Date | null {
  const fields = expression.trim().split(/\s+/);
  if (fields.length < 6 || fields.length > 7) {
    throw new Error(`"${expression}" is not a cron expression: seconds minutes hours day month weekday [year]`);
  }
  const [s = '', mi = '', h = '', dom = '', mon = '', dow = '', year = '*'] = fields;
  const seconds = [...(cronField(s, 0, 59) ?? [0])].sort((a, b) => a - b);
  const minutes = [...(cronField(mi, 0, 59) ?? Array.from({ length: 60 }, (_, i) => i))].sort((a, b) => a - b);
  const hours = cronField(h, 0, 23);
  const days = cronField(dom, 1, 31);
  const months = cronField(mon, 1, 12, MONTHS);
  const weekdays = cronField(dow, 1, 7, DAYS);
  const years = cronField(year, 1970, 2099);
  const hourMs = 3_600_000;
  const start = wallClock(after.getTime(), timeZone);
  const firstHour = start - (start % hourMs);
  for (let i = 0; i <= 366 * 24; i++) {
    const hour = new Date(firstHour + i * hourMs);
    if (hours && !hours.has(hour.getUTCHours())) continue;
    if (days && !days.has(hour.getUTCDate())) continue;
    if (months && !months.has(hour.getUTCMonth() + 1)) continue;
    if (weekdays && !weekdays.has(hour.getUTCDay() + 1)) continue;
    if (years && !years.has(hour.getUTCFullYear())) continue;
    for (const minute of minutes) {
      for (const second of seconds) {
        const local = hour.getTime() + minute * 60_000 + second * 1000;
        if (local <= start) continue;
        // Wall clock → instant: subtract the zone's offset at about that time.
        const offset = wallClock(local, timeZone) - local;
        return new Date(local - offset);
      }
    }
  }
  return null;
}
