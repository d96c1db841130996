import type { FormAccess } from '../model/form-access';

/** Values without the fields hidden from the user (system columns are never hidden). */
export function maskValues<T extends Readonly<Record<string, unknown>>>(values: T, access: FormAccess): T {
  if (access.hidden.length === 0) return values;
  const hidden = new Set(access.hidden);
  return Object.fromEntries(Object.entries(values).filter(([key]) => !hidden.has(key))) as T;
}

/** A flow task's view of its record: field values and, per field, 'read' or 'edit'. */
export interface TaskRecordView {
  readonly values: Record<string, unknown>;
  readonly access: Record<string, 'read' | 'edit'>;
}

/**
 * The assignee's view of a task's record: the node's field permissions (already applied)
 * narrowed by the assignee's role on the form — a field hidden by either is left out, and a
 * field read-only for the role is never 'edit'.
 */
export function narrowTaskView(view: TaskRecordView | null, access: FormAccess): TaskRecordView | null {
  if (!view) return null;
  const hidden = new Set(access.hidden);
  const readOnly = new Set(access.readOnly);
  const values: Record<string, unknown> = {};
  const fields: Record<string, 'read' | 'edit'> = {};
  for (const [key, value] of Object.entries(view.values)) if (!hidden.has(key)) values[key] = value;
  for (const [key, rule] of Object.entries(view.access)) {
    if (hidden.has(key)) continue;
    fields[key] = rule === 'edit' && readOnly.has(key) ? 'read' : rule;
  }
  return { values, access: fields };
}
