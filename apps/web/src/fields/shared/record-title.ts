import { type FormDefinition, titleFieldOf } from '@tessera/schema';

/** What names a record: its form's title field, else the first auto-number or text field. */
export function recordTitle(
  definition: FormDefinition | undefined,
  record: Record<string, unknown> | null | undefined,
): string {
  if (!record || !definition) return '';
  const titleField = titleFieldOf(definition);
  const value = titleField ? record[titleField.key] : undefined;
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}
