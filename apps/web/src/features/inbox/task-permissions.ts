import { liveFields } from '@tessera/logic/browser';
import type { FormDefinition } from '@tessera/schema';
import type { TaskDetail } from '../../api/tasks.api';
import type { FieldPermissions } from '../records/page/record-form';

export interface TaskFieldPlan extends FieldPermissions {
  readonly hidden: ReadonlySet<string>;
  readonly readOnly: ReadonlySet<string>;
  /** The fields this step lets the assignee change (sent with the decision). */
  readonly editable: ReadonlySet<string>;
}

/**
 * The node's field permissions as the record form takes them (pure): a field the server left out
 * of the task's record is hidden, `read` is read-only, `edit` editable — unless the task is no
 * longer open, when everything is read-only.
 */
export function taskFieldPlan(
  definition: FormDefinition,
  record: NonNullable<TaskDetail['record']>,
  open: boolean,
): TaskFieldPlan {
  const hidden = new Set<string>();
  const readOnly = new Set<string>();
  const editable = new Set<string>();
  for (const field of liveFields(definition.fields)) {
    const access = record.access[field.key];
    if (access === undefined || !(field.key in record.values)) hidden.add(field.key);
    else if (access === 'edit' && open) editable.add(field.key);
    else readOnly.add(field.key);
  }
  return { hidden, readOnly, editable };
}
