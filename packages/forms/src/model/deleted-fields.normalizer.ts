import type { FieldDefinition, FormDefinition, LineItemFieldDefinition } from '@tessera/schema';

/**
 * A published field left out of a new version is not dropped: it is carried over, marked
 * `deleted`, so its column and data stay until an explicit purge (also inside line items).
 * Returns the definition that will be published.
 */
export function carryOverDeletedFields(
  previous: FormDefinition | null,
  next: FormDefinition,
): FormDefinition {
  if (!previous) return next;
  return { ...next, fields: mergeFields(previous.fields, next.fields) };
}

function mergeFields<F extends FieldDefinition | LineItemFieldDefinition>(
  prev: readonly F[],
  next: readonly F[],
): F[] {
  const prevById = new Map(prev.map((f) => [f.id, f]));
  const merged = next.map((field) => {
    const old = prevById.get(field.id);
    if (field.type === 'line_items' && old?.type === 'line_items') {
      return { ...field, fields: mergeFields(old.fields, field.fields) };
    }
    return field;
  });
  const kept = new Set(next.map((f) => f.id));
  for (const old of prev) if (!kept.has(old.id)) merged.push({ ...old, deleted: true });
  return merged;
}
