import type { FieldDefinition } from './field.schema';
import type { FormDefinition } from './form.schema';

/**
 * The field that names a record of the form — its `titleField`, else its first auto-number,
 * else its first text field (deleted fields never) — one rule for every place that shows a record
 * by name (record pages, link pickers, the inbox).
 */
export function titleFieldOf(
  definition: Pick<FormDefinition, 'fields' | 'titleField'>,
): FieldDefinition | undefined {
  const live = definition.fields.filter((f) => f.deleted !== true);
  return (
    live.find((f) => f.id === definition.titleField) ??
    live.find((f) => f.type === 'auto_number') ??
    live.find((f) => f.type === 'text')
  );
}
