import { formCache } from '../model/form-meta.repository';
import { createRecord } from '../records/record-writer';
import { RulesError } from '../rules.error';
import type { ActionHandler, ActionOf } from './action-handler';
import { evaluateValues } from './action-values';

/**
 * Creates a record of a form by mapping values from the triggering record; `linkBack` sets a
 * link field of the new record to the triggering record. (Line-item copying is not done yet.)
 */
export const createRecordAction: ActionHandler<ActionOf<'create_record'>> = {
  async apply(trx, ctx) {
    const { action, firing } = ctx;
    const form = await formCache(trx, firing.app)(action.form);
    if (!form) throw new RulesError('action_failed', `form "${action.form}" is not published`);
    if (action.lineItems) throw new RulesError('action_failed', 'create_record cannot copy line items yet');
    const values = evaluateValues(action.values, ctx);
    if (action.linkBack) values[action.linkBack] = firing.recordId;
    await createRecord(trx, { app: firing.app, form, values, actorId: null, at: ctx.now });
  },
};
