import { JobsCommand, messages } from '../../../jobs-command.ts';

export default class JobsRunner extends JobsCommand {
  public static override readonly summary = messages.getMessage('runner.summary');
  public static override readonly examples = messages.getMessages('examples');
  protected readonly action = 'runner';
}
