import { recordTable } from '@tessera/forms';
import { toSql } from '@tessera/logic';
import { type Expression, type SqlBool, sql } from 'kysely';
import { formColumnResolver, linkedForms } from '../eval/form-column.resolver';
import { bindTriggerValues } from '../eval/trigger-values.binder';
import { formCache } from '../model/form-meta.repository';
import { recordsIn, writing } from '../records/record-writer';
import { RulesError } from '../rules.error';
import type { ActionHandler, ActionOf } from './action-handler';
import { evaluateValues } from './action-values';

/**
 * Sets fields of the triggering record (move a customer into the "to be reactivated" pool), or
 * of the records of another form chosen by a `where` filter. Values are JSON-Logic over the
 * triggering record. The matching records are updated through the records service's bulk update in
 * the action's transaction — set-based, `UPDATE_CHUNK` rows a statement (validation, formulas,
 * rollups, history, record.event per record); an invalid result fails the action, and with it every
 * update it made.
 */
/** Rows per bulk update statement: bounds the statement's JSON and the rows held in memory. */
const UPDATE_CHUNK = 1000;

export const updateRecordAction: ActionHandler<ActionOf<'update_record'>> = {
  async apply(trx, ctx) {
    const { action, firing } = ctx;
    const forms = formCache(trx, firing.app);
    const formKey = action.form ?? firing.form;
    if (!formKey)
      throw new RulesError('RULE_ACTION_FAILED', 'update_record needs a form (the rule watches none)');
    const form = await forms(formKey);
    if (!form) throw new RulesError('RULE_ACTION_FAILED', `form "${formKey}" is not published`);
    let where: Expression<SqlBool>;
    if (action.form && action.where) {
      const translated = toSql(
        bindTriggerValues(action.where, firing.data) as typeof action.where,
        formColumnResolver(firing.app, form, 't', await linkedForms(form, forms)),
        {
          now: ctx.now,
          timeZone: ctx.deps.timeZone,
        },
      );
      if (!translated.ok)
        throw new RulesError(
          'RULE_ACTION_FAILED',
          `where: ${translated.errors.map((e) => e.message).join('; ')}`,
        );
      where = translated.expression;
    } else {
      if (!firing.recordId)
        throw new RulesError('RULE_ACTION_FAILED', 'update_record has no record to update');
      where = sql<SqlBool>`t.id = ${firing.recordId}`;
    }
    const values = evaluateValues(action.set, ctx);
    if (Object.keys(values).length === 0) return;
    const table = recordTable(firing.app, form.key, 't');
    const targets = await sql<{ id: string; version: number }>`select t.id, t.version from ${table}
      where t.deleted_at is null and ${where} order by t.id for update`.execute(trx);
    const records = recordsIn(trx, { now: ctx.now, timeZone: ctx.deps.timeZone });
    // The rows stay locked by the select above; each chunk is ONE locked read + ONE update statement
    // (rows, version bump, history, record.event jobs) — not one records.update per row.
    for (let start = 0; start < targets.rows.length; start += UPDATE_CHUNK) {
      const chunk = targets.rows.slice(start, start + UPDATE_CHUNK);
      await writing(
        `update ${form.key}`,
        () =>
          records.bulkUpdate(
            firing.app,
            form.key,
            chunk.map((r) => ({ id: String(r.id), version: Number(r.version), values })),
          ),
        (index) => String(chunk[index]?.id),
      );
    }
  },
};
