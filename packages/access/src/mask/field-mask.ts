import type { FormAccess } from '../model/form-access';
import { rowFieldKeys, withoutRowFields } from './row-field-keys';

/**
 * Values without the fields hidden from the user, and line-item rows without their hidden row
 * fields (system columns are never hidden).
 */
export function maskValues<T extends Readonly<Record<string, unknown>>>(values: T, access: FormAccess): T {
  if (access.hidden.length === 0) return values;
  const hidden = new Set(access.hidden);
  const inRows = rowFieldKeys(access.hidden);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    if (!hidden.has(key)) out[key] = withoutRowFields(value, inRows.get(key));
  }
  return out as T;
}

/** A flow task's view of its record: field values and, per field, 'read' or 'edit'. */
export interface TaskRecordView {
  readonly values: Record<string, unknown>;
  readonly access: Record<string, 'read' | 'edit'>;
}

/**
 * The assignee's view of a task's record: the node's field permissions (already applied)
 * narrowed by the assignee's role on the form — a field hidden by either is left out (inside
 * line-item rows too), and a field read-only for the role is never 'edit'. Nor is a line-items
 * field with a row field hidden or read-only for the role: its rows are replaced as a whole when
 * written, which would overwrite (or drop) what the role may not write.
 */
export function narrowTaskView(view: TaskRecordView | null, access: FormAccess): TaskRecordView | null {
  if (!view) return null;
  const hidden = new Set(access.hidden);
  const readOnly = new Set(access.readOnly);
  const hiddenInRows = rowFieldKeys(access.hidden);
  const lockedInRows = rowFieldKeys(access.readOnly);
  const values: Record<string, unknown> = {};
  const fields: Record<string, 'read' | 'edit'> = {};
  for (const [key, value] of Object.entries(view.values)) {
    if (!hidden.has(key)) values[key] = withoutRowFields(value, hiddenInRows.get(key));
  }
  for (const [key, rule] of Object.entries(view.access)) {
    if (hidden.has(key)) continue;
    fields[key] = rule === 'edit' && (readOnly.has(key) || lockedInRows.has(key)) ? 'read' : rule;
  }
  return { values, access: fields };
}

/**
 * Values a user sends with a task action (approve, resubmit) that their role may not write:
 * read-only or hidden fields, and line-items fields with a row field they may not write (see
 * `narrowTaskView`). The node's own field permissions are checked by the flow engine.
 */
export function taskWriteRefusals(
  values: Readonly<Record<string, unknown>>,
  access: FormAccess,
): { path: string; message: string }[] {
  const readOnly = new Set(access.readOnly);
  const lockedInRows = rowFieldKeys(access.readOnly);
  const hidden = new Set(access.hidden);
  return Object.keys(values).flatMap((key) => {
    if (hidden.has(key)) return [{ path: key, message: 'is hidden from you and cannot be written' }];
    if (readOnly.has(key)) return [{ path: key, message: 'is read-only for you' }];
    // the row fields are not named: some of them may be hidden from the user
    if (lockedInRows.has(key))
      return [{ path: key, message: 'has row fields you may not write; edit the record itself' }];
    return [];
  });
}
