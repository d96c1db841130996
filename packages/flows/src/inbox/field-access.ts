/** What the person at a task sees of the record: hidden fields removed, each field's access. */
export interface RecordView {
  readonly values: Record<string, unknown>;
  /** Field key → 'read' | 'edit' (fields not listed by the node are read-only). */
  readonly access: Record<string, 'read' | 'edit'>;
}

/** Applies a node's per-field permissions (`fields`) to a record (system columns stay visible). */
export function applyFieldAccess(
  record: Readonly<Record<string, unknown>> | null,
  fields: Readonly<Record<string, 'hidden' | 'read' | 'edit'>> | undefined,
): RecordView | null {
  if (!record) return null;
  const values: Record<string, unknown> = {};
  const access: Record<string, 'read' | 'edit'> = {};
  for (const [key, value] of Object.entries(record)) {
    const rule = fields?.[key] ?? 'read';
    if (rule === 'hidden') continue;
    values[key] = value;
    access[key] = rule;
  }
  for (const [key, rule] of Object.entries(fields ?? {})) if (rule === 'edit') access[key] = 'edit';
  return { values, access };
}
