import type { FlowGraph } from '../core/flow-graph';
import type { ConfigIssue, NodeBehavior, NodeOutcome, ResumeSignal } from '../nodes/node-behavior';
import { onDue } from './due-time';
import { applyTaskAction } from './task-actions';
import { createTasks, requestAssignees, settle } from './task-activation';
import { modeOf, type TaskNode, type TaskNodeContext } from './task-node-context';

export function validateTaskNode(node: TaskNode, graph: FlowGraph): ConfigIssue[] {
  const issues: ConfigIssue[] = [...validateOnReject(node, graph)];
  if (node.passRatio !== undefined && modeOf(node) !== 'vote')
    issues.push({ path: 'passRatio', message: 'passRatio only applies to mode "vote"' });
  if (node.passRatio === undefined && modeOf(node) === 'vote')
    issues.push({
      path: 'passRatio',
      message: 'mode "vote" needs passRatio (the share of approvals that passes)',
    });
  if (node.due?.action === 'return' && node.returnTo?.length === 0)
    issues.push({ path: 'due.action', message: 'auto-return needs a node to return to' });
  if (node.actions && !node.actions.includes('approve'))
    issues.push({ path: 'actions', message: 'the actions must include "approve"' });
  if (node.actions?.includes('resubmit'))
    issues.push({
      path: 'actions',
      message: '"resubmit" is the initiator\'s action on a returned request, not offered at a task node',
    });
  return issues;
}

/** `onReject`: "return" names an approval / user-task node from which this node can be reached. */
function validateOnReject(node: TaskNode, graph: FlowGraph): ConfigIssue[] {
  const policy = node.onReject;
  if (!policy) return [];
  if (policy.action !== 'return')
    return policy.to === undefined
      ? []
      : [{ path: 'onReject.to', message: `"to" only applies to onReject action "return"` }];
  const target = policy.to === undefined ? undefined : graph.node(policy.to);
  if (!target || policy.to === node.id || (target.type !== 'approval' && target.type !== 'user_task'))
    return [
      {
        path: 'onReject.to',
        message: 'a return on rejection needs "to": another approval or user-task node of this flow',
      },
    ];
  const downstream = new Set<string>([target.id]);
  const queue = [target.id];
  while (queue.length > 0) {
    for (const edge of graph.outgoing(queue.shift()!)) {
      if (downstream.has(edge.to)) continue;
      downstream.add(edge.to);
      queue.push(edge.to);
    }
  }
  return downstream.has(node.id)
    ? []
    : [
        {
          path: 'onReject.to',
          message: `"${target.id}" does not come before "${node.id}": nothing leads from it here`,
        },
      ];
}

/** enter / resume shared by approval and user-task nodes. */
export const taskNodeRuntime: Pick<NodeBehavior<TaskNode>, 'enter' | 'resume'> = {
  enter: (context: TaskNodeContext) => requestAssignees(context),
  resume(context: TaskNodeContext, signal: ResumeSignal): NodeOutcome {
    switch (signal.type) {
      case 'assignees-resolved':
        return createTasks(context, signal.userIds);
      case 'task-action':
        return applyTaskAction(context, signal.event);
      case 'timer-fired':
        return onDue(context);
      case 'record-changed':
        return { kind: 'wait', waitsFor: 'tasks' };
      case 'record-reloaded':
        // The values of an approval are stored: now the node decides.
        return settle(context);
      default: {
        const never: never = signal;
        throw new Error(`unknown signal ${JSON.stringify(never)}`);
      }
    }
  },
};
