import { type ChartRender, type ChartSpec, renderChart } from '@tessera/charts';
import { type QueryModel, type ReportDefinition, validate } from '@tessera/schema';
import { conditionDepthIssues } from './compiler/complexity.checker';
import { type CompiledDrill, compileDrill, type DrillRequest } from './compiler/drill.compiler';
import { SOURCE_ALIAS } from './compiler/join-scope.planner';
import { type CompiledReport, compileReport } from './compiler/report.compiler';
import { toCsv } from './export/csv.exporter';
import { toXlsx } from './export/xlsx.exporter';
import { validateChart } from './model/query.validator';
import { ReportError, type ReportIssue } from './model/report.error';
import type { CompileOptions, ReportCatalog, ReportPeriod } from './model/report-context';
import { DEFAULT_REPORT_LIMITS } from './model/report-limits';
import type { QueryOptions, ReportsContext } from './model/reports-context';
import {
  findDefinition,
  type ListedDefinition,
  listDefinitions,
  loadCatalog,
  type StoredDefinition,
  saveDefinition,
} from './runner/definition.repository';
import { attachNames } from './runner/name.resolver';
import { replicaError } from './runner/replica-error';
import { type ReportResult, runStatement } from './runner/report.runner';
import { ensureStatistics } from './runner/statistics.repository';

export type ExportFormat = 'csv' | 'xlsx';

export interface ExportFile {
  readonly contentType: string;
  readonly extension: ExportFormat;
  readonly body: string | Buffer;
}

export interface RenderedReport {
  readonly result: ReportResult;
  readonly chart?: ChartRender;
  /** KPI cards: the result over the period compared with. */
  readonly previous?: ReportResult;
}

export type SaveResult =
  | { readonly ok: true; readonly version: number }
  | { readonly ok: false; readonly errors: readonly ReportIssue[] };

/** The report service: run, render, drill into and export queries; save and read reports. */
export interface ReportService {
  catalog(appKey: string): Promise<ReportCatalog>;
  run(
    appKey: string,
    query: unknown,
    options?: QueryOptions & { period?: ReportPeriod },
  ): Promise<ReportResult>;
  render(
    appKey: string,
    query: unknown,
    chart: ChartSpec | undefined,
    options?: QueryOptions,
  ): Promise<RenderedReport>;
  drill(appKey: string, query: unknown, request: DrillRequest, options?: QueryOptions): Promise<ReportResult>;
  exportResult(
    result: ReportResult,
    format: ExportFormat,
    titles?: Readonly<Record<string, string>>,
  ): Promise<ExportFile>;
  saveReport(appKey: string, definition: unknown, expectedVersion?: number): Promise<SaveResult>;
  getReport(appKey: string, key: string): Promise<StoredDefinition<ReportDefinition> | null>;
  /** Every saved report of the app (the caller filters by what the user may read). */
  listReports(appKey: string): Promise<ListedDefinition<ReportDefinition>[]>;
}

export function createReportService(context: ReportsContext): ReportService {
  const { db } = context;
  const readDb = context.readDb ?? db;
  const limits = { ...DEFAULT_REPORT_LIMITS, ...context.limits };
  const compileOptions = (
    query: unknown,
    options: QueryOptions & { period?: ReportPeriod } = {},
  ): CompileOptions => {
    const source = (query as { source?: unknown } | null)?.source;
    const restriction = typeof source === 'string' ? options.rowFilter?.(source, SOURCE_ALIAS) : undefined;
    return {
      clock: { now: context.clock.now(), timeZone: context.timeZone ?? 'UTC' },
      ...(options.period ? { period: options.period } : {}),
      ...(restriction ? { rowFilter: () => restriction } : {}),
      ...(options.rowFilter ? { joinFilter: options.rowFilter } : {}),
      limits,
      preAggregate: 'with_statistics',
    };
  };
  const catalog = async (appKey: string) => {
    const loaded = await loadCatalog(db, appKey);
    if (!loaded) throw new ReportError('REPORT_NOT_FOUND', `app "${appKey}" does not exist`);
    return loaded;
  };
  const execute = async (compiled: CompiledReport | CompiledDrill) => {
    if (!compiled.ok) {
      if (compiled.reason === 'too_complex')
        throw new ReportError('REPORT_TOO_COMPLEX', compiled.errors[0]!.message, compiled.errors);
      if (compiled.reason === 'fan_out')
        throw new ReportError('REPORT_FAN_OUT', compiled.errors[0]!.message, compiled.errors);
      throw new ReportError('INVALID_QUERY', 'the query is invalid', compiled.errors);
    }
    try {
      const result = await runStatement(readDb, compiled.statement, compiled.columns, {
        timeoutMs: context.timeoutMs,
        maxCost: limits.maxCost,
      });
      return await attachNames(readDb, result);
    } catch (error) {
      throw readDb === db ? error : replicaError(error);
    }
  };
  const guarded = async (appKey: string, query: unknown, options: QueryOptions) => {
    const loaded = await catalog(appKey);
    // before the guard, which walks the query recursively (the compiler checks it again)
    const deep = conditionDepthIssues(query, limits.maxFilterDepth);
    if (deep.length > 0) throw new ReportError('REPORT_TOO_COMPLEX', deep[0]!.message, deep);
    options.guard?.(query, loaded);
    return loaded;
  };
  const run: ReportService['run'] = async (appKey, query, options = {}) =>
    execute(compileReport(await guarded(appKey, query, options), query, compileOptions(query, options)));

  return {
    catalog,
    run,
    async render(appKey, query, chart, options = {}) {
      if (chart !== undefined) {
        const checked = validateChart(chart);
        if (!checked.ok) {
          const errors = checked.errors.map((e) => ({ ...e, path: `/chart${e.path}` }));
          throw new ReportError('INVALID_QUERY', 'the chart is invalid', errors);
        }
      }
      const result = await run(appKey, query, options);
      if (!chart) return { result };
      const model = query as QueryModel;
      const compare = chart.type === 'kpi' && chart.compare && model.dateRange ? chart.compare : undefined;
      const previous = compare ? await run(appKey, query, { ...options, period: compare }) : undefined;
      try {
        const rendered = renderChart(result, chart, {
          ...(previous ? { previous } : {}),
          ...(model.pivot ? { pivot: model.pivot } : {}),
        });
        return { result, chart: rendered, ...(previous ? { previous } : {}) };
      } catch (error) {
        throw new ReportError('INVALID_QUERY', error instanceof Error ? error.message : String(error), [
          { path: '/chart', message: error instanceof Error ? error.message : String(error) },
        ]);
      }
    },
    async drill(appKey, query, request, options = {}) {
      return execute(
        compileDrill(await guarded(appKey, query, options), query, request, compileOptions(query, options)),
      );
    },
    async exportResult(result, format, titles = {}) {
      if (format === 'csv')
        return { contentType: 'text/csv; charset=utf-8', extension: 'csv', body: toCsv(result, titles) };
      return {
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        extension: 'xlsx',
        body: await toXlsx(result, titles),
      };
    },
    async saveReport(appKey, definition, expectedVersion) {
      const checked = validate('report', definition);
      if (!checked.ok) return checked;
      const compiled = compileReport(
        await catalog(appKey),
        checked.value.query,
        compileOptions(checked.value.query),
      );
      if (!compiled.ok)
        return { ok: false, errors: compiled.errors.map((e) => ({ ...e, path: `/query${e.path}` })) };
      const saved = await saveDefinition(db, 'reports', {
        appKey,
        key: checked.value.key,
        definition: checked.value,
        actorId: context.actor.id,
        at: context.clock.now(),
        ...(expectedVersion === undefined ? {} : { expectedVersion }),
      });
      // what lets the report be pre-aggregated; saved either way (without it, the plain plan)
      if (saved.ok && compiled.statistics) await ensureStatistics(db, compiled.statistics);
      return saved;
    },
    getReport: (appKey, key) => findDefinition<ReportDefinition>(db, 'reports', appKey, key),
    listReports: (appKey) => listDefinitions<ReportDefinition>(db, 'reports', appKey),
  };
}
