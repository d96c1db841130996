import { recordColumns, recordTable } from '@tessera/forms';
import { toSql } from '@tessera/logic';
import type { FormDefinition } from '@tessera/schema';
import { type Expression, type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import { conditionOf } from '../eval/condition.evaluator';
import { formColumnResolver, linkedForms } from '../eval/form-column.resolver';
import { normalizeRow, type RecordData, withLinkedRecords } from '../eval/record-data.loader';
import type { FormLoader } from '../model/form-meta.repository';
import type { ActiveRule } from '../model/rule.repository';

export interface Candidate {
  readonly recordId: string;
  readonly occurrence: string;
  readonly data: RecordData;
}

export interface CandidateQuery {
  readonly rule: ActiveRule;
  readonly form: FormDefinition;
  readonly forms: FormLoader;
  /** The table (alias `t`) and what is joined to it (a lookup's linked table); default the form's table. */
  readonly from?: RawBuilder<unknown>;
  /** The trigger's own predicate over alias `t` (e.g. the date threshold). */
  readonly due: Expression<SqlBool>;
  /** The occurrence key of a row, as SQL over alias `t`. */
  readonly occurrence: RawBuilder<string>;
  readonly orderBy: RawBuilder<unknown>;
  readonly now: Date;
  readonly timeZone: string;
  readonly limit: number;
  /** Leave out (record, occurrence) pairs that already fired (false for a dry run's "all"). */
  readonly excludeFired: boolean;
}

/**
 * ONE statement over the form's table: live rows where the trigger is due, the rule's
 * condition holds (translated by `toSql` — linked fields become sub-selects — when it can be)
 * and the occurrence has not fired yet. A condition outside the SQL subset is evaluated in
 * memory on the due rows instead (`inSql: false`).
 */
export async function selectCandidates(
  db: Kysely<any>,
  q: CandidateQuery,
): Promise<{ candidates: Candidate[]; inSql: boolean }> {
  const { statement, inSql } = await candidateStatement(q);
  const rows = await statement.execute(db);
  const condition = q.rule.definition.condition;
  const ctx = { now: q.now, timeZone: q.timeZone };
  const test = conditionOf(`${q.rule.id}@${q.rule.version}`, condition);
  const candidates: Candidate[] = [];
  for (const row of rows.rows) {
    const data = await withLinkedRecords(db, q.rule.appKey, q.form, normalizeRow(q.form, row), q.forms);
    if (!inSql && !test(data, ctx)) continue;
    candidates.push({ recordId: String(row.id), occurrence: row.__occurrence, data });
  }
  return { candidates, inSql };
}

/** The statement of a candidate query (its plan is what `EXPLAIN` shows: the sweep's index). */
export async function candidateStatement(q: CandidateQuery) {
  const { rule, form } = q;
  const linked = await linkedForms(form, q.forms);
  const condition = rule.definition.condition;
  const ctx = { now: q.now, timeZone: q.timeZone };
  const translated =
    condition === undefined
      ? null
      : toSql(condition, formColumnResolver(rule.appKey, form, 't', linked), ctx);
  const inSql = translated === null || translated.ok;
  const where: Expression<SqlBool>[] = [sql<SqlBool>`t.deleted_at is null`, q.due];
  if (translated?.ok) where.push(translated.expression);
  if (q.excludeFired) {
    where.push(sql<SqlBool>`not exists (select 1 from tessera.rule_firings f
      where f.rule_id = ${rule.id} and f.record_id = t.id::text and f.occurrence = ${q.occurrence})`);
  }
  const table = q.from ?? recordTable(rule.appKey, form.key, 't');
  const statement = sql<Record<string, unknown> & { __occurrence: string }>`
    select ${recordColumns(form, 't')}, ${q.occurrence} as __occurrence from ${table}
    where ${sql.join(where, sql` and `)} order by ${q.orderBy} limit ${q.limit}`;
  return { statement, inSql };
}
