import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UsageError } from './errors.ts';
import { HELP_FLAG, parseArgs, type FlagSpec } from './flags.ts';

const specs: FlagSpec[] = [
  { name: 'file', char: 'f', type: 'string', description: 'file', valueName: 'path' },
  { name: 'dry-run', type: 'boolean', description: 'plan' },
  { name: 'wait', type: 'integer', description: 'minutes' },
  { name: 'level', type: 'string', options: ['A', 'B'], description: 'level' },
  { name: 'tag', type: 'string', multiple: true, description: 'tags' },
  HELP_FLAG
];

describe('parseArgs', () => {
  it('reads long, short, = and repeated flags and positionals', () => {
    const args = parseArgs(
      ['list', '-f', 'a.yml', '--dry-run', '--wait=5', '--tag', 'x', '--tag', 'y'],
      specs,
      [{ name: 'action', description: '' }],
      'cli test'
    );
    assert.equal(args.string('file'), 'a.yml');
    assert.equal(args.bool('dry-run'), true);
    assert.equal(args.integer('wait'), 5);
    assert.deepEqual(args.list('tag'), ['x', 'y']);
    assert.deepEqual(args.positionals, ['list']);
  });

  it('rejects an unknown flag, suggesting the closest one and how to get help', () => {
    assert.throws(
      () => parseArgs(['--dryrun'], specs, [], 'cli provision'),
      (error: unknown) =>
        error instanceof UsageError &&
        error.exitCode === 2 &&
        /Unknown flag --dryrun/.test(error.message) &&
        /Did you mean --dry-run\?/.test(error.message) &&
        /cli provision --help/.test(error.message)
    );
  });

  it('rejects a flag whose value is missing', () => {
    assert.throws(() => parseArgs(['--file'], specs, [], 'cli x'), /Flag --file needs a value: --file <path>/);
    assert.throws(() => parseArgs(['--file', '--dry-run'], specs, [], 'cli x'), /needs a value/);
  });

  it('rejects bad values: non-integer, value outside the allowed options, value given to a boolean', () => {
    assert.throws(() => parseArgs(['--wait', 'soon'], specs, [], 'cli x'), /whole number/);
    assert.throws(() => parseArgs(['--level', 'C'], specs, [], 'cli x'), /one of A, B/);
    assert.throws(() => parseArgs(['--dry-run=yes'], specs, [], 'cli x'), /takes no value/);
  });

  it('checks positionals: required, allowed values, no extras', () => {
    const positional = [{ name: 'action', description: 'What to do.', required: true, options: ['list', 'stop'] }];
    assert.throws(() => parseArgs([], specs, positional, 'cli jobs'), /Missing <action>/);
    assert.throws(() => parseArgs(['jump'], specs, positional, 'cli jobs'), /must be one of list, stop/);
    assert.throws(() => parseArgs(['list', 'extra'], specs, positional, 'cli jobs'), /Unexpected argument 'extra'/);
    assert.equal(parseArgs(['--help'], specs, positional, 'cli jobs').bool('help'), true);
  });

  it('accepts an empty string value (e.g. --namespace "")', () => {
    const args = parseArgs(['--file', ''], specs, [], 'cli x');
    assert.equal(args.string('file'), '');
  });
});
