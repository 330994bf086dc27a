import { Flags } from '@salesforce/sf-plugins-core';
import { csmSyncCommand, type CsmSyncResult } from '../../../commands/csm-sync.ts';
import { ConnectorCommand, loadMessages, orgFlags } from '../../base.ts';

const messages = loadMessages('connector.csm-sync');

export default class CsmSync extends ConnectorCommand<CsmSyncResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');
  public static override readonly flags = {
    ...orgFlags,
    'dry-run': Flags.boolean({ summary: messages.getMessage('flags.dry-run.summary'), exclusive: ['run', 'history'] }),
    run: Flags.boolean({ summary: messages.getMessage('flags.run.summary'), exclusive: ['history'] }),
    history: Flags.boolean({ summary: messages.getMessage('flags.history.summary') }),
    limit: Flags.integer({ summary: messages.getMessage('flags.limit.summary') }),
    'no-wait': Flags.boolean({ summary: messages.getMessage('flags.no-wait.summary') }),
    wait: Flags.integer({ char: 'w', summary: messages.getMessage('flags.wait.summary') })
  };
  protected readonly definition = csmSyncCommand;
}
