import { Flags } from '@salesforce/sf-plugins-core';
import { doctorCommand } from '../../../commands/doctor.ts';
import { connectorCommand } from '../../base.ts';

export default connectorCommand('connector.doctor', doctorCommand, (messages) => ({
  user: Flags.string({ char: 'u', summary: messages.getMessage('flags.user.summary') }),
  file: Flags.file({ char: 'f', summary: messages.getMessage('flags.file.summary') }),
  'include-conditional': Flags.boolean({ summary: messages.getMessage('flags.include-conditional.summary') }),
  app: Flags.string({ summary: messages.getMessage('flags.app.summary') })
}));
