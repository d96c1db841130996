import { taskNodeRuntime, validateTaskNode } from '../approvals/task-node.behavior';
import type { NodeBehavior, NodeOfType } from './node-behavior';

/**
 * An approval: tasks for the resolved assignees, decided by the mode (any 或签, all 会签,
 * sequential 依次, vote); approve / reject / return / transfer / 加签 / CC / comment on a task.
 */
export const approvalNode: NodeBehavior<NodeOfType<'approval'>> = {
  type: 'approval',
  version: 1,
  validateConfig: (node, graph) => validateTaskNode(node, graph),
  enter: (context) => taskNodeRuntime.enter(context),
  resume: (context, signal) => taskNodeRuntime.resume!(context, signal),
};
