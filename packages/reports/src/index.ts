/**
 * @tessera/reports — the report engine: a query model (pure data, the pack format's `query`)
 * compiled to one safe SQL statement, run with a statement timeout, drawn by @tessera/charts;
 * dashboards with shared filters, drill-down and CSV/XLSX export. See README.md.
 */

export {
  type DateRange,
  type ResolvedRange,
  resolveDateRange,
  todayIn,
} from './compiler/date-range.resolver';
export {
  type CompiledDrill,
  compileDrill,
  type DrillRequest,
  MAX_DRILL_ROWS,
} from './compiler/drill.compiler';
export { SOURCE_ALIAS } from './compiler/join-scope.planner';
export { type CompiledReport, compileReport } from './compiler/report.compiler';
export { GROUPING_COLUMN, type NameSource, type ResultColumn } from './compiler/result-column';
export type { Statement } from './compiler/sql-parts';
export type { StatisticsPlan } from './compiler/statistics.planner';
export {
  createDashboardService,
  type DashboardService,
  type DashboardView,
  type ReportRunInput,
  type ReportRunView,
  type WidgetView,
} from './dashboard/dashboard.service';
export {
  applySharedFilters,
  type DashboardFilter,
  type FilterValue,
  parseFilterValues,
} from './dashboard/shared-filter.merger';
export { toCsv } from './export/csv.exporter';
export { toXlsx } from './export/xlsx.exporter';
export { type QueryValidation, validateQuery } from './model/query.validator';
export {
  ReportError,
  type ReportErrorCode,
  type ReportIssue,
} from './model/report.error';
export type { CompileOptions, ReportCatalog, ReportClock, ReportPeriod } from './model/report-context';
export { DEFAULT_REPORT_LIMITS, type ReportLimits } from './model/report-limits';
export type { QueryOptions, ReportsContext, RowFilterProvider } from './model/reports-context';
export type { ValueType } from './model/value-type';
export {
  createReportService,
  type ExportFile,
  type ExportFormat,
  type RenderedReport,
  type ReportService,
  type SaveResult,
} from './report.service';
export { type ListedDefinition, loadCatalog, type StoredDefinition } from './runner/definition.repository';
export { attachNames } from './runner/name.resolver';
export {
  DEFAULT_STATEMENT_TIMEOUT_MS,
  type ReportResult,
  type ResultRow,
  type RunOptions,
  runStatement,
} from './runner/report.runner';
export { ensureStatistics } from './runner/statistics.repository';
