import type { FlowNode, FlowNodeType } from '@tessera/schema';
import type { FlowEvent } from '../core/flow-event';
import type { FlowGraph } from '../core/flow-graph';
import type { TimerState, TokenState } from '../core/instance-state';
import type { StepDraft } from '../core/step-draft';

/** What a node tells the router after it ran: move on, park the token, or end it. */
export type NodeOutcome =
  /** Take every outgoing edge (one edge: move; several: fork). */
  | { readonly kind: 'next' }
  /** Take these outgoing edges only (exclusive gateway). */
  | { readonly kind: 'take'; readonly edgeIds: readonly string[] }
  /** Park the token until an event resumes it (NocoBase's "pending"). */
  | { readonly kind: 'wait'; readonly waitsFor: NonNullable<TokenState['waitsFor']> }
  /**
   * The token ends here; the last token ending completes the instance with `outcome` — at once
   * with `terminate`, cancelling the other tokens' tasks and timers.
   */
  | { readonly kind: 'consume'; readonly outcome?: string; readonly terminate?: boolean }
  /** Jump the token to another node (a return, 退回). */
  | { readonly kind: 'move'; readonly nodeId: string }
  /** The node ended the whole instance (reject, error): nothing more to route. */
  | { readonly kind: 'stop' };

/** Why a parked token is resumed. */
export type ResumeSignal =
  | { readonly type: 'assignees-resolved'; readonly userIds: readonly string[] }
  | { readonly type: 'task-action'; readonly event: Extract<FlowEvent, { type: 'task-action' }> }
  | { readonly type: 'timer-fired'; readonly timer: TimerState }
  | { readonly type: 'record-changed' }
  /** The records this node wrote are stored; the record is the stored one. */
  | { readonly type: 'record-reloaded' };

export interface NodeContext<N extends FlowNode = FlowNode> {
  readonly draft: StepDraft;
  readonly node: N;
  readonly token: TokenState;
  /** The edge the token came in on (parallel joins count them). */
  readonly viaEdgeId?: string;
}

export interface ConfigIssue {
  readonly path: string;
  readonly message: string;
}

/**
 * One node type (NocoBase's instruction, n8n's node): pure functions over the step draft.
 * `version` is the newest semantics this code runs; a definition naming a newer `typeVersion`
 * is refused at publish, and an older one keeps its behaviour (a branch on `node.typeVersion`).
 */
export interface NodeBehavior<N extends FlowNode = FlowNode> {
  readonly type: N['type'];
  readonly version: number;
  validateConfig(node: N, graph: FlowGraph): readonly ConfigIssue[];
  enter(context: NodeContext<N>): NodeOutcome;
  resume?(context: NodeContext<N>, signal: ResumeSignal): NodeOutcome;
}

export type NodeOfType<T extends FlowNodeType> = Extract<FlowNode, { type: T }>;
export type NodeRegistry = { readonly [T in FlowNodeType]: NodeBehavior<NodeOfType<T>> };
