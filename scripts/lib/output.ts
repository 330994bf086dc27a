import type { Redactor } from './redact.ts';

export interface TextSink {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface Io {
  stdout: TextSink;
  stderr: TextSink;
}

export interface Progress {
  tick(amount?: number): void;
  done(): void;
}

/**
 * All text leaving a command goes through here and through the redactor. Human results go to stdout,
 * logs and progress to stderr; with --json stdout carries exactly one JSON object.
 */
export class Output {
  private jsonWritten = false;

  constructor(
    private readonly io: Io,
    readonly redactor: Redactor,
    readonly json: boolean
  ) {}

  /** Log line on stderr (both modes). */
  info(message: string): void {
    this.io.stderr.write(this.redactor.redact(message) + '\n');
  }

  warn(message: string): void {
    this.info(`Warning: ${message}`);
  }

  /** Human-readable result on stdout; silent with --json so stdout stays one JSON object. */
  print(text = ''): void {
    if (this.json) return;
    this.io.stdout.write(this.redactor.redact(text) + '\n');
  }

  writeJson(payload: unknown): void {
    if (this.jsonWritten) throw new Error('JSON output already written');
    this.jsonWritten = true;
    this.io.stdout.write(this.redactor.redact(JSON.stringify(payload, null, 2)) + '\n');
  }

  /** A bar on stderr when it is a terminal; otherwise one line at the start and one at the end. */
  progress(label: string, total: number): Progress {
    const stderr = this.io.stderr;
    const tty = stderr.isTTY === true;
    let current = 0;
    const draw = (): void => {
      const width = 30;
      const ratio = total > 0 ? Math.min(1, current / total) : 1;
      const filled = Math.round(ratio * width);
      stderr.write(
        `\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${current}/${total} (${Math.round(ratio * 100)}%)`
      );
    };
    if (tty) draw();
    else if (total > 0) this.info(`${label}: ${total} to do`);
    return {
      tick: (amount = 1) => {
        current += amount;
        if (tty) draw();
      },
      done: () => {
        if (tty) stderr.write('\n');
        else if (total > 0) this.info(`${label}: ${current}/${total} done`);
      }
    };
  }
}

/** Plain text table; cells are redacted when printed. */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  // The last column (usually free text) is never cut.
  const widths = headers.map((header, column) =>
    Math.min(
      column === headers.length - 1 ? Infinity : 60,
      Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length))
    )
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => {
        const width = widths[column] ?? 0;
        const text = cell.length > width ? cell.slice(0, width - 1) + '…' : cell;
        return text.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((width) => '─'.repeat(width))), ...rows.map(line)].join('\n');
}
