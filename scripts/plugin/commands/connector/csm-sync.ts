import { Flags } from '@salesforce/sf-plugins-core';
import { csmSyncCommand } from '../../../commands/csm-sync.ts';
import { connectorCommand } from '../../base.ts';

export default connectorCommand('connector.csm-sync', csmSyncCommand, (messages) => ({
  'dry-run': Flags.boolean({ summary: messages.getMessage('flags.dry-run.summary'), exclusive: ['run', 'history'] }),
  run: Flags.boolean({ summary: messages.getMessage('flags.run.summary'), exclusive: ['history'] }),
  history: Flags.boolean({ summary: messages.getMessage('flags.history.summary') }),
  limit: Flags.integer({ summary: messages.getMessage('flags.limit.summary') }),
  'no-wait': Flags.boolean({ summary: messages.getMessage('flags.no-wait.summary') }),
  wait: Flags.integer({ char: 'w', summary: messages.getMessage('flags.wait.summary') })
}));
