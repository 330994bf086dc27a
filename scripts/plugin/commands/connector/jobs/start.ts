import { orgFlags } from '../../../base.ts';
import { JobsCommand, messages, nameArg } from '../../../jobs-command.ts';

export default class JobsStart extends JobsCommand {
  public static override readonly summary = messages.getMessage('start.summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples.named');
  public static override readonly args = nameArg;
  public static override readonly flags = { ...orgFlags };
  protected readonly action = 'start';
}
