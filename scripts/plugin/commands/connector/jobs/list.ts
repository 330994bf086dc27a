import { orgFlags } from '../../../base.ts';
import { JobsCommand, messages } from '../../../jobs-command.ts';

export default class JobsList extends JobsCommand {
  public static override readonly summary = messages.getMessage('list.summary');
  public static override readonly description = messages.getMessage('list.description');
  public static override readonly examples = messages.getMessages('examples');
  public static override readonly flags = { ...orgFlags };
  protected readonly action = 'list';
}
