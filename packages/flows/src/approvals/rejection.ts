import { writeRecordValues } from '../core/field-values';
import { cancelTokenWork, finishInstance, log } from '../core/step-draft';
import type { NodeOutcome } from '../nodes/node-behavior';
import { returnToInitiator } from './initiator-return';
import type { TaskNodeContext } from './task-node-context';

/**
 * The node is rejected (驳回 by its people, or an overdue auto-reject): what `onReject` says —
 * end the instance with outcome "rejected" (the default), send it back to the initiator to edit
 * and resubmit, or return it to an earlier node; `set` writes values to the record (e.g.
 * status "rejected"), after the flow's `onReturn.set` when the request goes back to the initiator. Without an initiator (a flow started by the system) a return to the
 * initiator ends the instance instead.
 */
export function rejectNode(context: TaskNodeContext, reason: 'rejected' | 'overdue'): NodeOutcome {
  const { draft, node, token } = context;
  draft.state.decisions[node.id] = 'rejected';
  log(draft, { kind: 'node-decided', nodeId: node.id, detail: { decision: 'rejected' } });
  const policy = node.onReject ?? { action: 'end' };
  if (policy.action === 'return_to_initiator' && draft.state.initiatorId) {
    // the flow's onReturn.set first, then the node's own values: the more specific one wins
    const outcome = returnToInitiator(context, { actorId: null, reason });
    if (policy.set) writeRecordValues(draft, policy.set);
    return outcome;
  }
  if (policy.set) writeRecordValues(draft, policy.set);
  if (policy.action === 'return' && policy.to) {
    cancelTokenWork(draft, token.id);
    log(draft, { kind: 'returned', nodeId: node.id, actorId: null, detail: { to: policy.to, reason } });
    return { kind: 'move', nodeId: policy.to };
  }
  finishInstance(draft, 'completed', 'rejected', {
    nodeId: node.id,
    ...(reason === 'overdue' ? { reason } : {}),
  });
  return { kind: 'stop' };
}
