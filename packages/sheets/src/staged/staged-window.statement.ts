import {
  autoNumberSql,
  calendarDate,
  RECORD_EVENT_BATCH_TASK,
  RECORD_EVENTS_SETTING,
  sequenceCte,
} from '@tessera/forms';
import { sqlText, sqlTrim } from '@tessera/schema';
import { jobRowsCtes, UUID_V7 } from '@tessera/store';
import { type RawBuilder, sql } from 'kysely';
import { columnValues, type StagedColumn, type StagedImportPlan, userLookup } from './staged-import.planner';

/** A cell that a spreadsheet would run as a formula, or an export's quote before one: per row. */
const FORMULA_LIKE = `('''', '=', '+', '@', '-', chr(9), chr(13))`;

export interface WindowInput {
  readonly plan: StagedImportPlan;
  readonly stage: string;
  /** The stage's repeated keys and unique values (StagingTable.markRepeats). */
  readonly repeats: string;
  /** The file's keys a live record already has (StagingTable.markStored); null without a key. */
  readonly stored: string | null;
  readonly app: string;
  readonly formId: string;
  readonly actorId: string | null;
  readonly at: Date;
  readonly timeZone: string;
  /** Staged rows n with from < n <= to. */
  readonly from: number;
  readonly to: number;
  /** Rows left to the per-row path whatever their cells (outside the importing user's create scope). */
  readonly perRow?: readonly number[];
  /** Also return the written rows' `n` and ids (to check them against a create scope). */
  readonly returnWritten?: boolean;
}

/** What one window statement did: rows written and skipped, blank rows, and those left to the per-row path. */
export interface WindowResult {
  readonly written: number;
  readonly skipped: number;
  readonly perRow: readonly number[];
  /** With returnWritten: the written rows as `[n, id]`. */
  readonly writtenRows?: readonly [number | string, string][];
}

/**
 * One window of staged rows in ONE statement: each row classified (blank · per-row · skipped as a
 * duplicate · written), the written ones inserted with their auto-numbers (one counter advance),
 * their `created` history rows and ONE `record.events` job, as records.importCreate writes them.
 * A row is written only if every cell is blank or accepted by its type's SQL cell (the registry),
 * required fields are filled (or defaulted), its key and unique values occur first in the file
 * and not in the table; everything else is left to the per-row path, which reports it.
 *
 * Cells are checked and converted once per distinct cell of the window (`d<k>`: regular
 * expressions and casts cost more than a hash look-up; options, dates, amounts and owners
 * repeat), plain text on every row; a value's first occurrence in the file is one look-up in
 * the stage's repeats.
 */
export function windowStatement(input: WindowInput): RawBuilder<WindowResult & Record<string, unknown>> {
  const { plan, stage, at, actorId } = input;
  const width = plan.width;
  const trims = Array.from({ length: width }, (_, i) => `${sqlTrim(`s.c${i}`)} as t${i}`);
  const cells = Array.from({ length: width }, (_, i) => `s.c${i}`);
  const w1 = `w1 as materialized (select s.n, ${cells.join(', ')}, ${trims.join(', ')} from ${stage} s where s.n > ${input.from} and s.n <= ${input.to})`;
  const filled = (k: number) => `coalesce(w.t${k}, '') <> ''`;
  const plain = (k: number) => `left(w.c${k}, 1) not in ${FORMULA_LIKE}`;

  // the look-ups: each distinct filled cell without a formula quote, checked and converted once;
  // subqueries, not CTEs, so the planner knows `c` is unique in them (and estimates the joins)
  const lookups = plan.columns.filter((c) => c.check !== 'inline');
  const dictionaries = new Map<StagedColumn, string>();
  for (const c of lookups) {
    const k = c.column.index;
    const distinct = `(select distinct w.c${k} as c from w1 w where ${filled(k)} and ${plain(k)})`;
    const cells = `(select d.c, ${sqlTrim('d.c')} as t from ${distinct} d)`;
    const source = c.check === 'user' ? userLookup(cells) : cells;
    const sourceColumns = c.check === 'user' ? 'x.c, x.t, x.u' : 'x.c, x.t';
    const extras = Object.values(c.cell.extra ?? {}).map(
      (extra, i) => `, case when x.a then ${extra} end as x${i + 1}`,
    );
    // offset 0: the check stays one column of the subquery, not copied into each case
    dictionaries.set(
      c,
      `(select x.c, x.a, case when x.a then ${c.cell.value} end as v,
      case when x.a then ${c.cell.json} end as j${extras.join('')}
      from (select ${sourceColumns}, ${c.cell.accept} as a from ${source} x offset 0) x) d${k}`,
    );
  }

  const accept = new Map<StagedColumn, string>();
  const values: string[] = [];
  const vCols: string[] = ['n', 'cls'];
  for (const c of plan.columns) {
    const k = c.column.index;
    const extras = Object.values(c.cell.extra ?? {});
    if (c.check === 'inline') {
      const ok = `(${plain(k)} and ${c.cell.accept})`;
      const guard = (expr: string) => `case when ${filled(k)} and ${ok} then ${expr} end`;
      accept.set(c, `(not ${filled(k)} or ${ok})`);
      values.push(`${guard(c.cell.value)} as v${k}`, `${guard(c.cell.json)} as j${k}`);
      for (const [i, extra] of extras.entries()) values.push(`${guard(extra)} as x${k}_${i + 1}`);
    } else {
      accept.set(c, `(not ${filled(k)} or coalesce(d${k}.a, false))`);
      values.push(`d${k}.v as v${k}`, `d${k}.j as j${k}`);
      for (const i of extras.keys()) values.push(`d${k}.x${i + 1} as x${k}_${i + 1}`);
    }
    vCols.push(`v${k}`, `j${k}`, ...extras.map((_, i) => `x${k}_${i + 1}`));
  }
  const valueSql = (c: StagedColumn) =>
    c.check === 'inline' ? `w.t${c.column.index}` : `d${c.column.index}.v`;
  const ok: string[] = plan.columns.map((c) => accept.get(c)!);
  const joins: string[] = lookups.map(
    (c) => `left join ${dictionaries.get(c)} on d${c.column.index}.c = w.c${c.column.index}`,
  );
  for (const c of plan.columns) {
    const k = c.column.index;
    if (c.required && !c.fallback) ok.push(filled(k));
    if (c.denied) ok.push(`not ${filled(k)}`);
    if (c !== plan.key && !c.unique) continue;
    joins.push(`left join ${input.repeats} r${k} on r${k}.k = ${k} and r${k}.t = w.t${k}`);
    const firstInFile = `(r${k}.first is null or r${k}.first = w.n)`;
    if (c === plan.key) ok.push(`(not ${filled(k)} or ${firstInFile})`);
    else
      ok.push(
        `(case when ${valueSql(c)} is not null then ${firstInFile} and not exists (select 1 from ${plan.table} t where t.${quoteCol(c.column.field.key)} = ${valueSql(c)} and t.deleted_at is null) else true end)`,
      );
  }
  const blank = `not (${Array.from({ length: width }, (_, i) => filled(i)).join(' or ') || 'false'})`;
  const key = plan.key;
  if (key) {
    if (!input.stored) throw new Error('a keyed window needs the stored keys');
    joins.push(`left join ${input.stored} sk on sk.t = w.t${key.column.index}`);
  }
  const existing = key ? `(${filled(key.column.index)} and sk.t is not null)` : 'false';
  if (input.perRow && input.perRow.length > 0)
    ok.push(`w.n <> all ('{${input.perRow.map((n) => String(Math.trunc(n))).join(',')}}'::bigint[])`);
  const cls = `case when ${blank} then 'b' when not (${ok.join(' and ') || 'true'}) then 'j'
      when ${existing} then ${plan.duplicates === 'skip' ? `'s'` : `'j'`} else 'w' end as cls`;
  const v = `v as materialized (select w.n, ${[...values, cls].join(', ')} from w1 w ${joins.join(' ')})`;
  const acc = `acc as (select ${vCols.map((c) => `v.${c}`).join(', ')}, row_number() over (order by v.n) as i, ${UUID_V7} as id from v where v.cls = 'w')`;

  const ctes: RawBuilder<unknown>[] = [sql`g as (select 1 as ok)`, sql.raw(w1), sql.raw(v), sql.raw(acc)];
  const date = calendarDate(at, input.timeZone);
  plan.numbers.forEach((spec, j) => {
    ctes.push(sequenceCte(`n${j}`, spec, sql`(select count(*) from acc)`, at, input.timeZone, 'g'));
  });
  const numberCols = plan.numbers.map((spec, j) => ({
    column: spec.column,
    expr: autoNumberSql(spec.pattern, date, sql.raw(`n${j}.base + acc.i`)),
  }));
  ctes.push(
    sql`a as (select ${sql.raw([...vCols, 'i', 'id'].map((c) => `acc.${c}`).join(', '))}${sql.join(
      numberCols.map((n, j) => sql`, ${n.expr} as ${sql.raw(`num${j}`)}`),
      sql``,
    )} from acc${sql.raw(plan.numbers.map((_, j) => `, n${j}`).join(''))})`,
  );

  const insertCols: string[] = ['id', 'created_at', 'created_by', 'updated_at', 'updated_by'];
  const insertVals: string[] = ['a.id', atSql(at), actorSql(actorId), atSql(at), actorSql(actorId)];
  for (const c of plan.columns) {
    const k = c.column.index;
    const parts = columnValues(c);
    parts.forEach((p, i) => {
      insertCols.push(quoteCol(p.column));
      if (i === 0) insertVals.push(c.fallback ? `coalesce(a.v${k}, ${c.fallback.value})` : `a.v${k}`);
      else
        insertVals.push(
          c.fallback && c.column.field.type === 'money'
            ? `coalesce(a.x${k}_${i}, ${sqlText((c.column.field as { currency: string }).currency)})`
            : `a.x${k}_${i}`,
        );
    });
  }
  for (const constant of plan.constants) {
    insertCols.push(quoteCol(constant.column));
    insertVals.push(constant.value);
  }
  plan.numbers.forEach((n, j) => {
    insertCols.push(quoteCol(n.column));
    insertVals.push(`a.num${j}`);
  });
  ctes.push(
    sql.raw(
      `r as (insert into ${plan.table} (${insertCols.join(', ')}) select ${insertVals.join(', ')} from a)`,
    ),
  );

  // the changes as JSON text parsed once (cheaper than building nested jsonb values per key)
  const pieces: string[] = [];
  const constants = plan.constantChangesText.slice(1, -1);
  if (constants !== '') pieces.push(sqlText(constants));
  const entry = (key: string) => sqlText(`${JSON.stringify(key)}:{"old":null,"new":`);
  for (const c of plan.columns) {
    const k = c.column.index;
    const json = c.fallback ? `coalesce(a.j${k}, ${c.fallback.json})` : `a.j${k}`;
    pieces.push(
      `(case when ${json} is not null then ${entry(c.column.field.key)} || (${json})::text || '}' end)`,
    );
  }
  plan.numbers.forEach((n, j) => {
    pieces.push(`${entry(n.column)} || to_jsonb(a.num${j})::text || '}'`);
  });
  const changes =
    pieces.length > 0 ? `('{' || concat_ws(',', ${pieces.join(', ')}) || '}')::jsonb` : `'{}'::jsonb`;
  ctes.push(
    sql.raw(`h as (insert into tessera.record_history (form_id, record_id, operation, version, changes, actor_id, at)
      select ${sqlText(input.formId)}::uuid, a.id, 'created', 1, ${changes}, ${actorSql(actorId)}, ${atSql(at)}
      from a)`),
  );
  const payload = sql`jsonb_build_object('app', ${input.app}::text, 'form', ${plan.formKey}::text,
      'formId', ${input.formId}::text, 'kind', 'created', 'recordIds', b.ids)::json`;
  ctes.push(
    ...jobRowsCtes({
      name: 'e',
      task: RECORD_EVENT_BATCH_TASK,
      source: sql`(select jsonb_agg(a.id order by a.i) as ids from a having count(*) > 0) b`,
      payload,
      orderBy: sql`b.ids`,
      when: sql`current_setting(${RECORD_EVENTS_SETTING}::text, true) is distinct from 'off'`,
      direct: false,
    }),
  );
  return sql`with ${sql.join(ctes)} select
    (select count(*)::int from a) as written,
    (select count(*)::int from v where v.cls = 's') as skipped,
    (select coalesce(array_agg(v.n order by v.n), '{}') from v where v.cls = 'j') as "perRow",
    (select count(*)::int from e) as events${
      input.returnWritten
        ? sql`, (select coalesce(json_agg(json_build_array(a.n, a.id) order by a.n), '[]') from a) as "writtenRows"`
        : sql``
    }`;
}

const quoteCol = (name: string) => `"${name.replace(/"/g, '""')}"`;
const atSql = (at: Date) => `${sqlText(at.toISOString())}::timestamptz`;
const actorSql = (id: string | null) => (id === null ? 'null::uuid' : `${sqlText(id)}::uuid`);
