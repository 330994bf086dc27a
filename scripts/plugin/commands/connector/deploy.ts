import { Flags } from '@salesforce/sf-plugins-core';
import { deployCommand, type DeployCommandResult } from '../../../commands/deploy.ts';
import { ConnectorCommand, loadMessages, orgFlags } from '../../base.ts';

const messages = loadMessages('connector.deploy');

export default class Deploy extends ConnectorCommand<DeployCommandResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');
  public static override readonly flags = {
    ...orgFlags,
    validate: Flags.boolean({ summary: messages.getMessage('flags.validate.summary') }),
    'test-level': Flags.option({
      summary: messages.getMessage('flags.test-level.summary'),
      options: ['NoTestRun', 'RunLocalTests', 'RunAllTestsInOrg'] as const
    })(),
    'source-dir': Flags.directory({
      char: 'd',
      summary: messages.getMessage('flags.source-dir.summary')
    }),
    wait: Flags.integer({ char: 'w', summary: messages.getMessage('flags.wait.summary') }),
    'restart-jobs': Flags.boolean({ summary: messages.getMessage('flags.restart-jobs.summary') }),
    'dry-run': Flags.boolean({ summary: messages.getMessage('flags.dry-run.summary') })
  };
  protected readonly definition = deployCommand;
}
