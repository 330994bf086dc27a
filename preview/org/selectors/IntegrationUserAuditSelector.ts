import type { Org } from '../org.ts';
import type { PermissionSetRecord } from '../state.ts';

/** IntegrationUserAuditSelector.cls over the Org's records: what the audit and its repair read. */
export const IntegrationUserAuditSelector = {
  /** getLocalPermissionSet(name): the org's own (unpackaged, no namespace) permission set of that name. */
  getLocalPermissionSet(org: Org, name: string): PermissionSetRecord | undefined {
    return org.state.permissionSets.find((ps) => ps.Name === name && ps.NamespacePrefix === null && !ps.packaged);
  },

  /** getPackagePermissionSets(names): the package's permission sets of these names (any case). */
  getPackagePermissionSets(org: Org, names: ReadonlySet<string>): PermissionSetRecord[] {
    const wanted = new Set([...names].map((n) => n.toLowerCase()));
    return org.state.permissionSets.filter((ps) => ps.packaged && wanted.has(ps.Name.toLowerCase()));
  }
};
