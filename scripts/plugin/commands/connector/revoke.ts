import { Flags } from '@salesforce/sf-plugins-core';
import { revokeCommand, type RevokeResult } from '../../../commands/revoke.ts';
import { ConnectorCommand, loadMessages, orgFlags } from '../../base.ts';

const messages = loadMessages('connector.revoke');

export default class Revoke extends ConnectorCommand<RevokeResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');
  public static override readonly flags = {
    ...orgFlags,
    user: Flags.string({ char: 'u', required: true, summary: messages.getMessage('flags.user.summary') }),
    app: Flags.string({ summary: messages.getMessage('flags.app.summary') }),
    file: Flags.file({ char: 'f', summary: messages.getMessage('flags.file.summary') }),
    force: Flags.boolean({ summary: messages.getMessage('flags.force.summary') }),
    'dry-run': Flags.boolean({ summary: messages.getMessage('flags.dry-run.summary') })
  };
  protected readonly definition = revokeCommand;
}
