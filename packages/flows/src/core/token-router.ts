import type { FlowNode } from '@tessera/schema';
import { NODE_TYPES } from '../nodes/node.registry';
import type { NodeBehavior, NodeOutcome, ResumeSignal } from '../nodes/node-behavior';
import type { TokenState } from './instance-state';
import { failInstance, finishInstance, log, newToken, removeToken, type StepDraft } from './step-draft';

/** More node entries than this in one step means the graph loops without waiting. */
const MAX_ENTRIES_PER_STEP = 500;

function behaviorOf(node: FlowNode): NodeBehavior {
  return NODE_TYPES[node.type] as NodeBehavior;
}

/** Puts a token on a node and runs the node. */
export function enterNode(draft: StepDraft, token: TokenState, nodeId: string, viaEdgeId?: string): void {
  if (draft.state.status !== 'running') return;
  draft.entries += 1;
  if (draft.entries > MAX_ENTRIES_PER_STEP) {
    failInstance(draft, 'loop_detected', `The flow passed ${MAX_ENTRIES_PER_STEP} nodes without waiting.`);
    return;
  }
  const node = draft.graph.node(nodeId);
  if (!node) {
    failInstance(draft, 'node_missing', `Node "${nodeId}" does not exist in this version.`);
    return;
  }
  token.nodeId = nodeId;
  token.status = 'active';
  delete token.waitsFor;
  delete token.activation;
  draft.state.visited.push(nodeId);
  log(draft, { kind: 'node-entered', nodeId, detail: { type: node.type } });
  const outcome = behaviorOf(node).enter({ draft, node, token, ...(viaEdgeId ? { viaEdgeId } : {}) });
  route(draft, token, node, outcome);
}

/** Resumes a parked token with a signal and routes what the node answers. */
export function resumeNode(draft: StepDraft, token: TokenState, signal: ResumeSignal): void {
  const node = draft.graph.node(token.nodeId);
  if (!node) {
    failInstance(draft, 'node_missing', `Node "${token.nodeId}" does not exist in this version.`);
    return;
  }
  const behavior = behaviorOf(node);
  if (!behavior.resume) return;
  route(draft, token, node, behavior.resume({ draft, node, token }, signal));
}

function route(draft: StepDraft, token: TokenState, node: FlowNode, outcome: NodeOutcome): void {
  if (draft.state.status !== 'running') return;
  switch (outcome.kind) {
    case 'wait':
      token.status = 'waiting';
      token.waitsFor = outcome.waitsFor;
      return;
    case 'consume':
      removeToken(draft, token.id);
      if (outcome.terminate || draft.state.tokens.length === 0)
        finishInstance(draft, 'completed', outcome.outcome ?? 'completed', {
          ...(outcome.terminate && draft.state.tokens.length > 0 ? { terminatedBy: node.id } : {}),
        });
      return;
    case 'next':
      take(
        draft,
        token,
        node,
        draft.graph.outgoing(node.id).map((e) => e.id),
      );
      return;
    case 'take':
      take(draft, token, node, outcome.edgeIds);
      return;
    case 'move':
      enterNode(draft, token, outcome.nodeId);
      return;
    case 'stop':
      return;
    default: {
      const never: never = outcome;
      throw new Error(`unknown outcome ${JSON.stringify(never)}`);
    }
  }
}

function take(draft: StepDraft, token: TokenState, node: FlowNode, edgeIds: readonly string[]): void {
  const edges = draft.graph.outgoing(node.id).filter((e) => edgeIds.includes(e.id));
  const [first, ...rest] = edges;
  if (!first) {
    failInstance(draft, 'no_path', `Node "${node.id}" has no edge to take.`, node.id);
    return;
  }
  log(draft, { kind: 'node-left', nodeId: node.id, detail: { edges: edges.map((e) => e.id) } });
  // Fork: every extra edge gets its own token, created before any of them runs on.
  const forks = rest.map((edge) => ({ edge, token: newToken(draft, edge.to) }));
  enterNode(draft, token, first.to, first.id);
  for (const fork of forks) {
    if (draft.state.status !== 'running') return;
    enterNode(draft, fork.token, fork.edge.to, fork.edge.id);
  }
}
