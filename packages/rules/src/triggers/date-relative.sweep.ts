import { ident, objectName, recordTable, referenceScope } from '@tessera/forms';
import { type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import { addDays, localDate } from '../eval/local-date';
import { type FormLoader, fieldOf } from '../model/form-meta.repository';
import type { ActiveRule } from '../model/rule.repository';
import { type SweepColumn, sweepColumn } from './sweep-column.resolver';
import type { TriggerOf } from './trigger-handler';

type DateRelative = TriggerOf<'date_relative'>;

const UNIT_MS = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 } as const;

/** Alias of the linked table a lookup's date is read from. */
const LINKED = 'l';

/**
 * The column a published date rule sweeps, from the forms published now (the rule's form and,
 * for a lookup, the linked one) — resolved by the same function that checked the rule.
 */
export async function resolveSweepColumn(
  forms: FormLoader,
  rule: ActiveRule,
  trigger: DateRelative,
): Promise<SweepColumn> {
  const formKey = rule.definition.form;
  if (!formKey) throw new Error(`rule ${rule.key} watches no form`);
  const form = await forms(formKey);
  if (!form) throw new Error(`form "${formKey}" is not published`);
  const field = fieldOf(form, trigger.field);
  const link = field?.type === 'lookup' ? fieldOf(form, field.link) : undefined;
  const linked = link?.type === 'link' ? await forms(link.form) : null;
  const scope = referenceScope([[form.key, form], ...(linked ? [[linked.key, linked] as const] : [])], {
    named: {},
    missing: () => 'it is not published',
  });
  const resolved = sweepColumn(scope, form.key, trigger.field);
  if (resolved.ok !== true)
    throw new Error(resolved.ok === false ? resolved.message : `"${trigger.field}" cannot be swept`);
  return resolved.column;
}

/** Where the swept column is: the form's table `t`, or the linked table joined on the link. */
export function sweepSource(appKey: string, column: SweepColumn, formKey: string) {
  const table = recordTable(appKey, formKey, 't');
  if (!column.via) return { from: table, column: sql.raw(`t.${ident(column.field)}`) };
  // An inner join: a record whose link is empty (or points at a deleted record) has no date yet.
  const from = sql`${table} join ${recordTable(appKey, column.form, LINKED)} on ${sql.raw(
    `${LINKED}.id = t.${ident(column.via)} and ${LINKED}.deleted_at is null`,
  )}`;
  return { from, column: sql.raw(`${LINKED}.${ident(column.field)}`) };
}

/**
 * When is an occurrence due? At `field ± amount unit` (a date value counts from its midnight in
 * the rule's time zone). `prefix` starts the occurrence key (`date`, `at`, or a further date
 * trigger's own, see dateOccurrencePrefix). Rewritten as a bound on the column itself so the
 * index on the column answers it:
 *   date value, days:      column <= today ∓ amount          (calendar arithmetic)
 *   date value, h/min:     column <= localDate(now ∓ amount)
 *   datetime value:        column <= now ∓ amount
 * A late sweep therefore still finds every occurrence that fell due while it was not running.
 */
export function dueBound(
  trigger: DateRelative,
  swept: SweepColumn,
  column: RawBuilder<unknown>,
  prefix: string,
  now: Date,
  timeZone: string,
): { due: RawBuilder<SqlBool>; occurrence: RawBuilder<string>; orderBy: RawBuilder<unknown> } {
  const sign = trigger.direction === 'after' ? -1 : 1;
  if (swept.valueType === 'date') {
    const bound =
      trigger.unit === 'days'
        ? addDays(localDate(now, timeZone), sign * trigger.amount)
        : localDate(new Date(now.getTime() + sign * trigger.amount * UNIT_MS[trigger.unit]), timeZone);
    return {
      due: sql<SqlBool>`${column} <= ${bound}::date`,
      occurrence: sql<string>`${`${prefix}:`}::text || ${column}::text`,
      orderBy: column,
    };
  }
  const bound = new Date(now.getTime() + sign * trigger.amount * UNIT_MS[trigger.unit]);
  return {
    due: sql<SqlBool>`${column} <= ${bound.toISOString()}::timestamptz`,
    occurrence: sql<string>`${`${prefix}:`}::text || floor(extract(epoch from ${column}))::bigint::text`,
    orderBy: column,
  };
}

/** Name of the index a date-relative rule needs on the column it sweeps. */
export function sweepIndexName(formKey: string, fieldKey: string): string {
  return objectName(formKey, fieldKey, 'rule_idx');
}

/**
 * Creates the partial index (live rows) the sweep's bound scans, on the swept column — a stored
 * formula or rollup like any column, a lookup's on the linked form's table; idempotent.
 */
export async function ensureSweepIndex(db: Kysely<any>, appKey: string, column: SweepColumn): Promise<void> {
  const index = sql.raw(ident(sweepIndexName(column.form, column.field)));
  await sql`create index if not exists ${index} on ${recordTable(appKey, column.form)}
    (${sql.raw(ident(column.field))}) where deleted_at is null`.execute(db);
}
