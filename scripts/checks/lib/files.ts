import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every file below dir (sorted), skipping node_modules and LWC test folders. */
export function walk(dir: string, accept: (path: string) => boolean = () => true): string[] {
  const out: string[] = [];
  const visit = (current: string) => {
    let entries: string[];
    try {
      entries = readdirSync(current).sort();
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry === 'node_modules' || entry === '__tests__' || entry.startsWith('.')) continue;
      const path = join(current, entry);
      if (statSync(path).isDirectory()) visit(path);
      else if (accept(path)) out.push(path);
    }
  };
  visit(dir);
  return out;
}
