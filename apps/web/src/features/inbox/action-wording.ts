import type { TaskAction } from '../../api/tasks.api';

/**
 * The i18n key an action is worded by: on a task to do (a user task, e.g. "purchasing buys the
 * short goods") the step is done, not approved — the same `approve` action, called "Done".
 */
export function actionWording(action: TaskAction, taskKind: string | null | undefined): string {
  return action === 'approve' && taskKind === 'user_task' ? 'complete' : action;
}
