/**
 * The state of one flow instance: plain JSON data, stored in `tessera.flow_instances.state` and
 * handed to the pure core with every event. Ids (`t1`, `k2`, `m3`) come from the `seq`
 * counter, so replaying the same events gives the same ids (no randomness in the core).
 */
export type InstanceStatus = 'running' | 'completed' | 'withdrawn' | 'failed';

/** A token sits on a node; `waiting` tokens are parked until an event resumes them. */
export interface TokenState {
  id: string;
  nodeId: string;
  status: 'active' | 'waiting';
  /**
   * What a waiting token waits for (for the timeline and for `record-changed`). `record`: the
   * node wrote records and waits for the record as stored (answered within the same step).
   */
  waitsFor?: 'assignees' | 'tasks' | 'timer' | 'condition' | 'record';
  /** At a task node: the id of this visit (a node entered again after a return is a new one). */
  activation?: string;
}

export type TaskStatus =
  | 'open'
  | 'waiting'
  | 'approved'
  | 'rejected'
  | 'done'
  | 'cancelled'
  | 'transferred'
  | 'returned';

/**
 * A task of one person at an approval / user-task node. `role` tells a task the node's mode
 * counts (`base`) from a signer added with 加签 (`before` / `after`), who must always approve.
 */
export interface TaskState {
  id: string;
  tokenId: string;
  nodeId: string;
  /** The visit of the node this task belongs to (see TokenState.activation). */
  activation: string;
  userId: string;
  status: TaskStatus;
  role: 'base' | 'before' | 'after';
  /** Position among the node's base tasks (sequential mode activates them in this order). */
  order: number;
  /** A task waiting for 前加签 signers: reopened when all of these tasks are approved. */
  waitsForTasks?: string[];
  createdAt: string;
  dueAt?: string;
  lastRemindedAt?: string;
}

export type TimerPurpose = 'timer' | 'due' | 'wait_timeout';

export interface TimerState {
  id: string;
  tokenId: string;
  nodeId: string;
  purpose: TimerPurpose;
  runAt: string;
}

export interface InstanceState {
  status: InstanceStatus;
  outcome: string | null;
  initiatorId: string | null;
  /** Next number for generated ids. */
  seq: number;
  tokens: TokenState[];
  /** Every task of the instance, open and finished (the tally and the timeline read them). */
  tasks: TaskState[];
  /** Scheduled timers; removed when fired or cancelled. */
  timers: TimerState[];
  /** Parallel joins: node id → the incoming edge ids that have arrived. */
  joins: Record<string, string[]>;
  /** Node ids in the order they were entered (a return (退回) goes back to one of them). */
  visited: string[];
  /** Decisions of finished approval nodes: `{ "<node id>": "approved" | "rejected" }`. */
  decisions: Record<string, string>;
  error: { code: string; message: string } | null;
}

export function initialState(): InstanceState {
  return {
    status: 'running',
    outcome: null,
    initiatorId: null,
    seq: 1,
    tokens: [],
    tasks: [],
    timers: [],
    joins: {},
    visited: [],
    decisions: {},
    error: null,
  };
}
