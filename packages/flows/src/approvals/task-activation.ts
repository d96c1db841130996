import type { TaskState } from '../core/instance-state';
import { addDuration } from '../core/iso-duration';
import { cancelTokenWork, emit, failInstance, log, nextId } from '../core/step-draft';
import { scheduleTimer } from '../core/timer-schedule';
import type { NodeOutcome } from '../nodes/node-behavior';
import { tally } from './approval-tally';
import { INITIATOR, startNodeId } from './initiator-return';
import { rejectNode } from './rejection';
import { activationTasks, modeOf, type TaskNodeContext } from './task-node-context';

const TASK_NODE_TYPES = new Set(['approval', 'user_task']);

/** Entering the node: ask the runner who the assignees are. */
export function requestAssignees(context: TaskNodeContext): NodeOutcome {
  const { draft, node, token } = context;
  token.activation = nextId(draft, 'v');
  emit(draft, {
    type: 'resolve-assignees',
    tokenId: token.id,
    nodeId: node.id,
    assignees: node.assignees,
    fallback: node.fallback ?? 'admin',
  });
  return { kind: 'wait', waitsFor: 'assignees' };
}

export function addTask(
  context: TaskNodeContext,
  userId: string,
  fields: Pick<TaskState, 'role' | 'order' | 'status'> & Partial<TaskState>,
): TaskState {
  const { draft, node, token } = context;
  const task: TaskState = {
    id: nextId(draft, 't'),
    tokenId: token.id,
    nodeId: node.id,
    activation: token.activation ?? '',
    userId,
    createdAt: draft.at,
    ...fields,
  };
  draft.state.tasks.push(task);
  emit(draft, {
    type: 'create-task',
    taskId: task.id,
    nodeId: node.id,
    userId,
    kind: node.type,
    status: task.status === 'waiting' ? 'waiting' : 'open',
    ...(task.dueAt ? { dueAt: task.dueAt } : {}),
  });
  return task;
}

/** The assignees are known: one task each (sequential: only the first is open), or the fallback. */
export function createTasks(context: TaskNodeContext, userIds: readonly string[]): NodeOutcome {
  const { draft, node } = context;
  const users = [...new Set(userIds)];
  if (users.length === 0) {
    if (node.fallback === 'auto_pass') {
      log(draft, { kind: 'auto-passed', nodeId: node.id, detail: { reason: 'no assignee' } });
      draft.state.decisions[node.id] = 'approved';
      return { kind: 'next' };
    }
    failInstance(draft, 'no_assignee', `Nobody can act on "${node.id}": no assignee resolved.`, node.id);
    return { kind: 'stop' };
  }
  const dueAt = node.due ? addDuration(new Date(draft.at), node.due.after) : null;
  const sequential = modeOf(node) === 'sequential';
  for (const [order, userId] of users.entries()) {
    addTask(context, userId, {
      role: 'base',
      order,
      status: sequential && order > 0 ? 'waiting' : 'open',
      ...(dueAt ? { dueAt: dueAt.toISOString() } : {}),
    });
  }
  if (dueAt) scheduleTimer(draft, context.token, 'due', dueAt);
  log(draft, { kind: 'tasks-created', nodeId: node.id, detail: { users, mode: modeOf(node) } });
  return { kind: 'wait', waitsFor: 'tasks' };
}

export function setTaskStatus(
  context: TaskNodeContext,
  task: TaskState,
  status: TaskState['status'],
  actorId: string | null,
  comment?: string,
): void {
  task.status = status;
  emit(context.draft, {
    type: 'complete-task',
    taskId: task.id,
    status,
    actorId,
    ...(comment ? { comment } : {}),
  });
}

/** After a decision on a task: the node passes, is rejected, or waits (opening the next task). */
export function settle(context: TaskNodeContext): NodeOutcome {
  const { node } = context;
  const tasks = activationTasks(context);
  const result = tally(modeOf(node), node.passRatio ?? 0.5, tasks);
  if (result === 'approved') return leave(context, 'approved');
  if (result === 'rejected') return rejectNode(context, 'rejected');
  for (const task of tasks) {
    const ready =
      task.status === 'waiting' && (task.waitsForTasks ?? []).every((id) => isApproved(tasks, id));
    if (ready && task.waitsForTasks) {
      reopen(context, task);
    }
  }
  if (modeOf(node) === 'sequential' && !tasks.some((t) => t.status === 'open')) {
    const next = tasks
      .filter((t) => t.status === 'waiting' && !t.waitsForTasks)
      .sort((a, b) => a.order - b.order)[0];
    if (next) reopen(context, next);
  }
  return { kind: 'wait', waitsFor: 'tasks' };
}

function isApproved(tasks: readonly TaskState[], id: string): boolean {
  const task = tasks.find((t) => t.id === id);
  return task?.status === 'approved' || task?.status === 'done';
}

function reopen(context: TaskNodeContext, task: TaskState): void {
  task.status = 'open';
  delete task.waitsForTasks;
  emit(context.draft, { type: 'activate-task', taskId: task.id });
}

/** The node passed: close what is open, copy (抄送) the node's CC list, move on. */
export function leave(context: TaskNodeContext, decision: 'approved'): NodeOutcome {
  const { draft, node, token } = context;
  cancelTokenWork(draft, token.id);
  draft.state.decisions[node.id] = decision;
  log(draft, { kind: 'node-decided', nodeId: node.id, detail: { decision } });
  if (node.cc && node.cc.length > 0) {
    emit(draft, { type: 'cc', nodeId: node.id, byUserId: null, to: node.cc, userIds: [] });
  }
  return { kind: 'next' };
}

/**
 * Where a return (退回) may go: the requested node, or the task node visited before this one —
 * or, with none, the initiator (the start node; `"initiator"` names it too). A task node must
 * have been visited earlier and, when the node lists `returnTo`, be one of those; the start
 * node needs an initiator to give the request back to.
 */
export function returnTarget(context: TaskNodeContext, requested: string | undefined): string | null {
  const { draft, node } = context;
  const start = startNodeId(context);
  const visited = draft.state.visited;
  const here = visited.lastIndexOf(node.id);
  const earlier = visited.slice(0, here < 0 ? visited.length : here);
  const isTaskNode = (id: string) => TASK_NODE_TYPES.has(draft.graph.node(id)?.type ?? '');
  const listed = (id: string) => !node.returnTo || node.returnTo.includes(id);
  const allowed = (id: string) =>
    id === start
      ? draft.state.initiatorId !== null && listed(id)
      : id !== node.id && isTaskNode(id) && earlier.includes(id) && listed(id);
  if (requested !== undefined) {
    const id = requested === INITIATOR ? start : requested;
    return allowed(id) ? id : null;
  }
  for (let i = earlier.length - 1; i >= 0; i--) {
    const id = earlier[i]!;
    if (id !== start && allowed(id)) return id;
  }
  return allowed(start) ? start : null;
}
