import type { CsmRunView } from '../contract/types.ts';
import { defineCommand } from '../lib/command.ts';
import { UsageError } from '../lib/errors.ts';
import { HELP_FLAG, JSON_FLAG, ORG_FLAGS } from '../lib/flags.ts';

export interface CsmSyncResult {
  dryRun: boolean;
  changed: boolean;
  message: string | null;
  run: CsmRunView | null;
}

export const csmSyncCommand = defineCommand<CsmSyncResult>({
  name: 'csm-sync',
  summary: 'Preview (--dry-run) or run (--run) the CSM ↔ Account assignment sync.',
  description: [
    'Calls POST connector/v1/csm-sync. The Account field holding the CSM email is chosen in Admin Home or through',
    'provision settings (csmEmailField). Manual assignments are never overwritten. Exit 1 when the run reports errors.'
  ].join('\n'),
  flags: [
    { name: 'dry-run', type: 'boolean', description: 'Show what the sync would change; change nothing.' },
    { name: 'run', type: 'boolean', description: 'Run the sync now.' },
    ...ORG_FLAGS,
    JSON_FLAG,
    HELP_FLAG
  ],
  examples: ['npm run cli -- csm-sync --dry-run -o acme', 'npm run cli -- csm-sync --run -o acme --json'],

  async run(context) {
    const dryRun = context.args.bool('dry-run');
    const run = context.args.bool('run');
    if (dryRun === run) throw new UsageError('Pass exactly one of --dry-run (preview) or --run (apply).');
    const { client } = await context.connect();
    const response = await client.apex<{ ok: boolean; changed?: boolean; message?: string; run?: CsmRunView }>(
      'POST',
      'csm-sync',
      {
        dryRun
      }
    );
    const result: CsmSyncResult = {
      dryRun,
      changed: response.changed === true,
      message: response.message ?? null,
      run: response.run ?? null
    };
    return { exitCode: response.ok === false || (result.run?.errors ?? 0) > 0 ? 1 : 0, result };
  },

  render(result, out) {
    if (result.message) out.print(result.message);
    const run = result.run;
    if (!run) return;
    out.print(
      `${result.dryRun ? 'Would create' : 'Created'} ${run.created}, ${result.dryRun ? 'would update' : 'updated'} ${run.updated}, ` +
        `unchanged ${run.unchanged}, manual kept ${run.skippedManual}, unmatched ${run.unmatched}, errors ${run.errors}`
    );
    if (run.unmatchedEmails.length > 0) out.print(`Unmatched emails: ${run.unmatchedEmails.join(', ')}`);
  }
});
