import { Flags } from '@salesforce/sf-plugins-core';
import { deployCommand } from '../../../commands/deploy.ts';
import { connectorCommand } from '../../base.ts';

export default connectorCommand('connector.deploy', deployCommand, (messages) => ({
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
}));
