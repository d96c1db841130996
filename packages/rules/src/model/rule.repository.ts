import type { RuleDefinition, RuleTriggerType } from '@tessera/schema';
import { type Kysely, sql } from 'kysely';

/** A published rule as the engine runs it. */
export interface ActiveRule {
  readonly id: string;
  readonly appKey: string;
  readonly key: string;
  readonly version: number;
  readonly enabled: boolean;
  readonly scheduleCursor: Date | null;
  readonly definition: RuleDefinition;
}

interface Row {
  id: string;
  app_key: string;
  key: string;
  version: number;
  enabled: boolean;
  schedule_cursor: Date | null;
  definition: RuleDefinition;
}

const toRule = (r: Row): ActiveRule => ({
  id: r.id,
  appKey: r.app_key,
  key: r.key,
  version: Number(r.version),
  enabled: r.enabled,
  scheduleCursor: r.schedule_cursor,
  definition: r.definition,
});

const SELECT = sql`select r.id, r.app_key, r.key, v.version, r.enabled, r.schedule_cursor, v.definition
  from tessera.rules r join tessera.rule_versions v on v.rule_id = r.id and v.status = 'published'`;

/** The published version has a trigger of one of the types (its `trigger`, or one of `triggers`). */
const hasTriggerOf = (types: readonly string[]) => sql`exists (
  select 1 from jsonb_array_elements(coalesce(v.definition->'triggers', jsonb_build_array(v.definition->'trigger'))) tr
  where tr->>'type' = any(${types as string[]}::text[]))`;

/** Enabled published rules watching a form with one of the trigger types. */
export async function findRulesForForm(
  db: Kysely<any>,
  appKey: string,
  formKey: string,
  types: readonly RuleTriggerType[],
): Promise<ActiveRule[]> {
  const r = await sql<Row>`${SELECT}
    where r.enabled and r.app_key = ${appKey} and v.definition->>'form' = ${formKey}
      and ${hasTriggerOf(types)}
    order by r.key`.execute(db);
  return r.rows.map(toRule);
}

/** Enabled published rules with a time-based trigger, across apps. */
export async function findTimedRules(db: Kysely<any>): Promise<ActiveRule[]> {
  const r = await sql<Row>`${SELECT}
    where r.enabled and ${hasTriggerOf(['schedule', 'date_relative'])}
    order by r.app_key, r.key`.execute(db);
  return r.rows.map(toRule);
}

/** The published rule (enabled or not) by key. */
export async function findPublishedRule(
  db: Kysely<any>,
  appKey: string,
  key: string,
): Promise<ActiveRule | null> {
  const r = await sql<Row>`${SELECT} where r.app_key = ${appKey} and r.key = ${key}`.execute(db);
  const row = r.rows[0];
  return row ? toRule(row) : null;
}
