import { type FieldDefinition, isComputedField, type LineItemFieldDefinition } from '@tessera/schema';

/** A field of a form or of a line-items row. */
export type AnyField = FieldDefinition | LineItemFieldDefinition;
export type LineItemsField = Extract<FieldDefinition, { type: 'line_items' }>;
export type LinkField = Extract<AnyField, { type: 'link' }>;
export type RollupField = Extract<FieldDefinition, { type: 'rollup' }>;
export type LookupField = Extract<AnyField, { type: 'lookup' }>;

/** Fields a record carries: every field that is not deleted. */
export function liveFields<F extends AnyField>(fields: readonly F[]): F[] {
  return fields.filter((f) => f.deleted !== true);
}

/** Fields a user may write: live, not computed, not line items (those are written as rows). */
export function isWritable(field: AnyField): boolean {
  return field.deleted !== true && !isComputedField(field) && field.readOnly !== true;
}

/** Empty in the sense of `required`: null, undefined, '' or an empty list. */
export function isEmpty(value: unknown): boolean {
  return (
    value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)
  );
}

/** `items[3].qty`-style paths. */
export function fieldPath(base: string, key: string): string {
  return base === '' ? key : `${base}.${key}`;
}

export function rowPath(fieldKey: string, index: number): string {
  return `${fieldKey}[${index}]`;
}
