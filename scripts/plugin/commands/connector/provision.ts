import { Flags } from '@salesforce/sf-plugins-core';
import { provisionCommand, type ProvisionResult } from '../../../commands/provision.ts';
import { ConnectorCommand, loadMessages, orgFlags } from '../../base.ts';

const messages = loadMessages('connector.provision');
const shared = loadMessages('connector.shared');

export default class Provision extends ConnectorCommand<ProvisionResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');
  public static override readonly flags = {
    ...orgFlags,
    file: Flags.file({ char: 'f', summary: shared.getMessage('flags.file.summary') }),
    'connector-user': Flags.string({ summary: messages.getMessage('flags.connector-user.summary') }),
    'permission-set-name': Flags.string({ summary: messages.getMessage('flags.permission-set-name.summary') }),
    'include-conditional': Flags.boolean({ summary: messages.getMessage('flags.include-conditional.summary') }),
    'secrets-file': Flags.file({ summary: messages.getMessage('flags.secrets-file.summary') }),
    'skip-jobs': Flags.boolean({ summary: messages.getMessage('flags.skip-jobs.summary') }),
    'dry-run': Flags.boolean({ summary: shared.getMessage('flags.dry-run.summary') })
  };
  protected readonly definition = provisionCommand;
}
