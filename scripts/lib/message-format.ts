/**
 * Apex String.format(pattern, args) for the in-memory orgs (preview twin and CLI fake org), so that they show the
 * very text the org shows. platform-rule: string-format-messageformat-quotes — String.format follows Java
 * MessageFormat: `''` is an apostrophe, a lone `'` opens a quoted section (the quote vanishes and `{n}` inside it
 * stays literal), `{n}` outside quotes is argument n.
 */
export function formatApex(pattern: string, args: readonly unknown[]): string {
  let out = '';
  let quoted = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === "'") {
      if (pattern[i + 1] === "'") {
        out += "'";
        i++;
      } else {
        quoted = !quoted;
      }
      continue;
    }
    if (ch === '{' && !quoted) {
      const close = pattern.indexOf('}', i);
      const index = close < 0 ? null : /^\s*(\d+)\s*(?:,[^}]*)?$/.exec(pattern.slice(i + 1, close));
      if (close >= 0 && index) {
        const n = Number(index[1]);
        // Java prints a missing argument as the placeholder itself and a null one as "null".
        out += n < args.length ? String(args[n] ?? 'null') : `{${n}}`;
        i = close;
        continue;
      }
    }
    out += ch;
  }
  return out;
}

/** Whether a pattern holds a `'` that is not doubled: String.format would swallow it (and quote what follows). */
export function hasLoneQuote(pattern: string): boolean {
  return pattern.replace(/''/g, '').includes("'");
}

/** "1 token", "2 tokens": a count with its noun, for the CLI's English output. */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}
