import type { NodeOutcome } from '../nodes/node-behavior';
import type { FlowCommand, TimelineEntry } from './flow-command';
import type { FlowGraph } from './flow-graph';
import type { InstanceState, TokenState } from './instance-state';

/** The record the instance runs on, as the runner loaded it (line items as arrays). */
export type RecordValues = Readonly<Record<string, unknown>>;

/**
 * The working copy of one step: a private clone of the state that node handlers change, and
 * the commands and timeline lines they produce. `step()` hands out a fresh draft per event and
 * returns its contents, so the core stays a function of its inputs.
 */
export interface StepDraft {
  readonly graph: FlowGraph;
  readonly state: InstanceState;
  readonly at: string;
  /** The record as stored when the event came (a node that writes waits for it stored again). */
  record: Record<string, unknown>;
  readonly timeZone: string;
  readonly commands: FlowCommand[];
  readonly timeline: TimelineEntry[];
  /** Node entries in this step: a guard against a graph that loops without waiting. */
  entries: number;
}

export function nextId(draft: StepDraft, prefix: string): string {
  const id = `${prefix}${draft.state.seq}`;
  draft.state.seq += 1;
  return id;
}

export function emit(draft: StepDraft, command: FlowCommand): void {
  draft.commands.push(command);
}

export function log(draft: StepDraft, entry: Omit<TimelineEntry, 'at'>): void {
  draft.timeline.push({ at: draft.at, ...entry });
}

export function newToken(draft: StepDraft, nodeId: string): TokenState {
  const token: TokenState = { id: nextId(draft, 'k'), nodeId, status: 'active' };
  draft.state.tokens.push(token);
  return token;
}

export function removeToken(draft: StepDraft, tokenId: string): void {
  const index = draft.state.tokens.findIndex((t) => t.id === tokenId);
  if (index >= 0) draft.state.tokens.splice(index, 1);
}

/** The data JSON-Logic sees: the record's fields, and `_flow` (decisions, initiator). */
export function logicScope(draft: StepDraft): Record<string, unknown> {
  return {
    ...draft.record,
    _flow: { decisions: draft.state.decisions, initiator: draft.state.initiatorId },
  };
}

/**
 * After a node's record writes: park the token until the runner has the record as the records
 * service stored it (validation, formulas, rollups) — the node goes on in its `record-reloaded`
 * resume, so no condition ever decides on values the core merely assumed.
 */
export function awaitStoredRecord(draft: StepDraft, token: TokenState): NodeOutcome {
  emit(draft, { type: 'reload-record', tokenId: token.id });
  return { kind: 'wait', waitsFor: 'record' };
}

/** Cancels every open task and timer of a token (a node is left, or the instance ends). */
export function cancelTokenWork(draft: StepDraft, tokenId: string): void {
  for (const task of draft.state.tasks) {
    if (task.tokenId === tokenId && (task.status === 'open' || task.status === 'waiting')) {
      task.status = 'cancelled';
      emit(draft, { type: 'cancel-task', taskId: task.id, status: 'cancelled' });
    }
  }
  for (const timer of draft.state.timers.filter((t) => t.tokenId === tokenId)) {
    emit(draft, { type: 'cancel-timer', timerId: timer.id });
  }
  draft.state.timers = draft.state.timers.filter((t) => t.tokenId !== tokenId);
}

/** Ends the instance: cancels what is still open and says so in the timeline. */
export function finishInstance(
  draft: StepDraft,
  status: 'completed' | 'withdrawn' | 'failed',
  outcome: string,
  detail?: Record<string, unknown>,
): void {
  for (const token of [...draft.state.tokens]) cancelTokenWork(draft, token.id);
  draft.state.tokens = [];
  draft.state.joins = {};
  draft.state.status = status;
  draft.state.outcome = outcome;
  emit(draft, { type: 'complete-instance', status, outcome });
  log(draft, { kind: `instance-${status}`, detail: { outcome, ...detail } });
}

/** Stops the instance because of a configuration or data problem (shown on the timeline). */
export function failInstance(draft: StepDraft, code: string, message: string, nodeId?: string): void {
  draft.state.error = { code, message };
  finishInstance(draft, 'failed', 'failed', { code, message, ...(nodeId ? { nodeId } : {}) });
}
