import type { FormDefinition } from '@tessera/schema';

/** What names a record: its form's title field, else the first text-like field, else its number. */
export function recordTitle(
  definition: FormDefinition | undefined,
  record: Record<string, unknown> | null | undefined,
): string {
  if (!record) return '';
  const fields = definition?.fields ?? [];
  const titleField =
    fields.find((f) => f.id === definition?.titleField) ??
    fields.find((f) => f.type === 'auto_number') ??
    fields.find((f) => f.type === 'text');
  const value = titleField ? record[titleField.key] : undefined;
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}
