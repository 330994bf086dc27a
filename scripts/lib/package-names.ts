/**
 * Names of the package's own objects and fields as a subscriber org spells them: `<ns>__Name__c` when the
 * package has a namespace. Every SOQL statement or sObject path the CLI builds on a package object goes
 * through here, so the same code reads a namespaced install and an unnamespaced development org.
 */
export function packageName(namespace: string, apiName: string): string {
  if (!/^[A-Za-z][A-Za-z0-9_]*__(c|mdt|e|r)$/.test(apiName) || apiName.split('__').length !== 2) {
    throw new Error(`'${apiName}' is not an unqualified package object or field name`);
  }
  return namespace ? `${namespace}__${apiName}` : apiName;
}

/** Reads a package field of a record returned by a query built with packageName(). */
export function packageField<T>(namespace: string, record: Record<string, unknown>, apiName: string): T | null {
  const value = record[packageName(namespace, apiName)];
  return value === undefined ? null : (value as T);
}
