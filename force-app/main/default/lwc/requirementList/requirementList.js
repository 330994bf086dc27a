import { LightningElement, api } from 'lwc';
import { formatLabel } from 'c/formatUtils';
import TITLE from '@salesforce/label/c.Requirements_Title';
import CAPTION from '@salesforce/label/c.Requirements_Caption';
import COLUMN_REQUIREMENT from '@salesforce/label/c.Requirements_ColumnRequirement';
import COLUMN_KIND from '@salesforce/label/c.Requirements_ColumnKind';
import COLUMN_SEVERITY from '@salesforce/label/c.Requirements_ColumnSeverity';
import COLUMN_CONDITION from '@salesforce/label/c.Requirements_ColumnCondition';
import COLUMN_REASON from '@salesforce/label/c.Requirements_ColumnReason';
import ALWAYS from '@salesforce/label/c.Requirements_Always';
import EMPTY from '@salesforce/label/c.Requirements_Empty';
import KIND_SYSTEM_PERMISSION from '@salesforce/label/c.Requirements_KindSystemPermission';
import KIND_OBJECT_ACCESS from '@salesforce/label/c.Requirements_KindObjectAccess';
import KIND_PACKAGE_PERMISSION_SET from '@salesforce/label/c.Requirements_KindPackagePermissionSet';
import SEVERITY_REQUIRED from '@salesforce/label/c.Requirements_SeverityRequired';
import SEVERITY_RECOMMENDED from '@salesforce/label/c.Requirements_SeverityRecommended';
import SEVERITY_CONDITIONAL from '@salesforce/label/c.Requirements_SeverityConditional';

const SEVERITIES = {
  Required: { label: SEVERITY_REQUIRED, badgeClass: 'slds-badge slds-theme_error' },
  Recommended: { label: SEVERITY_RECOMMENDED, badgeClass: 'slds-badge slds-theme_warning' },
  Conditional: { label: SEVERITY_CONDITIONAL, badgeClass: 'slds-badge slds-badge_lightest' }
};

/** What the connector user needs (ConnectorRequirement__mdt), why, and how much it matters. */
export default class RequirementList extends LightningElement {
  /** RequirementView[] of the contract, already sorted by the server. */
  @api requirements;

  label = {
    title: TITLE,
    caption: CAPTION,
    columnRequirement: COLUMN_REQUIREMENT,
    columnKind: COLUMN_KIND,
    columnSeverity: COLUMN_SEVERITY,
    columnCondition: COLUMN_CONDITION,
    columnReason: COLUMN_REASON,
    empty: EMPTY
  };

  get hasRequirements() {
    return this.rows.length > 0;
  }

  get rows() {
    return (this.requirements ?? []).map((requirement) => {
      const severity = SEVERITIES[requirement.severity] ?? {
        label: requirement.severity,
        badgeClass: 'slds-badge'
      };
      return {
        key: requirement.developerName,
        label: requirement.label,
        target: requirement.target,
        kind: kindLabel(requirement),
        severityLabel: severity.label,
        severityClass: severity.badgeClass,
        condition: requirement.condition || ALWAYS,
        reason: requirement.reason
      };
    });
  }
}

function kindLabel(requirement) {
  switch (requirement.kind) {
    case 'SystemPermission':
      return KIND_SYSTEM_PERMISSION;
    case 'ObjectAccess':
      return formatLabel(KIND_OBJECT_ACCESS, requirement.accessLevel ?? '');
    case 'PackagePermissionSet':
      return KIND_PACKAGE_PERMISSION_SET;
    default:
      return requirement.kind;
  }
}
