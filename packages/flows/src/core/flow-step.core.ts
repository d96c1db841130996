import { remind, withdraw } from '../approvals/instance-actions';
import type { FlowCommand, TimelineEntry } from './flow-command';
import type { FlowEvent } from './flow-event';
import type { FlowGraph } from './flow-graph';
import type { InstanceState } from './instance-state';
import { log, newToken, type RecordValues, type StepDraft } from './step-draft';
import { StepRefusal, type StepRefusalCode } from './step-refusal';
import { enterNode, resumeNode } from './token-router';

export interface StepEnvironment {
  /** The instance's record as it is now (the runner loads it). */
  readonly record: RecordValues;
  /** IANA zone for date operators in conditions (default UTC). */
  readonly timeZone?: string;
}

export type StepResult =
  | {
      readonly ok: true;
      readonly state: InstanceState;
      readonly commands: readonly FlowCommand[];
      readonly timeline: readonly TimelineEntry[];
    }
  | { readonly ok: false; readonly refusal: { readonly code: StepRefusalCode; readonly message: string } };

/**
 * The flow core: `(state, event) → (state, commands)`. No clock, no I/O, no randomness: the
 * same inputs give the same outputs, so the runner can retry a step after a crash. The input
 * state is never changed; a refused event (not your task, throttled…) changes nothing.
 */
export function step(
  graph: FlowGraph,
  state: InstanceState,
  event: FlowEvent,
  env: StepEnvironment,
): StepResult {
  const draft: StepDraft = {
    graph,
    state: structuredClone(state),
    at: event.at,
    record: structuredClone({ ...env.record }) as Record<string, unknown>,
    timeZone: env.timeZone ?? 'UTC',
    commands: [],
    timeline: [],
    entries: 0,
  };
  try {
    apply(draft, event);
  } catch (error) {
    if (error instanceof StepRefusal)
      return { ok: false, refusal: { code: error.code, message: error.message } };
    throw error;
  }
  return { ok: true, state: draft.state, commands: draft.commands, timeline: draft.timeline };
}

function apply(draft: StepDraft, event: FlowEvent): void {
  const { state } = draft;
  if (state.status !== 'running') {
    if (event.type === 'record-changed' || event.type === 'timer-fired') return;
    throw new StepRefusal('INSTANCE_NOT_RUNNING', `The instance is ${state.status}.`);
  }
  switch (event.type) {
    case 'started': {
      if (state.visited.length > 0)
        throw new StepRefusal('INSTANCE_NOT_RUNNING', 'The instance already started.');
      state.initiatorId = event.initiatorId;
      log(draft, { kind: 'instance-started', actorId: event.initiatorId });
      const start = graph(draft).definition.nodes.find((n) => n.type === 'start');
      if (!start) throw new Error('a published flow always has a start node');
      enterNode(draft, newToken(draft, start.id), start.id);
      return;
    }
    case 'assignees-resolved': {
      const token = state.tokens.find((t) => t.id === event.tokenId && t.waitsFor === 'assignees');
      if (!token) throw new StepRefusal('TOKEN_NOT_FOUND', 'No step of this request waits for assignees.');
      resumeNode(draft, token, { type: 'assignees-resolved', userIds: event.userIds });
      return;
    }
    case 'task-action': {
      const task = state.tasks.find((t) => t.id === event.taskId);
      if (!task) throw new StepRefusal('TASK_NOT_FOUND', 'This task does not exist.');
      const token = state.tokens.find((t) => t.id === task.tokenId && t.activation === task.activation);
      if (!token || task.status !== 'open')
        throw new StepRefusal('TASK_NOT_OPEN', `This task is ${task.status}; it can no longer be acted on.`);
      resumeNode(draft, token, { type: 'task-action', event });
      return;
    }
    case 'timer-fired': {
      const timer = state.timers.find((t) => t.id === event.timerId);
      if (!timer) return; // cancelled or already fired: a late or repeated job does nothing
      state.timers = state.timers.filter((t) => t.id !== timer.id);
      const token = state.tokens.find((t) => t.id === timer.tokenId);
      if (!token) return;
      log(draft, { kind: 'timer-fired', nodeId: timer.nodeId, detail: { purpose: timer.purpose } });
      resumeNode(draft, token, { type: 'timer-fired', timer });
      return;
    }
    case 'record-changed':
      for (const token of state.tokens.filter((t) => t.waitsFor === 'condition')) {
        if (state.status === 'running') resumeNode(draft, token, { type: 'record-changed' });
      }
      return;
    case 'record-reloaded': {
      const token = state.tokens.find((t) => t.id === event.tokenId && t.waitsFor === 'record');
      if (!token) throw new StepRefusal('TOKEN_NOT_FOUND', `No token ${event.tokenId} waits for its record.`);
      resumeNode(draft, token, { type: 'record-reloaded' });
      return;
    }
    case 'withdrawn':
      withdraw(draft, event);
      return;
    case 'remind':
      remind(draft, event);
      return;
    default: {
      const never: never = event;
      throw new Error(`unknown event ${JSON.stringify(never)}`);
    }
  }
}

function graph(draft: StepDraft): FlowGraph {
  return draft.graph;
}
