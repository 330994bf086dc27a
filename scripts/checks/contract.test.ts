import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { checkContract } from './contract.ts';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const TYPES = `export type State = 'On' | 'Off';
export interface Card { id: string; count: number; state: State; note: string | null; items: Item[]; extra?: boolean; }
export interface Item { name: string; }
`;
const DTOS = `public with sharing class CardDtos {
  public class Card {
    @AuraEnabled
    public Id id;
    @AuraEnabled
    public Integer count;
    @AuraEnabled
    public String state;
    @AuraEnabled
    public String note;
    @AuraEnabled
    public List<Item> items;
    @AuraEnabled
    public Boolean extra;
  }
  public class Item {
    @AuraEnabled
    public String name;
  }
}
`;
const FIXTURE = { id: '001000000000001AAA', count: 2, state: 'On', note: null, items: [{ name: 'a' }] };

function project(types: string, dtos: string, fixture: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'contract-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'scripts', 'contract', 'fixtures'), { recursive: true });
  mkdirSync(join(dir, 'force-app', 'main', 'default', 'classes'), { recursive: true });
  writeFileSync(join(dir, 'scripts', 'contract', 'types.ts'), types);
  writeFileSync(join(dir, 'force-app', 'main', 'default', 'classes', 'CardDtos.cls'), dtos);
  writeFileSync(join(dir, 'scripts', 'contract', 'fixtures', 'card.json'), JSON.stringify(fixture));
  return dir;
}

const messages = (dir: string) => checkContract(dir).issues.map((i) => `${i.line}: ${i.message}`);

describe('contract check', () => {
  it('accepts Apex DTOs, types and fixtures that agree', () => {
    assert.deepEqual(messages(project(TYPES, DTOS, FIXTURE)), []);
  });

  it('fails on an Apex field the types do not have, at its line', () => {
    const dir = project(TYPES, DTOS.replace('public String note;', 'public String notes;'), FIXTURE);
    assert.deepEqual(messages(dir), [
      '10: Card.notes is not in interface Card',
      '2: interface Card.note has no field in Apex DTO Card'
    ]);
  });

  it('fails on a type mismatch between Apex and TypeScript', () => {
    const dir = project(TYPES, DTOS.replace('public Integer count;', 'public String count;'), FIXTURE);
    assert.deepEqual(messages(dir), ['6: Card.count is String in Apex but another type in types.ts']);
  });

  it('fails on a fixture with a wrong enum value, a missing field and an unknown field', () => {
    const dir = project(TYPES, DTOS, { ...FIXTURE, state: 'Maybe', count: undefined, colour: 'red' });
    assert.deepEqual(messages(dir).sort(), [
      '1: does not match Card: $.colour: not in Card',
      '1: does not match Card: $.count: missing (required by Card)',
      '1: does not match Card: $.state: "Maybe" is not one of On | Off'
    ]);
  });

  it('fails on a DTO field without @AuraEnabled', () => {
    const dir = project(
      TYPES,
      DTOS.replace('    @AuraEnabled\n    public Integer count;', '    public Integer count;'),
      FIXTURE
    );
    assert.deepEqual(messages(dir), ['5: Card.count lacks @AuraEnabled, so it never reaches the LWC']);
  });

  it('reads the fields an interface extends from another, so two DTOs can share a base interface', () => {
    const types = TYPES.replace(
      'export interface Card { id: string; count: number; state: State;',
      'export interface Counted { id: string; count: number; }\nexport interface Card extends Counted { state: State;'
    );
    // Read without its base, Card would lack id and count: the DTO and the fixture would both fail.
    assert.deepEqual(messages(project(types, DTOS, FIXTURE)), []);
  });

  it('fails on a DTO with no interface', () => {
    const dir = project(TYPES, DTOS.replace('public class Item {', 'public class Line {'), FIXTURE);
    assert.deepEqual(messages(dir), ['16: DTO Line has no interface Line in scripts/contract/types.ts']);
  });
});
