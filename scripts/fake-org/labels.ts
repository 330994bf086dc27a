import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { formatApex } from '../lib/message-format.ts';

/** The package's custom labels, so the fake org answers with the very messages the Apex resources send. */
const LABELS_FILE = fileURLToPath(
  new URL('../../force-app/main/default/labels/CustomLabels.labels-meta.xml', import.meta.url)
);

let cache: Map<string, string> | undefined;

function decode(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

function labels(): Map<string, string> {
  if (cache) return cache;
  cache = new Map();
  if (!existsSync(LABELS_FILE)) return cache;
  const xml = readFileSync(LABELS_FILE, 'utf8');
  for (const block of xml.split('<labels>').slice(1)) {
    const name = /<fullName>([^<]+)<\/fullName>/.exec(block)?.[1];
    const value = /<value>([\s\S]*?)<\/value>/.exec(block)?.[1];
    if (name && value !== undefined) cache.set(name, decode(value));
  }
  return cache;
}

/** System.Label.<name>, or String.format(System.Label.<name>, args) when given args (the preview's formatter). */
export function label(name: string, args: readonly unknown[] = []): string {
  const value = labels().get(name);
  if (value === undefined) throw new Error(`Custom label ${name} not found in ${LABELS_FILE}`);
  return args.length === 0 ? value : formatApex(value, args);
}
