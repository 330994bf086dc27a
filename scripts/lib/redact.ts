export const REDACTED = '[REDACTED]';

/** Shortest value treated as a secret; shorter strings would mangle ordinary output. */
export const MIN_SECRET_LENGTH = 4;

// Credentials that may show up in text we did not produce (server messages, library errors).
const CREDENTIAL_PATTERNS: RegExp[] = [
  /(Bearer\s+)[^\s"',;]+/gi,
  /\b00D[A-Za-z0-9]{12,15}![A-Za-z0-9._-]+/g,
  /("(?:access_token|refresh_token|client_secret|password|sessionId)"\s*:\s*")[^"]*"/gi,
  /\b((?:access_token|refresh_token|client_secret|sid)=)[^&\s"']+/gi
];

/**
 * Removes secrets from every string that leaves the process: known values (token, secrets read from
 * env or file) in their raw, JSON-escaped and URL-encoded spellings, and credential-shaped text.
 */
export class Redactor {
  private readonly values = new Set<string>();

  add(value: string | null | undefined): void {
    if (!value || value.length < MIN_SECRET_LENGTH) return;
    this.values.add(value);
    const jsonEscaped = JSON.stringify(value).slice(1, -1);
    if (jsonEscaped !== value) this.values.add(jsonEscaped);
    const urlEncoded = encodeURIComponent(value);
    if (urlEncoded !== value) this.values.add(urlEncoded);
  }

  get size(): number {
    return this.values.size;
  }

  redact(text: string): string {
    let out = text;
    // Longest first so a value containing another is replaced whole.
    for (const value of [...this.values].sort((a, b) => b.length - a.length)) {
      out = out.split(value).join(REDACTED);
    }
    for (const pattern of CREDENTIAL_PATTERNS) {
      out = out.replace(pattern, (match: string, prefix?: string) =>
        typeof prefix === 'string' && match.startsWith(prefix)
          ? prefix + REDACTED + (match.endsWith('"') && prefix.endsWith('"') ? '"' : '')
          : REDACTED
      );
    }
    return out;
  }
}
