/**
 * The plugin's commands and their flags, compared with command-snapshot.json: a flag renamed, removed, retyped or
 * made required by accident breaks scripts that call `sf connector ...`, so it fails here. After an intended change:
 * UPDATE_COMMAND_SNAPSHOT=1 node --import tsx --test scripts/plugin/command-snapshot.test.ts, and commit the file.
 */
import '../testing/sf-home.ts';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { COMMANDS } from '../testing/harness.ts';

const SNAPSHOT = new URL('./command-snapshot.json', import.meta.url);

interface FlagShape {
  type?: string;
  char?: string;
  required?: boolean;
  multiple?: boolean;
  options?: readonly string[];
  exclusive?: readonly string[];
}

function shapeOf(): Record<string, { flags: Record<string, unknown>; args: string[] }> {
  const shape: Record<string, { flags: Record<string, unknown>; args: string[] }> = {};
  for (const [words, Command] of Object.entries(COMMANDS).sort(([a], [b]) => a.localeCompare(b))) {
    const id = `connector:${words.replace(' ', ':')}`;
    const flags = Object.fromEntries(
      Object.entries(Command.flags as Record<string, FlagShape>)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, flag]) => [
          name,
          {
            type: flag.type,
            ...(flag.char ? { char: flag.char } : {}),
            ...(flag.required ? { required: true } : {}),
            ...(flag.multiple ? { multiple: true } : {}),
            ...(flag.options ? { options: [...flag.options] } : {}),
            ...(flag.exclusive ? { exclusive: [...flag.exclusive] } : {})
          }
        ])
    );
    shape[id] = { flags, args: Object.keys((Command as { args?: object }).args ?? {}) };
  }
  return shape;
}

describe('command snapshot', () => {
  it('every sf connector command keeps its flags (names, chars, types, required, options) and arguments', () => {
    const current = shapeOf();
    if (process.env['UPDATE_COMMAND_SNAPSHOT'] === '1') {
      writeFileSync(SNAPSHOT, JSON.stringify(current, null, 2) + '\n');
    }
    const committed = JSON.parse(readFileSync(SNAPSHOT, 'utf8')) as unknown;
    assert.deepEqual(
      current,
      committed,
      'a command or flag changed: if intended, rerun with UPDATE_COMMAND_SNAPSHOT=1 and commit command-snapshot.json'
    );
  });

  it('the --json flag and the org flags are on every command', () => {
    for (const [id, shape] of Object.entries(shapeOf())) {
      assert.equal((shape.flags['target-org'] as FlagShape).char, 'o', id);
      assert.ok('api-version' in shape.flags, id);
    }
    for (const Command of Object.values(COMMANDS)) assert.notEqual(Command.enableJsonFlag, false);
  });
});
