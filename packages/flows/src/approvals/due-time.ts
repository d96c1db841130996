import { addDuration } from '../core/iso-duration';
import { cancelTokenWork, emit, log } from '../core/step-draft';
import { scheduleTimer } from '../core/timer-schedule';
import type { NodeOutcome } from '../nodes/node-behavior';
import { returnToInitiator, startNodeId } from './initiator-return';
import { rejectNode } from './rejection';
import { leave, returnTarget, setTaskStatus } from './task-activation';
import { activationTasks, doneStatus, type TaskNodeContext } from './task-node-context';

export const DUE_REMINDER = {
  en: 'Reminder: a task is waiting for you ({{ _flow.node }}).',
  'zh-CN': '催办：您有一项待办任务（{{ _flow.node }}）。',
};

/** Notifies the people whose tasks are open (the "remind" action, 催办, and overdue reminders). */
export function notifyOpenTasks(
  context: TaskNodeContext,
  userIds: readonly string[],
  reason: 'remind' | 'due',
): void {
  const body: Record<string, string> = {};
  for (const [lang, text] of Object.entries(DUE_REMINDER))
    body[lang] = text.replace('{{ _flow.node }}', context.node.id);
  emit(context.draft, {
    type: 'notify',
    reason,
    nodeId: context.node.id,
    channels: ['in_app'],
    to: [],
    userIds,
    subject: null,
    body,
  });
}

/**
 * The node's due time passed: remind (and again every `remindEvery`), approve automatically,
 * reject, or return to the previous task node (reminding instead when there is none).
 */
export function onDue(context: TaskNodeContext): NodeOutcome {
  const { draft, node, token } = context;
  const open = activationTasks(context).filter((t) => t.status === 'open');
  const action = node.due?.action ?? 'remind';
  log(draft, { kind: 'overdue', nodeId: node.id, detail: { action } });
  switch (action) {
    case 'approve':
      for (const task of activationTasks(context)) {
        if (task.status === 'open' || task.status === 'waiting')
          setTaskStatus(context, task, doneStatus(node), null);
      }
      log(draft, { kind: 'auto-approved', nodeId: node.id });
      return leave(context, 'approved');
    case 'reject':
      return rejectNode(context, 'overdue');
    case 'return': {
      const target = returnTarget(context, undefined);
      if (target === startNodeId(context))
        return returnToInitiator(context, { actorId: null, reason: 'overdue' });
      if (target) {
        cancelTokenWork(draft, token.id);
        log(draft, {
          kind: 'returned',
          nodeId: node.id,
          actorId: null,
          detail: { to: target, reason: 'overdue' },
        });
        return { kind: 'move', nodeId: target };
      }
      break;
    }
    case 'remind':
      break;
    default: {
      const never: never = action;
      throw new Error(`unknown due action ${String(never)}`);
    }
  }
  notifyOpenTasks(
    context,
    open.map((t) => t.userId),
    'due',
  );
  const again = node.due?.remindEvery ? addDuration(new Date(draft.at), node.due.remindEvery) : null;
  if (again) scheduleTimer(draft, token, 'due', again);
  return { kind: 'wait', waitsFor: 'tasks' };
}
