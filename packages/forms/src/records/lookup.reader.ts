import { type Kysely, type RawBuilder, sql } from 'kysely';
import { valueColumnType } from '../tables/field-columns.mapper';
import { ident, qualified } from '../tables/identifier';
import { currencyColumnName } from '../tables/physical-name';
import type { FormRuntime } from './form-runtime';
import { loadRuntime } from './form-runtime.repository';
import { type AnyField, liveFields } from './record-field';
import { type RecordValues, readValue } from './record-value.mapper';

/** How a read gets its lookup values: extra select expressions and a row reader. */
export interface LookupPlan {
  readonly selects: readonly RawBuilder<unknown>[];
  read(row: Record<string, unknown>): RecordValues;
}

/**
 * Lookups are COMPUTED AT READ: each lookup field becomes a scalar subquery on the linked
 * record's primary key (`(select t.credit_level from app.customer t where t.id = r.customer)`),
 * so the value is always the linked record's current one — no copy to keep in sync, no write
 * fan-out when a customer's credit level changes. Line-item rows have lookups the same way, through
 * a link field of the row (an item showing its product's unit).
 */
export function planLookups(db: Kysely<any>, runtime: FormRuntime, alias = 'r'): Promise<LookupPlan> {
  if (alias !== 'r') return planFieldLookups(db, runtime.appKey, runtime.definition.fields, alias);
  // Once per runtime object: its linked forms come from the same app snapshot (a reload makes
  // new runtime objects), and the plan is part of the statement templates built from it.
  let plan = plans.get(runtime);
  if (!plan) {
    plan = planFieldLookups(db, runtime.appKey, runtime.definition.fields, alias);
    plans.set(runtime, plan);
    plan.catch(() => plans.delete(runtime));
  }
  return plan;
}

const plans = new WeakMap<FormRuntime, Promise<LookupPlan>>();

/**
 * The lookups of a list of fields (a form's, or a line-items row's: a row lookup reads through a
 * link field of the same row) as subqueries on the rows of `alias`.
 */
export async function planFieldLookups(
  db: Kysely<any>,
  appKey: string,
  allFields: readonly AnyField[],
  alias: string,
): Promise<LookupPlan> {
  const selects: RawBuilder<unknown>[] = [];
  const readers: Array<(row: Record<string, unknown>) => [string, unknown]> = [];
  const fields = liveFields(allFields);
  const targets = new Map<string, FormRuntime>();
  for (const [i, field] of fields.entries()) {
    if (field.type !== 'lookup') continue;
    const link = fields.find((f) => f.key === field.link && f.type === 'link');
    if (link?.type !== 'link') continue;
    let target = targets.get(link.form);
    if (!target) {
      target = await loadRuntime(db, appKey, link.form);
      targets.set(link.form, target);
    }
    const source = liveFields(target.definition.fields).find((f) => f.key === field.field) as
      | AnyField
      | undefined;
    if (!source || valueColumnType(source) === null) {
      readers.push(() => [field.key, null]);
      continue;
    }
    const from = sql.raw(qualified(target.model.schema, target.model.name));
    const on = sql`t.id = ${sql.raw(`${ident(alias)}.${ident(link.key)}`)}`;
    const name = `lk_${i}`;
    selects.push(
      sql`(select t.${sql.raw(ident(source.key))} from ${from} t where ${on}) as ${sql.raw(ident(name))}`,
    );
    if (source.type === 'money') {
      const cur = ident(currencyColumnName(source.key));
      selects.push(
        sql`(select t.${sql.raw(cur)} from ${from} t where ${on}) as ${sql.raw(ident(`${name}_c`))}`,
      );
    }
    readers.push((row) => {
      const fake = { [source.key]: row[name], [currencyColumnName(source.key)]: row[`${name}_c`] };
      return [field.key, readValue(source, fake)];
    });
  }
  return {
    selects,
    read: (row) => Object.fromEntries(readers.map((r) => r(row))),
  };
}
