/**
 * Minimal XML reader for Salesforce metadata files that keeps line numbers, which the
 * general-purpose parsers drop. Metadata XML has no DTDs or entities beyond the five predefined ones.
 */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
  line: number;
}

export class XmlSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number
  ) {
    super(message);
  }
}

const TOKEN =
  /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[([\s\S]*?)\]\]>|<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g;
const ATTRIBUTE = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function decode(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&amp;/g, '&');
}

export function parseXml(source: string): XmlElement {
  const lineStarts: number[] = [0];
  for (let i = 0; i < source.length; i++) if (source[i] === '\n') lineStarts.push(i + 1);
  const lineAt = (offset: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };

  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let last = 0;
  const appendText = (raw: string, offset: number) => {
    const parent = stack[stack.length - 1];
    if (parent) parent.text += raw;
    else if (raw.trim()) throw new XmlSyntaxError('text outside the root element', lineAt(offset));
  };

  for (const match of source.matchAll(TOKEN)) {
    const offset = match.index ?? 0;
    const between = source.slice(last, offset);
    if (between.includes('<')) throw new XmlSyntaxError('malformed tag', lineAt(last + between.indexOf('<')));
    appendText(decode(between), last);
    last = offset + match[0].length;
    const [, cdata, closing, name, attrText, selfClosing] = match;
    if (cdata !== undefined) {
      appendText(cdata, offset);
      continue;
    }
    if (!name) continue; // comment or processing instruction
    if (closing) {
      const open = stack.pop();
      if (!open || open.name !== name) {
        throw new XmlSyntaxError(`closing </${name}> does not match <${open?.name ?? 'nothing'}>`, lineAt(offset));
      }
      continue;
    }
    const attributes: Record<string, string> = {};
    for (const a of (attrText ?? '').matchAll(ATTRIBUTE)) attributes[a[1] ?? ''] = decode(a[2] ?? a[3] ?? '');
    const element: XmlElement = { name, attributes, children: [], text: '', line: lineAt(offset) };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(element);
    else if (root) throw new XmlSyntaxError('a second root element', lineAt(offset));
    else root = element;
    if (!selfClosing) stack.push(element);
  }
  const tail = source.slice(last);
  if (tail.includes('<')) throw new XmlSyntaxError('malformed tag', lineAt(last + tail.indexOf('<')));
  if (stack.length)
    throw new XmlSyntaxError(`<${stack[stack.length - 1]?.name}> is never closed`, stack[stack.length - 1]?.line ?? 1);
  if (!root) throw new XmlSyntaxError('no root element', 1);
  return root;
}

/** Text of the first child with this name, trimmed; undefined when absent. */
export function childText(element: XmlElement, name: string): string | undefined {
  return element.children.find((c) => c.name === name)?.text.trim();
}

export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((c) => c.name === name);
}
