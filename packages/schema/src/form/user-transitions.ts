import type { FieldDefinition, LineItemFieldDefinition } from './field.schema';

/**
 * The values a person may change a read-only choice to from `from` — its `userTransitions`, e.g. a
 * quote's status from "draft" to "pending_approval" (submitting it for approval); [] for any other
 * field or value. Pure: the records engine refuses every other change by a person, the browser
 * offers exactly these.
 */
export function userTransitionsFrom(
  field: FieldDefinition | LineItemFieldDefinition,
  from: unknown,
): readonly string[] {
  if (field.type !== 'single_select' || field.readOnly !== true || typeof from !== 'string') return [];
  return field.userTransitions?.[from] ?? [];
}
