import type { QueryModel } from '@tessera/schema';
import { sql } from 'kysely';
import { validateQuery } from '../model/query.validator';
import type { ReportIssue } from '../model/report.error';
import type { CompileOptions, ReportCatalog, ReportClock } from '../model/report-context';
import { DEFAULT_REPORT_LIMITS } from '../model/report-limits';
import { compileLevel, type PreLevel } from './aggregate-level.compiler';
import { conditionDepthIssues, fanOutIssues, joinCountIssues } from './complexity.checker';
import { compileCondition } from './condition.compiler';
import { resolveDateRange } from './date-range.resolver';
import { withImplicitJoins } from './implicit-join.planner';
import { planJoinScope, SOURCE_ALIAS } from './join-scope.planner';
import { type PreAggregation, planPreAggregation } from './pre-aggregate.planner';
import type { ResultColumn } from './result-column';
import { isResolved, type Resolution, type RowScope } from './row-scope';
import { column, compileStatement, id, type Sql, type Statement } from './sql-parts';
import { planStatistics, type StatisticsPlan } from './statistics.planner';

export type CompiledReport =
  | {
      readonly ok: true;
      readonly statement: Statement;
      readonly columns: readonly ResultColumn[];
      readonly query: QueryModel;
      /** The source was grouped per link key before the joins (`CompileOptions.preAggregate`). */
      readonly preAggregated: boolean;
      /** The statistics object that lets the query be pre-aggregated (`with_statistics`). */
      readonly statistics?: StatisticsPlan;
    }
  | CompileFailure;

/**
 * A refused model; `too_complex` when it passed a limit of `CompileOptions.limits`, `fan_out`
 * when it has more one-to-many joins than allowed.
 */
export interface CompileFailure {
  readonly ok: false;
  readonly errors: readonly ReportIssue[];
  readonly reason?: 'too_complex' | 'fan_out';
}

/**
 * Compiles a query model to ONE SQL statement (`{ sql, parameters }`). Pure: identifiers come only
 * from the catalog's form metadata (through `@tessera/forms`' `ident`), every value is a
 * parameter, and a bad model comes back as `{ ok: false, errors }` — never as SQL.
 */
export function compileReport(
  catalog: ReportCatalog,
  input: unknown,
  options: CompileOptions,
): CompiledReport {
  const checked = validateWithinLimits(catalog, input, options);
  if (!checked.ok) return checked;
  const query = checked.query;
  const planned = planJoinScope(catalog, query, options.joinFilter);
  if (!planned.ok) return planned;
  const errors: ReportIssue[] = [];
  const rows = rowConditions(planned.scope, query, options, errors);
  const clock = options.clock;

  let scope = planned.scope;
  let where = rows;
  if (query.stage) {
    const stage = compileLevel(scope, rows, query.stage, clock, '/stage', errors);
    if (!stage) return { ok: false, errors };
    scope = stageScope(stage.sql, stage.columns);
    where = [];
  }
  const plan = query.stage ? null : planPreAggregation(query, planned.links);
  const need = plan ? planStatistics(catalog, query, plan) : undefined;
  const statisticsReady =
    need !== undefined &&
    (!need.needed || (need.plan !== null && catalog.statistics?.has(need.plan.name) === true));
  const mode = options.preAggregate ?? 'never';
  const pre =
    plan && (mode === 'always' || (mode === 'with_statistics' && statisticsReady))
      ? preAggregatedLevel(planned, plan, query, options)
      : undefined;
  const level = compileLevel(
    scope,
    where,
    {
      dimensions: query.dimensions ?? [],
      measures: query.measures ?? [],
      having: query.having,
      sort: query.sort,
      ...(query.limit === undefined ? {} : { limit: query.limit }),
      pivot: query.pivot,
    },
    clock,
    '',
    errors,
    pre,
  );
  if (!level || errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    statement: compileStatement(level.sql),
    columns: level.columns,
    query,
    preAggregated: level.preAggregated,
    ...(need?.needed && need.plan ? { statistics: need.plan } : {}),
  };
}

/**
 * The model's shape, then its joins (the implicit ones added) against the limits: the filter
 * depth is checked first, on the raw input, so nothing recursive walks a pathological one.
 */
export function validateWithinLimits(
  catalog: ReportCatalog,
  input: unknown,
  options: CompileOptions,
): { readonly ok: true; readonly query: QueryModel } | CompileFailure {
  const limits = { ...DEFAULT_REPORT_LIMITS, ...options.limits };
  const deep = conditionDepthIssues(input, limits.maxFilterDepth);
  if (deep.length > 0) return { ok: false, errors: deep, reason: 'too_complex' };
  const validation = validateQuery(input);
  if (!validation.ok) return validation;
  const query = withImplicitJoins(catalog, validation.value);
  const joins = joinCountIssues(query, limits.maxJoins);
  if (joins.length > 0) return { ok: false, errors: joins, reason: 'too_complex' };
  const fanOut = fanOutIssues(catalog, query, limits.maxFanOutJoins);
  if (fanOut.length > 0) return { ok: false, errors: fanOut, reason: 'fan_out' };
  return { ok: true, query };
}

/**
 * The conditions on the source rows: not deleted, the query's filter, its date range (resolved
 * against the clock, bound as parameters) and the caller's row permissions.
 */
export function rowConditions(
  scope: RowScope,
  query: Pick<QueryModel, 'filter' | 'dateRange'>,
  options: CompileOptions,
  errors: ReportIssue[],
): Sql[] {
  const parts = rowConditionParts(scope, query, options, errors);
  return [
    ...parts.base,
    ...(parts.filter ? [parts.filter] : []),
    ...(parts.dateRange ? [parts.dateRange] : []),
  ];
}

/** `rowConditions` by origin: the query's filter and date range may read linked fields. */
function rowConditionParts(
  scope: RowScope,
  query: Pick<QueryModel, 'filter' | 'dateRange'>,
  options: CompileOptions,
  errors: ReportIssue[],
): { base: Sql[]; filter?: Sql; dateRange?: Sql } {
  const base = [...scope.where];
  if (options.rowFilter) base.push(sql`${options.rowFilter(SOURCE_ALIAS)}`);
  const filter =
    query.filter === undefined
      ? null
      : compileCondition(query.filter, scope, options.clock, '/filter', errors);
  const dateRange =
    query.dateRange === undefined
      ? null
      : dateRangeCondition(scope, query.dateRange, options.clock, options.period, errors);
  return { base, ...(filter ? { filter } : {}), ...(dateRange ? { dateRange } : {}) };
}

/**
 * The pre-aggregated level's parts: the conditions split into those on source rows (below the
 * join) and those on linked fields (after it).
 */
function preAggregatedLevel(
  planned: { scope: RowScope; source: Sql },
  plan: PreAggregation,
  query: QueryModel,
  options: CompileOptions,
): PreLevel {
  // compiled once more, apart: any errors were reported by the plain conditions already
  const parts = rowConditionParts(planned.scope, query, options, []);
  const sourceWhere = [...parts.base];
  const joinedWhere: Sql[] = [];
  if (parts.filter) (plan.filter === 'joined' ? joinedWhere : sourceWhere).push(parts.filter);
  if (parts.dateRange) (plan.dateRange === 'joined' ? joinedWhere : sourceWhere).push(parts.dateRange);
  return { source: planned.source, links: plan.links, dimensions: plan.dimensions, sourceWhere, joinedWhere };
}

function dateRangeCondition(
  scope: RowScope,
  range: NonNullable<QueryModel['dateRange']>,
  clock: ReportClock,
  period: CompileOptions['period'],
  errors: ReportIssue[],
): Sql | null {
  const field = scope.resolve(range.field);
  if (!isResolved(field)) {
    errors.push({ path: '/dateRange/field', message: field.error });
    return null;
  }
  const kinds = [range.relative, range.last, range.from ?? range.to].filter((k) => k !== undefined).length;
  if (kinds !== 1) {
    errors.push({
      path: '/dateRange',
      message: 'a date range needs exactly one of "relative", "last" or "from"/"to"',
    });
    return null;
  }
  const { from, to } = resolveDateRange(range, clock, period);
  if (field.type === 'date') {
    return sql`${field.sql} >= ${sql.val(from)}::date and ${field.sql} < ${sql.val(to)}::date`;
  }
  if (field.type === 'datetime') {
    const tz = sql`${sql.val(clock.timeZone)}::text`;
    return sql`${field.sql} >= (${sql.val(from)}::timestamp at time zone ${tz}) and ${field.sql} < (${sql.val(to)}::timestamp at time zone ${tz})`;
  }
  errors.push({ path: '/dateRange/field', message: `"${range.field}" is not a date or datetime` });
  return null;
}

/** A stage's result as the rows of the next level: its keys are the fields. */
function stageScope(stageSql: Sql, columns: readonly ResultColumn[]): RowScope {
  return {
    from: sql`(${stageSql}) as ${id('s')}`,
    where: [],
    resolve(path): Resolution {
      const c = columns.find((x) => x.key === path && x.role !== 'grouping');
      if (!c) return { error: `unknown stage key "${path}"` };
      return { sql: column('s', c.key), type: c.type, ...(c.nameSource ? { nameSource: c.nameSource } : {}) };
    },
  };
}
