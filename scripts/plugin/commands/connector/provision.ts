import { Flags } from '@salesforce/sf-plugins-core';
import { provisionCommand } from '../../../commands/provision.ts';
import { connectorCommand, loadMessages } from '../../base.ts';

const shared = loadMessages('connector.shared');

export default connectorCommand('connector.provision', provisionCommand, (messages) => ({
  file: Flags.file({ char: 'f', summary: shared.getMessage('flags.file.summary') }),
  'connector-user': Flags.string({ summary: messages.getMessage('flags.connector-user.summary') }),
  'permission-set-name': Flags.string({ summary: messages.getMessage('flags.permission-set-name.summary') }),
  'include-conditional': Flags.boolean({ summary: messages.getMessage('flags.include-conditional.summary') }),
  'secrets-file': Flags.file({ summary: messages.getMessage('flags.secrets-file.summary') }),
  'skip-jobs': Flags.boolean({ summary: messages.getMessage('flags.skip-jobs.summary') }),
  'dry-run': Flags.boolean({ summary: shared.getMessage('flags.dry-run.summary') })
}));
