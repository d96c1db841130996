import { currencyKey } from '@tessera/logic';

/**
 * Deterministic names of physical objects. Everything is derived from keys, so the same form
 * definition always yields the same names:
 *
 * - schema of an app:            `app_<appkey>`
 * - table of a form:             `<formkey>`
 * - child table of line items:   `<formkey>__<fieldkey>`
 * - second column of money:      `<fieldkey>__currency`
 * - constraints and indexes:     `<table>__<column>__<suffix>` (suffix: ck_options, ck_range,
 *                                ck_length, ck_currency, uq, idx, fk, parent_fk, parent_idx)
 *
 * A name longer than 63 characters is cut to 54 and given `_` + 8 hex digits of an FNV-1a hash
 * of the full name, so it stays unique and stable. `__` is reserved as a separator: keys may
 * not contain it (see the definition validator).
 */
export const MAX_IDENTIFIER_LENGTH = 63;

export function appSchemaName(appKey: string): string {
  return `app_${appKey}`;
}

export function childTableName(formKey: string, fieldKey: string): string {
  return `${formKey}__${fieldKey}`;
}

/** The same name JSON-Logic expressions see the currency under (so filters agree with SQL). */
export const currencyColumnName = currencyKey;

/** Name of a constraint or index of `table` on `column`. */
export function objectName(table: string, column: string, suffix: string): string {
  return shorten(`${table}__${column}__${suffix}`);
}

/** Cuts an over-long name and appends a hash of the full name. */
export function shorten(name: string): string {
  if (name.length <= MAX_IDENTIFIER_LENGTH) return name;
  return `${name.slice(0, 54)}_${fnv1a(name)}`;
}

function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
