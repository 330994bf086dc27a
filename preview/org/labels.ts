import { statSync } from 'node:fs';
import { formatApex } from '../../scripts/lib/message-format.ts';
import { labelsFile } from '../lib/paths.ts';
import { readCustomLabels } from './metadata.ts';

/**
 * The one reader of the package's custom labels for the in-memory org, its two faces and the tests: System.Label.X
 * and String.format(System.Label.X, values) (formatApex), so every TypeScript message is the text the org shows.
 * Re-read when the labels file changes (the preview rebuilds on save), cached otherwise (the bench calls it often).
 */
let cache: { mtimeMs: number; labels: Map<string, string> } | undefined;

export function customLabels(): Map<string, string> {
  let mtimeMs = -1;
  try {
    mtimeMs = statSync(labelsFile).mtimeMs;
  } catch {
    // No labels file: an empty map, and label() says which label is missing.
  }
  if (!cache || cache.mtimeMs !== mtimeMs) cache = { mtimeMs, labels: readCustomLabels(labelsFile) };
  return cache.labels;
}

/** System.Label.<name>, or String.format(System.Label.<name>, values) when given values. */
export function label(name: string, ...values: unknown[]): string {
  const template = customLabels().get(name);
  if (template === undefined) throw new Error(`Custom label ${name} not found in ${labelsFile}`);
  return values.length === 0 ? template : formatApex(template, values);
}
