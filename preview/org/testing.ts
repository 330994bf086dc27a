import assert from 'node:assert/strict';
import { Org } from './org.ts';
import { invokeApex } from './registry.ts';

/** Tests of the in-memory org: the seeded org at a fixed time, and an Aura call that must succeed. */

export function seededAt(now: Date): Org {
  return Org.open({ stateFile: null, now: () => now });
}

/** AdminHomeController.<method> through the Aura face; its JSON answer, as the page receives it. */
export function callAura<T>(org: Org, method: string, params: Record<string, unknown> = {}): T {
  const response = invokeApex(org, `AdminHomeController.${method}`, params);
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return JSON.parse(JSON.stringify(response.body)) as T;
}
