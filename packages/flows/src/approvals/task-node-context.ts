import { APPROVAL_ACTIONS } from '@tessera/schema';
import type { TaskState } from '../core/instance-state';
import type { NodeContext, NodeOfType } from '../nodes/node-behavior';
import type { ApprovalMode } from './approval-tally';

/** Approval and user-task nodes share the task machinery. */
export type TaskNode = NodeOfType<'approval'> | NodeOfType<'user_task'>;
export type TaskNodeContext = NodeContext<TaskNode>;

/**
 * The actions an approval / user-task node offers by default: the schema's list (the one list)
 * less `resubmit`, which belongs to a request returned to its initiator.
 */
export const ALL_ACTIONS: readonly (typeof APPROVAL_ACTIONS)[number][] = APPROVAL_ACTIONS.filter(
  (a) => a !== 'resubmit',
);

export function modeOf(node: TaskNode): ApprovalMode {
  return node.mode ?? 'any';
}

/** The tasks of the node's current activation (this token, this node). */
export function activationTasks(context: TaskNodeContext): TaskState[] {
  const { draft, node, token } = context;
  return draft.state.tasks.filter((t) => t.nodeId === node.id && t.activation === token.activation);
}

/** The status a completed task gets: approval nodes approve, user tasks are done. */
export function doneStatus(node: TaskNode): 'approved' | 'done' {
  return node.type === 'approval' ? 'approved' : 'done';
}
