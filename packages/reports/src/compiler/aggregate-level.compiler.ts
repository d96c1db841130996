import type { QueryDimension, QueryMeasure, QueryModel } from '@tessera/schema';
import { sql } from 'kysely';
import type { ReportIssue } from '../model/report.error';
import type { ReportClock } from '../model/report-context';
import { compileCondition } from './condition.compiler';
import { type CompiledDimension, compileDimension } from './dimension.compiler';
import { type LinkJoin, SOURCE_ALIAS } from './join-scope.planner';
import { compileMeasures, type MeasureInput } from './measure.compiler';
import type { Side } from './pre-aggregate.planner';
import { GROUPING_COLUMN, type ResultColumn } from './result-column';
import type { Resolution, RowScope } from './row-scope';
import { and, column, id, joinSql, type Sql } from './sql-parts';

export interface LevelSpec {
  readonly dimensions: readonly QueryDimension[];
  readonly measures: readonly QueryMeasure[];
  readonly having?: QueryModel['having'];
  readonly sort?: QueryModel['sort'];
  readonly limit?: number;
  readonly pivot?: QueryModel['pivot'];
}

const INNER = 'q';
const PARTIAL = 'p';

/** A level computed from pre-aggregated source rows (see `pre-aggregate.planner`). */
export interface PreLevel {
  /** The source table (`… as t0`) and its links, joined after the source is grouped per key. */
  readonly source: Sql;
  readonly links: readonly LinkJoin[];
  /** Per dimension: computed from source rows (before grouping) or from the linked forms. */
  readonly dimensions: readonly Side[];
  readonly sourceWhere: readonly Sql[];
  readonly joinedWhere: readonly Sql[];
}

/**
 * One aggregation level as one SELECT:
 *
 *     select q.d0 as "<dim>", …, <aggregates> as "<measure>", …
 *     from (select <dimension exprs> as d0…, <measure inputs> as m0…, w0… from <scope> where …) as q
 *     group by q.d0, …            -- or rollup(rows…), rollup(columns…) for a pivot with subtotals
 *     having … order by … limit …
 *
 * Dimensions are computed once per row in the inner select, so a parameter (a time zone, a
 * bucket unit, a label) appears once and GROUP BY only ever names plain columns.
 */
export function compileLevel(
  scope: RowScope,
  where: readonly Sql[],
  spec: LevelSpec,
  clock: ReportClock,
  path: string,
  errors: ReportIssue[],
  pre?: PreLevel,
): { sql: Sql; columns: ResultColumn[]; preAggregated: boolean } | null {
  const before = errors.length;
  const dims: CompiledDimension[] = [];
  spec.dimensions.forEach((d, i) => {
    const compiled = compileDimension(d, scope, clock, `${path}/dimensions/${i}`, errors);
    if (compiled) dims.push(compiled);
  });
  const compiledMeasures = compileMeasures(spec.measures, scope, clock, `${path}/measures`, errors);
  if (errors.length > before) return null;
  const split = pre && compiledMeasures.measures.every((m) => m.final) ? pre : undefined;
  const inputs = compiledMeasures.inputs;
  // From pre-aggregated rows each figure is its `final` (a sum of counts, …): same keys, same types.
  const measures = split
    ? compiledMeasures.measures.map((m) => ({ ...m, sql: m.final as Sql }))
    : compiledMeasures.measures;

  const dimRef = new Map(dims.map((d, i) => [d.key, column(INNER, `d${i}`)]));
  const inner = [
    ...dims.map((d, i) => sql`${d.sql} as ${id(`d${i}`)}`),
    ...inputs.map((input) => sql`${input.sql} as ${id(input.name)}`),
  ];
  const select = [
    ...dims.map((d, i) => sql`${column(INNER, `d${i}`)} as ${id(d.key)}`),
    ...measures.map((m) => sql`${m.sql} as ${id(m.key)}`),
  ];
  const columns: ResultColumn[] = [
    ...dims.map((d) => ({
      key: d.key,
      role: 'dimension' as const,
      type: d.type,
      ...(d.labels ? { labels: d.labels } : {}),
      ...(d.valueLabels ? { valueLabels: d.valueLabels } : {}),
      ...(d.nameSource ? { nameSource: d.nameSource } : {}),
    })),
    ...measures.map((m) => {
      const format = spec.measures.find((x) => x.key === m.key)?.format;
      return { key: m.key, role: 'measure' as const, type: m.type, ...(format ? { format } : {}) };
    }),
  ];

  let groupBy = dims.length > 0 ? sql` group by ${joinSql([...dimRef.values()], ', ')}` : sql``;
  if (spec.pivot) {
    const refs = (keys: readonly string[], at: string) =>
      keys.map((k, i) => {
        const ref = dimRef.get(k);
        if (!ref) errors.push({ path: `${path}/pivot/${at}/${i}`, message: `"${k}" is not a dimension` });
        return ref ?? sql`null`;
      });
    const rows = refs(spec.pivot.rows, 'rows');
    const cols = refs(spec.pivot.columns, 'columns');
    const placed = new Set([...spec.pivot.rows, ...spec.pivot.columns]);
    for (const d of dims) {
      if (!placed.has(d.key))
        errors.push({ path: `${path}/pivot`, message: `dimension "${d.key}" is neither a row nor a column` });
    }
    if (spec.pivot.subtotals === true && dims.length > 0) {
      const sets = [rows, cols].filter((s) => s.length > 0).map((s) => sql`rollup(${joinSql(s, ', ')})`);
      groupBy = sql` group by ${joinSql(sets, ', ')}`;
      select.push(
        sql`grouping(${joinSql([...dimRef.values()], ', ')})::integer as ${sql.raw(`"${GROUPING_COLUMN}"`)}`,
      );
      columns.push({ key: GROUPING_COLUMN, role: 'grouping', type: 'integer' });
    }
  }

  let having = sql``;
  if (spec.having !== undefined) {
    const outputs: RowScope = {
      from: sql``,
      where: [],
      resolve(key): Resolution {
        const m = measures.find((x) => x.key === key);
        if (m) return { sql: m.sql, type: m.type };
        const d = dims.findIndex((x) => x.key === key);
        if (d >= 0) return { sql: column(INNER, `d${d}`), type: (dims[d] as CompiledDimension).type };
        return { error: `unknown dimension or measure "${key}"` };
      },
    };
    const condition = compileCondition(spec.having, outputs, clock, `${path}/having`, errors);
    if (condition) having = sql` having ${condition}`;
  }

  const order = orderBy(
    spec,
    dims,
    measures.map((m) => m.key),
    path,
    errors,
  );
  const limit = spec.limit === undefined ? sql`` : sql` limit ${sql.val(spec.limit)}`;
  if (errors.length > before) return null;
  const innerSql = split
    ? preAggregatedRows(split, dims, inputs, compiledMeasures.partials)
    : sql`select ${joinSql(inner.length ? inner : [sql`1 as ${id('one')}`], ', ')} from ${scope.from} where ${and(where)}`;
  return {
    sql: sql`select ${joinSql(select, ', ')} from (${innerSql}) as ${id(INNER)}${groupBy}${having}${order}${limit}`,
    columns,
    preAggregated: split !== undefined,
  };
}

/**
 * The rows of a pre-aggregated level, in three steps: the source rows (link keys `k0…`, source
 * dimensions, measure inputs) under the source conditions; grouped per key and source dimension
 * (the partial aggregates); the linked forms joined to the groups, their dimensions computed and
 * their conditions applied. The level above groups these as it groups plain rows.
 */
function preAggregatedRows(
  pre: PreLevel,
  dims: readonly CompiledDimension[],
  inputs: readonly MeasureInput[],
  partials: readonly MeasureInput[],
): Sql {
  const keys = pre.links.map((link, i) => ({ name: `k${i}`, link }));
  const sourceDims = dims.map((_, i) => i).filter((i) => pre.dimensions[i] === 'source');
  const rows = [
    ...keys.map((k) => sql`${column(SOURCE_ALIAS, k.link.key)} as ${id(k.name)}`),
    ...sourceDims.map((i) => sql`${(dims[i] as CompiledDimension).sql} as ${id(`d${i}`)}`),
    ...inputs.map((input) => sql`${input.sql} as ${id(input.name)}`),
  ];
  const groupKeys = [...keys.map((k) => k.name), ...sourceDims.map((i) => `d${i}`)];
  const grouped = sql`select ${joinSql(
    [...groupKeys.map((k) => column(INNER, k)), ...partials.map((p) => sql`${p.sql} as ${id(p.name)}`)],
    ', ',
  )} from (select ${joinSql(rows, ', ')} from ${pre.source} where ${and(pre.sourceWhere)}) as ${id(INNER)} group by ${joinSql(
    groupKeys.map((k) => column(INNER, k)),
    ', ',
  )}`;
  const joined = [
    ...dims.map((d, i) =>
      pre.dimensions[i] === 'source' ? column(PARTIAL, `d${i}`) : sql`${d.sql} as ${id(`d${i}`)}`,
    ),
    ...partials.map((p) => column(PARTIAL, p.name)),
  ];
  const joins = keys.map((k) => k.link.clause(column(PARTIAL, k.name)));
  return sql`select ${joinSql(joined.length ? joined : [sql`1 as ${id('one')}`], ', ')} from (${grouped}) as ${id(PARTIAL)} ${joinSql(joins, ' ')} where ${and(pre.joinedWhere)}`;
}

function orderBy(
  spec: LevelSpec,
  dims: readonly CompiledDimension[],
  measureKeys: readonly string[],
  path: string,
  errors: ReportIssue[],
): Sql {
  const dimOrder = (i: number, direction: 'asc' | 'desc') => {
    const d = dims[i] as CompiledDimension;
    const ref = column(INNER, `d${i}`);
    const key = d.labels ? sql`array_position(${sql.val(d.labels)}::text[], ${ref})` : ref;
    return sql`${key} ${sql.raw(direction)} nulls last`;
  };
  const parts: Sql[] = [];
  if (spec.sort && spec.sort.length > 0) {
    spec.sort.forEach((s, i) => {
      const direction = s.direction ?? 'asc';
      const d = dims.findIndex((x) => x.key === s.by);
      if (d >= 0) parts.push(dimOrder(d, direction));
      else if (measureKeys.includes(s.by)) parts.push(sql`${id(s.by)} ${sql.raw(direction)} nulls last`);
      else errors.push({ path: `${path}/sort/${i}/by`, message: `"${s.by}" is not a dimension or measure` });
    });
  } else {
    dims.forEach((_, i) => {
      parts.push(dimOrder(i, 'asc'));
    });
  }
  return parts.length > 0 ? sql` order by ${joinSql(parts, ', ')}` : sql``;
}
