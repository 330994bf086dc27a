import { describeError, type OrgClient, type SObjectRecord } from './client.ts';
import type { Progress } from './command.ts';
import { chunkForInList, soqlInList } from './soql.ts';

/** Keeps each IN list well under the SOQL statement limit and each result within one 2,000-row page. */
export const LOOKUP_LIMITS = { maxItems: 2000, maxChars: 30_000 };

export interface PermissionSetRef {
  name: string;
  /** null: org-local permission set; otherwise the package namespace ('' when the package has none). */
  namespace: string | null;
}

export interface AssignmentFailure {
  username: string;
  permissionSet: string;
  error: string;
}

export interface AssignmentResult {
  requested: number;
  alreadyAssigned: number;
  created: number;
  /** Dry run: assignments that would be inserted. */
  planned: { username: string; permissionSet: string }[];
  failures: AssignmentFailure[];
  /** Users or permission sets that could not be resolved. */
  problems: string[];
}

interface UserRow extends SObjectRecord {
  Id: string;
  Username: string;
  IsActive: boolean;
}

interface PermissionSetRow extends SObjectRecord {
  Id: string;
  Name: string;
  NamespacePrefix: string | null;
}

const DUPLICATE = 'DUPLICATE_VALUE';

/** After a 5xx on an insert: the id of each assignment the org holds (null when it does not). */
async function findAssignments(client: OrgClient, records: readonly SObjectRecord[]): Promise<(string | null)[]> {
  const assignees = [...new Set(records.map((r) => String(r['AssigneeId'])))];
  const sets = [...new Set(records.map((r) => String(r['PermissionSetId'])))];
  const rows = await client.queryMany(
    new Map([
      [
        'found',
        `SELECT Id, AssigneeId, PermissionSetId FROM PermissionSetAssignment WHERE AssigneeId IN ${soqlInList(assignees)} AND PermissionSetId IN ${soqlInList(sets)}`
      ]
    ])
  );
  const ids = new Map(
    (rows.get('found') ?? []).map((row) => [`${String(row['AssigneeId'])}|${String(row['PermissionSetId'])}`, row.Id!])
  );
  return records.map((r) => ids.get(`${String(r['AssigneeId'])}|${String(r['PermissionSetId'])}`) ?? null);
}

function refKey(ref: PermissionSetRef): string {
  return `${ref.namespace === null ? '' : ref.namespace}|${ref.name}`.toLowerCase();
}

function refLabel(ref: PermissionSetRef): string {
  return ref.namespace ? `${ref.namespace}__${ref.name}` : ref.name;
}

/**
 * Assigns permission sets to users by username. Reads everything it needs in Composite calls of at most 5 queries
 * (permission sets, users and their existing assignments, IN lists chunked), then inserts only the missing
 * assignments through sObject Collections: ⌈(1 + 2·chunks)/5⌉ + ⌈missing/200⌉ requests.
 */
export async function ensureAssignments(
  client: OrgClient,
  wanted: ReadonlyMap<string, readonly PermissionSetRef[]>,
  options: {
    dryRun: boolean;
    progress?: (total: number) => Progress;
    pendingPermissionSets?: readonly PermissionSetRef[];
    /** Filled with the ids of the users found (lower-case username → id). */
    userIds?: Map<string, string>;
  }
): Promise<AssignmentResult> {
  const usernames = [...wanted.keys()];
  const refs = new Map<string, PermissionSetRef>();
  for (const list of wanted.values()) for (const ref of list) refs.set(refKey(ref), ref);
  const names = [...new Set([...refs.values()].map((ref) => ref.name))];
  const result: AssignmentResult = {
    requested: 0,
    alreadyAssigned: 0,
    created: 0,
    planned: [],
    failures: [],
    problems: []
  };
  if (usernames.length === 0 || names.length === 0) return result;

  const statements = new Map<string, string>();
  statements.set(
    'ps',
    `SELECT Id, Name, NamespacePrefix FROM PermissionSet WHERE Name IN ${soqlInList(names)} AND IsOwnedByProfile = false`
  );
  const chunks = chunkForInList(usernames, {
    ...LOOKUP_LIMITS,
    weight: (username) => Math.max(1, wanted.get(username)?.length ?? 1)
  });
  chunks.forEach((part, index) => {
    statements.set(`users${index}`, `SELECT Id, Username, IsActive FROM User WHERE Username IN ${soqlInList(part)}`);
    statements.set(
      `assigned${index}`,
      `SELECT AssigneeId, PermissionSetId FROM PermissionSetAssignment WHERE Assignee.Username IN ${soqlInList(part)} AND PermissionSet.Name IN ${soqlInList(names)}`
    );
  });
  const rows = await client.queryMany(statements);

  const permissionSetIds = new Map<string, string>();
  for (const row of (rows.get('ps') ?? []) as PermissionSetRow[]) {
    permissionSetIds.set(`${row.NamespacePrefix ?? ''}|${row.Name}`.toLowerCase(), row.Id);
  }
  const pending = new Set((options.pendingPermissionSets ?? []).map(refKey));
  const usersByName = new Map<string, UserRow>();
  const assigned = new Set<string>();
  chunks.forEach((_, index) => {
    for (const user of (rows.get(`users${index}`) ?? []) as UserRow[]) {
      usersByName.set(user.Username.toLowerCase(), user);
      options.userIds?.set(user.Username.toLowerCase(), user.Id);
    }
    for (const row of rows.get(`assigned${index}`) ?? [])
      assigned.add(`${String(row['AssigneeId'])}|${String(row['PermissionSetId'])}`);
  });

  const missingRefs = new Set<string>();
  const toInsert: { username: string; permissionSet: string; record: SObjectRecord }[] = [];
  for (const [username, list] of wanted) {
    const user = usersByName.get(username.toLowerCase());
    if (!user) {
      result.problems.push(`User ${username} not found in this org: check the username.`);
      continue;
    }
    if (!user.IsActive) {
      result.problems.push(`User ${username} is inactive: activate the user, then run provision again.`);
      continue;
    }
    for (const ref of list) {
      result.requested++;
      const id = permissionSetIds.get(refKey(ref));
      if (!id) {
        if (options.dryRun && pending.has(refKey(ref))) {
          result.planned.push({ username, permissionSet: refLabel(ref) });
        } else missingRefs.add(refLabel(ref));
        continue;
      }
      if (assigned.has(`${user.Id}|${id}`)) {
        result.alreadyAssigned++;
        continue;
      }
      toInsert.push({
        username,
        permissionSet: refLabel(ref),
        record: { attributes: { type: 'PermissionSetAssignment' }, AssigneeId: user.Id, PermissionSetId: id }
      });
    }
  }
  for (const label of missingRefs) {
    result.problems.push(
      `Permission set ${label} not found in this org: install the package (or run provision without --dry-run).`
    );
  }
  if (options.dryRun) {
    result.planned.push(...toInsert.map(({ username, permissionSet }) => ({ username, permissionSet })));
    return result;
  }
  if (toInsert.length === 0) return result;

  const bar = options.progress?.(toInsert.length);
  const saved = await client.insertRecords(
    toInsert.map((entry) => entry.record),
    { onChunk: (done) => bar?.tick(done), reconcile: (records) => findAssignments(client, records) }
  );
  bar?.done();
  saved.forEach((outcome, index) => {
    const entry = toInsert[index]!;
    if (outcome.success) result.created++;
    // platform-rule: permission-set-assignment-duplicate-value — the org refuses a second assignment of the same
    // permission set to the same user with DUPLICATE_VALUE: the user has it (assigned concurrently), so it is done.
    else if (outcome.errors.length > 0 && outcome.errors.every((e) => (e.errorCode ?? e.statusCode) === DUPLICATE)) {
      result.alreadyAssigned++;
    } else {
      result.failures.push({
        username: entry.username,
        permissionSet: entry.permissionSet,
        error: outcome.errors.map(describeError).join('; ') || 'unknown error'
      });
    }
  });
  return result;
}
