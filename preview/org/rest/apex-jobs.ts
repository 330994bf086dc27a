/**
 * ApexClass and AsyncApexJob in the fake org: the package's classes (with the org's NamespacePrefix) and the jobs
 * that run them, so the CLI can learn the package's namespace and see pending jobs before a deploy.
 */
import type { Database, Row } from '../store/database.ts';

/** Classes of the package the fake org "installs" (their bodies are not needed). */
export const PACKAGE_CLASSES = ['ConnectorHealthResource', 'ConnectorJobsRestResource', 'ScheduledJobService'];

/** AsyncApexJob.Status values of a job that has not finished (the platform's picklist). */
export const PENDING_STATUSES = ['Holding', 'Queued', 'Preparing', 'Processing'];

export function defineApexObjects(db: Database): void {
  db.defineObject('ApexClass', { prefix: '01p', fields: ['Name', 'NamespacePrefix', 'Status'], required: ['Name'] });
  db.defineObject('AsyncApexJob', {
    prefix: '707',
    fields: ['ApexClassId', 'JobType', 'Status', 'CronTriggerId', 'CreatedById', 'CreatedDate'],
    lookups: { ApexClass: { field: 'ApexClassId', target: 'ApexClass' } }
  });
}

/** The id of the package class, created on first use with the org's namespace. */
export function apexClassId(db: Database, name: string, namespace: string): string {
  const ns = namespace || null;
  const found = db
    .rows('ApexClass')
    .find((c) => String(c['Name']).toLowerCase() === name.toLowerCase() && (c['NamespacePrefix'] ?? null) === ns);
  return found ? String(found['Id']) : db.insert('ApexClass', { Name: name, NamespacePrefix: ns, Status: 'Active' });
}

/**
 * Mirrors the scheduled jobs into AsyncApexJob: a scheduled Apex job is an AsyncApexJob of JobType ScheduledApex,
 * Status Queued, with its CronTriggerId. Jobs added with addJob (batches in progress) are kept.
 */
export function syncScheduledJobs(
  db: Database,
  namespace: string,
  scheduled: ReadonlyMap<string, { cronTriggerId: string; runAsUserId: string }>,
  classOf: (definitionName: string) => string | undefined
): void {
  for (const row of db.rows('AsyncApexJob')) {
    if (row['JobType'] === 'ScheduledApex') db.delete(String(row['Id']));
  }
  for (const [definition, job] of scheduled) {
    const className = classOf(definition);
    if (!className) continue;
    const values: Row = {
      ApexClassId: apexClassId(db, className, namespace),
      JobType: 'ScheduledApex',
      Status: 'Queued',
      CronTriggerId: job.cronTriggerId,
      CreatedById: job.runAsUserId,
      CreatedDate: new Date().toISOString()
    };
    db.insert('AsyncApexJob', values);
  }
}
