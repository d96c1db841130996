import type { ApprovalAction, FlowEvent } from '../core/flow-event';
import type { TaskState } from '../core/instance-state';
import { awaitStoredRecord, cancelTokenWork, emit, log } from '../core/step-draft';
import { StepRefusal } from '../core/step-refusal';
import type { NodeOutcome } from '../nodes/node-behavior';
import { returnToInitiator, startNodeId } from './initiator-return';
import { addTask, returnTarget, setTaskStatus, settle } from './task-activation';
import { ALL_ACTIONS, doneStatus, type TaskNodeContext } from './task-node-context';

type ActionEvent = Extract<FlowEvent, { type: 'task-action' }>;
type ActionHandler = (context: TaskNodeContext, task: TaskState, event: ActionEvent) => NodeOutcome;

const WAIT: NodeOutcome = { kind: 'wait', waitsFor: 'tasks' };

function usersOf(event: ActionEvent, task: TaskState): string[] {
  const users = [...new Set(event.userIds ?? [])].filter((u) => u !== task.userId);
  if (users.length === 0)
    throw new StepRefusal('INVALID_ACTION_INPUT', `"${event.action}" needs at least one other user`);
  return users;
}

/**
 * Approve (or finish a user task), writing the fields this node may edit. With values, the node
 * decides (`settle`) only once they are stored — formulas and rollups recomputed.
 */
function approve(context: TaskNodeContext, task: TaskState, event: ActionEvent): NodeOutcome {
  const { draft, node } = context;
  const values = event.values ?? {};
  const keys = Object.keys(values);
  if (keys.length > 0) {
    const locked = keys.filter((k) => node.fields?.[k] !== 'edit');
    if (locked.length > 0)
      throw new StepRefusal('FIELD_NOT_EDITABLE', `These fields cannot be edited here: ${locked.join(', ')}`);
    emit(draft, { type: 'update-record', set: values, actorId: event.actorId });
  }
  setTaskStatus(context, task, doneStatus(node), event.actorId, event.comment);
  log(draft, {
    kind: event.actorId === null ? 'auto-approved' : 'approved',
    nodeId: node.id,
    taskId: task.id,
    actorId: event.actorId,
    detail: { comment: event.comment ?? null, ...(keys.length ? { values } : {}) },
  });
  return keys.length > 0 ? awaitStoredRecord(draft, context.token) : settle(context);
}

const HANDLERS: { readonly [A in ApprovalAction]: ActionHandler } = {
  approve,
  reject(context, task, event) {
    setTaskStatus(context, task, 'rejected', event.actorId, event.comment);
    log(context.draft, {
      kind: 'rejected',
      nodeId: context.node.id,
      taskId: task.id,
      actorId: event.actorId,
      detail: { comment: event.comment ?? null },
    });
    return settle(context);
  },
  return(context, task, event) {
    const target = returnTarget(context, event.returnTo);
    if (!target)
      throw new StepRefusal(
        'RETURN_TARGET_INVALID',
        event.returnTo
          ? `Cannot return to "${event.returnTo}".`
          : 'There is no earlier task node to return to.',
      );
    setTaskStatus(context, task, 'returned', event.actorId, event.comment);
    if (target === startNodeId(context))
      return returnToInitiator(context, {
        actorId: event.actorId,
        taskId: task.id,
        ...(event.comment ? { comment: event.comment } : {}),
      });
    cancelTokenWork(context.draft, context.token.id);
    log(context.draft, {
      kind: 'returned',
      nodeId: context.node.id,
      taskId: task.id,
      actorId: event.actorId,
      detail: { to: target, comment: event.comment ?? null },
    });
    return { kind: 'move', nodeId: target };
  },
  transfer(context, task, event) {
    const [to, ...more] = usersOf(event, task);
    if (!to || more.length > 0)
      throw new StepRefusal('INVALID_ACTION_INPUT', 'transfer needs exactly one user');
    setTaskStatus(context, task, 'transferred', event.actorId, event.comment);
    const copy = addTask(context, to, {
      role: task.role,
      order: task.order,
      status: 'open',
      ...(task.dueAt ? { dueAt: task.dueAt } : {}),
    });
    log(context.draft, {
      kind: 'transferred',
      nodeId: context.node.id,
      taskId: task.id,
      actorId: event.actorId,
      detail: { to, newTaskId: copy.id, comment: event.comment ?? null },
    });
    return WAIT;
  },
  add_signer_before(context, task, event) {
    const users = usersOf(event, task);
    const added = users.map((u) =>
      addTask(context, u, { role: 'before', order: task.order, status: 'open' }),
    );
    task.status = 'waiting';
    task.waitsForTasks = added.map((t) => t.id);
    emit(context.draft, { type: 'suspend-task', taskId: task.id });
    log(context.draft, {
      kind: 'signer-added-before',
      nodeId: context.node.id,
      taskId: task.id,
      actorId: event.actorId,
      detail: { users, comment: event.comment ?? null },
    });
    return WAIT;
  },
  add_signer_after(context, task, event) {
    const users = usersOf(event, task);
    for (const u of users) addTask(context, u, { role: 'after', order: task.order, status: 'open' });
    log(context.draft, {
      kind: 'signer-added-after',
      nodeId: context.node.id,
      taskId: task.id,
      actorId: event.actorId,
      detail: { users },
    });
    return approve(context, task, event);
  },
  cc(context, task, event) {
    const users = usersOf(event, task);
    emit(context.draft, {
      type: 'cc',
      nodeId: context.node.id,
      byUserId: event.actorId,
      to: [],
      userIds: users,
    });
    log(context.draft, {
      kind: 'cc',
      nodeId: context.node.id,
      taskId: task.id,
      actorId: event.actorId,
      detail: { users, comment: event.comment ?? null },
    });
    return WAIT;
  },
  comment(context, task, event) {
    if (!event.comment) throw new StepRefusal('INVALID_ACTION_INPUT', 'a comment needs a text');
    log(context.draft, {
      kind: 'commented',
      nodeId: context.node.id,
      taskId: task.id,
      actorId: event.actorId,
      detail: { comment: event.comment },
    });
    return WAIT;
  },
  withdraw() {
    throw new StepRefusal('ACTION_NOT_ALLOWED', 'withdraw is done on the instance by its initiator');
  },
  remind() {
    throw new StepRefusal('ACTION_NOT_ALLOWED', 'remind is done on the instance by its initiator');
  },
  resubmit() {
    throw new StepRefusal('ACTION_NOT_ALLOWED', 'resubmit is for a request returned to its initiator');
  },
};

/** A person (or the system, actorId null) acts on one of the node's open tasks. */
export function applyTaskAction(context: TaskNodeContext, event: ActionEvent): NodeOutcome {
  const task = context.draft.state.tasks.find((t) => t.id === event.taskId);
  if (!task) throw new StepRefusal('TASK_NOT_FOUND', 'This task does not exist.');
  if (task.status !== 'open')
    throw new StepRefusal('TASK_NOT_OPEN', `This task is ${task.status}; it can no longer be acted on.`);
  if (event.actorId !== null) {
    if (event.actorId !== task.userId) throw new StepRefusal('NOT_ASSIGNEE', 'This task is not yours.');
    const allowed = context.node.actions ?? ALL_ACTIONS;
    if (!allowed.includes(event.action))
      throw new StepRefusal('ACTION_NOT_ALLOWED', `"${event.action}" is not offered at this step.`);
  }
  return HANDLERS[event.action](context, task, event);
}
