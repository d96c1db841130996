import { taskNodeRuntime, validateTaskNode } from '../approvals/task-node.behavior';
import type { NodeBehavior, NodeOfType } from './node-behavior';

/** A task a person does (fill the editable fields, confirm); "approve" marks it done. */
export const userTaskNode: NodeBehavior<NodeOfType<'user_task'>> = {
  type: 'user_task',
  version: 1,
  validateConfig: (node, graph) => validateTaskNode(node, graph),
  enter: (context) => taskNodeRuntime.enter(context),
  resume: (context, signal) => taskNodeRuntime.resume!(context, signal),
};
