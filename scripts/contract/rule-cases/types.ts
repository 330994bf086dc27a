/**
 * Rule cases: decision tables (given state → expected outcome) that both implementations run: the TypeScript
 * services through run-ts.ts (rule-cases.test.ts) and the Apex services through the RuleCases static resource
 * (config/unpackaged/main/default/classes/*Cases_Tests.cls). Ids are 18-character Salesforce ids so Apex can take them
 * as Id; messages are named by custom label so each side renders them from its own labels.
 */
import type { CsmAction, JobState, Severity, TokenState, Verdict } from '../types.ts';

/** One table: a rule of one service and its cases. */
export interface RuleTable<Given, Expect> {
  /** File name without .json; the key of the table in the static resource. */
  table: string;
  /** The rule, in one sentence, and the services that implement it. */
  rule: string;
  apex: string;
  typescript: string;
  cases: RuleCase<Given, Expect>[];
}

export interface RuleCase<Given, Expect> {
  /** Unique in its table: the failing side's assertion names it. */
  name: string;
  given: Given;
  expect: Expect;
}

// ------------------------------------------------------------------ connector status (ConnectorStatusService)

export interface StatusUser {
  id: string;
  name: string;
  isActive: boolean;
  isFrozen: boolean;
  licenseName: string;
}

/** One requirement result of the integration-user audit as the status reads it. */
export interface StatusRequirement {
  developerName: string;
  target: string;
  severity: Severity;
  state: 'Met' | 'Missing' | 'NotAvailable' | 'NotApplicable';
}

export interface StatusToken {
  userId: string;
  userName: string;
  createdDaysAgo: number;
  lastUsedDaysAgo: number | null;
  useCount: number;
}

export interface StatusJob {
  definitionName: string | null;
  cronTriggerId: string | null;
  label: string;
  state: JobState;
  /** The job's warning (ScheduledJobService), any text; null when none. */
  warning: string | null;
}

export interface StatusGiven {
  /** ConnectorUserId__c; null when none is configured. */
  connectorUserId: string | null;
  /** The user with that id; null when it does not exist. */
  user: StatusUser | null;
  requirements: StatusRequirement[];
  heartbeatHoursAgo: number | null;
  heartbeatUserId: string | null;
  connectedAppName: string | null;
  /** Whether the running user holds Customize Application (sees other users' OAuth tokens). */
  runningUserCanCustomizeApplication: boolean;
  tokens: StatusToken[];
  jobs: StatusJob[];
  jobRunner: { known: boolean; isConnectorUser: boolean | null; userName: string | null } | null;
}

export interface StatusExpect {
  verdict: Verdict;
  tokenState: TokenState;
  /** Every cause, most severe first. */
  causes: { code: string; severity: Severity }[];
}

export type StatusTable = RuleTable<StatusGiven, StatusExpect>;

// ------------------------------------------------------------------ scheduled jobs (ScheduledJobService.getJobs)

export interface JobDefinitionCase {
  developerName: string;
  label: string;
  jobName: string;
  apexClass: string;
  cronExpression: string;
  active: boolean;
  order: number;
}

export interface CronTriggerCase {
  id: string;
  jobName: string;
  apexClass: string;
  state:
    'WAITING' | 'ACQUIRED' | 'BLOCKED' | 'EXECUTING' | 'PAUSED' | 'PAUSED_BLOCKED' | 'ERROR' | 'COMPLETE' | 'DELETED';
  cronExpression: string;
  ownerId: string;
}

export interface JobsGiven {
  connectorUserId: string | null;
  definitions: JobDefinitionCase[];
  triggers: CronTriggerCase[];
  /** Owners of the triggers. */
  users: { id: string; name: string; isActive: boolean; isFrozen: boolean }[];
}

/** A warning sentence: a custom label and the values it is formatted with. */
export type LabelText = [label: string, ...values: string[]];

export interface JobsExpect {
  /** Every job in order: definitions by Order__c, then jobs scheduled outside them. */
  jobs: {
    label: string;
    definitionName: string | null;
    state: JobState;
    runAsUserId: string | null;
    /** The sentences of the warning in order; [] when none. */
    warning: LabelText[];
  }[];
}

export type JobsTable = RuleTable<JobsGiven, JobsExpect>;

// ------------------------------------------------------------------ CSM sync (CsmSyncRules.decide)

export interface CsmGiven {
  /** The CSM email field's raw value on the Account (trimmed and lower-cased by the rule). */
  email: string | null;
  /** The Account's current assignment, or null. */
  current: { source: 'Synced' | 'Manual'; csmUserId: string; syncedEmail: string | null } | null;
  /** Internal users whose email may match. */
  users: { id: string; email: string; isActive: boolean }[];
}

export interface CsmExpect {
  /** null: nothing to report for this Account (no email and no assignment). */
  action: CsmAction | null;
  unmatched: boolean;
  /** The custom label of the reason, or null. */
  reason: string | null;
  newUserId: string | null;
}

export type CsmTable = RuleTable<CsmGiven, CsmExpect>;

/** The static resource RuleCases: every table by name. */
export interface RuleCaseBundle {
  'connector-status': StatusTable;
  'scheduled-jobs': JobsTable;
  'csm-sync': CsmTable;
}
