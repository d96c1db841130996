import { formCache } from '../model/form-meta.repository';
import { recordsIn, writing } from '../records/record-writer';
import { RulesError } from '../rules.error';
import type { ActionHandler, ActionOf } from './action-handler';
import { evaluateValues } from './action-values';
import { lineItemScopes } from './line-item-scopes';

/**
 * Creates a record of a form by mapping values from the triggering record; `linkBack` sets a
 * link field of the new record to the triggering record. With `forEach`, one record per line item
 * of the triggering record that matches `where` (values over the row, the record as `_record`).
 * (Line-item copying is not done yet.) The records are written by the records service in the
 * action's transaction (validation, formulas, history, record.event); one invalid record fails
 * the action and none of them is kept.
 */
export const createRecordAction: ActionHandler<ActionOf<'create_record'>> = {
  async apply(trx, ctx) {
    const { action, firing } = ctx;
    const form = await formCache(trx, firing.app)(action.form);
    if (!form) throw new RulesError('RULE_ACTION_FAILED', `form "${action.form}" is not published`);
    if (action.lineItems)
      throw new RulesError('RULE_ACTION_FAILED', 'create_record cannot copy line items yet');
    const records = recordsIn(trx, { now: ctx.now, timeZone: ctx.deps.timeZone });
    const scopes = action.forEach
      ? await lineItemScopes(trx, ctx, records, action.forEach)
      : [ctx.firing.data];
    for (const [i, scope] of scopes.entries()) {
      const values = evaluateValues(action.values, ctx, scope);
      if (action.linkBack) values[action.linkBack] = firing.recordId;
      const what = action.forEach ? `create ${form.key} (line ${i + 1})` : `create ${form.key}`;
      await writing(what, () => records.create(firing.app, form.key, values));
    }
  },
};
