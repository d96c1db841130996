import { writeRecordValues } from '../core/field-values';
import type { FlowEvent } from '../core/flow-event';
import type { TaskState } from '../core/instance-state';
import { awaitStoredRecord, cancelTokenWork, emit, log, nextId, removeToken } from '../core/step-draft';
import { StepRefusal } from '../core/step-refusal';
import type { NodeContext, NodeOfType, NodeOutcome } from '../nodes/node-behavior';
import type { TaskNodeContext } from './task-node-context';

type StartContext = NodeContext<NodeOfType<'start'>>;
type ActionEvent = Extract<FlowEvent, { type: 'task-action' }>;

/** `returnTo: "initiator"` is accepted for the start node's id (退回发起人). */
export const INITIATOR = 'initiator';

export function startNodeId(context: TaskNodeContext): string {
  const start = context.draft.graph.definition.nodes.find((n) => n.type === 'start');
  if (!start) throw new Error('a published flow always has a start node');
  return start.id;
}

/**
 * Sends the whole request back to the initiator (退回发起人): every other branch stops, the
 * flow's `onReturn.set` restores the record (e.g. status back to draft) in the same step, and the
 * token moves to the start node, which opens the initiator's resubmit task.
 */
export function returnToInitiator(
  context: TaskNodeContext,
  detail: { actorId: string | null; taskId?: string; comment?: string; reason?: string },
): NodeOutcome {
  const { draft, node, token } = context;
  const target = startNodeId(context);
  for (const other of [...draft.state.tokens]) {
    cancelTokenWork(draft, other.id);
    if (other.id !== token.id) removeToken(draft, other.id);
  }
  draft.state.joins = {};
  const onReturn = draft.graph.definition.onReturn;
  if (onReturn) writeRecordValues(draft, onReturn.set);
  log(draft, {
    kind: 'returned',
    nodeId: node.id,
    ...(detail.taskId ? { taskId: detail.taskId } : {}),
    actorId: detail.actorId,
    detail: {
      to: target,
      initiator: true,
      comment: detail.comment ?? null,
      ...(detail.reason ? { reason: detail.reason } : {}),
    },
  });
  return { kind: 'move', nodeId: target };
}

/** The start node entered again (a return): the initiator gets a task to edit and resubmit. */
export function openResubmitTask(context: StartContext): NodeOutcome {
  const { draft, node, token } = context;
  const initiator = draft.state.initiatorId;
  if (!initiator) throw new Error('a return to the initiator needs an initiator');
  token.activation = nextId(draft, 'v');
  const task: TaskState = {
    id: nextId(draft, 't'),
    tokenId: token.id,
    nodeId: node.id,
    activation: token.activation,
    userId: initiator,
    status: 'open',
    role: 'base',
    order: 0,
    createdAt: draft.at,
  };
  draft.state.tasks.push(task);
  emit(draft, {
    type: 'create-task',
    taskId: task.id,
    nodeId: node.id,
    userId: initiator,
    kind: 'resubmit',
    status: 'open',
  });
  return { kind: 'wait', waitsFor: 'tasks' };
}

/** The initiator acts on the returned request: resubmit (with edited fields) or comment. */
export function actOnResubmitTask(context: StartContext, event: ActionEvent): NodeOutcome {
  const { draft, node } = context;
  const task = draft.state.tasks.find((t) => t.id === event.taskId);
  if (task?.status !== 'open')
    throw new StepRefusal(
      'TASK_NOT_OPEN',
      `This task is ${task?.status ?? 'gone'}; it can no longer be acted on.`,
    );
  if (event.actorId !== null && event.actorId !== task.userId)
    throw new StepRefusal('NOT_ASSIGNEE', 'This task is not yours.');
  if (event.action === 'comment') {
    if (!event.comment) throw new StepRefusal('INVALID_ACTION_INPUT', 'a comment needs a text');
    log(draft, {
      kind: 'commented',
      nodeId: node.id,
      taskId: task.id,
      actorId: event.actorId,
      detail: { comment: event.comment },
    });
    return { kind: 'wait', waitsFor: 'tasks' };
  }
  if (event.action !== 'resubmit')
    throw new StepRefusal(
      'ACTION_NOT_ALLOWED',
      `"${event.action}" is not offered on a returned request: resubmit, comment or withdraw it.`,
    );
  const values = event.values ?? {};
  const keys = Object.keys(values);
  const locked = node.fields ? keys.filter((k) => node.fields?.[k] !== 'edit') : [];
  if (locked.length > 0)
    throw new StepRefusal('FIELD_NOT_EDITABLE', `These fields cannot be edited here: ${locked.join(', ')}`);
  if (keys.length > 0) {
    emit(draft, { type: 'update-record', set: values, actorId: event.actorId });
  }
  task.status = 'done';
  emit(draft, {
    type: 'complete-task',
    taskId: task.id,
    status: 'done',
    actorId: event.actorId,
    ...(event.comment ? { comment: event.comment } : {}),
  });
  log(draft, {
    kind: 'resubmitted',
    nodeId: node.id,
    taskId: task.id,
    actorId: event.actorId,
    detail: { comment: event.comment ?? null, ...(keys.length ? { values } : {}) },
  });
  // The flow runs again from the start on the record as stored (a gateway re-decides on it).
  return keys.length > 0 ? awaitStoredRecord(draft, context.token) : { kind: 'next' };
}
