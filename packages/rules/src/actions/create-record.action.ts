import { formCache } from '../model/form-meta.repository';
import { recordsIn, writing } from '../records/record-writer';
import { RulesError } from '../rules.error';
import type { ActionHandler, ActionOf } from './action-handler';
import { evaluateValues } from './action-values';

/**
 * Creates a record of a form by mapping values from the triggering record; `linkBack` sets a
 * link field of the new record to the triggering record. (Line-item copying is not done yet.)
 * The record is written by the records service in the action's transaction (validation,
 * formulas, history, record.event); an invalid record fails the action.
 */
export const createRecordAction: ActionHandler<ActionOf<'create_record'>> = {
  async apply(trx, ctx) {
    const { action, firing } = ctx;
    const form = await formCache(trx, firing.app)(action.form);
    if (!form) throw new RulesError('action_failed', `form "${action.form}" is not published`);
    if (action.lineItems) throw new RulesError('action_failed', 'create_record cannot copy line items yet');
    const values = evaluateValues(action.values, ctx);
    if (action.linkBack) values[action.linkBack] = firing.recordId;
    const records = recordsIn(trx, { now: ctx.now, timeZone: ctx.deps.timeZone });
    await writing(`create ${form.key}`, () => records.create(firing.app, form.key, values));
  },
};
