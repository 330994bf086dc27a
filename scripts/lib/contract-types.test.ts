import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { loadContractTypes, validateValue } from './contract-types.ts';

// What both callers rely on: the contract check (fixtures) and the preview's validateContract (in-memory org answers).
const dir = mkdtempSync(join(tmpdir(), 'contract-types-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const file = join(dir, 'types.ts');
writeFileSync(
  file,
  `export type State = 'On' | 'Off';
export interface Base { id: string; }
export interface Card extends Base {
  state: State | null;
  count: number;
  items: Item[];
  note?: string;
  answer: Answer | null;
  errors: Record<string, string>;
  flags: (true | 2)[];
}
export interface Item { name: string; }
export interface Answer { kind: 'Yes'; reason: string; }
export interface Other { kind: 'No'; code: number; extra: boolean; }
export type Reply = Answer | Other;
export type Mapped = { [K in keyof Card]: string };
export interface UsesMapped { m: Mapped; }
export interface Dangling { d: Missing; }
`
);
const contract = loadContractTypes(file);
const VALID = {
  id: 'a',
  state: 'On',
  count: 1,
  items: [{ name: 'x' }],
  answer: null,
  errors: { k: 'v' },
  flags: [true, 2]
};
const errors = (value: unknown, type = 'Card') => validateValue(value, type, contract);

describe('contract types: one validator for the contract check and the preview', () => {
  it('accepts a valid value: inherited fields, an absent optional field, null where the type allows it', () => {
    assert.deepEqual(errors(VALID), []);
    assert.deepEqual(errors({ ...VALID, state: null, note: 'n', answer: { kind: 'Yes', reason: 'r' } }), []);
  });

  it('reports a missing required field, an inherited one too, and a field the type does not have', () => {
    const { id: _id, count: _count, ...rest } = VALID;
    assert.deepEqual(errors({ ...rest, colour: 'red' }).sort(), [
      '$.colour: not in Card',
      '$.count: missing (required by Card)',
      '$.id: missing (required by Card)'
    ]);
  });

  it('checks the items of an array and the values of a Record', () => {
    assert.deepEqual(errors({ ...VALID, items: [{ name: 'x' }, { name: 3 }], errors: { k: 1 } }), [
      '$.items[1].name: expected string, got 3',
      '$.errors.k: expected string, got 1'
    ]);
    assert.deepEqual(errors({ ...VALID, items: { name: 'x' } }), ['$.items: expected Item[], got an object']);
  });

  it('refuses a string outside a union of literals, through an alias and its null', () => {
    assert.deepEqual(errors({ ...VALID, state: 'Maybe' }), ['$.state: "Maybe" is not one of On | Off']);
    assert.deepEqual(errors({ ...VALID, flags: [false] }), ['$.flags[0]: expected true | 2, got false']);
  });

  it('refuses null where the type does not allow it, and a wrong primitive', () => {
    assert.deepEqual(errors({ ...VALID, count: null, id: 5 }).sort(), [
      '$.count: expected number, got null',
      '$.id: expected string, got 5'
    ]);
  });

  it('reports the nearest interface of a union of objects, not the whole union', () => {
    assert.deepEqual(errors({ kind: 'Yes' }, 'Reply'), ['$.reason: missing (required by Answer)']);
    assert.deepEqual(errors({ ...VALID, answer: { kind: 'Yes', reason: 1 } }), [
      '$.answer.reason: expected string, got 1'
    ]);
    assert.deepEqual(errors('Yes', 'Reply'), ['$: expected Reply, got "Yes"']);
  });

  it('fails loudly on a type it cannot check or a name types.ts does not declare, only where a value meets it', () => {
    assert.throws(
      () => errors({ m: {} }, 'UsesMapped'),
      /the validator does not handle \{ \[K in keyof Card\]: string \}/
    );
    assert.throws(() => errors({ d: 1 }, 'Dangling'), /type Missing is not declared there/);
    assert.throws(() => errors({}, 'Nowhere'), /type Nowhere is not declared there/);
  });
});
