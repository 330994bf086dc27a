import { KeyPrefix, recordId } from './ids.ts';
import type {
  AccountFieldRecord,
  AccountRecord,
  CsmAssignmentRecord,
  CsmSyncRunRecord,
  OrgState,
  UserRecord
} from './state.ts';

/**
 * CSM sync part of the seeded org: the Account field CSM_Email__c holds each account's CSM email and
 * the accounts cover every rule of the sync (create, update, unchanged, kept manual, unmatched,
 * inactive user, emptied field). The sync itself is not configured yet: the admin picks the field.
 */

const user = (n: number) => recordId(KeyPrefix.User, n);
const account = (n: number) => recordId(KeyPrefix.Account, n);

export const csmSeedIds = {
  grace: user(11),
  alan: user(12),
  linus: user(13),
  acme: account(1),
  contoso: account(2),
  globex: account(3),
  hooli: account(4),
  initech: account(5),
  umbrella: account(6),
  vandelay: account(7),
  wayne: account(8)
};
const id = csmSeedIds;

export function csmSeedUsers(profileId: string, lastLogin: string): UserRecord[] {
  const csm = (Id: string, Name: string, Email: string, IsActive: boolean): UserRecord => ({
    Id,
    Name,
    Username: Email,
    Email,
    IsActive,
    IsFrozen: false,
    ProfileId: profileId,
    LastLoginDate: IsActive ? lastLogin : null,
    LocaleSidKey: 'en_US',
    LanguageLocaleKey: 'en_US',
    TimeZoneSidKey: 'America/New_York'
  });
  return [
    csm(id.grace, 'Grace Hopper', 'grace.hopper@acme.example', true),
    csm(id.alan, 'Alan Turing', 'alan.turing@acme.example', true),
    csm(id.linus, 'Linus Left', 'linus.left@acme.example', false)
  ];
}

type CsmState = Pick<OrgState, 'accountFields' | 'accounts' | 'csmAssignments' | 'csmSyncRuns' | 'csmJobs'>;

export function csmSeed(daysAgo: (d: number) => string): CsmState {
  const accountFields: AccountFieldRecord[] = [
    { name: 'Name', label: 'Account Name', type: 'STRING', accessible: true, filterable: true },
    { name: 'Site', label: 'Account Site', type: 'STRING', accessible: true, filterable: true },
    { name: 'AccountNumber', label: 'Account Number', type: 'STRING', accessible: true, filterable: true },
    { name: 'CSM_Email__c', label: 'CSM Email', type: 'EMAIL', accessible: true, filterable: true },
    { name: 'Phone', label: 'Account Phone', type: 'PHONE', accessible: true, filterable: true },
    { name: 'AnnualRevenue', label: 'Annual Revenue', type: 'CURRENCY', accessible: true, filterable: true },
    { name: 'OwnerId', label: 'Owner ID', type: 'REFERENCE', accessible: true, filterable: true },
    // Hidden by field-level security from the running user: never offered.
    { name: 'Legal_Contact_Email__c', label: 'Legal Contact Email', type: 'EMAIL', accessible: false, filterable: true }
  ];
  const acc = (Id: string, Name: string, email: string | null, site: string | null = null): AccountRecord => ({
    Id,
    Name,
    fields: { CSM_Email__c: email, Site: site, AccountNumber: null, Phone: null }
  });
  const accounts: AccountRecord[] = [
    acc(id.acme, 'Acme Corporation', ' Grace.Hopper@ACME.example '),
    acc(id.contoso, 'Contoso Ltd', 'alan.turing@acme.example'),
    acc(id.globex, 'Globex Corporation', 'grace.hopper@acme.example'),
    acc(id.hooli, 'Hooli', 'grace.hopper@acme.example'),
    acc(id.initech, 'Initech', null),
    acc(id.umbrella, 'Umbrella Corp', 'j.doe@old-domain.example'),
    acc(id.vandelay, 'Vandelay Industries', 'linus.left@acme.example'),
    acc(id.wayne, 'Wayne Enterprises', null, 'Gotham')
  ];
  const assignment = (
    n: number,
    accountId: string,
    csm: string | null,
    source: 'Synced' | 'Manual',
    email: string | null,
    days: number
  ): CsmAssignmentRecord => ({
    Id: recordId(KeyPrefix.CsmAssignment, n),
    Name: `CSM-${String(n).padStart(6, '0')}`,
    Account__c: accountId,
    AccountKey__c: accountId,
    CsmUser__c: csm,
    Source__c: source,
    SyncedEmail__c: email,
    LastSynced__c: source === 'Synced' ? daysAgo(days) : null,
    LastModifiedDate: daysAgo(days)
  });
  const csmAssignments = [
    assignment(1, id.contoso, id.grace, 'Synced', 'grace.hopper@acme.example', 30),
    assignment(2, id.globex, id.alan, 'Manual', null, 12),
    assignment(3, id.hooli, id.grace, 'Synced', 'grace.hopper@acme.example', 30),
    assignment(4, id.initech, id.alan, 'Synced', 'alan.turing@acme.example', 30)
  ];
  const csmSyncRuns: CsmSyncRunRecord[] = [];
  return { accountFields, accounts, csmAssignments, csmSyncRuns, csmJobs: [] };
}
