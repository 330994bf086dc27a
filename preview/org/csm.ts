import { CsmSyncSelector } from './selectors/CsmSyncSelector.ts';
import type {
  ActionResult,
  CsmAction,
  CsmAssignmentView,
  CsmFieldOption,
  CsmLookupOption,
  CsmPreview,
  CsmPreviewRow,
  CsmProgress,
  CsmRunStart,
  CsmRunView,
  CsmView
} from '../../scripts/contract/types.ts';
import { KeyPrefix, newId } from './ids.ts';
import { compareText } from '../../scripts/lib/metadata-records.ts';
import { label } from './labels.ts';
import { findUsableCsmField, isUsableCsmField } from '../../scripts/lib/csm-field.ts';
import type { Org } from './org.ts';
import { AuraHandledException } from './registry.ts';
import {
  newCsmSyncRun,
  type AccountFieldRecord,
  type AccountRecord,
  type CsmAssignmentRecord,
  type CsmJobRecord,
  type CsmSyncRunRecord,
  type CsmTallyState,
  type UserRecord
} from './state.ts';

/**
 * Twin of CsmSyncService / CsmSyncBatch / CsmSyncSelector: the same matching rules over the in-memory
 * Accounts. A run is a two-pass batch job that advances one scope per progress poll, as if time passed.
 */

/** CsmSyncService constants */
export const PREVIEW_ROW_LIMIT = 200;
export const UNMATCHED_EMAIL_LIMIT = 50;
const ERROR_DETAIL_LIMIT = 10;
const DEFAULT_SCOPE_SIZE = 200;
const MAX_SCOPE_SIZE = 2000;
const MANUAL_LIST_LIMIT = 50;
const SEARCH_LIMIT = 10;
const MIN_SEARCH_LENGTH = 2;
const EVENT_TARGET = 'CSM sync';

/** CsmSyncException: a message the admin can act on, shown as is. */
function fail(labelName: string, ...values: unknown[]): never {
  throw new AuraHandledException(label(labelName, ...values));
}

// ------------------------------------------------------------ settings

export function getCsmFieldOptions(org: Org): CsmFieldOption[] {
  return org
    .accountFields()
    .filter(isUsableCsmField)
    .map((f) => ({ value: f.name, label: f.label, type: f.type as 'EMAIL' | 'STRING' }))
    .sort((a, b) => compareText(a.label, b.label) || compareText(a.value, b.value));
}

/** CsmSyncService.requireEmailField: the describe of a usable field, or the admin-readable error. */
export function requireEmailField(org: Org, fieldName: string | null | undefined): AccountFieldRecord {
  if (!fieldName || !fieldName.trim()) fail('Csm_ErrorNoField');
  return findUsableCsmField(org.accountFields(), fieldName) ?? fail('Csm_ErrorInvalidField', fieldName);
}

export function saveCsmSettings(org: Org, fieldName: unknown, enabled: unknown): ActionResult {
  const turnOn = enabled === true;
  const name = typeof fieldName === 'string' && fieldName.trim() ? fieldName : null;
  const canonical = name === null ? null : requireEmailField(org, name).name;
  if (turnOn && canonical === null) fail('Csm_ErrorEnableNeedsField');
  const settings = org.state.settings;
  if (!settings) throw new Error('the org has no connector settings');
  const changed =
    (settings.CsmEmailField__c ?? '').toLowerCase() !== (canonical ?? '').toLowerCase() ||
    settings.CsmSyncEnabled__c !== turnOn;
  if (changed) {
    settings.CsmEmailField__c = canonical;
    settings.CsmSyncEnabled__c = turnOn;
  }
  org.logEvent({
    Action__c: 'Save CSM sync settings',
    Target__c: EVENT_TARGET,
    Outcome__c: changed ? 'Success' : 'NoChange',
    Detail__c: `Email field: ${canonical ?? '-'}; daily sync: ${turnOn ? 'on' : 'off'}`
  });
  return { ok: true, changed, message: label(changed ? 'Csm_MessageSettingsSaved' : 'Csm_MessageNoChange') };
}

function scopeSize(org: Org): number {
  const configured = org.state.settings?.CsmSyncScopeSize__c;
  if (configured === null || configured === undefined || configured < 1) return DEFAULT_SCOPE_SIZE;
  return Math.min(Math.trunc(configured), MAX_SCOPE_SIZE);
}

// ------------------------------------------------------------ matching rules

export function normalizeEmail(value: unknown): string | null {
  const text = value === null || value === undefined ? '' : String(value).trim().toLowerCase();
  return text ? text : null;
}

interface Decision {
  accountId: string | null;
  accountName: string | null;
  email: string | null;
  current: CsmAssignmentRecord | null;
  newUser: UserRecord | null;
  action: CsmAction;
  reason: string | null;
  unmatched: boolean;
}

function emailOf(account: AccountRecord, field: string): string | null {
  return normalizeEmail(field === 'Name' ? account.Name : account.fields[field]);
}

function assignmentsByKey(org: Org, keys: Set<string>): Map<string, CsmAssignmentRecord> {
  return new Map(CsmSyncSelector.getAssignments(org, keys).map((a) => [a.AccountKey__c, a]));
}

/** getUsersByEmail: internal users with these emails, active or not. */
function usersByEmail(org: Org, emails: Set<string>): Map<string, UserRecord[]> {
  const byEmail = new Map<string, UserRecord[]>();
  for (const user of CsmSyncSelector.getUsersByEmail(org, emails, normalizeEmail)) {
    const email = normalizeEmail(user.Email)!;
    byEmail.set(email, [...(byEmail.get(email) ?? []), user]);
  }
  return byEmail;
}

function decide(
  org: Org,
  account: AccountRecord,
  email: string | null,
  current: CsmAssignmentRecord | null,
  users: Map<string, UserRecord[]>
): Decision | null {
  const decision: Decision = {
    accountId: account.Id,
    accountName: account.Name,
    email,
    current,
    newUser: null,
    action: 'Unchanged',
    reason: null,
    unmatched: false
  };
  if (current && current.Source__c !== 'Synced') {
    return { ...decision, action: 'KeepManual', reason: label('Csm_ReasonManual') };
  }
  if (email === null) {
    return current ? { ...decision, action: 'Clear', reason: label('Csm_ReasonFieldEmpty') } : null;
  }
  const candidates = users.get(email) ?? [];
  const active = candidates.filter((u) => u.IsActive);
  if (active.length === 1) {
    const newUser = active[0] ?? null;
    let action: CsmAction = 'Update';
    if (!current) action = 'Create';
    else if (current.CsmUser__c === newUser?.Id && normalizeEmail(current.SyncedEmail__c) === email)
      action = 'Unchanged';
    return { ...decision, newUser, action };
  }
  const reason =
    active.length > 1
      ? label('Csm_ReasonSeveralUsers')
      : candidates.length > 0
        ? label('Csm_ReasonInactiveUser')
        : label('Csm_ReasonNoUser');
  return { ...decision, unmatched: true, reason, action: current ? 'Clear' : 'Unmatched' };
}

export function decideAccounts(org: Org, accounts: AccountRecord[], field: string): Decision[] {
  const current = assignmentsByKey(org, new Set(accounts.map((a) => a.Id)));
  const users = usersByEmail(
    org,
    new Set(accounts.map((a) => emailOf(a, field)).filter((e): e is string => e !== null))
  );
  return accounts
    .map((a) => decide(org, a, emailOf(a, field), current.get(a.Id) ?? null, users))
    .filter((d): d is Decision => d !== null);
}

function decideEmptied(org: Org, assignments: CsmAssignmentRecord[], field: string): Decision[] {
  const current = assignmentsByKey(org, new Set(assignments.map((a) => a.AccountKey__c)));
  const decisions: Decision[] = [];
  for (const assignment of current.values()) {
    if (assignment.Source__c !== 'Synced') continue;
    const base = { email: null, current: assignment, newUser: null, unmatched: false } as const;
    if (!assignment.Account__c) {
      decisions.push({
        ...base,
        accountId: null,
        accountName: null,
        action: 'Clear',
        reason: label('Csm_ReasonAccountDeleted')
      });
      continue;
    }
    const account = CsmSyncSelector.getAccountById(org, assignment.Account__c);
    if (!account || emailOf(account, field) !== null) continue;
    decisions.push({
      ...base,
      accountId: account.Id,
      accountName: account.Name,
      action: 'Clear',
      reason: label('Csm_ReasonFieldEmpty')
    });
  }
  return decisions;
}

function newTally(): CsmTallyState {
  return {
    created: 0,
    updated: 0,
    unchanged: 0,
    skippedManual: 0,
    unmatched: 0,
    cleared: 0,
    errors: 0,
    unmatchedEmails: [],
    errorDetails: []
  };
}

function addUnmatched(tally: CsmTallyState, email: string | null): void {
  tally.unmatched++;
  if (email && tally.unmatchedEmails.length < UNMATCHED_EMAIL_LIMIT && !tally.unmatchedEmails.includes(email)) {
    tally.unmatchedEmails.push(email);
  }
}

function addError(tally: CsmTallyState, detail: string): void {
  tally.errors++;
  if (tally.errorDetails.length < ERROR_DETAIL_LIMIT) tally.errorDetails.push(detail);
}

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** CsmSyncService.apply: counts the decisions and, unless dry, writes them. */
function apply(org: Org, decisions: Decision[], tally: CsmTallyState, dryRun: boolean): void {
  const now = org.now().toISOString();
  for (const d of decisions) {
    if (d.unmatched) addUnmatched(tally, d.email);
    switch (d.action) {
      case 'KeepManual':
        tally.skippedManual++;
        break;
      case 'Unchanged':
        tally.unchanged++;
        break;
      case 'Create':
      case 'Update': {
        if (!EMAIL_PATTERN.test(d.email ?? '')) {
          // SyncedEmail__c is an Email field: the platform rejects what is not an address.
          addError(tally, `${d.accountId} INVALID_EMAIL_ADDRESS: Synced Email: invalid email address: ${d.email}`);
          break;
        }
        if (d.action === 'Create') {
          tally.created++;
          if (!dryRun) {
            const number = (org.state.idCounters[KeyPrefix.CsmAssignment] ?? 1000) + 1;
            org.state.csmAssignments.push({
              Id: newId(org.state, KeyPrefix.CsmAssignment),
              Name: `CSM-${String(number).padStart(6, '0')}`,
              Account__c: d.accountId,
              AccountKey__c: d.accountId ?? '',
              CsmUser__c: d.newUser?.Id ?? null,
              Source__c: 'Synced',
              SyncedEmail__c: d.email,
              LastSynced__c: now,
              LastModifiedDate: now
            });
          }
        } else {
          tally.updated++;
          if (!dryRun && d.current) {
            Object.assign(d.current, {
              Account__c: d.accountId,
              CsmUser__c: d.newUser?.Id ?? null,
              Source__c: 'Synced',
              SyncedEmail__c: d.email,
              LastSynced__c: now,
              LastModifiedDate: now
            });
          }
        }
        break;
      }
      case 'Clear':
        tally.cleared++;
        if (!dryRun) org.state.csmAssignments = org.state.csmAssignments.filter((a) => a.Id !== d.current?.Id);
        break;
      default:
        break;
    }
  }
}

// ------------------------------------------------------------ preview

export function previewCsmSync(org: Org): CsmPreview {
  const field = requireEmailField(org, org.state.settings?.CsmEmailField__c).name;
  const accounts = CsmSyncSelector.getAccountsWithEmail(org, field).slice(0, PREVIEW_ROW_LIMIT);
  const decisions = decideAccounts(org, accounts, field);
  let limitReached = accounts.length >= PREVIEW_ROW_LIMIT;
  if (decisions.length < PREVIEW_ROW_LIMIT) {
    const room = PREVIEW_ROW_LIMIT - decisions.length;
    const emptied = CsmSyncSelector.getEmptiedAssignments(org, field).slice(0, room);
    limitReached = limitReached || emptied.length >= room;
    decisions.push(...decideEmptied(org, emptied, field));
  }
  const tally = newTally();
  apply(org, decisions, tally, true);
  const at = org.now().toISOString();
  return {
    emailField: field,
    rowLimit: PREVIEW_ROW_LIMIT,
    limitReached,
    summary: {
      ...tallyView(tally),
      id: null,
      status: 'Completed',
      dryRun: true,
      emailField: field,
      startedAt: at,
      finishedAt: at,
      jobId: null
    },
    rows: decisions.map((d) => previewRow(org, d))
  };
}

function previewRow(org: Org, d: Decision): CsmPreviewRow {
  const currentCsmId = d.current?.CsmUser__c ?? null;
  const currentCsmName = org.user(currentCsmId)?.Name ?? null;
  const keeps = d.action === 'KeepManual' || d.action === 'Unchanged';
  return {
    accountId: d.accountId ?? d.current?.Account__c ?? null,
    accountName: d.accountName,
    email: d.email,
    currentCsmId,
    currentCsmName,
    currentSource: d.current?.Source__c ?? null,
    newCsmId: keeps ? currentCsmId : (d.newUser?.Id ?? null),
    newCsmName: keeps ? currentCsmName : (d.newUser?.Name ?? null),
    action: d.action,
    reason: d.reason
  };
}

function tallyView(
  tally: CsmTallyState
): Omit<CsmRunView, 'id' | 'status' | 'dryRun' | 'emailField' | 'startedAt' | 'finishedAt' | 'jobId'> {
  return {
    created: tally.created,
    updated: tally.updated,
    unchanged: tally.unchanged,
    skippedManual: tally.skippedManual,
    unmatched: tally.unmatched,
    cleared: tally.cleared,
    errors: tally.errors,
    unmatchedEmails: [...tally.unmatchedEmails],
    errorDetails: [...tally.errorDetails]
  };
}

// ------------------------------------------------------------ runs

export function runCsmSyncNow(org: Org, origin = 'Run now'): CsmRunStart {
  const field = requireEmailField(org, org.state.settings?.CsmEmailField__c).name;
  if (CsmSyncSelector.hasOpenBatch(org)) fail('Csm_ErrorAlreadyRunning');
  const job = enqueue(org, 'ACCOUNTS', field, false, '', newTally(), null);
  org.logEvent({
    Action__c: 'Start CSM sync',
    Target__c: EVENT_TARGET,
    Outcome__c: 'Success',
    Detail__c: `${origin}; field ${field}; job ${job.Id}`
  });
  return { ok: true, changed: true, message: label('Csm_MessageRunStarted'), jobId: job.Id };
}

function enqueue(
  org: Org,
  pass: CsmJobRecord['pass'],
  emailField: string,
  dryRun: boolean,
  runId: string,
  tally: CsmTallyState,
  firstJobId: string | null
): CsmJobRecord {
  const jobId = newId(org.state, KeyPrefix.AsyncApexJob);
  const job: CsmJobRecord = {
    Id: jobId,
    Status: 'Queued',
    JobItemsProcessed: 0,
    TotalJobItems: 0,
    NumberOfErrors: 0,
    pass,
    emailField,
    dryRun,
    scopeSize: scopeSize(org),
    runId,
    firstJobId: firstJobId ?? jobId,
    pendingIds: [],
    failure: null,
    tally
  };
  org.state.csmJobs.push(job);
  return job;
}

/** start(): the run record (first pass) and the locator's rows. */
function start(org: Org, job: CsmJobRecord): void {
  if (job.pass === 'ACCOUNTS') {
    const run: CsmSyncRunRecord = {
      ...newCsmSyncRun(newId(org.state, KeyPrefix.CsmSyncRun), org.now().toISOString()),
      DryRun__c: job.dryRun,
      EmailField__c: job.emailField,
      AsyncApexJobId__c: job.Id
    };
    org.state.csmSyncRuns.push(run);
    job.runId = run.Id;
  }
  try {
    requireEmailField(org, job.emailField);
    job.pendingIds =
      job.pass === 'ACCOUNTS'
        ? CsmSyncSelector.getAccountsWithEmail(org, job.emailField).map((a) => a.Id)
        : CsmSyncSelector.getEmptiedAssignments(org, job.emailField).map((a) => a.Id);
  } catch (error) {
    job.failure = (error as Error).message;
    job.pendingIds = [];
  }
  job.TotalJobItems = Math.ceil(job.pendingIds.length / job.scopeSize);
  job.Status = 'Processing';
}

/** execute() of one scope. */
function executeScope(org: Org, job: CsmJobRecord): void {
  const ids = new Set(job.pendingIds.splice(0, job.scopeSize));
  if (job.pass === 'ACCOUNTS') {
    const accounts = CsmSyncSelector.getAccountsById(org, ids);
    apply(org, decideAccounts(org, accounts, job.emailField), job.tally, job.dryRun);
  } else {
    const assignments = CsmSyncSelector.getAssignmentsById(org, ids);
    apply(org, decideEmptied(org, assignments, job.emailField), job.tally, job.dryRun);
  }
  job.JobItemsProcessed++;
}

/** finish(): second pass, or the final report. */
function finish(org: Org, job: CsmJobRecord): void {
  job.Status = 'Completed';
  if (job.failure !== null) {
    saveRun(org, job.runId, job.tally, 'Failed', job.failure);
  } else if (job.pass === 'EMPTIED') {
    saveRun(org, job.runId, job.tally, 'Completed', null);
  } else {
    saveRun(org, job.runId, job.tally, 'Running', null);
    enqueue(org, 'EMPTIED', job.emailField, job.dryRun, job.runId, job.tally, job.Id);
  }
}

function saveRun(
  org: Org,
  runId: string,
  tally: CsmTallyState,
  status: CsmSyncRunRecord['Status__c'],
  failure: string | null
): void {
  const run = CsmSyncSelector.getRunById(org, runId);
  if (!run) return;
  Object.assign(run, {
    Status__c: status,
    Created__c: tally.created,
    Updated__c: tally.updated,
    Unchanged__c: tally.unchanged,
    SkippedManual__c: tally.skippedManual,
    Unmatched__c: tally.unmatched,
    Cleared__c: tally.cleared,
    Errors__c: tally.errors,
    UnmatchedEmails__c: tally.unmatchedEmails.join('\n'),
    ErrorDetail__c: (failure === null ? tally.errorDetails : [failure]).join('\n')
  });
  if (status === 'Running') return;
  run.FinishedAt__c = org.now().toISOString();
  const outcome =
    status === 'Failed' || tally.errors > 0
      ? 'Failure'
      : tally.created + tally.updated + tally.cleared > 0
        ? 'Success'
        : 'NoChange';
  org.logEvent({
    Action__c: 'Finish CSM sync',
    Target__c: EVENT_TARGET,
    Outcome__c: outcome,
    Detail__c: summarize(tally, failure)
  });
}

function summarize(tally: CsmTallyState, failure: string | null): string {
  let summary =
    `created ${tally.created}, updated ${tally.updated}, unchanged ${tally.unchanged}, ` +
    `kept manual ${tally.skippedManual}, unmatched ${tally.unmatched}, cleared ${tally.cleared}, errors ${tally.errors}`;
  if (tally.unmatchedEmails.length > 0) summary += `\nUnmatched: ${tally.unmatchedEmails.join(', ')}`;
  return failure === null ? summary : `${failure}\n${summary}`;
}

/** Time passes for the batch queue: each open job moves one step (start, one scope, or finish). */
export function advanceCsmJobs(org: Org): void {
  for (const job of [...org.state.csmJobs]) {
    if (job.Status === 'Queued') start(org, job);
    else if (job.Status !== 'Processing') continue;
    if (job.pendingIds.length > 0) executeScope(org, job);
    if (job.pendingIds.length === 0) finish(org, job);
  }
}

export function getCsmSyncProgress(org: Org, jobId: unknown): CsmProgress {
  advanceCsmJobs(org);
  const job = CsmSyncSelector.getJob(org, jobId);
  if (!job) fail('Csm_ErrorUnknownJob');
  const run = CsmSyncSelector.getRunByJobId(org, job.Id);
  const runView = run ? toRunView(run) : null;
  const stopped = job.Status === 'Aborted' || job.Status === 'Failed';
  return {
    jobId: job.Id,
    status: job.Status,
    jobItemsProcessed: job.JobItemsProcessed,
    totalJobItems: job.TotalJobItems,
    numberOfErrors: job.NumberOfErrors,
    done: stopped || (runView !== null && runView.status !== 'Running'),
    run: runView
  };
}

/** CsmSyncRunReport.getLatestRun: the newest run the running user can read, null when none. */
export function getLatestRun(org: Org): CsmRunView | null {
  if (!org.canRead(org.state.runningUserId, 'CsmSyncRun__c')) return null;
  const latest = CsmSyncSelector.getLatestRun(org);
  return latest ? toRunView(latest) : null;
}

function toRunView(run: CsmSyncRunRecord): CsmRunView {
  const lines = (text: string | null) =>
    (text ?? '')
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
  return {
    id: run.Id,
    status: run.Status__c,
    dryRun: run.DryRun__c,
    emailField: run.EmailField__c,
    startedAt: run.StartedAt__c,
    finishedAt: run.FinishedAt__c,
    jobId: run.AsyncApexJobId__c,
    created: run.Created__c,
    updated: run.Updated__c,
    unchanged: run.Unchanged__c,
    skippedManual: run.SkippedManual__c,
    unmatched: run.Unmatched__c,
    cleared: run.Cleared__c,
    errors: run.Errors__c,
    unmatchedEmails: lines(run.UnmatchedEmails__c),
    errorDetails: lines(run.ErrorDetail__c)
  };
}

// ------------------------------------------------------------ manual override

export function setManualCsm(org: Org, accountId: unknown, userId: unknown): ActionResult {
  const account = CsmSyncSelector.getAccountById(org, accountId);
  if (!account) fail('Csm_ErrorAccountNotFound');
  let csm: UserRecord | undefined;
  if (userId !== null && userId !== undefined && userId !== '') {
    csm = org.user(String(userId));
    if (!csm || !csm.IsActive) fail('Csm_ErrorUserNotActive');
  }
  const current = CsmSyncSelector.getAssignments(org, new Set([account.Id]))[0];
  const newUserId = csm?.Id ?? null;
  const changed = !current || current.Source__c !== 'Manual' || current.CsmUser__c !== newUserId;
  const now = org.now().toISOString();
  if (changed) {
    if (current) {
      Object.assign(current, {
        Account__c: account.Id,
        CsmUser__c: newUserId,
        Source__c: 'Manual',
        LastModifiedDate: now
      });
    } else {
      const number = (org.state.idCounters[KeyPrefix.CsmAssignment] ?? 1000) + 1;
      org.state.csmAssignments.push({
        Id: newId(org.state, KeyPrefix.CsmAssignment),
        Name: `CSM-${String(number).padStart(6, '0')}`,
        Account__c: account.Id,
        AccountKey__c: account.Id,
        CsmUser__c: newUserId,
        Source__c: 'Manual',
        SyncedEmail__c: null,
        LastSynced__c: null,
        LastModifiedDate: now
      });
    }
  }
  const message = csm
    ? label('Csm_MessageManualSet', account.Name, csm.Name)
    : label('Csm_MessageManualCleared', account.Name);
  org.logEvent({
    Action__c: 'Set CSM by hand',
    Target__c: account.Name,
    Outcome__c: changed ? 'Success' : 'NoChange',
    Detail__c: message
  });
  return { ok: true, changed, message: changed ? message : label('Csm_MessageNoChange') };
}

export function returnToSynced(org: Org, assignmentId: unknown): ActionResult {
  const assignment = CsmSyncSelector.getAssignmentById(org, assignmentId);
  if (!assignment) fail('Csm_ErrorAssignmentNotFound');
  const account = CsmSyncSelector.getAccountById(org, assignment.Account__c);
  const target = account?.Name ?? assignment.AccountKey__c;
  if (assignment.Source__c === 'Synced') {
    org.logEvent({ Action__c: 'Return CSM to sync', Target__c: target, Outcome__c: 'NoChange', Detail__c: null });
    return { ok: true, changed: false, message: label('Csm_MessageNoChange') };
  }
  assignment.Source__c = 'Synced';
  assignment.LastModifiedDate = org.now().toISOString();
  let message = label('Csm_MessageReturnedPending');
  const configured = org.state.settings?.CsmEmailField__c;
  if (account && configured) {
    const field = requireEmailField(org, configured).name;
    const tally = newTally();
    apply(org, decideAccounts(org, [account], field), tally, false);
    message =
      tally.errors > 0
        ? tally.errorDetails.join('\n')
        : label(tally.cleared > 0 ? 'Csm_MessageReturnedCleared' : 'Csm_MessageReturnedSynced');
  }
  org.logEvent({ Action__c: 'Return CSM to sync', Target__c: target, Outcome__c: 'Success', Detail__c: message });
  return { ok: true, changed: true, message };
}

function searchTerm(term: unknown): string | null {
  const trimmed = typeof term === 'string' ? term.trim() : '';
  return trimmed.length < MIN_SEARCH_LENGTH ? null : trimmed.toLowerCase();
}

export function searchCsmAccounts(org: Org, term: unknown): CsmLookupOption[] {
  const wanted = searchTerm(term);
  if (wanted === null) return [];
  return CsmSyncSelector.searchAccounts(org, wanted, compareText, SEARCH_LIMIT).map((a) => ({
    id: a.Id,
    label: a.Name,
    detail: null
  }));
}

export function searchCsmUsers(org: Org, term: unknown): CsmLookupOption[] {
  const wanted = searchTerm(term);
  if (wanted === null) return [];
  return org.state.users
    .filter(
      (u) =>
        u.UserType !== 'AutomatedProcess' &&
        u.IsActive &&
        (u.Name.toLowerCase().includes(wanted) || u.Email.toLowerCase().includes(wanted))
    )
    .sort((a, b) => compareText(a.Name, b.Name))
    .slice(0, SEARCH_LIMIT)
    .map((u) => ({ id: u.Id, label: u.Name, detail: u.Email }));
}

// ------------------------------------------------------------ Admin Home section

export function csmView(org: Org): CsmView {
  const settings = org.state.settings;
  const emailField = settings?.CsmEmailField__c ?? null;
  let emailFieldLabel: string | null = null;
  let emailFieldError: string | null = null;
  if (emailField) {
    try {
      emailFieldLabel = requireEmailField(org, emailField).label;
    } catch (error) {
      emailFieldError = (error as Error).message;
    }
  }
  const userId = org.state.runningUserId;
  // CsmSyncSelector.getManualAssignments: a user-mode query of Account__r.Name (every user reads User names).
  if (org.canRead(userId, 'CsmAssignment__c')) org.userModeRead({ Account: ['Name'] });
  const manual = org.canRead(userId, 'CsmAssignment__c')
    ? CsmSyncSelector.getManualAssignments(org, MANUAL_LIST_LIMIT)
    : [];
  return {
    enabled: settings?.CsmSyncEnabled__c === true,
    emailField,
    emailFieldLabel,
    emailFieldError,
    scopeSize: scopeSize(org),
    lastRun: getLatestRun(org),
    manualAssignments: manual.map((a) => assignmentView(org, a))
  };
}

function assignmentView(org: Org, a: CsmAssignmentRecord): CsmAssignmentView {
  return {
    id: a.Id,
    accountId: a.Account__c,
    accountName: CsmSyncSelector.getAccountById(org, a.Account__c)?.Name ?? null,
    csmUserId: a.CsmUser__c,
    csmUserName: org.user(a.CsmUser__c)?.Name ?? null,
    source: a.Source__c ?? 'Manual',
    syncedEmail: a.SyncedEmail__c,
    lastSynced: a.LastSynced__c
  };
}
