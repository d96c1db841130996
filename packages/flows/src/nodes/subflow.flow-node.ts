import type { NodeBehavior, NodeOfType } from './node-behavior';

/** Sub-flows are optional in the architecture and not run yet: refused when publishing. */
export const subflowNode: NodeBehavior<NodeOfType<'subflow'>> = {
  type: 'subflow',
  version: 1,
  validateConfig: (node) => [
    { path: 'type', message: `sub-flow "${node.id}" is not supported by this engine version yet` },
  ],
  enter: () => ({ kind: 'stop' }),
};
