/**
 * The CSM email field rule of CsmSyncSettings.isUsableEmailField / requireEmailField, in one place for the preview
 * twin (CSM card, sync, settings form) and the CLI fake org (the settings endpoint `provision` writes through).
 */

/** What Schema.DescribeFieldResult tells about an Account field, as far as the rule reads it. */
export interface CsmFieldDescribe {
  name: string;
  label: string;
  /** Schema.DisplayType name: EMAIL, STRING (Text), PHONE… */
  type: string;
  /** isAccessible() for the running user. */
  accessible: boolean;
  filterable: boolean;
}

/**
 * An Email or Text field the running user can read and filter on.
 * platform-rule: describe-text-field-is-displaytype-string — a Text field describes as STRING, an Email one as EMAIL.
 */
export function isUsableCsmField(field: CsmFieldDescribe): boolean {
  return (field.type === 'EMAIL' || field.type === 'STRING') && field.accessible && field.filterable;
}

/** The usable field with this API name (any case, trimmed, like Schema's field map); null when none. */
export function findUsableCsmField<T extends CsmFieldDescribe>(
  fields: readonly T[],
  name: string | null | undefined
): T | null {
  const wanted = (name ?? '').trim().toLowerCase();
  if (!wanted) return null;
  const field = fields.find((f) => f.name.toLowerCase() === wanted);
  return field && isUsableCsmField(field) ? field : null;
}
