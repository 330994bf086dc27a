import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Messages, type Org } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { OrgClient, type ClientOptions } from '../lib/client.ts';
import type { Command, CommandArgs, CommandContext, CommandOutput, Progress } from '../lib/command.ts';
import { CommandError, OrgRequestError } from '../lib/errors.ts';
import { checkNamespace, readProject } from '../lib/project.ts';
import { count } from '../lib/message-format.ts';
import { Redactor } from '../lib/redact.ts';

const PACKAGE = 'connector-admin';

/** scripts/plugin/messages, found from the TypeScript source and from the compiled output alike. */
function messagesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'messages');
    if (existsSync(join(candidate, 'connector.shared.md'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('scripts/plugin/messages not found');
    dir = parent;
  }
}

/** The messages of one command (`messages/<bundle>.md`); the top level holds no messages folder. */
export function loadMessages(bundle: string): Messages<string> {
  Messages.importMessageFile(PACKAGE, join(messagesDir(), `${bundle}.md`));
  return Messages.loadMessages(PACKAGE, bundle);
}

const shared = loadMessages('connector.shared');

/** Flags of every command: the org (sf's default org and aliases honoured), its API version, the namespace. */
export const orgFlags = {
  'target-org': Flags.requiredOrg(),
  'api-version': Flags.orgApiVersion(),
  namespace: Flags.string({ summary: shared.getMessage('flags.namespace.summary') })
};

/** Test hooks: fast retry backoff and polling (set by the in-process test harness only). */
export const transportOverrides: { current: Partial<ClientOptions> } = { current: {} };

/**
 * Runs a command's logic (scripts/commands) as an sf command: flags from oclif, the org's Connection from
 * `--target-org`, output through sf's log, table, spinner and JSON envelope, every line redacted.
 */
export abstract class ConnectorCommand<R> extends SfCommand<R> {
  protected abstract readonly definition: Command<R>;
  protected readonly redactor = new Redactor();
  private client: OrgClient | undefined;

  /** Positional arguments handed to the command's logic, in order. */
  protected positionals(args: Record<string, unknown>): (string | undefined)[] {
    return Object.values(args).map((v) => (typeof v === 'string' ? v : undefined));
  }

  public async run(): Promise<R> {
    const { flags, args } = await this.parse(this.ctor as never);
    const values = flags as Record<string, unknown>;
    const project = readProject(process.cwd());
    const namespaceFlag = values['namespace'];
    const namespace = typeof namespaceFlag === 'string' ? checkNamespace(namespaceFlag) : project.namespace;
    const commandArgs: CommandArgs = {
      bool: (name) => values[name] === true,
      string: (name) => (typeof values[name] === 'string' ? (values[name] as string) : undefined),
      integer: (name) => (typeof values[name] === 'number' ? (values[name] as number) : undefined),
      positionals: this.positionals(args as Record<string, unknown>)
    };
    const out = this.output();
    const context: CommandContext = {
      args: commandArgs,
      out,
      env: process.env,
      project,
      namespace,
      connect: async () => {
        if (!this.client) {
          const org = values['target-org'] as Org;
          const apiVersion = (values['api-version'] as string | undefined) ?? project.apiVersion;
          const conn = org.getConnection(apiVersion);
          this.client = new OrgClient(conn, {
            namespace,
            redactor: this.redactor,
            log: (message) => out.info(message),
            ...transportOverrides.current
          });
        }
        return { client: this.client };
      }
    };
    const outcome = await this.definition.run(context);
    this.reportRequests();
    if (!this.jsonEnabled()) this.definition.render(outcome.result, out);
    // sf's envelope takes its status from process.exitCode: 1 = a finding the user must act on.
    if (outcome.exitCode !== 0) process.exitCode = outcome.exitCode;
    return JSON.parse(this.redactor.redact(JSON.stringify(outcome.result))) as R;
  }

  private reportRequests(): void {
    if (!this.client) return;
    const stats = this.client.stats;
    this.stderrLine(
      `${count(stats.requests, 'request')} to the org (${stats.writeRequests} write, ${stats.retries} retried).`
    );
  }

  /** A log line on stderr, also with --json (stdout then holds only the JSON envelope). */
  private stderrLine(message: string): void {
    process.stderr.write(this.redactor.redact(message) + '\n');
  }

  private output(): CommandOutput {
    const json = this.jsonEnabled();
    const redact = (text: string): string => this.redactor.redact(text);
    return {
      redactor: this.redactor,
      json,
      info: (message) => this.stderrLine(message),
      warn: (message) => {
        // On stderr in both modes (sf's warn is silent with --json), and in the envelope's warnings.
        (this as unknown as { warnings: string[] }).warnings.push(redact(message));
        this.stderrLine(`Warning: ${message}`);
      },
      print: (text = '') => {
        if (!json) this.log(redact(text));
      },
      table: (headers, rows) => {
        if (json) return;
        this.table({
          data: rows.map((row) => Object.fromEntries(headers.map((h, i) => [h, redact(row[i] ?? '')]))),
          columns: [...headers],
          borderStyle: 'headers-only',
          maxWidth: 'none'
        });
      },
      progress: (label, total): Progress => {
        let current = 0;
        if (process.stderr.isTTY && !json) {
          this.progress.start(total, {}, { title: label, format: '%s | {bar} | {value}/{total}' });
          return {
            tick: (amount = 1) => this.progress.update((current += amount)),
            done: () => this.progress.finish()
          };
        }
        if (total > 0) this.stderrLine(`${label}: ${total} to do`);
        return {
          tick: (amount = 1) => void (current += amount),
          done: () => {
            if (total > 0) this.stderrLine(`${label}: ${current}/${total} done`);
          }
        };
      }
    };
  }

  /** The JSON envelope, success or error, is redacted as a whole. */
  public override logJson(json: unknown): void {
    super.logJson(JSON.parse(this.redactor.redact(JSON.stringify(json ?? null))));
  }

  public override logToStderr(message?: string, ...rest: unknown[]): void {
    super.logToStderr(this.redactor.redact(message ?? ''), ...rest);
  }

  /** Errors keep sf's shape (name, message, exitCode at the top) plus what a stopped run had written. */
  protected override async catch(error: Error & { exitCode?: number }): Promise<never> {
    this.reportRequests();
    error.message = this.redactor.redact(error.message ?? String(error));
    if (error.stack) error.stack = this.redactor.redact(error.stack);
    const data: Record<string, unknown> = {};
    const cause = error instanceof CommandError ? error.cause : error;
    if (cause instanceof OrgRequestError) Object.assign(data, { httpStatus: cause.status, errorCode: cause.errorCode });
    if (error instanceof CommandError) {
      Object.assign(data, { written: error.written, notWritten: error.notWritten });
      if (!this.jsonEnabled()) {
        this.logToStderr(`Written to the org before it stopped: ${error.written.length ? '' : 'nothing.'}`);
        for (const line of error.written) this.logToStderr(`  - ${line}`);
        if (error.notWritten.length) this.logToStderr('Not done:');
        for (const line of error.notWritten) this.logToStderr(`  - ${line}`);
      }
    }
    if (Object.keys(data).length > 0) Object.assign(error, { data });
    return super.catch(error);
  }
}

/**
 * The sf command of a command's logic: summary, description and examples from `messages/<bundle>.md`, the org flags
 * and its own. The statics sit on the returned class, whose parent has none, so oclif also reads the inherited ones
 * (--json): each command file exports the class as is (see jobs-command.ts).
 */
export function connectorCommand<R, F extends object>(
  bundle: string,
  definition: Command<R>,
  flags: (messages: Messages<string>) => F
) {
  const messages = loadMessages(bundle);
  class Connector extends ConnectorCommand<R> {
    public static override readonly summary = messages.getMessage('summary');
    public static override readonly description = messages.getMessage('description');
    public static override readonly examples = messages.getMessages('examples');
    public static override readonly flags = { ...orgFlags, ...flags(messages) };
    protected readonly definition = definition;
  }
  return Connector;
}
