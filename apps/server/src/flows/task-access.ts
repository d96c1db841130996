import { narrowTaskView } from '@tessera/access';
import type { TaskDetail } from '@tessera/flows';
import type { FastifyRequest } from 'fastify';
import { authorize } from '../access/authorize';

/**
 * A task's record as its assignee may see it: the node's field permissions (applied by the
 * inbox) narrowed by the assignee's role on the form — hidden there means left out, read-only
 * there means never 'edit'. Being assigned the task is what grants reading that one record, so
 * the row scope is not applied here.
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
