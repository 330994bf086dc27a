/** A SOQL subset: what the CLI sends (fields, parent paths, one level of subquery, WHERE with
 * AND/OR/NOT, comparisons, IN/NOT IN lists and semi-joins, ORDER BY, LIMIT). */

export type Literal = string | number | boolean | null;

export type FieldExpr = { kind: 'field'; path: string[] } | { kind: 'count' } | { kind: 'subquery'; query: SoqlQuery };

export type Condition =
  | { kind: 'and' | 'or'; items: Condition[] }
  | { kind: 'not'; item: Condition }
  | { kind: 'cmp'; path: string[]; op: '=' | '!=' | '<' | '>' | '<=' | '>=' | 'LIKE'; value: Literal }
  | { kind: 'in'; path: string[]; negate: boolean; values: Literal[] | SoqlQuery };

export interface SoqlQuery {
  fields: FieldExpr[];
  object: string;
  where: Condition | null;
  orderBy: { path: string[]; descending: boolean }[];
  limit: number | null;
}

export class SoqlError extends Error {}

type Token = { type: 'ident' | 'string' | 'number' | 'punct'; text: string };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'") {
      let value = '';
      i++;
      for (;;) {
        if (i >= source.length) throw new SoqlError('unterminated string literal');
        const d = source[i]!;
        if (d === '\\') {
          const e = source[i + 1];
          value += e === 'n' ? '\n' : e === 'r' ? '\r' : e === 't' ? '\t' : (e ?? '');
          i += 2;
        } else if (d === "'") {
          i++;
          break;
        } else {
          value += d;
          i++;
        }
      }
      tokens.push({ type: 'string', text: value });
    } else if (/[0-9]/.test(c) || (c === '-' && /[0-9]/.test(source[i + 1] ?? ''))) {
      const match = /^-?\d+(\.\d+)?/.exec(source.slice(i))!;
      tokens.push({ type: 'number', text: match[0] });
      i += match[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const match = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(source.slice(i))!;
      tokens.push({ type: 'ident', text: match[0] });
      i += match[0].length;
    } else {
      const two = source.slice(i, i + 2);
      if (two === '!=' || two === '<=' || two === '>=' || two === '<>') {
        tokens.push({ type: 'punct', text: two === '<>' ? '!=' : two });
        i += 2;
      } else if ('(),=<>'.includes(c)) {
        tokens.push({ type: 'punct', text: c });
        i++;
      } else {
        throw new SoqlError(`unexpected character '${c}'`);
      }
    }
  }
  return tokens;
}

class Parser {
  private position = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.position + offset];
  }

  private isKeyword(word: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token?.type === 'ident' && token.text.toUpperCase() === word;
  }

  private expectKeyword(word: string): void {
    if (!this.isKeyword(word)) throw new SoqlError(`expected ${word} near '${this.peek()?.text ?? 'end'}'`);
    this.position++;
  }

  private expectPunct(text: string): void {
    const token = this.peek();
    if (token?.type !== 'punct' || token.text !== text) {
      throw new SoqlError(`expected '${text}' near '${token?.text ?? 'end'}'`);
    }
    this.position++;
  }

  private ident(): string {
    const token = this.peek();
    if (token?.type !== 'ident') throw new SoqlError(`expected a name near '${token?.text ?? 'end'}'`);
    this.position++;
    return token.text;
  }

  parseQuery(): SoqlQuery {
    this.expectKeyword('SELECT');
    const fields: FieldExpr[] = [];
    for (;;) {
      const token = this.peek();
      if (token?.type === 'punct' && token.text === '(') {
        this.position++;
        fields.push({ kind: 'subquery', query: this.parseQuery() });
        this.expectPunct(')');
      } else if (this.isKeyword('COUNT') && this.peek(1)?.text === '(') {
        this.position += 2;
        this.expectPunct(')');
        fields.push({ kind: 'count' });
      } else {
        fields.push({ kind: 'field', path: this.ident().split('.') });
      }
      if (this.peek()?.text === ',') {
        this.position++;
        continue;
      }
      break;
    }
    this.expectKeyword('FROM');
    const object = this.ident();
    let where: Condition | null = null;
    if (this.isKeyword('WHERE')) {
      this.position++;
      where = this.parseOr();
    }
    const orderBy: SoqlQuery['orderBy'] = [];
    if (this.isKeyword('ORDER')) {
      this.position++;
      this.expectKeyword('BY');
      for (;;) {
        const path = this.ident().split('.');
        let descending = false;
        if (this.isKeyword('ASC')) this.position++;
        else if (this.isKeyword('DESC')) {
          this.position++;
          descending = true;
        }
        if (this.isKeyword('NULLS')) this.position += 2;
        orderBy.push({ path, descending });
        if (this.peek()?.text === ',') {
          this.position++;
          continue;
        }
        break;
      }
    }
    let limit: number | null = null;
    if (this.isKeyword('LIMIT')) {
      this.position++;
      const token = this.peek();
      if (token?.type !== 'number') throw new SoqlError('LIMIT needs a number');
      this.position++;
      limit = Number(token.text);
    }
    return { fields, object, where, orderBy, limit };
  }

  private parseOr(): Condition {
    return this.parseList('OR', () => this.parseAnd());
  }

  private parseAnd(): Condition {
    return this.parseList('AND', () => this.parseUnary());
  }

  /** Operands joined by one keyword (AND binds tighter than OR: parseOr reads AND lists as its operands). */
  private parseList(keyword: 'AND' | 'OR', operand: () => Condition): Condition {
    const items = [operand()];
    while (this.isKeyword(keyword)) {
      this.position++;
      items.push(operand());
    }
    return items.length === 1 ? items[0]! : { kind: keyword === 'OR' ? 'or' : 'and', items };
  }

  private parseUnary(): Condition {
    if (this.isKeyword('NOT')) {
      this.position++;
      return { kind: 'not', item: this.parseUnary() };
    }
    if (this.peek()?.text === '(' && this.peek()?.type === 'punct') {
      this.position++;
      const inner = this.parseOr();
      this.expectPunct(')');
      return inner;
    }
    const path = this.ident().split('.');
    if (this.isKeyword('IN') || (this.isKeyword('NOT') && this.isKeyword('IN', 1))) {
      const negate = this.isKeyword('NOT');
      this.position += negate ? 2 : 1;
      this.expectPunct('(');
      if (this.isKeyword('SELECT')) {
        const query = this.parseQuery();
        this.expectPunct(')');
        return { kind: 'in', path, negate, values: query };
      }
      const values: Literal[] = [];
      for (;;) {
        values.push(this.literal());
        if (this.peek()?.text === ',') {
          this.position++;
          continue;
        }
        break;
      }
      this.expectPunct(')');
      return { kind: 'in', path, negate, values };
    }
    if (this.isKeyword('LIKE')) {
      this.position++;
      return { kind: 'cmp', path, op: 'LIKE', value: this.literal() };
    }
    const op = this.peek();
    if (op?.type !== 'punct' || !['=', '!=', '<', '>', '<=', '>='].includes(op.text)) {
      throw new SoqlError(`expected an operator after ${path.join('.')}`);
    }
    this.position++;
    return { kind: 'cmp', path, op: op.text as '=', value: this.literal() };
  }

  private literal(): Literal {
    const token = this.peek();
    if (!token) throw new SoqlError('expected a value');
    this.position++;
    if (token.type === 'string') return token.text;
    if (token.type === 'number') return Number(token.text);
    if (token.type === 'ident') {
      const upper = token.text.toUpperCase();
      if (upper === 'TRUE') return true;
      if (upper === 'FALSE') return false;
      if (upper === 'NULL') return null;
    }
    throw new SoqlError(`unexpected value '${token.text}'`);
  }

  done(): void {
    if (this.position < this.tokens.length) throw new SoqlError(`unexpected '${this.peek()!.text}'`);
  }
}

export function parseSoql(source: string): SoqlQuery {
  const parser = new Parser(tokenize(source));
  const query = parser.parseQuery();
  parser.done();
  return query;
}
