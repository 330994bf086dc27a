import type { OrgClient } from './client.ts';
import type { ProjectConfig } from './project.ts';
import type { Redactor } from './redact.ts';

/** Typed read access to the flags and arguments oclif parsed for a command. */
export interface CommandArgs {
  bool(name: string): boolean;
  string(name: string): string | undefined;
  integer(name: string): number | undefined;
  /** Positional arguments in order (e.g. `jobs stop <name>`). */
  positionals: readonly (string | undefined)[];
}

/** What a command writes: every line passes the redactor; human text is silent with --json. */
export interface CommandOutput {
  readonly redactor: Redactor;
  readonly json: boolean;
  /** Log line on stderr (both modes). */
  info(message: string): void;
  /** Warning on stderr; in --json it also lands in the envelope's warnings. */
  warn(message: string): void;
  /** Human-readable result on stdout; silent with --json. */
  print(text?: string): void;
  /** A table on stdout (sf's table); silent with --json. */
  table(headers: readonly string[], rows: readonly (readonly string[])[]): void;
  /** Progress of a counted task on stderr (a bar on a terminal). */
  progress(label: string, total: number): Progress;
}

export interface Progress {
  tick(amount?: number): void;
  done(): void;
}

export interface CommandContext {
  args: CommandArgs;
  out: CommandOutput;
  env: NodeJS.ProcessEnv;
  project: ProjectConfig;
  /** The package namespace in use: --namespace, else sfdx-project.json. */
  namespace: string;
  /** The org client on the connection of --target-org, opened on first use. */
  connect(): Promise<{ client: OrgClient }>;
}

export interface CommandOutcome<R> {
  /** 0 ok, 1 findings or partial failure. Usage errors are thrown as UsageError (2). */
  exitCode: 0 | 1;
  result: R;
}

/** A command's logic, independent of oclif: the sf command classes in scripts/plugin run it. */
export interface Command<R = unknown> {
  name: string;
  run(context: CommandContext): Promise<CommandOutcome<R>>;
  /** Human rendering of the result on stdout (skipped with --json). */
  render(result: R, out: CommandOutput): void;
}

export function defineCommand<R>(command: Command<R>): Command<R> {
  return command;
}
