import type { RequirementView } from '../contract/types.ts';
import { flagsCover, mergeFlags, objectFlagsFor, type ObjectFlags } from './metadata-records.ts';

/** Which Conditional requirements apply: none, all, or those whose condition label is listed. */
export type ConditionalChoice = boolean | readonly string[];

export function isApplicable(requirement: RequirementView, conditional: ConditionalChoice): boolean {
  if (requirement.severity !== 'Conditional') return true;
  if (typeof conditional === 'boolean') return conditional;
  const condition = (requirement.condition ?? '').toLowerCase();
  return conditional.some((c) => c.toLowerCase() === condition);
}

export interface PermissionPlan {
  /** PermissionSet field → requirements asking for it. */
  systemPermissions: Map<string, RequirementView[]>;
  /** SObject type → merged flags. */
  objectAccess: Map<string, ObjectFlags>;
  /** Packaged permission sets the connector user needs. */
  packagePermissionSets: Set<string>;
}

export function planPermissions(
  requirements: readonly RequirementView[],
  conditional: ConditionalChoice
): PermissionPlan {
  const plan: PermissionPlan = {
    systemPermissions: new Map(),
    objectAccess: new Map(),
    packagePermissionSets: new Set()
  };
  for (const requirement of requirements) {
    if (!isApplicable(requirement, conditional)) continue;
    if (requirement.kind === 'SystemPermission') {
      const list = plan.systemPermissions.get(requirement.target) ?? [];
      list.push(requirement);
      plan.systemPermissions.set(requirement.target, list);
    } else if (requirement.kind === 'ObjectAccess') {
      const flags = objectFlagsFor(requirement.accessLevel);
      const previous = plan.objectAccess.get(requirement.target);
      plan.objectAccess.set(requirement.target, previous ? mergeFlags(previous, flags) : flags);
    } else {
      plan.packagePermissionSets.add(requirement.target);
    }
  }
  return plan;
}

export function describeFlags(flags: ObjectFlags): string {
  const names = [flags.read && 'Read', flags.create && 'Create', flags.edit && 'Edit', flags.delete && 'Delete'].filter(
    Boolean
  );
  return names.join('/') || 'none';
}

export { flagsCover, mergeFlags };
