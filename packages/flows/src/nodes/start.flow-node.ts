import type { NodeBehavior, NodeOfType } from './node-behavior';

/** Where a flow starts: the token moves straight on. */
export const startNode: NodeBehavior<NodeOfType<'start'>> = {
  type: 'start',
  version: 1,
  validateConfig(node, graph) {
    const issues = [];
    if (graph.incoming(node.id).length > 0)
      issues.push({ path: 'edges', message: `the start node "${node.id}" cannot have incoming edges` });
    if (graph.outgoing(node.id).length !== 1)
      issues.push({ path: 'edges', message: `the start node "${node.id}" needs exactly one outgoing edge` });
    return issues;
  },
  enter: () => ({ kind: 'next' }),
};
