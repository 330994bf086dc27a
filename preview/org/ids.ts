import type { OrgState } from './state.ts';

/** Key prefixes of the sObjects the in-memory org holds. */
export const KeyPrefix = {
  Organization: '00D',
  User: '005',
  Profile: '00e',
  PermissionSet: '0PS',
  PermissionSetAssignment: '0Pa',
  CronTrigger: '08e',
  OauthToken: '0CQ',
  ConnectorEvent: 'a01',
  Account: '001',
  CsmAssignment: 'a02',
  CsmSyncRun: 'a03',
  AsyncApexJob: '707',
  ApexTrigger: '01q',
  PlatformEventSubscriberConfig: '3Ey',
  ConnectedApplication: '0H4',
  SetupEntityAccess: '0J0',
  PermissionSetLicenseAssign: '2Pa',
  PermissionSetLicense: '0PL'
} as const;

const SUFFIX_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/** The 18-character form of a 15-character id: three checksum characters encoding letter case. */
export function to18(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let flags = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charAt(chunk * 5 + i);
      if (c >= 'A' && c <= 'Z') flags |= 1 << i;
    }
    suffix += SUFFIX_CHARS.charAt(flags);
  }
  return id15 + suffix;
}

/** A stable id: key prefix, pod "5g", then the number zero-padded to 15 characters. */
export function recordId(prefix: string, n: number): string {
  return to18(`${prefix}5g${String(n).padStart(10, '0')}`);
}

/** Orgs whose ids come from another store (the REST face's platform store), so the two never hand out one id twice. */
const idSources = new WeakMap<OrgState, (prefix: string) => string>();

export function useIdSource(state: OrgState, source: (prefix: string) => string): void {
  idSources.set(state, source);
}

/** The next id for a new record of this key prefix. */
export function newId(state: OrgState, prefix: string): string {
  const source = idSources.get(state);
  if (source) return source(prefix);
  const next = (state.idCounters[prefix] ?? 1000) + 1;
  state.idCounters[prefix] = next;
  return recordId(prefix, next);
}
