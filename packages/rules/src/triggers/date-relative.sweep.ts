import { appSchemaName, ident, objectName, qualified } from '@tessera/forms';
import type { FormDefinition } from '@tessera/schema';
import { type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import { addDays, localDate } from '../eval/local-date';
import { fieldOf } from '../model/form-meta.repository';
import type { ActiveRule } from '../model/rule.repository';
import type { TriggerOf } from './trigger-handler';

type DateRelative = TriggerOf<'date_relative'>;

const UNIT_MS = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 } as const;

/**
 * When is an occurrence due? At `field ± amount unit` (a date field's value counts from its
 * midnight in the rule's time zone). Rewritten as a bound on the column itself so the index on
 * the date column answers it:
 *   date field, days:      field <= today ∓ amount          (calendar arithmetic)
 *   date field, h/min:     field <= localDate(now ∓ amount)
 *   datetime field:        field <= now ∓ amount
 * A late sweep therefore still finds every occurrence that fell due while it was not running.
 */
export function dueBound(
  trigger: DateRelative,
  form: FormDefinition,
  now: Date,
  timeZone: string,
): { due: RawBuilder<SqlBool>; occurrence: RawBuilder<string>; orderBy: RawBuilder<unknown> } {
  const field = fieldOf(form, trigger.field);
  if (!field || (field.type !== 'date' && field.type !== 'datetime')) {
    throw new Error(`"${trigger.field}" is not a date or datetime field of ${form.key}`);
  }
  const column = sql.raw(`t.${ident(trigger.field)}`);
  const sign = trigger.direction === 'after' ? -1 : 1;
  if (field.type === 'date') {
    const bound =
      trigger.unit === 'days'
        ? addDays(localDate(now, timeZone), sign * trigger.amount)
        : localDate(new Date(now.getTime() + sign * trigger.amount * UNIT_MS[trigger.unit]), timeZone);
    return {
      due: sql<SqlBool>`${column} <= ${bound}::date`,
      occurrence: sql<string>`'date:' || ${column}::text`,
      orderBy: column,
    };
  }
  const bound = new Date(now.getTime() + sign * trigger.amount * UNIT_MS[trigger.unit]);
  return {
    due: sql<SqlBool>`${column} <= ${bound.toISOString()}::timestamptz`,
    occurrence: sql<string>`'at:' || floor(extract(epoch from ${column}))::bigint::text`,
    orderBy: column,
  };
}

/** Name of the index a date-relative rule needs on its date column. */
export function sweepIndexName(formKey: string, fieldKey: string): string {
  return objectName(formKey, fieldKey, 'rule_idx');
}

/** Creates the partial index on the date column (live rows) the sweep's bound scans; idempotent. */
export async function ensureSweepIndex(
  db: Kysely<any>,
  rule: ActiveRule,
  form: FormDefinition,
): Promise<void> {
  const trigger = rule.definition.trigger;
  if (trigger.type !== 'date_relative') return;
  const index = sql.raw(ident(sweepIndexName(form.key, trigger.field)));
  await sql`create index if not exists ${index} on ${sql.raw(qualified(appSchemaName(rule.appKey), form.key))}
    (${sql.raw(ident(trigger.field))}) where deleted_at is null`.execute(db);
}
