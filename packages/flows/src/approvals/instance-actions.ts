import { writeRecordValues } from '../core/field-values';
import type { FlowEvent } from '../core/flow-event';
import { emit, finishInstance, log, type StepDraft } from '../core/step-draft';
import { StepRefusal } from '../core/step-refusal';

/** A reminder (催办) to the same task is refused within this many milliseconds. */
export const REMIND_THROTTLE_MS = 60 * 60 * 1000;

/**
 * The initiator withdraws (撤回) the running instance, when the flow allows it; the flow's
 * `onWithdraw.set` restores the record (e.g. status back to draft) in the same step.
 */
export function withdraw(draft: StepDraft, event: Extract<FlowEvent, { type: 'withdrawn' }>): void {
  const { definition } = draft.graph;
  if (definition.allowWithdraw === false)
    throw new StepRefusal('WITHDRAW_NOT_ALLOWED', 'This flow cannot be withdrawn.');
  if (event.actorId !== draft.state.initiatorId)
    throw new StepRefusal('WITHDRAW_NOT_ALLOWED', 'Only the initiator can withdraw the request.');
  log(draft, { kind: 'withdrawn', actorId: event.actorId, detail: { comment: event.comment ?? null } });
  if (definition.onWithdraw) writeRecordValues(draft, definition.onWithdraw.set);
  finishInstance(draft, 'withdrawn', 'withdrawn');
}

/** The initiator reminds (催办) the people with open tasks; at most once an hour per task. */
export function remind(draft: StepDraft, event: Extract<FlowEvent, { type: 'remind' }>): void {
  if (event.actorId !== draft.state.initiatorId)
    throw new StepRefusal('ACTION_NOT_ALLOWED', 'Only the initiator can send a reminder.');
  // A request returned to the initiator waits for the initiator: nobody else to remind.
  const atStart = (nodeId: string) => draft.graph.node(nodeId)?.type === 'start';
  const open = draft.state.tasks.filter(
    (t) => t.status === 'open' && !atStart(t.nodeId) && (event.taskId === undefined || t.id === event.taskId),
  );
  if (open.length === 0) throw new StepRefusal('TASK_NOT_OPEN', 'There is no open task to remind.');
  const now = Date.parse(draft.at);
  const recent = open.find(
    (t) => t.lastRemindedAt && now - Date.parse(t.lastRemindedAt) < REMIND_THROTTLE_MS,
  );
  if (recent)
    throw new StepRefusal('REMIND_THROTTLED', 'A reminder was sent less than an hour ago; try again later.');
  for (const task of open) task.lastRemindedAt = draft.at;
  const byNode = new Map<string, string[]>();
  for (const task of open) byNode.set(task.nodeId, [...(byNode.get(task.nodeId) ?? []), task.userId]);
  for (const [nodeId, userIds] of byNode) {
    emit(draft, {
      type: 'notify',
      reason: 'remind',
      nodeId,
      channels: ['in_app'],
      to: [],
      userIds,
      subject: null,
      body: {
        en: 'Reminder: a request is waiting for your decision.',
        'zh-CN': '催办：有一项申请等待您处理。',
      },
    });
  }
  log(draft, { kind: 'reminded', actorId: event.actorId, detail: { tasks: open.map((t) => t.id) } });
}
