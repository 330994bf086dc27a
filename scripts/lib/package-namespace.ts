import type { OrgClient } from './client.ts';
import { UsageError } from './errors.ts';
import { soqlString } from './soql.ts';

/** A class every version of the package has (its health endpoint): where the org shows the package's namespace. */
export const PACKAGE_MARKER_CLASS = 'ConnectorHealthResource';

/**
 * The namespace(s) under which the org holds the package, read from ApexClass.NamespacePrefix of the marker class
 * ('' for a package without namespace or unpackaged source).
 * platform-rule: apexclass-namespace-prefix — ApexClass.NamespacePrefix is the namespace of the installed managed
 * package a class belongs to (null for the org's own classes outside a Developer Edition with a namespace).
 */
export async function packageNamespacesInOrg(client: OrgClient): Promise<string[]> {
  const rows = await client.query(
    `SELECT NamespacePrefix FROM ApexClass WHERE Name = ${soqlString(PACKAGE_MARKER_CLASS)}`
  );
  return [...new Set(rows.map((row) => String(row['NamespacePrefix'] ?? '')))].sort();
}

/**
 * Refuses (usage error, exit 2) before anything is written when the package is not in the org under the namespace
 * the CLI will use, and says which --namespace to pass.
 */
export async function requirePackageNamespace(client: OrgClient): Promise<void> {
  const found = await packageNamespacesInOrg(client);
  const used = client.namespace;
  if (found.includes(used)) return;
  const spell = (ns: string): string => (ns ? `'${ns}'` : 'none');
  if (found.length === 0) {
    throw new UsageError(
      `The Connector Admin package is not in this org (no Apex class ${PACKAGE_MARKER_CLASS}): install the package ` +
        `(or deploy the source), then run again. Nothing was written.`
    );
  }
  const suggestion = found.map((ns) => (ns ? `--namespace ${ns}` : `--namespace ''`)).join(' or ');
  throw new UsageError(
    `The package's namespace in this org is ${found.map(spell).join(', ')}, not ${spell(used)} ` +
      `(from ${used ? '--namespace or sfdx-project.json' : 'sfdx-project.json, which has none'}): run again with ${suggestion}. ` +
      'Nothing was written.'
  );
}
