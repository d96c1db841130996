import type { NodeBehavior, NodeOfType } from './node-behavior';

/**
 * Where a path ends; the last token to end completes the instance with this node's outcome. A
 * terminate end (BPMN's terminate end event) completes it at once, cancelling the other paths.
 */
export const endNode: NodeBehavior<NodeOfType<'end'>> = {
  type: 'end',
  version: 1,
  validateConfig(node, graph) {
    return graph.outgoing(node.id).length > 0
      ? [{ path: 'edges', message: `the end node "${node.id}" cannot have outgoing edges` }]
      : [];
  },
  enter: ({ node }) => ({
    kind: 'consume',
    outcome: node.outcome ?? 'completed',
    ...(node.terminate ? { terminate: true } : {}),
  }),
};
