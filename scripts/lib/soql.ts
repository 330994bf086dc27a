/** SOQL string literal with the escapes SOQL defines. */
export function soqlString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r')}'`;
}

export function soqlInList(values: readonly string[]): string {
  return `(${values.map(soqlString).join(', ')})`;
}

export interface ChunkLimits {
  /** Most literals per chunk (keeps each result within one page). */
  maxItems: number;
  /** Most characters the literals of one chunk may take (keeps the statement under SOQL/URL limits). */
  maxChars: number;
  /** Weight of one value against maxItems (e.g. expected rows it brings back); default 1. */
  weight?: (value: string) => number;
}

/** Splits values for IN lists so each statement stays inside the given limits. */
export function chunkForInList(values: readonly string[], limits: ChunkLimits): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  let chars = 0;
  let items = 0;
  for (const value of values) {
    const size = soqlString(value).length + 2;
    const weight = limits.weight ? limits.weight(value) : 1;
    if (current.length > 0 && (chars + size > limits.maxChars || items + weight > limits.maxItems)) {
      chunks.push(current);
      current = [];
      chars = 0;
      items = 0;
    }
    current.push(value);
    chars += size;
    items += weight;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
