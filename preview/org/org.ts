import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { KeyPrefix, newId } from './ids.ts';
import { join } from 'node:path';
import { classesDir } from '../lib/paths.ts';
import { readJobDefinitions, readPackagedPermissionSets, type JobDefinition } from './metadata.ts';
import { seedOrg } from './seed.ts';
import type {
  AccountFieldRecord,
  ConnectorEventRecord,
  OrgState,
  PermissionSetRecord,
  ProfileRecord,
  UserRecord
} from './state.ts';
import { STATE_VERSION } from './state.ts';
import { MIXED_DML_OPERATION, SETUP_OBJECTS } from '../../scripts/lib/setup-objects.ts';

/**
 * System.QueryException of a user-mode query naming what the running user cannot read
 * (QueryException.getInaccessibleFields(): object → fields).
 */
export class QueryException extends Error {
  constructor(readonly inaccessibleFields: Record<string, string[]>) {
    super(`No access to ${Object.keys(inaccessibleFields).join(', ')}`);
  }
}

/** System.DmlException of a DML statement that throws (not Database.insert(…, false), which returns errors). */
export class DmlException extends Error {
  constructor(
    readonly statusCode: string,
    message: string
  ) {
    super(message);
  }
}

export { MIXED_DML_OPERATION };

/** The custom permission every mutating controller method checks. */
export const MANAGE_PERMISSION = 'ManageConnector';

export interface OpenOptions {
  /** JSON file the session's changes persist to; null keeps everything in memory. */
  stateFile: string | null;
  /** Start from the seed, discarding saved changes. */
  reset?: boolean;
  now?: () => Date;
}

/**
 * The in-memory org: its records plus the platform behaviour the package's Apex relies on
 * (running user, custom permissions through permission sets, audit events). The platform lookups (user, profile, permissions) live here, the package's selectors in selectors/,
 * controller rules live in the capability modules.
 */
export class Org {
  readonly now: () => Date;
  /** Why the state came from the seed, when it did (shown at start-up). */
  readonly seededBecause: string | null;

  private constructor(
    readonly state: OrgState,
    private readonly stateFile: string | null,
    now: () => Date,
    seededBecause: string | null
  ) {
    this.now = now;
    this.seededBecause = seededBecause;
  }

  static open(options: OpenOptions): Org {
    const now = options.now ?? (() => new Date());
    const file = options.stateFile;
    let reason: string | null = null;
    let state: OrgState | null = null;
    if (options.reset) reason = 'reset requested';
    else if (!file) reason = 'no state file';
    else if (!existsSync(file)) reason = 'first start';
    else {
      try {
        const saved = JSON.parse(readFileSync(file, 'utf8')) as OrgState;
        if (saved.version === STATE_VERSION) state = saved;
        else reason = `saved state has version ${saved.version}, this preview uses ${STATE_VERSION}`;
      } catch (error) {
        reason = `saved state is unreadable (${(error as Error).message})`;
      }
    }
    const org = new Org(state ?? seedOrg(now()), file, now, state ? null : reason);
    if (!state) org.save();
    return org;
  }

  /** An org kept in memory only, over the given records (the REST face builds its own: preview/org/rest). */
  static inMemory(state: OrgState, now: () => Date = () => new Date()): Org {
    return new Org(state, null, now, null);
  }

  /** Back to the seeded org (`npm start -- --reset` without a restart). */
  reset(): void {
    const seed = seedOrg(this.now());
    for (const key of Object.keys(this.state)) delete (this.state as unknown as Record<string, unknown>)[key];
    Object.assign(this.state, seed);
    this.save();
  }

  /** Writes the state file atomically, so a crash never leaves half a file. */
  save(): void {
    if (!this.stateFile) return;
    mkdirSync(dirname(this.stateFile), { recursive: true });
    const tmp = `${this.stateFile}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(this.state, null, 2)}\n`);
    renameSync(tmp, this.stateFile);
  }

  /**
   * Runs fn like an Apex transaction: an exception rolls every change back, and the jobs it queued are never run.
   * Jobs queued by a transaction that commits (System.enqueueJob) run after it, each in a transaction of its own.
   */
  transaction<T>(fn: () => T): T {
    const snapshot = structuredClone(this.state);
    const outer = this.committed;
    const outerDml = this.dmlObjects;
    const queuedBefore = this.queued.length;
    this.committed = this.records();
    this.dmlObjects = { setup: null, nonSetup: null };
    let result: T;
    try {
      result = fn();
    } catch (error) {
      Object.assign(this.state, snapshot);
      this.queued.length = queuedBefore;
      throw error;
    } finally {
      this.committed = outer;
      this.dmlObjects = outerDml;
    }
    if (outer === null) {
      while (this.queued.length > 0) {
        try {
          this.transaction(this.queued.shift()!);
        } catch {
          // A queued job that fails rolls back alone and shows in Apex Jobs; the call that queued it has committed.
        }
      }
    }
    return result;
  }

  /** Queueable jobs enqueued by the current transaction, run once it commits. */
  private readonly queued: (() => void)[] = [];

  /** System.enqueueJob: the job runs after the current transaction commits (at once outside one). */
  enqueueJob(job: () => void): void {
    if (this.committed === null) this.transaction(job);
    else this.queued.push(job);
  }

  /** The first setup and non-setup object this transaction has written (null outside a transaction). */
  private dmlObjects: { setup: string | null; nonSetup: string | null } | null = null;

  /**
   * Every DML statement of the twins passes here with the object it writes.
   * platform-rule: mixed-dml-setup-objects — DML on a setup object (PermissionSet, ObjectPermissions,
   * PermissionSetAssignment, User, Group, GroupMember, …) and on a non-setup object (ConnectorEvent__c, Account, …)
   * cannot share a transaction: the second one throws MIXED_DML_OPERATION, and the call rolls back unless caught.
   */
  dml(objectName: string): void {
    const kinds = this.dmlObjects;
    if (!kinds) return;
    const setup = SETUP_OBJECTS.has(objectName);
    const other = setup ? kinds.nonSetup : kinds.setup;
    if (other !== null) {
      throw new DmlException(
        MIXED_DML_OPERATION,
        `${MIXED_DML_OPERATION}, DML operation on setup object is not permitted after you have updated a non-setup ` +
          `object (or vice versa): ${objectName}, original object: ${other}: []`
      );
    }
    if (setup) kinds.setup ??= objectName;
    else kinds.nonSetup ??= objectName;
  }

  /** The package's ConnectorJob records: force-app's here, the CLI fixture project's on the REST face. */
  jobDefinitions: () => JobDefinition[] = readJobDefinitions;

  /** The source of one of the package's Apex classes (Type.forName), null when the package has none. */
  apexClassSource: (className: string) => string | null = (className) => {
    const file = join(classesDir, `${className}.cls`);
    return existsSync(file) ? readFileSync(file, 'utf8') : null;
  };

  /** The records as of the start of the current transaction (null outside one). */
  private committed: string | null = null;

  /**
   * The records DML can change, serialized. Left out: the audit events, which ConnectorEventLog buffers and
   * inserts only at flush (the last step of every action), id counters, and the tokens themselves (revoking
   * is not DML).
   */
  private records(): string {
    const { events: _events, idCounters: _counters, oauthTokens: _tokens, ...records } = this.state;
    return JSON.stringify(records);
  }

  /** Whether this transaction has changed records yet (DML, System.abortJob): what UncommittedWork is about. */
  hasUncommittedWork(): boolean {
    return this.committed !== null && this.records() !== this.committed;
  }

  // ---- selectors ----

  user(id: string | null | undefined): UserRecord | undefined {
    return id ? this.state.users.find((u) => u.Id === id) : undefined;
  }

  runningUser(): UserRecord {
    const user = this.user(this.state.runningUserId);
    if (!user) throw new Error(`The running user ${this.state.runningUserId} is not in the org`);
    return user;
  }

  profile(id: string | null | undefined): ProfileRecord | undefined {
    return id ? this.state.profiles.find((p) => p.Id === id) : undefined;
  }

  permissionSetsOf(userId: string): PermissionSetRecord[] {
    const ids = new Set(
      this.state.permissionSetAssignments.filter((a) => a.AssigneeId === userId).map((a) => a.PermissionSetId)
    );
    return this.state.permissionSets.filter((ps) => ids.has(ps.Id));
  }

  /** Custom permissions a user holds: packaged permission sets grant what their force-app XML says. */
  customPermissionsOf(userId: string): Set<string> {
    const packaged = new Map(readPackagedPermissionSets().map((ps) => [ps.name, ps.customPermissions]));
    const granted = new Set<string>();
    for (const ps of this.permissionSetsOf(userId)) {
      for (const name of ps.packaged ? (packaged.get(ps.Name) ?? []) : ps.customPermissions) granted.add(name);
    }
    return granted;
  }

  /** Object-level read access (Schema.SObjectType.X.isAccessible()) from the profile and permission sets. */
  canRead(userId: string, objectName: string): boolean {
    const user = this.user(userId);
    const profile = this.profile(user?.ProfileId);
    if (!user || !profile) return false;
    if (profile.permissions['PermissionsViewAllData'] || profile.permissions['PermissionsModifyAllData']) return true;
    if (profile.objectPermissions[objectName]?.PermissionsRead) return true;
    const packaged = new Map(readPackagedPermissionSets().map((ps) => [ps.name, ps.objectPermissions]));
    return this.permissionSetsOf(userId).some(
      (ps) =>
        ps.permissions['PermissionsViewAllData'] ||
        ps.permissions['PermissionsModifyAllData'] ||
        (ps.packaged ? packaged.get(ps.Name) : ps.objectPermissions)?.[objectName]?.PermissionsRead
    );
  }

  /**
   * Schema.SObjectType.Account.fields as the running user sees them: a field is accessible when its field-level
   * security allows it and the user can read Account at all.
   */
  accountFields(): AccountFieldRecord[] {
    const canReadAccount = this.canRead(this.state.runningUserId, 'Account');
    return this.state.accountFields.map((f) => ({ ...f, accessible: f.accessible && canReadAccount }));
  }

  /**
   * A WITH USER_MODE query reading these fields (object → fields). platform-rule: user-mode-soql-inaccessible-field-throws
   * — it throws a QueryException naming every object the running user cannot read and every Account field hidden
   * by field-level security, instead of returning rows.
   */
  userModeRead(fieldsByObject: Record<string, string[]>): void {
    const userId = this.state.runningUserId;
    const inaccessible: Record<string, string[]> = {};
    for (const [objectName, fields] of Object.entries(fieldsByObject)) {
      const hidden = !this.canRead(userId, objectName)
        ? fields
        : objectName === 'Account'
          ? fields.filter((name) => this.accountFields().find((f) => f.name === name)?.accessible === false)
          : [];
      if (hidden.length > 0) inaccessible[objectName] = hidden;
    }
    if (Object.keys(inaccessible).length > 0) throw new QueryException(inaccessible);
  }

  /** FeatureManagement.checkPermission for the running user. platform-rule: featuremanagement-checkpermission */
  checkPermission(name: string): boolean {
    return this.customPermissionsOf(this.state.runningUserId).has(name);
  }

  // ---- DML ----

  /** ConnectorEventLog.forRequest(): the job command the entries logged now report on (null: none). */
  eventStamp: { RequestId__c: string; RequestedById__c: string } | null = null;

  /** ConnectorEventLog.log() + flush(): one audit record per admin action, inserted now; the actor is the running user. */
  logEvent(event: Pick<ConnectorEventRecord, 'Action__c' | 'Target__c' | 'Outcome__c' | 'Detail__c'>): void {
    this.dml('ConnectorEvent__c');
    this.insertEvent(event, this.state.runningUserId, this.eventStamp);
  }

  /**
   * ConnectorEventLog.log() + flushLater(): for a call that wrote setup objects, the entry is inserted by a queued
   * job after the call commits (platform-rule: mixed-dml-setup-objects), still as the user who acted.
   */
  logEventLater(event: Pick<ConnectorEventRecord, 'Action__c' | 'Target__c' | 'Outcome__c' | 'Detail__c'>): void {
    const actor = this.state.runningUserId;
    const stamp = this.eventStamp;
    this.enqueueJob(() => {
      this.dml('ConnectorEvent__c');
      this.insertEvent(event, actor, stamp);
    });
  }

  private insertEvent(
    event: Pick<ConnectorEventRecord, 'Action__c' | 'Target__c' | 'Outcome__c' | 'Detail__c'>,
    actor: string,
    stamp: { RequestId__c: string; RequestedById__c: string } | null
  ): void {
    const number = (this.state.idCounters[KeyPrefix.ConnectorEvent] ?? 0) + 1;
    this.state.events.push({
      Id: newId(this.state, KeyPrefix.ConnectorEvent),
      Name: `EV-${String(number).padStart(6, '0')}`,
      CreatedDate: this.now().toISOString(),
      CreatedById: actor,
      ...event,
      ...(stamp ?? {})
    });
  }
}
