import { JobsCommand, messages, nameArg } from '../../../jobs-command.ts';

export default class JobsRestart extends JobsCommand {
  public static override readonly summary = messages.getMessage('restart.summary');
  public static override readonly examples = messages.getMessages('examples.named');
  public static override readonly args = nameArg;
  protected readonly action = 'restart';
}
