import { type FieldDefinition, type LineItemFieldDefinition, valuesFromLink } from '@tessera/schema';

type Values = Record<string, unknown>;

/**
 * `values` with `value` put into `key`. When that is a link and the user picked a record (the
 * picker hands over the whole record, as the list read it), the fields beside it that take their
 * default from it (`defaultFrom`) follow the pick — a quote line's unit price becomes the product's
 * list price — and stay the user's to change. The rule is the server's (`valuesFromLink`), so what
 * the form shows is what a write that left the field out would store.
 */
export function withPicked(
  fields: readonly (FieldDefinition | LineItemFieldDefinition)[],
  values: Values,
  key: string,
  value: unknown,
): Values {
  const next = { ...values, [key]: value };
  if (value !== null && typeof value === 'object' && !Array.isArray(value))
    Object.assign(next, valuesFromLink(fields, key, value as Values));
  return next;
}
