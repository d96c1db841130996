import { formTableModel, recordTable, SYSTEM_COLUMNS } from '@tessera/forms';
import { sql } from 'kysely';
import type { ReportIssue } from '../model/report.error';
import type { CompileOptions, ReportCatalog } from '../model/report-context';
import type { ValueType } from '../model/value-type';
import { compileCondition } from './condition.compiler';
import { compileDimension } from './dimension.compiler';
import { pointValueProblem } from './drill-point.checker';
import { fieldValueType, nameSourceOf } from './field-type.mapper';
import { planJoinScope, SOURCE_ALIAS } from './join-scope.planner';
import { type CompileFailure, rowConditions, validateWithinLimits } from './report.compiler';
import type { ResultColumn } from './result-column';
import { and, column, compileStatement, id, joinSql, type Sql, type Statement } from './sql-parts';

export interface DrillRequest {
  /** The dimension values of the data point (`{ month: '2026-03-01', tier: 'key' }`). */
  readonly point: Readonly<Record<string, unknown>>;
  /** A conditional measure clicked: its `where` narrows the records too. */
  readonly measure?: string;
  readonly limit?: number;
  readonly offset?: number;
}

export type CompiledDrill =
  | { readonly ok: true; readonly statement: Statement; readonly columns: readonly ResultColumn[] }
  | CompileFailure;

const SHOWN_SYSTEM = new Set<string>(['id', 'created_at', 'updated_at']);
export const MAX_DRILL_ROWS = 1000;

/**
 * The records behind a data point: a list query of the source form with the query's filters,
 * date range and row permissions, plus "dimension = the point's value" for each dimension of the
 * point (`is not distinct from`, so an empty group drills to the records with no value).
 * Newest first, paged. Joins may repeat a source record (line items), so the source rows are
 * picked by `id in (…)`.
 */
export function compileDrill(
  catalog: ReportCatalog,
  input: unknown,
  request: DrillRequest,
  options: CompileOptions,
): CompiledDrill {
  const checked = validateWithinLimits(catalog, input, options);
  if (!checked.ok) return checked;
  const query = checked.query;
  if (query.stage)
    return {
      ok: false,
      errors: [{ path: '/stage', message: 'a staged query has no records behind a point' }],
    };
  const planned = planJoinScope(catalog, query, options.joinFilter);
  if (!planned.ok) return planned;
  const { scope } = planned;
  const errors: ReportIssue[] = [];
  const where = rowConditions(scope, query, options, errors);
  for (const [key, value] of Object.entries(request.point)) {
    const index = (query.dimensions ?? []).findIndex((d) => d.key === key);
    const dim = (query.dimensions ?? [])[index];
    if (!dim) {
      errors.push({ path: `/point/${key}`, message: `"${key}" is not a dimension of the query` });
      continue;
    }
    const compiled = compileDimension(dim, scope, options.clock, `/dimensions/${index}`, errors);
    if (!compiled) continue;
    const problem = pointValueProblem(compiled.type, value);
    if (problem) errors.push({ path: `/point/${key}`, message: problem });
    else where.push(sql`${compiled.sql} is not distinct from ${sql.val(value)}`);
  }
  if (request.measure !== undefined) {
    const measure = (query.measures ?? []).find((m) => m.key === request.measure);
    if (!measure)
      errors.push({ path: '/measure', message: `"${request.measure}" is not a measure of the query` });
    else if (measure.where !== undefined) {
      const condition = compileCondition(measure.where, scope, options.clock, '/measure/where', errors);
      if (condition) where.push(condition);
    }
  }
  const offset = request.offset ?? 0;
  if (!Number.isSafeInteger(offset) || offset < 0)
    errors.push({ path: '/offset', message: 'must be a whole number from 0 to 9007199254740991' });
  if (errors.length > 0) return { ok: false, errors };

  const form = catalog.forms[query.source];
  if (!form) return { ok: false, errors: [{ path: '/source', message: `unknown form "${query.source}"` }] };
  const table = formTableModel(catalog.appKey, form);
  const columns: ResultColumn[] = [];
  for (const c of table.columns) {
    if (c.deleted || ((SYSTEM_COLUMNS as readonly string[]).includes(c.name) && !SHOWN_SYSTEM.has(c.name)))
      continue;
    const field = form.fields.find((f) => f.id === c.fieldId);
    const type: ValueType = !field
      ? c.name === 'id'
        ? 'text'
        : 'datetime'
      : c.role === 'currency'
        ? 'text'
        : (() => {
            const t = fieldValueType(field);
            return typeof t === 'string' ? t : 'json';
          })();
    const nameSource = field && c.role !== 'currency' ? nameSourceOf(field) : undefined;
    columns.push({ key: c.name, role: 'dimension', type, ...(nameSource ? { nameSource } : {}) });
  }
  const limit = Math.min(Math.max(1, request.limit ?? 100), MAX_DRILL_ROWS);
  const select = columns.map((c) => column('r', c.key));
  const text: Sql = sql`select ${joinSql(select, ', ')} from ${recordTable(catalog.appKey, form.key)} as ${id('r')}
 where ${column('r', 'id')} in (select ${column(SOURCE_ALIAS, 'id')} from ${scope.from} where ${and(where)})
 order by ${column('r', 'created_at')} desc, ${column('r', 'id')} limit ${sql.val(limit)} offset ${sql.val(offset)}`;
  return { ok: true, statement: compileStatement(text), columns };
}
