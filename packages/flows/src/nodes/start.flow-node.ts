import { compile } from '@tessera/logic';
import { actOnResubmitTask, openResubmitTask } from '../approvals/initiator-return';
import type { ConfigIssue, NodeBehavior, NodeOfType } from './node-behavior';

/**
 * Where a flow starts: the token moves straight on. Entered again by a return to the initiator
 * (退回发起人), it waits for the initiator's resubmit task, then goes on the same way.
 */
export const startNode: NodeBehavior<NodeOfType<'start'>> = {
  type: 'start',
  version: 1,
  validateConfig(node, graph) {
    const issues: ConfigIssue[] = [];
    if (graph.incoming(node.id).length > 0)
      issues.push({ path: 'edges', message: `the start node "${node.id}" cannot have incoming edges` });
    if (graph.outgoing(node.id).length !== 1)
      issues.push({ path: 'edges', message: `the start node "${node.id}" needs exactly one outgoing edge` });
    if (node.submitWhen !== undefined && !node.on?.includes('record_submitted'))
      issues.push({ path: 'submitWhen', message: 'submitWhen only applies with on: ["record_submitted"]' });
    if (node.submitWhen !== undefined) {
      try {
        compile(node.submitWhen);
      } catch (error) {
        issues.push({ path: 'submitWhen', message: (error as Error).message });
      }
    }
    return issues;
  },
  enter(context) {
    const { draft, node } = context;
    const visits = draft.state.visited.filter((id) => id === node.id).length;
    return visits > 1 ? openResubmitTask(context) : { kind: 'next' };
  },
  resume(context, signal) {
    if (signal.type === 'task-action') return actOnResubmitTask(context, signal.event);
    if (signal.type === 'record-reloaded') return { kind: 'next' };
    return { kind: 'wait', waitsFor: 'tasks' };
  },
};
