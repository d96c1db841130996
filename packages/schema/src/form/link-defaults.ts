import type { FieldDefinition, LineItemFieldDefinition } from './field.schema';

type Field = FieldDefinition | LineItemFieldDefinition;

/**
 * The values `defaultFrom` takes from a linked record (pure; the browser and the server both use
 * it, so they fill the same): for each live field of `fields` whose `defaultFrom.link` is
 * `linkKey`, the linked record's `defaultFrom.field` — only where the record carries that field
 * (one the reader may not see is absent, and nothing is filled from it).
 */
export function valuesFromLink(
  fields: readonly Field[],
  linkKey: string,
  linked: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const from = field.defaultFrom;
    if (!from || from.link !== linkKey || field.deleted === true) continue;
    if (Object.hasOwn(linked, from.field) && linked[from.field] !== undefined)
      out[field.key] = linked[from.field];
  }
  return out;
}

/** The link fields some field of `fields` takes a default from (empty: nothing to fill). */
export function linksWithDefaults(fields: readonly Field[]): Set<string> {
  const links = new Set<string>();
  for (const field of fields)
    if (field.defaultFrom && field.deleted !== true) links.add(field.defaultFrom.link);
  return links;
}
