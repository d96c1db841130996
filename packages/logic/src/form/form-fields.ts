import type { FieldDefinition, LineItemFieldDefinition } from '@tessera/schema';

/** A field of a form or of a line-items row. */
export type AnyField = FieldDefinition | LineItemFieldDefinition;

/** Fields a record carries: every field that is not deleted. */
export function liveFields<F extends AnyField>(fields: readonly F[]): F[] {
  return fields.filter((f) => f.deleted !== true);
}

/** The key under which expressions see a money field's currency (and its SQL column's name). */
export function currencyKey(fieldKey: string): string {
  return `${fieldKey}__currency`;
}

/** JSON-Logic truthiness: an empty list is false. */
export function truthy(v: unknown): boolean {
  if (Array.isArray(v)) return v.length > 0;
  return Boolean(v);
}
