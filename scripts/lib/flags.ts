import { UsageError } from './errors.ts';

export type FlagType = 'boolean' | 'string' | 'integer';

export interface FlagSpec {
  name: string;
  char?: string;
  type: FlagType;
  description: string;
  /** Shown in help: `--file <path>`. */
  valueName?: string;
  multiple?: boolean;
  /** Allowed values for a string flag. */
  options?: readonly string[];
}

export interface PositionalSpec {
  name: string;
  description: string;
  required?: boolean;
  options?: readonly string[];
}

type FlagValue = string | boolean | number | string[];

export class ParsedArgs {
  constructor(
    readonly values: ReadonlyMap<string, FlagValue>,
    readonly positionals: readonly string[]
  ) {}

  has(name: string): boolean {
    return this.values.has(name);
  }

  bool(name: string): boolean {
    return this.values.get(name) === true;
  }

  string(name: string): string | undefined {
    const value = this.values.get(name);
    return typeof value === 'string' ? value : undefined;
  }

  integer(name: string): number | undefined {
    const value = this.values.get(name);
    return typeof value === 'number' ? value : undefined;
  }

  list(name: string): string[] {
    const value = this.values.get(name);
    if (Array.isArray(value)) return value;
    return typeof value === 'string' ? [value] : [];
  }
}

export const JSON_FLAG: FlagSpec = {
  name: 'json',
  type: 'boolean',
  description: 'Print one JSON object {status, result|error} on stdout; logs stay on stderr.'
};

export const HELP_FLAG: FlagSpec = {
  name: 'help',
  char: 'h',
  type: 'boolean',
  description: 'Show help for this command.'
};

/** Flags of every command that talks to an org. */
export const ORG_FLAGS: FlagSpec[] = [
  {
    name: 'target-org',
    char: 'o',
    type: 'string',
    valueName: 'alias|username',
    description: 'Org alias or username authorized with the sf CLI.'
  },
  {
    name: 'instance-url',
    type: 'string',
    valueName: 'url',
    description: 'Org URL; the access token is read from env SF_ACCESS_TOKEN (never a flag).'
  },
  {
    name: 'api-version',
    type: 'string',
    valueName: 'nn.n',
    description: 'REST API version (default: sourceApiVersion of sfdx-project.json).'
  },
  {
    name: 'namespace',
    type: 'string',
    valueName: 'prefix',
    description:
      'Package namespace for Apex REST URLs and package object names (default: sfdx-project.json; "" for none).'
  }
];

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

function suggestion(unknown: string, specs: readonly FlagSpec[]): string {
  const best = specs
    .map((spec) => ({ spec, score: distance(unknown, spec.name) }))
    .sort((a, b) => a.score - b.score)[0];
  return best && best.score <= 3 ? ` Did you mean --${best.spec.name}?` : '';
}

/** Parses argv for one command: unknown flags, missing values and bad values are usage errors. */
export function parseArgs(
  argv: readonly string[],
  specs: readonly FlagSpec[],
  positionalSpecs: readonly PositionalSpec[],
  commandLabel: string
): ParsedArgs {
  const values = new Map<string, FlagValue>();
  const positionals: string[] = [];
  const helpHint = `Run '${commandLabel} --help' to see its flags.`;
  const byName = new Map(specs.map((spec) => [spec.name, spec]));
  const byChar = new Map(specs.filter((spec) => spec.char).map((spec) => [spec.char!, spec]));

  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (token === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!token.startsWith('-') || token === '-') {
      positionals.push(token);
      continue;
    }
    const isLong = token.startsWith('--');
    const eq = token.indexOf('=');
    const key = isLong ? token.slice(2, eq > 0 ? eq : undefined) : token.slice(1, eq > 0 ? eq : undefined);
    const spec = isLong ? byName.get(key) : byChar.get(key);
    if (!spec) {
      throw new UsageError(
        `Unknown flag ${token.slice(0, eq > 0 ? eq : undefined)} for '${commandLabel}'.${isLong ? suggestion(key, specs) : ''} ${helpHint}`
      );
    }
    const shown = `--${spec.name}`;
    if (spec.type === 'boolean') {
      if (eq > 0) throw new UsageError(`Flag ${shown} takes no value. ${helpHint}`);
      values.set(spec.name, true);
      continue;
    }
    let raw: string | undefined;
    if (eq > 0) {
      raw = token.slice(eq + 1);
    } else {
      const next = argv[i + 1];
      if (next !== undefined && !(next.startsWith('-') && next.length > 1 && !/^-\d/.test(next))) {
        raw = next;
        i++;
      }
    }
    if (raw === undefined) {
      throw new UsageError(`Flag ${shown} needs a value: ${shown} <${spec.valueName ?? 'value'}>. ${helpHint}`);
    }
    let value: string | number = raw;
    if (spec.type === 'integer') {
      if (!/^-?\d+$/.test(raw)) throw new UsageError(`Flag ${shown} needs a whole number, got '${raw}'.`);
      value = Number.parseInt(raw, 10);
    }
    if (spec.options && !spec.options.includes(raw)) {
      throw new UsageError(`Flag ${shown} must be one of ${spec.options.join(', ')}; got '${raw}'.`);
    }
    if (spec.multiple) {
      const previous = values.get(spec.name);
      values.set(spec.name, [...(Array.isArray(previous) ? previous : []), String(value)]);
    } else {
      if (values.has(spec.name)) throw new UsageError(`Flag ${shown} was given more than once. ${helpHint}`);
      values.set(spec.name, value);
    }
  }

  if (!values.get('help')) {
    if (positionals.length > positionalSpecs.length) {
      throw new UsageError(`Unexpected argument '${positionals[positionalSpecs.length]}'. ${helpHint}`);
    }
    positionalSpecs.forEach((spec, index) => {
      const value = positionals[index];
      if (value === undefined) {
        if (spec.required) {
          const choices = spec.options ? ` (one of ${spec.options.join(', ')})` : '';
          throw new UsageError(`Missing <${spec.name}>${choices}: ${spec.description} ${helpHint}`);
        }
        return;
      }
      if (spec.options && !spec.options.includes(value)) {
        throw new UsageError(`<${spec.name}> must be one of ${spec.options.join(', ')}; got '${value}'. ${helpHint}`);
      }
    });
  }
  return new ParsedArgs(values, positionals);
}
