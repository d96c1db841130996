import { type AnyField, liveFields } from '@tessera/logic/browser';
import type { FormDefinition, QueryModel } from '@tessera/schema';

export type FormLookup = (form: string) => FormDefinition | undefined;

/** The fields behind an alias of a query: the source form's, a join's target, a line item's. */
function aliasFields(query: QueryModel, alias: string, forms: FormLookup, depth = 0): readonly AnyField[] {
  if (depth > 8) return [];
  const join = query.joins?.find((j) => j.as === alias);
  if (!join) return [];
  if (join.form) return liveFields(forms(join.form)?.fields ?? []);
  if (!join.path) return [];
  const field = resolveFieldPath(query, join.path, forms, depth + 1);
  return field ? fieldsBehind(field, forms) : [];
}

/** What a link or line-items field leads to. */
function fieldsBehind(field: AnyField, forms: FormLookup): readonly AnyField[] {
  if (field.type === 'link' && 'form' in field && typeof field.form === 'string')
    return liveFields(forms(field.form)?.fields ?? []);
  if (field.type === 'line_items' && 'fields' in field && Array.isArray(field.fields))
    return field.fields as AnyField[];
  return [];
}

/**
 * The form field a report field path names (`status`, `customer.tier`, `line.product`, `prod.name`):
 * the first segment is a join alias or a field of the source, each further one a field of what
 * the previous leads to. `undefined` for system fields and paths the forms do not have.
 */
export function resolveFieldPath(
  query: QueryModel,
  path: string,
  forms: FormLookup,
  depth = 0,
): AnyField | undefined {
  const [head, ...rest] = path.split('.');
  if (!head) return undefined;
  const source = liveFields(forms(query.source)?.fields ?? []);
  let fields: readonly AnyField[];
  let segments: string[];
  if (rest.length > 0 && query.joins?.some((j) => j.as === head)) {
    fields = aliasFields(query, head, forms, depth);
    segments = rest;
  } else {
    fields = source;
    segments = [head, ...rest];
  }
  let field: AnyField | undefined;
  for (const [i, key] of segments.entries()) {
    field = fields.find((f) => f.key === key);
    if (!field) return undefined;
    if (i < segments.length - 1) fields = fieldsBehind(field, forms);
  }
  return field;
}
