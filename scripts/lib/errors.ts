/** Exit codes shared by every command. */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

/** Bad invocation or bad input file: exit 2, the message says what to do. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  readonly exitCode = EXIT_USAGE;
}

/** A request the org refused or could not answer (after retries where retrying is allowed). */
export class OrgRequestError extends Error {
  override readonly name = 'OrgRequestError';
  readonly exitCode = EXIT_FINDINGS;
  constructor(
    message: string,
    readonly status: number,
    readonly errorCode: string | null,
    readonly method: string,
    readonly path: string,
    /** Field-level messages of an Apex REST 400 ({ fieldErrors }). */
    readonly fieldErrors: Record<string, string> | null = null
  ) {
    super(message);
  }
}

/**
 * Anything that stops a command after it started talking to the org (exit 1). It says what the run had written
 * to the org before it stopped, and what it did not get to.
 */
export class CommandError extends Error {
  override readonly name = 'CommandError';
  readonly exitCode = EXIT_FINDINGS;
  constructor(
    message: string,
    readonly written: string[] = [],
    readonly notWritten: string[] = [],
    /** The org's refusal behind it, when there was one. */
    override readonly cause?: unknown
  ) {
    super(message);
  }
}

export function exitCodeOf(error: unknown): number {
  if (error instanceof UsageError) return EXIT_USAGE;
  return EXIT_FINDINGS;
}
