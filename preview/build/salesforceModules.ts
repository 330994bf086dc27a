import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'rollup';
import { clientDir, projectRoot } from '../lib/paths.ts';

/**
 * Resolves the platform modules a Salesforce org provides at run time (`@salesforce/apex/*`,
 * `@salesforce/label/c.*`, `@salesforce/customPermission/*`, toasts, confirm, navigation) to preview implementations.
 * Placed before the LWC plugin so lightning-base-components keeps its own stubs for everything else.
 */
export interface SalesforceModulesOptions {
  /** Custom label values, read from CustomLabels.labels-meta.xml at build time. */
  labels: Map<string, string>;
  /** Called for every Apex method the components import, as `Class.method`. */
  onApexImport?: (method: string, importer: string | undefined) => void;
}

const VIRTUAL = '\0sf:';
const apexRuntime = join(clientDir, 'apex.js');
const runtime = join(clientDir, 'runtime.js');
const lbcScopedImports = join(projectRoot, 'node_modules/lightning-base-components/scopedImports');

const OVERRIDES: Record<string, string> = {
  'lightning/platformShowToastEvent': join(clientDir, 'toast.js'),
  'lightning/confirm': join(clientDir, 'confirm.js'),
  'lightning/navigation': join(clientDir, 'navigation.js')
};

/**
 * lightning-base-components feature gates to keep closed. Its stub opens every gate, but Lightning Experience
 * runs synthetic shadow, where ElementInternals do not exist: with this gate open lightning-combobox throws
 * "attachInternals API is not supported in synthetic shadow".
 */
const CLOSED_GATES = new Set(['bc.260.enableComboboxElementInternals']);

export class UnknownLabelError extends Error {}

/** `Class.method` from `ns.Class.method` or `Class.method`: the preview org has no namespace. */
export function apexMethodName(specifier: string): string | null {
  const parts = specifier.split('.');
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => !/^\w+$/.test(p))) return null;
  return parts.slice(-2).join('.');
}

function stripNamespace(name: string): string {
  const parts = name.split('__');
  // ns__Name__c keeps the field suffix; ns__Name drops the namespace.
  return parts.length === 2 && !['c', 'mdt', 'r', 'e', 'x'].includes(parts[1] ?? '') ? (parts[1] ?? name) : name;
}

function after(source: string, prefix: string): string | null {
  return source.startsWith(prefix) ? source.slice(prefix.length) : null;
}

export function salesforceModules(options: SalesforceModulesOptions): Plugin {
  return {
    name: 'preview-salesforce-modules',
    resolveId(source, importer) {
      const override = OVERRIDES[source];
      if (override) return override;
      const gate = after(source, '@salesforce/gate/');
      if (gate !== null && CLOSED_GATES.has(gate)) return `${VIRTUAL}gate/${gate}`;
      if (source === '@salesforce/apex') return `${VIRTUAL}apex`;
      const apex = after(source, '@salesforce/apex/');
      if (apex !== null) {
        const method = apexMethodName(apex);
        if (!method) return null;
        options.onApexImport?.(method, importer);
        return `${VIRTUAL}apex/${method}`;
      }
      // Only the org's own labels: lightning-base-components maps its internal labels to its stubs.
      const label = after(source, '@salesforce/label/c.');
      if (label !== null) return `${VIRTUAL}label/${label}`;
      const permission = after(source, '@salesforce/customPermission/');
      if (permission !== null) return `${VIRTUAL}customPermission/${stripNamespace(permission)}`;
      if (source === '@salesforce/user/Id') return `${VIRTUAL}user/Id`;
      if (source === '@salesforce/user/isGuest') return `${VIRTUAL}user/isGuest`;
      const i18n = after(source, '@salesforce/i18n/');
      if (i18n !== null && /^[\w.]+$/.test(i18n)) return `${VIRTUAL}i18n/${i18n}`;
      const schema = after(source, '@salesforce/schema/');
      if (schema !== null) return `${VIRTUAL}schema/${schema}`;
      return null;
    },
    load(id) {
      if (!id.startsWith(VIRTUAL)) return null;
      const [kind, ...rest] = id.slice(VIRTUAL.length).split('/');
      const name = rest.join('/');
      switch (kind) {
        case 'apex':
          return name
            ? `import { createApexMethod } from ${JSON.stringify(apexRuntime)};\n` +
                `export default createApexMethod(${JSON.stringify(name)});\n`
            : `export { refreshApex, getSObjectValue } from ${JSON.stringify(apexRuntime)};\n`;
        case 'label': {
          const value = options.labels.get(name);
          if (value === undefined) {
            throw new UnknownLabelError(
              `@salesforce/label/c.${name} is not defined: add <labels><fullName>${name}</fullName>… ` +
                'to force-app/main/default/labels/CustomLabels.labels-meta.xml'
            );
          }
          return `export default ${JSON.stringify(value)};\n`;
        }
        case 'customPermission':
          return (
            `import { hasCustomPermission } from ${JSON.stringify(runtime)};\n` +
            `export default hasCustomPermission(${JSON.stringify(name)});\n`
          );
        case 'user':
          return name === 'Id'
            ? `import { runningUserId } from ${JSON.stringify(runtime)};\nexport default runningUserId();\n`
            : 'export default false;\n';
        case 'i18n': {
          // The running user's value at page load, else the stub lightning-base-components ships.
          const stub = join(lbcScopedImports, `@salesforce-i18n-${name}.js`);
          const fallback = existsSync(stub)
            ? `import fallback from ${JSON.stringify(stub)};\n`
            : 'const fallback = undefined;\n';
          return (
            `import { i18n } from ${JSON.stringify(runtime)};\n${fallback}` +
            `export default i18n(${JSON.stringify(name)}, fallback);\n`
          );
        }
        case 'gate':
          return 'export default { isOpen: () => false };\n';
        case 'schema': {
          const [objectApiName, ...fieldPath] = name.split('.');
          const value = fieldPath.length ? { objectApiName, fieldApiName: fieldPath.join('.') } : { objectApiName };
          return `export default ${JSON.stringify(value)};\n`;
        }
        default:
          return null;
      }
    }
  };
}
