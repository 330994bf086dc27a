import { Flags } from '@salesforce/sf-plugins-core';
import { doctorCommand, type DoctorResult } from '../../../commands/doctor.ts';
import { ConnectorCommand, loadMessages, orgFlags } from '../../base.ts';

const messages = loadMessages('connector.doctor');

export default class Doctor extends ConnectorCommand<DoctorResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');
  public static override readonly flags = {
    ...orgFlags,
    user: Flags.string({ char: 'u', summary: messages.getMessage('flags.user.summary') }),
    file: Flags.file({ char: 'f', summary: messages.getMessage('flags.file.summary') }),
    'include-conditional': Flags.boolean({ summary: messages.getMessage('flags.include-conditional.summary') }),
    app: Flags.string({ summary: messages.getMessage('flags.app.summary') })
  };
  protected readonly definition = doctorCommand;
}
