import { orgFlags } from '../../../base.ts';
import { JobsCommand, messages } from '../../../jobs-command.ts';

export default class JobsRunner extends JobsCommand {
  public static override readonly summary = messages.getMessage('runner.summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');
  public static override readonly flags = { ...orgFlags };
  protected readonly action = 'runner';
}
