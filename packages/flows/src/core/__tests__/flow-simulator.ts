import type { FlowDefinition } from '@tessera/schema';
import { validateFlowDefinition } from '../../definitions/flow-definition.validator';
import type { FlowCommand, TimelineEntry } from '../flow-command';
import type { FlowEvent, TaskActionInput } from '../flow-event';
import { buildGraph } from '../flow-graph';
import { step } from '../flow-step.core';
import { type InstanceState, initialState } from '../instance-state';

/**
 * Drives the pure core like the runner does, without a database: answers resolve-assignees from
 * a table (node id → users), keeps the record in memory, applies update-record to it and answers
 * reload-record.
 */
export function simulate(
  input: unknown,
  options: {
    assignees?: Record<string, string[]>;
    record?: Record<string, unknown>;
    start?: string;
    /** What the records service computes when it stores the record (formulas, rollups). */
    derive?: (record: Record<string, unknown>) => Record<string, unknown>;
    /** The platform's zone (default UTC). */
    timeZone?: string;
  } = {},
) {
  const checked = validateFlowDefinition(input);
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  const graph = buildGraph(checked.value as FlowDefinition);
  let now = new Date(options.start ?? '2026-01-05T09:00:00Z');
  let state: InstanceState = initialState();
  const record: Record<string, unknown> = { ...(options.record ?? {}) };
  const commands: FlowCommand[] = [];
  const timeline: TimelineEntry[] = [];

  function send(event: Omit<FlowEvent, 'at'>): { ok: boolean; code?: string; commands: FlowCommand[] } {
    const result = step(graph, state, { ...event, at: now.toISOString() } as FlowEvent, {
      record,
      ...(options.timeZone ? { timeZone: options.timeZone } : {}),
    });
    if (!result.ok) return { ok: false, code: result.refusal.code, commands: [] };
    state = result.state;
    commands.push(...result.commands);
    timeline.push(...result.timeline);
    const produced = [...result.commands];
    // Like the runner: the step's commands first, then the follow-up events they ask for, in order.
    const follow: Omit<FlowEvent, 'at'>[] = [];
    for (const command of result.commands) {
      if (command.type === 'update-record' && !command.form)
        Object.assign(record, command.set, options.derive?.({ ...record, ...command.set }));
      if (command.type === 'reload-record')
        follow.push({ type: 'record-reloaded', tokenId: command.tokenId } as never);
      if (command.type === 'resolve-assignees')
        follow.push({
          type: 'assignees-resolved',
          tokenId: command.tokenId,
          userIds: options.assignees?.[command.nodeId] ?? [],
        } as never);
    }
    for (const event of follow) produced.push(...send(event).commands);
    return { ok: true, commands: produced };
  }

  const sim = {
    get state() {
      return state;
    },
    record,
    commands,
    timeline,
    start: (initiatorId: string | null = 'alice') => send({ type: 'started', initiatorId } as never),
    /** The open tasks, as "node:user" strings, sorted. */
    open: () =>
      state.tasks
        .filter((t) => t.status === 'open')
        .map((t) => `${t.nodeId}:${t.userId}`)
        .sort(),
    taskOf(nodeId: string, userId: string) {
      const task = [...state.tasks].reverse().find((t) => t.nodeId === nodeId && t.userId === userId);
      if (!task) throw new Error(`no task of ${userId} at ${nodeId}`);
      return task;
    },
    act(userId: string, nodeId: string, input: TaskActionInput) {
      const task = [...state.tasks]
        .reverse()
        .find((t) => t.nodeId === nodeId && t.userId === userId && t.status === 'open');
      return send({ type: 'task-action', taskId: task?.id ?? 'none', actorId: userId, ...input } as never);
    },
    send,
    /** Moves the clock and fires every timer now due, earliest first. */
    advance(duration: number) {
      now = new Date(now.getTime() + duration);
      const due = state.timers
        .filter((t) => Date.parse(t.runAt) <= now.getTime())
        .sort((a, b) => a.runAt.localeCompare(b.runAt));
      for (const timer of due) send({ type: 'timer-fired', timerId: timer.id } as never);
    },
    get now() {
      return now;
    },
  };
  return sim;
}

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** A flow of nodes in a row (start → …nodes → end), for short tests. */
export function chain(nodes: object[], extra: Partial<FlowDefinition> = {}): FlowDefinition {
  const all = [
    { id: 'start', type: 'start' },
    ...nodes,
    { id: 'end', type: 'end', outcome: 'approved' },
  ] as FlowDefinition['nodes'];
  const edges = all.slice(1).map((n, i) => ({ from: all[i]!.id, to: n.id }));
  return {
    key: 'test_flow',
    title: { en: 'Test' },
    form: 'quote',
    nodes: all,
    edges,
    ...extra,
  } as FlowDefinition;
}
