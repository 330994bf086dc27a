/**
 * Splits Apex, JavaScript/TypeScript or LWC HTML source into code with comments blanked out (same length,
 * newlines kept, so indexes still give line numbers) and its string literals. Rules can then look at
 * strings and code without matching text inside comments.
 */
export type SourceKind = 'apex' | 'js' | 'html';

export interface StringLiteral {
  /** Index of the opening quote in the source. */
  start: number;
  /** Text between the quotes; a template literal's `${…}` parts are replaced by EXPRESSION. */
  text: string;
}

export interface ScannedSource {
  code: string;
  strings: StringLiteral[];
}

/** Stands for an interpolated expression inside a template literal's text. */
export const EXPRESSION = '\u0000';

const REGEX_PRECEDERS = new Set([...'(,=:[!&|?{};+-*%<>~^'.split(''), '']);
const REGEX_KEYWORDS = new Set([
  'return',
  'typeof',
  'case',
  'do',
  'else',
  'in',
  'of',
  'new',
  'delete',
  'void',
  'throw',
  'instanceof',
  'yield',
  'await'
]);

export function lineOf(source: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index && i < source.length; i++) if (source.charCodeAt(i) === 10) line++;
  return line;
}

function blank(chars: string[], from: number, to: number): void {
  for (let i = from; i < to; i++) if (chars[i] !== '\n') chars[i] = ' ';
}

export function scanSource(source: string, kind: SourceKind): ScannedSource {
  return kind === 'html' ? scanHtml(source) : scanCode(source, kind);
}

function scanHtml(source: string): ScannedSource {
  const chars = source.split('');
  const comment = /<!--[\s\S]*?-->/g;
  for (let m = comment.exec(source); m; m = comment.exec(source)) blank(chars, m.index, m.index + m[0].length);
  const code = chars.join('');
  const strings: StringLiteral[] = [];
  const quoted = /=\s*("([^"]*)"|'([^']*)')/g;
  for (let m = quoted.exec(code); m; m = quoted.exec(code)) {
    strings.push({ start: m.index + m[0].indexOf(m[1] ?? ''), text: m[2] ?? m[3] ?? '' });
  }
  return { code, strings };
}

function previousToken(chars: string[], index: number): string {
  let i = index - 1;
  while (i >= 0 && /\s/.test(chars[i] ?? '')) i--;
  if (i < 0) return '';
  const last = chars[i] ?? '';
  if (!/[A-Za-z0-9_$]/.test(last)) return last;
  let start = i;
  while (start > 0 && /[A-Za-z0-9_$]/.test(chars[start - 1] ?? '')) start--;
  return chars.slice(start, i + 1).join('');
}

function scanCode(source: string, kind: 'apex' | 'js'): ScannedSource {
  const chars = source.split('');
  const strings: StringLiteral[] = [];
  const n = source.length;

  /** Reads a template literal starting at the backtick; returns the index after it. */
  const template = (start: number): number => {
    let text = '';
    let i = start + 1;
    while (i < n && source[i] !== '`') {
      if (source[i] === '\\') {
        text += source.slice(i, i + 2);
        i += 2;
      } else if (source[i] === '$' && source[i + 1] === '{') {
        text += EXPRESSION;
        i = code(i + 2, true);
      } else {
        text += source[i];
        i++;
      }
    }
    strings.push({ start, text });
    return i + 1;
  };

  /** Scans code from i; inside a template expression, stops after its closing brace. */
  const code = (from: number, inExpression: boolean): number => {
    let depth = 0;
    let i = from;
    while (i < n) {
      const c = source[i];
      const next = source[i + 1];
      if (c === '/' && next === '/') {
        const end = source.indexOf('\n', i);
        const stop = end < 0 ? n : end;
        blank(chars, i, stop);
        i = stop;
      } else if (c === '/' && next === '*') {
        const end = source.indexOf('*/', i + 2);
        const stop = end < 0 ? n : end + 2;
        blank(chars, i, stop);
        i = stop;
      } else if (c === "'" || (kind === 'js' && c === '"')) {
        let j = i + 1;
        let text = '';
        while (j < n && source[j] !== c && source[j] !== '\n') {
          if (source[j] === '\\') {
            text += source.slice(j, j + 2);
            j += 2;
          } else {
            text += source[j];
            j++;
          }
        }
        strings.push({ start: i, text });
        i = j + 1;
      } else if (kind === 'js' && c === '`') {
        i = template(i);
      } else if (kind === 'js' && c === '/') {
        const before = previousToken(chars, i);
        if (REGEX_PRECEDERS.has(before) || REGEX_KEYWORDS.has(before)) {
          let j = i + 1;
          let inClass = false;
          while (j < n && source[j] !== '\n') {
            if (source[j] === '\\') j++;
            else if (source[j] === '[') inClass = true;
            else if (source[j] === ']') inClass = false;
            else if (source[j] === '/' && !inClass) break;
            j++;
          }
          i = j + 1;
        } else {
          i++;
        }
      } else if (inExpression && c === '{') {
        depth++;
        i++;
      } else if (inExpression && c === '}') {
        if (depth === 0) return i + 1;
        depth--;
        i++;
      } else {
        i++;
      }
    }
    return i;
  };

  code(0, false);
  return { code: chars.join(''), strings };
}
