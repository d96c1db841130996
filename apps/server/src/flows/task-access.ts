import { maskValues, narrowTaskView, taskWriteRefusals } from '@tessera/access';
import type { TaskDetail, Timeline } from '@tessera/flows';
import { createRecordService } from '@tessera/forms';
import type { FastifyRequest } from 'fastify';
import { type Kysely, sql } from 'kysely';
import { authorize } from '../access/authorize';
import { systemClock } from '../config/clock';
import { ApiError } from '../errors/api-error';

/**
 * A task's record as its assignee may see it: the node's field permissions (applied by the
 * inbox) narrowed by the assignee's role on the form — hidden there means left out (inside
 * line-item rows too), read-only there means never 'edit'. Being assigned the task is what grants
 * reading that one record, so the row scope is not applied here.
 */
export async function taskAsAssigneeSees(request: FastifyRequest, detail: TaskDetail): Promise<TaskDetail> {
  const who = await authorize(request, {
    app: detail.task.appKey,
    form: detail.task.formKey,
    action: 'task.read',
  });
  if (!who.form || !detail.record) return detail;
  return { ...detail, record: narrowTaskView(detail.record, who.form) };
}

/**
 * Values sent with a task action must be writable under the actor's role too (the node's
 * `edit` alone is not enough): a hidden or read-only field, or line items with a row field the
 * role may not write, is refused with 403 naming the field — nothing is written. A task that does
 * not exist is left to the flow engine to answer.
 */
export async function assertTaskValuesWritable(
  request: FastifyRequest,
  db: Kysely<any>,
  taskId: string,
  values: Readonly<Record<string, unknown>> | undefined,
): Promise<void> {
  if (!values || Object.keys(values).length === 0) return;
  const found = await sql<{ app_key: string; form_key: string; record_id: string | null }>`
    select i.app_key, i.form_key, i.record_id from tessera.flow_tasks t join tessera.flow_instances i on i.id = t.instance_id
    where t.id = ${taskId}::uuid`.execute(db);
  const task = found.rows[0];
  if (!task) return;
  const who = await authorize(request, { app: task.app_key, form: task.form_key, action: 'task.read' });
  if (!who.form) return;
  const refused = taskWriteRefusals(values, who.form);
  if (refused.length > 0) {
    throw new ApiError('FORBIDDEN', 'You may not write these fields; nothing was saved.', refused);
  }
  // The flow writes the values as the system: links must still point where the actor may read.
  if (!who.records || !task.record_id) return;
  const records = createRecordService({
    db,
    actor: { id: who.userId },
    clock: systemClock,
    access: who.records,
  });
  const links = await records.linkRefusals(task.app_key, task.form_key, task.record_id, values);
  if (links.length > 0)
    throw ApiError.validation(links, 'A link points to a record you cannot see; nothing was saved.');
}

/**
 * An instance's timeline as the viewer may see it: values written at a step (approve /
 * resubmit with `values`) leave out the fields hidden from the viewer on the instance's form.
 */
export async function timelineAsViewerSees(request: FastifyRequest, timeline: Timeline): Promise<Timeline> {
  const who = await authorize(request, {
    app: timeline.instance.appKey,
    form: timeline.instance.formKey,
    action: 'task.read',
  });
  const form = who.form;
  if (!form || form.hidden.length === 0) return timeline;
  return {
    ...timeline,
    history: timeline.history.map((entry) => {
      const detail = entry.detail as Record<string, unknown> | null;
      const values = detail?.values;
      if (!values || typeof values !== 'object' || Array.isArray(values)) return entry;
      return { ...entry, detail: { ...detail, values: maskValues(values as Record<string, unknown>, form) } };
    }),
  };
}
