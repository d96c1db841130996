import type { QueryMeasure } from '@tessera/schema';
import { sql } from 'kysely';
import type { ReportIssue } from '../model/report.error';
import type { ReportClock } from '../model/report-context';
import { isNumeric, isTemporal, type ValueType } from '../model/value-type';
import { compileCondition } from './condition.compiler';
import { durationInput } from './duration.compiler';
import { isResolved, type RowScope } from './row-scope';
import { column, type Sql } from './sql-parts';

/** A per-row column the aggregate reads (`q.m0`, `q.w0` …). */
export interface MeasureInput {
  readonly name: string;
  readonly sql: Sql;
}

export interface CompiledMeasure {
  readonly key: string;
  /** The aggregate over the inner rows (alias `q`). */
  readonly sql: Sql;
  readonly type: ValueType;
  /**
   * The same figure from pre-aggregated rows (alias `q`, columns `partials`): a sum of counts, a
   * sum of sums, a min of mins; an average as sum / count. Absent when the aggregate does not
   * split that way (count distinct, median, percentile, duration).
   */
  readonly final?: Sql;
}

export interface CompiledMeasures {
  readonly inputs: readonly MeasureInput[];
  readonly measures: readonly CompiledMeasure[];
  /** The per-group aggregates of a pre-aggregated plan (over the inner rows, alias `q`). */
  readonly partials: readonly MeasureInput[];
}

const INNER = 'q';

/**
 * Measures in two halves: per-row inputs computed in the inner select (the field, the duration,
 * the `where` condition), and aggregates over them in the outer select. A conditional measure is
 * `agg(…) filter (where q.wN)`; ratio and arithmetic measures combine other measures' aggregates.
 */
export function compileMeasures(
  measures: readonly QueryMeasure[],
  scope: RowScope,
  clock: ReportClock,
  path: string,
  errors: ReportIssue[],
): CompiledMeasures {
  const inputs: MeasureInput[] = [];
  const partials: MeasureInput[] = [];
  /** `agg(…)` per group as column `name`; the final figure reads it as `q.name`. */
  const partial = (name: string, agg: Sql): Sql => {
    partials.push({ name, sql: agg });
    return column(INNER, name);
  };
  const base = new Map<string, CompiledMeasure>();
  const byKey = new Map(measures.map((m) => [m.key, m]));

  measures.forEach((m, i) => {
    const here = `${path}/${i}`;
    if (m.agg === 'ratio' || m.agg === 'arithmetic') {
      if (m.where !== undefined)
        errors.push({ path: `${here}/where`, message: `"where" is not allowed on ${m.agg}` });
      return;
    }
    let filter = sql``;
    if (m.where !== undefined) {
      const condition = compileCondition(m.where, scope, clock, `${here}/where`, errors);
      if (!condition) return;
      inputs.push({ name: `w${i}`, sql: sql`coalesce(${condition}, false)` });
      filter = sql` filter (where ${column(INNER, `w${i}`)})`;
    }
    if (m.agg === 'count') {
      const n = partial(`a${i}`, sql`count(*)${filter}`);
      base.set(m.key, {
        key: m.key,
        sql: sql`count(*)${filter}`,
        type: 'integer',
        final: sql`(sum(${n}))::bigint`,
      });
      return;
    }
    const input = `m${i}`;
    const ref = column(INNER, input);
    if (m.agg === 'duration') {
      const duration = durationInput(m, scope, clock, here, errors);
      if (!duration) return;
      inputs.push({ name: input, sql: duration });
      const stat = m.stat ?? 'avg';
      const agg =
        stat === 'median'
          ? sql`percentile_cont(0.5) within group (order by ${ref})${filter}`
          : sql`${sql.raw(stat)}(${ref})${filter}`;
      base.set(m.key, { key: m.key, sql: sql`(${agg})::float8`, type: 'number' });
      return;
    }
    const field = scope.resolve(m.field);
    if (!isResolved(field)) {
      errors.push({ path: `${here}/field`, message: field.error });
      return;
    }
    inputs.push({ name: input, sql: field.sql });
    const numeric = isNumeric(field.type);
    // The field type's own list (the registry's): a rating has no meaningful sum.
    const offered = (): boolean => {
      if (!field.measures || field.measures.allowed.includes(m.agg)) return true;
      errors.push({
        path: `${here}/agg`,
        message: `${m.agg} is not offered on "${m.field}" (a ${field.measures.type} field): use ${['count', ...field.measures.allowed].join(', ')}`,
      });
      return false;
    };
    switch (m.agg) {
      case 'count_distinct':
        if (!offered()) return;
        base.set(m.key, { key: m.key, sql: sql`count(distinct ${ref})${filter}`, type: 'integer' });
        return;
      case 'sum':
      case 'avg':
      case 'median':
      case 'percentile':
        if (!numeric) {
          errors.push({
            path: `${here}/field`,
            message: `${m.agg} needs a number field; "${m.field}" is ${field.type}`,
          });
          return;
        }
        if (!offered()) return;
        base.set(m.key, {
          ...numericAggregate(m.key, m.agg, m.agg === 'percentile' ? m.p : 0.5, ref, filter, field.type),
          ...numericFinal(m.agg, field.type, ref, filter, (suffix, agg) => partial(`a${i}${suffix}`, agg)),
        });
        return;
      case 'min':
      case 'max':
        if (!numeric && !isTemporal(field.type) && field.type !== 'text') {
          errors.push({ path: `${here}/field`, message: `${m.agg} cannot compare ${field.type} values` });
          return;
        }
        if (!offered()) return;
        base.set(m.key, {
          key: m.key,
          sql: sql`${sql.raw(m.agg)}(${ref})${filter}`,
          type: field.type,
          final: sql`${sql.raw(m.agg)}(${partial(`a${i}`, sql`${sql.raw(m.agg)}(${ref})${filter}`)})`,
        });
        return;
    }
  });

  const combined = new Map<string, CompiledMeasure>();
  const resolving = new Set<string>();
  const combine = (key: string, here: string): CompiledMeasure | null => {
    const done = base.get(key) ?? combined.get(key);
    if (done) return done;
    const m = byKey.get(key);
    if (!m || (m.agg !== 'ratio' && m.agg !== 'arithmetic')) {
      if (!m) errors.push({ path: here, message: `unknown measure "${key}"` });
      return null;
    }
    if (resolving.has(key)) {
      errors.push({ path: here, message: `measure "${key}" refers to itself` });
      return null;
    }
    resolving.add(key);
    const [leftKey, rightKey] = m.agg === 'ratio' ? [m.numerator, m.denominator] : [m.left, m.right];
    const left = combine(leftKey, here);
    const right = combine(rightKey, here);
    resolving.delete(key);
    if (!left || !right) return null;
    const op = m.agg === 'ratio' ? 'divide' : m.op;
    const compiled: CompiledMeasure = {
      key,
      sql: sql`(${combineSql(op, left.sql, right.sql)})`,
      type: 'number',
      ...(left.final && right.final ? { final: sql`(${combineSql(op, left.final, right.final)})` } : {}),
    };
    combined.set(key, compiled);
    return compiled;
  };

  const result: CompiledMeasure[] = [];
  measures.forEach((m, i) => {
    const compiled = base.get(m.key) ?? combine(m.key, `${path}/${i}`);
    if (compiled) result.push(compiled);
  });
  return { inputs, measures: result, partials };
}

function combineSql(op: 'add' | 'subtract' | 'multiply' | 'divide', left: Sql, right: Sql): Sql {
  const l = sql`(${left})::float8`;
  const r = sql`(${right})::float8`;
  return op === 'divide'
    ? sql`${l} / nullif(${r}, 0)`
    : op === 'add'
      ? sql`${l} + ${r}`
      : op === 'subtract'
        ? sql`${l} - ${r}`
        : sql`${l} * ${r}`;
}

/** A sum, an average from pre-aggregated rows; median and percentile do not split (undefined). */
function numericFinal(
  agg: 'sum' | 'avg' | 'median' | 'percentile',
  type: ValueType,
  ref: Sql,
  filter: Sql,
  partial: (suffix: string, agg: Sql) => Sql,
): { final?: Sql } {
  if (agg === 'sum') {
    const sum = sql`sum(${partial('', sql`sum(${ref})${filter}`)})`;
    return { final: type === 'integer' ? sql`(${sum})::bigint` : sum };
  }
  if (agg === 'avg') {
    const sum = partial('', sql`sum(${ref})${filter}`);
    const count = partial('c', sql`count(${ref})${filter}`);
    return { final: sql`(sum(${sum})::numeric / nullif(sum(${count}), 0))::float8` };
  }
  return {};
}

function numericAggregate(
  key: string,
  agg: 'sum' | 'avg' | 'median' | 'percentile',
  p: number,
  ref: Sql,
  filter: Sql,
  type: ValueType,
): CompiledMeasure {
  switch (agg) {
    case 'sum':
      if (type === 'integer') return { key, sql: sql`(sum(${ref})${filter})::bigint`, type: 'integer' };
      return { key, sql: sql`sum(${ref})${filter}`, type: type === 'number' ? 'number' : 'decimal' };
    case 'avg':
      return { key, sql: sql`(avg(${ref})${filter})::float8`, type: 'number' };
    case 'median':
      return {
        key,
        sql: sql`(percentile_cont(0.5) within group (order by ${ref})${filter})::float8`,
        type: 'number',
      };
    case 'percentile':
      return {
        key,
        sql: sql`(percentile_cont(${sql.val(p)}::float8) within group (order by ${ref})${filter})::float8`,
        type: 'number',
      };
  }
}
