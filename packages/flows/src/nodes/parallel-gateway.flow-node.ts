import { removeToken } from '../core/step-draft';
import type { NodeBehavior, NodeOfType } from './node-behavior';

/**
 * Fork (several outgoing edges: a token on each) and join (several incoming edges: wait until a
 * token has arrived on every one, then go on with one token).
 */
export const parallelGatewayNode: NodeBehavior<NodeOfType<'parallel_gateway'>> = {
  type: 'parallel_gateway',
  version: 1,
  validateConfig(node, graph) {
    const inc = graph.incoming(node.id).length;
    const out = graph.outgoing(node.id).length;
    if (inc < 2 && out < 2)
      return [{ path: 'edges', message: `parallel gateway "${node.id}" neither forks nor joins` }];
    for (const edge of graph.outgoing(node.id)) {
      if (edge.condition || edge.default)
        return [{ path: `edges.${edge.id}`, message: 'edges leaving a parallel gateway take no condition' }];
    }
    return [];
  },
  enter({ draft, node, token, viaEdgeId }) {
    const incoming = draft.graph.incoming(node.id);
    if (incoming.length < 2) return { kind: 'next' };
    const arrived = [...(draft.state.joins[node.id] ?? [])];
    if (viaEdgeId && !arrived.includes(viaEdgeId)) arrived.push(viaEdgeId);
    if (incoming.every((edge) => arrived.includes(edge.id))) {
      delete draft.state.joins[node.id];
      return { kind: 'next' };
    }
    draft.state.joins[node.id] = arrived;
    // The arriving token is absorbed; the last one to arrive carries on.
    removeToken(draft, token.id);
    return { kind: 'stop' };
  },
};
