import type { OrgClient } from './client.ts';
import type { FlagSpec, ParsedArgs, PositionalSpec } from './flags.ts';
import type { Output } from './output.ts';
import type { ProjectConfig } from './project.ts';
import type { OrgTarget } from './auth.ts';

export interface CommandContext {
  args: ParsedArgs;
  out: Output;
  env: NodeJS.ProcessEnv;
  project: ProjectConfig;
  /** Opens the org connection on first use. */
  connect(): Promise<{ client: OrgClient; target: OrgTarget }>;
}

export interface CommandOutcome<R> {
  /** 0 ok, 1 findings or partial failure. Usage errors are thrown as UsageError (2). */
  exitCode: 0 | 1;
  result: R;
}

export interface Command<R = unknown> {
  name: string;
  summary: string;
  description: string;
  flags: FlagSpec[];
  positionals?: PositionalSpec[];
  examples: string[];
  run(context: CommandContext): Promise<CommandOutcome<R>>;
  /** Human rendering of the result on stdout (skipped with --json). */
  render(result: R, out: Output): void;
}

/** Keeps each command's result type while storing them in one list. */
export function defineCommand<R>(command: Command<R>): Command<unknown> {
  return command as unknown as Command<unknown>;
}
