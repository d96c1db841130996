import { compile, LogicEmptyNumberError } from '@tessera/logic';
import { failInstance, logicScope } from '../core/step-draft';
import type { ConfigIssue, NodeBehavior, NodeOfType } from './node-behavior';

const STRICT = { strictNumbers: true } as const;

/** Takes the first outgoing edge whose JSON-Logic condition holds, else the default edge. */
export const exclusiveGatewayNode: NodeBehavior<NodeOfType<'exclusive_gateway'>> = {
  type: 'exclusive_gateway',
  version: 1,
  validateConfig(node, graph) {
    const issues: ConfigIssue[] = [];
    const out = graph.outgoing(node.id);
    const defaults = out.filter((e) => e.default);
    if (out.length < 2 && graph.incoming(node.id).length < 2)
      issues.push({ path: 'edges', message: `gateway "${node.id}" needs at least two outgoing edges` });
    if (out.length >= 2 && defaults.length !== 1)
      issues.push({
        path: 'edges',
        message: `gateway "${node.id}" needs exactly one default edge (it has ${defaults.length})`,
      });
    for (const edge of out) {
      if (edge.default && edge.condition)
        issues.push({ path: `edges.${edge.id}`, message: 'a default edge cannot have a condition' });
      if (!edge.default && !edge.condition && out.length >= 2)
        issues.push({ path: `edges.${edge.id}`, message: 'an edge leaving a gateway needs a condition' });
      if (edge.condition) {
        try {
          compile(edge.condition);
        } catch (error) {
          issues.push({ path: `edges.${edge.id}.condition`, message: (error as Error).message });
        }
      }
    }
    return issues;
  },
  enter({ draft, node }) {
    const out = draft.graph.outgoing(node.id);
    if (out.length === 1) return { kind: 'next' };
    const scope = logicScope(draft);
    const ctx = { now: new Date(draft.at), timeZone: draft.timeZone };
    let chosen: (typeof out)[number] | undefined;
    try {
      // strictNumbers: `total > 100000` on an empty total stops the flow visibly instead of
      // silently taking the "under the limit" branch (and skipping an approval).
      chosen = out.find(
        (edge) => !edge.default && edge.condition && compile(edge.condition, STRICT)(scope, ctx),
      );
    } catch (error) {
      if (!(error instanceof LogicEmptyNumberError)) throw error;
      failInstance(draft, 'condition_on_empty_number', `Gateway "${node.id}": ${error.message}.`, node.id);
      return { kind: 'stop' };
    }
    const edge = chosen ?? out.find((e) => e.default);
    return { kind: 'take', edgeIds: edge ? [edge.id] : [] };
  },
};
