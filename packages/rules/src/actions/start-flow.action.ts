import { enqueue } from '@tessera/store';
import type { ActionHandler, ActionOf } from './action-handler';

export const FLOW_START_TASK = 'flow.start';

/** Starts a flow on the record: a `flow.start` job the flow engine handles (engines talk through the queue). */
export const startFlowAction: ActionHandler<ActionOf<'start_flow'>> = {
  async apply(trx, ctx) {
    await enqueue(trx, FLOW_START_TASK, {
      app: ctx.firing.app,
      flow: ctx.action.flow,
      recordId: ctx.firing.recordId,
      initiatorId: ctx.firing.actorId,
      // The flow engine keys the instance by it: a retried job starts no second instance.
      ruleActionId: ctx.actionId,
    });
  },
};
