import { Flags } from '@salesforce/sf-plugins-core';
import { revokeCommand } from '../../../commands/revoke.ts';
import { connectorCommand } from '../../base.ts';

export default connectorCommand('connector.revoke', revokeCommand, (messages) => ({
  user: Flags.string({ char: 'u', required: true, summary: messages.getMessage('flags.user.summary') }),
  app: Flags.string({ summary: messages.getMessage('flags.app.summary') }),
  file: Flags.file({ char: 'f', summary: messages.getMessage('flags.file.summary') }),
  force: Flags.boolean({ summary: messages.getMessage('flags.force.summary') }),
  'dry-run': Flags.boolean({ summary: messages.getMessage('flags.dry-run.summary') })
}));
