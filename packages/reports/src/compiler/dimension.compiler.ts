import type { Label, QueryDimension } from '@tessera/schema';
import { sql } from 'kysely';
import type { ReportIssue } from '../model/report.error';
import type { ReportClock } from '../model/report-context';
import { isNumeric, isTemporal, type ValueType } from '../model/value-type';
import { compileCondition } from './condition.compiler';
import type { NameSource } from './result-column';
import { isResolved, type RowScope } from './row-scope';
import { joinSql, type Sql } from './sql-parts';

/** A dimension as an expression over one row, with its result type. */
export interface CompiledDimension {
  readonly key: string;
  readonly sql: Sql;
  readonly type: ValueType;
  /** Bins and cases: the groups in their natural order (sorting uses it instead of text order). */
  readonly labels?: readonly string[];
  /** Cases: the groups' labels in each language, by value (only those the model gives). */
  readonly valueLabels?: Readonly<Record<string, Label>>;
  /** A plain user or department field: its values get display names after the run. */
  readonly nameSource?: NameSource;
}

/**
 * Compiles one dimension: a field (as is, bucketed by date, or binned), a condition (`expr`:
 * true/false groups) or named cases (first matching condition wins). Date buckets are computed
 * in the clock's time zone; bucket units and every label are parameters.
 */
export function compileDimension(
  dim: QueryDimension,
  scope: RowScope,
  clock: ReportClock,
  path: string,
  errors: ReportIssue[],
): CompiledDimension | null {
  const kinds = [dim.field, dim.expr, dim.cases].filter((k) => k !== undefined).length;
  if (kinds !== 1) {
    errors.push({ path, message: 'a dimension needs exactly one of "field", "expr" or "cases"' });
    return null;
  }
  if (dim.expr !== undefined) {
    const condition = compileCondition(dim.expr, scope, clock, `${path}/expr`, errors);
    return condition ? { key: dim.key, sql: condition, type: 'boolean' } : null;
  }
  if (dim.cases !== undefined) {
    const whens: Sql[] = [];
    dim.cases.forEach((c, i) => {
      const condition = compileCondition(c.when, scope, clock, `${path}/cases/${i}/when`, errors);
      if (condition) whens.push(sql`when ${condition} then ${sql.val(c.value)}::text`);
    });
    if (whens.length !== dim.cases.length) return null;
    const otherwise = dim.else === undefined ? sql`null` : sql`${sql.val(dim.else)}::text`;
    const labels = [...dim.cases.map((c) => c.value), ...(dim.else === undefined ? [] : [dim.else])];
    const valueLabels = caseLabels(dim);
    return {
      key: dim.key,
      sql: sql`case ${joinSql(whens, ' ')} else ${otherwise} end`,
      type: 'text',
      labels,
      ...(valueLabels ? { valueLabels } : {}),
    };
  }
  const field = scope.resolve(dim.field as string);
  if (!isResolved(field)) {
    errors.push({ path: `${path}/field`, message: field.error });
    return null;
  }
  if (dim.bucket !== undefined && dim.bins !== undefined) {
    errors.push({ path, message: 'a dimension is either bucketed or binned, not both' });
    return null;
  }
  if (dim.bucket !== undefined) {
    if (!isTemporal(field.type)) {
      errors.push({ path: `${path}/bucket`, message: `"${dim.field}" is not a date or datetime` });
      return null;
    }
    const local =
      field.type === 'datetime'
        ? sql`(${field.sql} at time zone ${sql.val(clock.timeZone)}::text)`
        : sql`${field.sql}::timestamp`;
    switch (dim.bucket) {
      case 'hour':
        return {
          key: dim.key,
          sql: sql`to_char(date_trunc('hour', ${local}), 'YYYY-MM-DD"T"HH24:00')`,
          type: 'text',
        };
      case 'day':
      case 'week':
      case 'month':
      case 'quarter':
      case 'year':
        return { key: dim.key, sql: sql`date_trunc(${sql.val(dim.bucket)}, ${local})::date`, type: 'date' };
      case 'day_of_week':
        return { key: dim.key, sql: sql`extract(isodow from ${local})::integer`, type: 'integer' };
      case 'month_of_year':
        return { key: dim.key, sql: sql`extract(month from ${local})::integer`, type: 'integer' };
    }
  }
  if (dim.bins !== undefined) {
    if (!isNumeric(field.type)) {
      errors.push({ path: `${path}/bins`, message: `"${dim.field}" is not a number` });
      return null;
    }
    const edges = dim.bins.edges;
    if (edges.some((e, i) => i > 0 && e <= (edges[i - 1] as number))) {
      errors.push({ path: `${path}/bins/edges`, message: 'bin edges must be strictly increasing' });
      return null;
    }
    const labels = binLabels(edges);
    const whens = edges.map(
      (edge, i) => sql`when ${field.sql} < ${sql.val(edge)} then ${sql.val(labels[i])}::text`,
    );
    const last = sql`${sql.val(labels[edges.length])}::text`;
    return {
      key: dim.key,
      sql: sql`case when ${field.sql} is null then null ${joinSql(whens, ' ')} else ${last} end`,
      type: 'text',
      labels,
    };
  }
  return {
    key: dim.key,
    sql: field.sql,
    type: field.type,
    ...(field.nameSource ? { nameSource: field.nameSource } : {}),
  };
}

/** `[30, 60, 90]` → `<30`, `30-60`, `60-90`, `>=90` (each bin includes its lower edge). */
export function binLabels(edges: readonly number[]): string[] {
  const labels = [`<${edges[0]}`];
  for (let i = 1; i < edges.length; i++) labels.push(`${edges[i - 1]}-${edges[i]}`);
  labels.push(`>=${edges[edges.length - 1]}`);
  return labels;
}

/** A cases dimension's `{ value → label }`, from each branch's `label` and `elseLabel`; none → undefined. */
function caseLabels(dim: QueryDimension): Record<string, Label> | undefined {
  const out: Record<string, Label> = {};
  for (const c of dim.cases ?? []) if (c.label && !Object.hasOwn(out, c.value)) out[c.value] = c.label;
  if (dim.else !== undefined && dim.elseLabel && !Object.hasOwn(out, dim.else)) out[dim.else] = dim.elseLabel;
  return Object.keys(out).length > 0 ? out : undefined;
}
