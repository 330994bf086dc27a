import type { CsmPreviewRow, CsmProgress, CsmRunView } from '../contract/types.ts';
import { defineCommand } from '../lib/command.ts';
import { CommandError, OrgRequestError, UsageError } from '../lib/errors.ts';
import type { OrgClient } from '../lib/client.ts';
import { getCsmSync, startCsmSync } from '../lib/package-api.ts';
import { packageField, packageName } from '../lib/package-names.ts';

export interface CsmSyncResult {
  /** --history: the last runs, newest first (read from CsmSyncRun__c). */
  history?: CsmRunView[];
  dryRun: boolean;
  changed: boolean;
  message: string | null;
  /** AsyncApexJob id of the started batch (run only). */
  jobId: string | null;
  /** false with --no-wait: the run was started and not followed. */
  waited: boolean;
  /** Final AsyncApexJob status of the batch (Completed, Failed, Aborted), when followed. */
  jobStatus: string | null;
  /** The run record (dry run: the preview's summary). */
  run: CsmRunView | null;
  /** Dry run: rows that would change something (Create, Update, Clear, Unmatched). */
  previewRows: CsmPreviewRow[];
  previewLimitReached: boolean;
}

const DEFAULT_WAIT_MINUTES = 30;

const EMPTY: CsmSyncResult = {
  dryRun: false,
  changed: false,
  message: null,
  jobId: null,
  waited: false,
  jobStatus: null,
  run: null,
  previewRows: [],
  previewLimitReached: false
};

/** Fields of CsmSyncRun__c the history reads (unqualified; packageName() adds the namespace). */
const RUN_FIELDS = {
  status: 'Status__c',
  dryRun: 'DryRun__c',
  emailField: 'EmailField__c',
  startedAt: 'StartedAt__c',
  finishedAt: 'FinishedAt__c',
  jobId: 'AsyncApexJobId__c',
  created: 'Created__c',
  updated: 'Updated__c',
  unchanged: 'Unchanged__c',
  skippedManual: 'SkippedManual__c',
  unmatched: 'Unmatched__c',
  cleared: 'Cleared__c',
  errors: 'Errors__c',
  unmatchedEmails: 'UnmatchedEmails__c',
  errorDetails: 'ErrorDetail__c'
} as const;

/** The last runs, newest first, as CsmSyncRunReport.toRunView maps them. */
async function readRuns(client: OrgClient, namespace: string, limit: number): Promise<CsmRunView[]> {
  const name = (apiName: string): string => packageName(namespace, apiName);
  const fields = Object.values(RUN_FIELDS).map(name).join(', ');
  const object = name('CsmSyncRun__c');
  let rows: Record<string, unknown>[];
  try {
    rows = await client.query(
      `SELECT Id, ${fields} FROM ${object} ORDER BY ${name('StartedAt__c')} DESC, CreatedDate DESC LIMIT ${limit}`
    );
  } catch (error) {
    if (error instanceof OrgRequestError && error.errorCode === 'INVALID_TYPE') {
      throw new CommandError(
        `${error.message}. The org has no ${object}: check that the Connector Admin package is installed, that ` +
          `${namespace ? `its namespace is '${namespace}'` : 'it has no namespace (else pass --namespace <prefix>)'}, ` +
          'and that you hold the Connector Administrator permission set.'
      );
    }
    throw error;
  }
  const get = <T>(row: Record<string, unknown>, key: keyof typeof RUN_FIELDS): T | null =>
    packageField<T>(namespace, row, RUN_FIELDS[key]);
  const count = (row: Record<string, unknown>, key: keyof typeof RUN_FIELDS): number => get<number>(row, key) ?? 0;
  const lines = (row: Record<string, unknown>, key: keyof typeof RUN_FIELDS): string[] =>
    (get<string>(row, key) ?? '').split('\n').filter((line) => line.trim() !== '');
  return rows.map((row) => ({
    id: String(row.Id),
    status: (get<string>(row, 'status') ?? 'Running') as CsmRunView['status'],
    dryRun: get<boolean>(row, 'dryRun') === true,
    emailField: get<string>(row, 'emailField'),
    startedAt: get<string>(row, 'startedAt') ?? '',
    finishedAt: get<string>(row, 'finishedAt'),
    jobId: get<string>(row, 'jobId'),
    created: count(row, 'created'),
    updated: count(row, 'updated'),
    unchanged: count(row, 'unchanged'),
    skippedManual: count(row, 'skippedManual'),
    unmatched: count(row, 'unmatched'),
    cleared: count(row, 'cleared'),
    errors: count(row, 'errors'),
    unmatchedEmails: lines(row, 'unmatchedEmails'),
    errorDetails: lines(row, 'errorDetails')
  }));
}

export const csmSyncCommand = defineCommand<CsmSyncResult>({
  name: 'csm-sync',

  async run(context) {
    const { args, out } = context;
    const dryRun = args.bool('dry-run');
    const run = args.bool('run');
    const history = args.bool('history');
    if ([dryRun, run, history].filter(Boolean).length !== 1) {
      throw new UsageError('Pass exactly one of --dry-run (preview), --run (apply) or --history (last runs).');
    }
    const limitFlag = args.integer('limit');
    if (!history && limitFlag !== undefined) throw new UsageError('--limit goes with --history.');
    if (history) {
      const limit = limitFlag ?? 10;
      if (limit < 1 || limit > 200) throw new UsageError('--limit must be between 1 and 200.');
      const { client } = await context.connect();
      const runs = await readRuns(client, context.namespace, limit);
      return { exitCode: 0, result: { ...EMPTY, history: runs, message: `${runs.length} run(s).` } };
    }
    const noWait = args.bool('no-wait');
    const waitFlag = args.integer('wait');
    if (!run && (noWait || waitFlag !== undefined)) throw new UsageError('--no-wait and --wait go with --run.');
    if (noWait && waitFlag !== undefined) throw new UsageError('Pass --no-wait or --wait, not both.');
    const waitMinutes = waitFlag ?? DEFAULT_WAIT_MINUTES;
    if (waitMinutes <= 0) throw new UsageError('--wait must be a positive number of minutes.');
    const { client } = await context.connect();

    const started = await startCsmSync(client, dryRun);
    const result: CsmSyncResult = {
      dryRun,
      changed: started.changed === true,
      message: started.message ?? null,
      jobId: started.jobId ?? null,
      waited: false,
      jobStatus: null,
      run: started.run ?? null,
      previewRows: (started.preview?.rows ?? []).filter((row) => row.action !== 'Unchanged'),
      previewLimitReached: started.preview?.limitReached === true
    };
    if (dryRun) return { exitCode: 0, result };
    if (!result.jobId) throw new CommandError('The org started no CSM sync job (no jobId in the answer).');
    out.info(`CSM sync started: job ${result.jobId}.`);
    if (noWait) {
      out.info(`Follow it with: GET connector/v1/csm-sync?jobId=${result.jobId} or in Admin Home.`);
      return { exitCode: 0, result };
    }

    // The batch runs asynchronously: poll its progress, pausing longer each time.
    const deadline = Date.now() + waitMinutes * 60_000;
    let bar: ReturnType<typeof out.progress> | null = null;
    let shown = 0;
    let progress: CsmProgress | undefined;
    for (let attempt = 1; ; attempt++) {
      await client.pausePoll(attempt);
      let answer;
      try {
        answer = await getCsmSync(client, result.jobId);
      } catch (error) {
        if (!(error instanceof OrgRequestError)) throw error;
        bar?.done();
        throw new CommandError(
          `${error.message}. The CSM sync (job ${result.jobId}) was started and keeps running in the org: see its ` +
            'report in Admin Home or with csm-sync --history.',
          [`CSM sync batch job ${result.jobId} started (it keeps running in the org)`],
          ['the final run report (not read)'],
          error
        );
      }
      progress = answer.progress;
      if (!progress) {
        throw new CommandError(
          `The org answered no progress for job ${result.jobId}.`,
          [`CSM sync batch job ${result.jobId} started (it keeps running in the org)`],
          ['the final run report (not read)']
        );
      }
      if (progress.totalJobItems > 0) {
        bar ??= out.progress('CSM sync batches', progress.totalJobItems);
        if (progress.jobItemsProcessed > shown) {
          bar.tick(progress.jobItemsProcessed - shown);
          shown = progress.jobItemsProcessed;
        }
      }
      if (progress.done) break;
      if (Date.now() >= deadline) {
        bar?.done();
        throw new CommandError(
          `The CSM sync (job ${result.jobId}) is still ${progress.status} after ${waitMinutes} minute(s); it keeps ` +
            'running in the org. See its report in Admin Home or with csm-sync --history, or wait longer with --wait <minutes>.',
          [`CSM sync batch job ${result.jobId} started (it keeps running in the org)`],
          ['the final run report (not read)']
        );
      }
    }
    bar?.done();
    result.waited = true;
    result.jobStatus = progress.status;
    result.run = progress.run ?? null;
    result.message = result.run?.status ?? progress.status;
    const failed =
      progress.status === 'Failed' ||
      progress.status === 'Aborted' ||
      result.run === null ||
      result.run.status === 'Failed' ||
      result.run.errors > 0;
    return { exitCode: failed ? 1 : 0, result };
  },

  render(result, out) {
    if (result.history) {
      out.print(result.message ?? '');
      out.table(
        ['Started', 'Status', 'Created', 'Updated', 'Unchanged', 'Manual', 'Unmatched', 'Cleared', 'Errors'],
        result.history.map((run) => [
          run.startedAt ?? '',
          run.status,
          ...[run.created, run.updated, run.unchanged, run.skippedManual, run.unmatched, run.cleared, run.errors].map(
            String
          )
        ])
      );
      return;
    }
    if (result.message) out.print(result.dryRun ? result.message : `CSM sync: ${result.message}`);
    if (!result.dryRun && !result.waited) {
      out.print(`Started job ${result.jobId ?? '?'}; not waiting for it (--no-wait).`);
      return;
    }
    if (result.jobStatus && result.jobStatus !== 'Completed') out.print(`Batch job ${result.jobStatus}.`);
    const run = result.run;
    if (!run) {
      if (!result.dryRun) out.print('The run left no report.');
      return;
    }
    const verb = (done: string, would: string): string => (result.dryRun ? would : done);
    out.print(
      `${verb('Created', 'Would create')} ${run.created}, ${verb('updated', 'would update')} ${run.updated}, ` +
        `unchanged ${run.unchanged}, manual kept ${run.skippedManual}, unmatched ${run.unmatched}, ` +
        `${verb('cleared', 'would clear')} ${run.cleared}, errors ${run.errors}`
    );
    if (!result.dryRun) out.print(`Started ${run.startedAt}${run.finishedAt ? `, finished ${run.finishedAt}` : ''}`);
    if (run.unmatchedEmails.length > 0) out.print(`Unmatched emails: ${run.unmatchedEmails.join(', ')}`);
    for (const detail of run.errorDetails) out.print(`Error: ${detail}`);
    if (result.dryRun && result.previewRows.length > 0) {
      out.table(
        ['Account', 'Email', 'Now', 'After', 'Action', 'Reason'],
        result.previewRows.map((row) => [
          row.accountName ?? row.accountId ?? '',
          row.email ?? '',
          row.currentCsmName ?? '',
          row.newCsmName ?? '',
          row.action,
          row.reason ?? ''
        ])
      );
      if (result.previewLimitReached) out.print('More rows exist than the preview shows.');
    }
  }
});
