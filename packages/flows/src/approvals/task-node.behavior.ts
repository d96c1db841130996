import type { ConfigIssue, NodeBehavior, NodeOutcome, ResumeSignal } from '../nodes/node-behavior';
import { onDue } from './due-time';
import { applyTaskAction } from './task-actions';
import { createTasks, requestAssignees } from './task-activation';
import { modeOf, type TaskNode, type TaskNodeContext } from './task-node-context';

export function validateTaskNode(node: TaskNode): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  if (node.passRatio !== undefined && modeOf(node) !== 'vote')
    issues.push({ path: 'passRatio', message: 'passRatio only applies to mode "vote"' });
  if (node.due?.action === 'return' && node.returnTo?.length === 0)
    issues.push({ path: 'due.action', message: 'auto-return needs a node to return to' });
  if (node.actions && !node.actions.includes('approve'))
    issues.push({ path: 'actions', message: 'the actions must include "approve"' });
  return issues;
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
      default: {
        const never: never = signal;
        throw new Error(`unknown signal ${JSON.stringify(never)}`);
      }
    }
  },
};
