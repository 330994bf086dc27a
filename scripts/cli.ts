import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { csmSyncCommand } from './commands/csm-sync.ts';
import { deployCommand } from './commands/deploy.ts';
import { doctorCommand } from './commands/doctor.ts';
import { jobsCommand } from './commands/jobs.ts';
import { provisionCommand } from './commands/provision.ts';
import { revokeCommand } from './commands/revoke.ts';
import { connect, type ConnectOptions } from './lib/auth.ts';
import type { OrgClient } from './lib/client.ts';
import type { Command, CommandContext } from './lib/command.ts';
import { CommandError, EXIT_OK, EXIT_USAGE, exitCodeOf, OrgRequestError, UsageError } from './lib/errors.ts';
import { parseArgs, type FlagSpec } from './lib/flags.ts';
import { Output, type Io } from './lib/output.ts';
import { readProject } from './lib/project.ts';
import { Redactor } from './lib/redact.ts';

export const COMMANDS: Command[] = [
  deployCommand,
  provisionCommand,
  doctorCommand,
  jobsCommand,
  revokeCommand,
  csmSyncCommand
];

const BIN = 'npm run cli --';

export interface RunOptions extends Io {
  env: NodeJS.ProcessEnv;
  cwd: string;
  transport?: ConnectOptions['transport'];
}

function flagUsage(spec: FlagSpec): string {
  const names = `${spec.char ? `-${spec.char}, ` : '    '}--${spec.name}${spec.type === 'boolean' ? '' : ` <${spec.valueName ?? 'value'}>`}`;
  return `  ${names.padEnd(40)} ${spec.description}${spec.multiple ? ' (repeatable)' : ''}`;
}

export function commandHelp(command: Command): string {
  const positionals = (command.positionals ?? []).map((p) => (p.required ? `<${p.name}>` : `[${p.name}]`)).join(' ');
  return [
    `${command.summary}`,
    '',
    `Usage: ${BIN} ${command.name}${positionals ? ` ${positionals}` : ''} [flags]`,
    '',
    command.description,
    ...(command.positionals?.length
      ? [
          '',
          'Arguments:',
          ...command.positionals.map(
            (p) => `  ${p.name.padEnd(38)} ${p.description}${p.options ? ` (${p.options.join('|')})` : ''}`
          )
        ]
      : []),
    '',
    'Flags:',
    ...command.flags.map(flagUsage),
    '',
    'Examples:',
    ...command.examples.map((example) => `  ${example}`),
    '',
    'Exit codes: 0 ok, 1 findings or partial failure, 2 usage error.'
  ].join('\n');
}

export function mainHelp(): string {
  return [
    'Connector Admin CLI: deploy, provision and check the connector from outside the org.',
    '',
    `Usage: ${BIN} <command> [flags]     (${BIN} <command> --help for details)`,
    '',
    'Commands:',
    ...COMMANDS.map((command) => `  ${command.name.padEnd(12)} ${command.summary}`),
    '',
    'Org: -o/--target-org <alias|username> (sf CLI auth), or --instance-url <url> with env SF_ACCESS_TOKEN.',
    'Output: --json prints one JSON object {status, result|error} on stdout; logs go to stderr.',
    'Exit codes: 0 ok, 1 findings or partial failure, 2 usage error.'
  ].join('\n');
}

/** Runs one CLI invocation and returns its exit code; never calls process.exit (tests run it in-process). */
export async function runCli(argv: readonly string[], options: RunOptions): Promise<number> {
  const redactor = new Redactor();
  const wantsJson = argv.includes('--json');
  const out = new Output(options, redactor, wantsJson);
  const [name, ...rest] = argv;

  const fail = (error: unknown): number => {
    const exitCode = exitCodeOf(error);
    const err = error as Error;
    const known = error instanceof UsageError || error instanceof OrgRequestError || error instanceof CommandError;
    const message = known ? err.message : `Unexpected error: ${err?.message ?? String(error)}`;
    const cause = error instanceof CommandError ? error.cause : error;
    if (wantsJson) {
      out.writeJson({
        status: exitCode,
        error: {
          name: err?.name ?? 'Error',
          message,
          exitCode,
          ...(cause instanceof OrgRequestError ? { httpStatus: cause.status, errorCode: cause.errorCode } : {}),
          ...(error instanceof CommandError ? { written: error.written, notWritten: error.notWritten } : {})
        }
      });
    } else {
      out.info(`Error: ${message}`);
      if (error instanceof CommandError) {
        out.info(`Written to the org before it stopped: ${error.written.length ? '' : 'nothing.'}`);
        for (const line of error.written) out.info(`  - ${line}`);
        if (error.notWritten.length) out.info('Not done:');
        for (const line of error.notWritten) out.info(`  - ${line}`);
      }
    }
    return exitCode;
  };

  if (!name || name === '--help' || name === '-h' || name === 'help') {
    if (!name) {
      options.stderr.write(mainHelp() + '\n');
      return EXIT_USAGE;
    }
    options.stdout.write(mainHelp() + '\n');
    return EXIT_OK;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    return fail(
      new UsageError(
        `Unknown command '${name}'. Commands: ${COMMANDS.map((c) => c.name).join(', ')}. Run '${BIN} --help'.`
      )
    );
  }

  let client: OrgClient | undefined;
  try {
    const args = parseArgs(rest, command.flags, command.positionals ?? [], `${BIN} ${command.name}`);
    if (args.bool('help')) {
      options.stdout.write(commandHelp(command) + '\n');
      return EXIT_OK;
    }
    const project = readProject(options.cwd);
    let connection: Awaited<ReturnType<typeof connect>> | undefined;
    const context: CommandContext = {
      args,
      out,
      env: options.env,
      project,
      connect: async () => {
        connection ??= await connect({
          args,
          env: options.env,
          project,
          redactor,
          log: (message) => out.info(message),
          transport: options.transport
        });
        client = connection.client;
        return connection;
      }
    };
    const outcome = await command.run(context);
    if (client) {
      const stats = client.stats;
      out.info(`${stats.requests} request(s) to the org (${stats.writeRequests} write, ${stats.retries} retried).`);
    }
    if (out.json) out.writeJson({ status: outcome.exitCode, result: outcome.result });
    else command.render(outcome.result, out);
    return outcome.exitCode;
  } catch (error) {
    return fail(error);
  }
}

const isMain = (() => {
  try {
    return (
      process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url))
    );
  } catch {
    return false;
  }
})();

if (isMain) {
  const code = await runCli(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd()
  });
  process.exitCode = code;
}
