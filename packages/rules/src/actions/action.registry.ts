import type { Action, ActionType } from '@tessera/schema';
import type { ActionHandler } from './action-handler';
import { createRecordAction } from './create-record.action';
import { createTodoAction } from './create-todo.action';
import { notifyAction } from './notify.action';
import { startFlowAction } from './start-flow.action';
import { updateRecordAction } from './update-record.action';
import { webhookAction } from './webhook.action';

/** Every action type, one handler each. */
export const ACTIONS: { readonly [T in ActionType]: ActionHandler<Extract<Action, { type: T }>> } = {
  create_todo: createTodoAction,
  notify: notifyAction,
  update_record: updateRecordAction,
  create_record: createRecordAction,
  start_flow: startFlowAction,
  webhook: webhookAction,
};

export function handlerOf(action: Action): ActionHandler {
  return ACTIONS[action.type] as ActionHandler;
}

export function maxAttemptsOf(action: Action): number | undefined {
  return handlerOf(action).maxAttempts?.(action);
}
