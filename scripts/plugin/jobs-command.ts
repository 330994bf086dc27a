import { jobsCommand, type JobsCommandResult } from '../commands/jobs.ts';
import { ConnectorCommand, loadMessages, orgFlags } from './base.ts';

export const messages = loadMessages('connector.jobs');

type Action = 'list' | 'stop' | 'start' | 'restart' | 'runner';

/**
 * `sf connector jobs <action>`: the action is the command, the job name an optional argument. No static properties
 * here: oclif's command cache stops collecting inherited statics (--json among them) at a class that has its own.
 */
export abstract class JobsCommand extends ConnectorCommand<JobsCommandResult> {
  protected abstract readonly action: Action;
  protected readonly definition = jobsCommand;

  protected override positionals(args: Record<string, unknown>): (string | undefined)[] {
    return [this.action, typeof args['name'] === 'string' ? args['name'] : undefined];
  }
}

/** The optional job name (an oclif string argument, as Args.string builds it). */
export const nameArg = {
  name: {
    name: 'name',
    description: messages.getMessage('args.name.description'),
    required: false,
    input: [] as string[],
    parse: async (input: string): Promise<string> => input
  }
};

/**
 * The class of `sf connector jobs <action>`, exported as is by each command file: its statics sit on the class
 * itself and its parent has none, so oclif reads the inherited ones (see above). stop, start and restart take the
 * optional job name.
 */
export function jobsCommandFor(action: Action) {
  const named = action === 'stop' || action === 'start' || action === 'restart';
  class ActionCommand extends JobsCommand {
    public static override readonly summary = messages.getMessage(`${action}.summary`);
    public static override readonly description = messages.getMessage(
      action === 'list' ? 'list.description' : 'description'
    );
    public static override readonly examples = messages.getMessages(named ? 'examples.named' : 'examples');
    public static override readonly args = named ? nameArg : {};
    public static override readonly flags = { ...orgFlags };
    protected readonly action = action;
  }
  return ActionCommand;
}
