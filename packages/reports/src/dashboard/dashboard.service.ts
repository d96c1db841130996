import type { ChartRender } from '@tessera/charts';
import {
  type Chart,
  type DashboardDefinition,
  type DashboardWidget,
  type QueryModel,
  type ReportDefinition,
  validate,
} from '@tessera/schema';
import { compileReport } from '../compiler/report.compiler';
import type { StatisticsPlan } from '../compiler/statistics.planner';
import { ReportError, type ReportIssue } from '../model/report.error';
import type { QueryOptions, ReportsContext } from '../model/reports-context';
import type { ReportService, SaveResult } from '../report.service';
import {
  findDefinition,
  type ListedDefinition,
  listDefinitions,
  type StoredDefinition,
  saveDefinition,
} from '../runner/definition.repository';
import type { ReportResult } from '../runner/report.runner';
import { ensureStatistics } from '../runner/statistics.repository';
import { applySharedFilters, type FilterValue, parseFilterValues } from './shared-filter.merger';

/** One widget of a dashboard with its data, or the reason it has none. */
export interface WidgetView {
  readonly id: string;
  readonly type: DashboardWidget['type'];
  /** The widget's title, else its report's (what the card is headed with). */
  readonly title?: Readonly<Record<string, string>>;
  /** The chart spec drawn (the widget's, else its report's): which measures a KPI shows, what x is. */
  readonly spec?: Chart;
  /** The query as run, with the shared filters merged in (what a drill-down sends back). */
  readonly query?: QueryModel;
  readonly result?: ReportResult;
  readonly chart?: ChartRender;
  readonly error?: {
    readonly code: string;
    readonly message: string;
    readonly errors: readonly ReportIssue[];
  };
}

export interface DashboardView {
  readonly key: string;
  readonly version: number;
  readonly definition: DashboardDefinition;
  readonly filters: Readonly<Record<string, FilterValue>>;
  readonly widgets: readonly WidgetView[];
}

/** A saved report run on its own, with shared filter values applied through a dashboard's bindings. */
export interface ReportRunView {
  readonly key: string;
  readonly version: number;
  readonly definition: ReportDefinition;
  readonly filters: Readonly<Record<string, FilterValue>>;
  /** The query as run (what a drill-down sends back). */
  readonly query: QueryModel;
  readonly result: ReportResult;
  readonly chart?: ChartRender;
}

export interface ReportRunInput {
  /** The dashboard whose shared filters apply, and the widget showing the report (its bindings). */
  readonly dashboard?: string;
  readonly widget?: string;
  /** Filter values as on the dashboard's query string. */
  readonly values?: Readonly<Record<string, unknown>>;
}

export interface DashboardService {
  listDashboards(appKey: string): Promise<ListedDefinition<DashboardDefinition>[]>;
  /**
   * A saved report's data. With `dashboard`, its shared filters are parsed from `values` and
   * merged through the bindings of `widget` (default: the first widget showing this report).
   */
  runReport(
    appKey: string,
    key: string,
    input: ReportRunInput,
    options?: QueryOptions,
  ): Promise<ReportRunView>;
  saveDashboard(appKey: string, definition: unknown, expectedVersion?: number): Promise<SaveResult>;
  getDashboard(appKey: string, key: string): Promise<StoredDefinition<DashboardDefinition> | null>;
  /** The definition and every widget's data; `filterInput` holds the shared filter values (query string). */
  runDashboard(
    appKey: string,
    key: string,
    filterInput: Readonly<Record<string, unknown>>,
    options?: QueryOptions,
  ): Promise<DashboardView>;
}

/**
 * Dashboards: stored definitions (tessera.dashboards), and running one — each widget's query
 * (inline, or a stored report's) with the shared filter values merged in through the widget's
 * bindings, rendered by @tessera/charts. A failing widget reports its error; the others still show.
 */
export function createDashboardService(context: ReportsContext, reports: ReportService): DashboardService {
  const { db } = context;
  return {
    async saveDashboard(appKey, definition, expectedVersion) {
      const checked = validate('dashboard', definition);
      if (!checked.ok) return checked;
      const statistics = new Map<string, StatisticsPlan>();
      const errors = await checkWidgets(appKey, checked.value, reports, context, statistics);
      if (errors.length > 0) return { ok: false, errors };
      const saved = await saveDefinition(db, 'dashboards', {
        appKey,
        key: checked.value.key,
        definition: checked.value,
        actorId: context.actor.id,
        at: context.clock.now(),
        ...(expectedVersion === undefined ? {} : { expectedVersion }),
      });
      // what lets the widgets' queries be pre-aggregated, as saving a report does
      if (saved.ok) for (const plan of statistics.values()) await ensureStatistics(db, plan);
      return saved;
    },

    getDashboard: (appKey, key) => findDefinition<DashboardDefinition>(db, 'dashboards', appKey, key),

    listDashboards: (appKey) => listDefinitions<DashboardDefinition>(db, 'dashboards', appKey),

    async runReport(appKey, key, input, options = {}) {
      const stored = await reports.getReport(appKey, key);
      if (!stored) throw new ReportError('REPORT_NOT_FOUND', `app "${appKey}" has no report "${key}"`);
      let query = stored.definition.query;
      let chart = stored.definition.chart;
      let filters: Record<string, FilterValue> = {};
      if (input.dashboard !== undefined) {
        const board = await findDefinition<DashboardDefinition>(db, 'dashboards', appKey, input.dashboard);
        if (!board)
          throw new ReportError(
            'DASHBOARD_NOT_FOUND',
            `app "${appKey}" has no dashboard "${input.dashboard}"`,
          );
        const widget = board.definition.widgets.find((w) =>
          input.widget === undefined ? w.type === 'report' && w.report === key : w.id === input.widget,
        );
        if (widget?.type !== 'report' || widget.report !== key) {
          const message =
            input.widget === undefined
              ? `dashboard "${input.dashboard}" does not show report "${key}"`
              : `widget "${input.widget}" of dashboard "${input.dashboard}" does not show report "${key}"`;
          throw new ReportError('INVALID_QUERY', message, [
            { path: input.widget === undefined ? '/dashboard' : '/widget', message },
          ]);
        }
        const parsed = parseFilterValues(board.definition.filters ?? [], input.values ?? {});
        if (!parsed.ok)
          throw new ReportError('INVALID_QUERY', 'a shared filter value is invalid', parsed.errors);
        filters = parsed.values;
        query = applySharedFilters(query, board.definition.filters ?? [], widget.filters, filters);
        chart = widget.chart ?? chart;
      }
      const rendered = await reports.render(appKey, query, chart, options);
      return {
        key,
        version: stored.version,
        definition: stored.definition,
        filters,
        query,
        result: rendered.result,
        ...(rendered.chart ? { chart: rendered.chart } : {}),
      };
    },

    async runDashboard(appKey, key, filterInput, options = {}) {
      const stored = await findDefinition<DashboardDefinition>(db, 'dashboards', appKey, key);
      if (!stored) throw new ReportError('DASHBOARD_NOT_FOUND', `app "${appKey}" has no dashboard "${key}"`);
      const definition = stored.definition;
      const parsed = parseFilterValues(definition.filters ?? [], filterInput);
      if (!parsed.ok)
        throw new ReportError('INVALID_QUERY', 'a shared filter value is invalid', parsed.errors);
      const widgets: WidgetView[] = [];
      for (const widget of definition.widgets) {
        widgets.push(await runWidget(appKey, definition, widget, parsed.values, reports, options));
      }
      return { key, version: stored.version, definition, filters: parsed.values, widgets };
    },
  };
}

async function runWidget(
  appKey: string,
  dashboard: DashboardDefinition,
  widget: DashboardWidget,
  values: Readonly<Record<string, FilterValue>>,
  reports: ReportService,
  options: QueryOptions,
): Promise<WidgetView> {
  if (widget.type === 'text') return { id: widget.id, type: widget.type };
  let title: Readonly<Record<string, string>> | undefined = widget.title;
  try {
    let query: QueryModel;
    let chart = widget.chart;
    if (widget.type === 'report') {
      const stored = await reports.getReport(appKey, widget.report);
      if (!stored) throw new ReportError('REPORT_NOT_FOUND', `report "${widget.report}" does not exist`);
      query = stored.definition.query;
      chart ??= stored.definition.chart;
      title ??= stored.definition.title;
    } else {
      query = widget.query;
    }
    const merged = applySharedFilters(query, dashboard.filters ?? [], widget.filters, values);
    const rendered = await reports.render(appKey, merged, chart, options);
    return {
      id: widget.id,
      type: widget.type,
      ...(title ? { title } : {}),
      ...(chart ? { spec: chart } : {}),
      query: merged,
      result: rendered.result,
      ...(rendered.chart ? { chart: rendered.chart } : {}),
    };
  } catch (error) {
    // An unreachable database fails the whole dashboard: every other widget would wait for it too.
    if (!(error instanceof ReportError) || error.code === 'REPORTS_UNREACHABLE') throw error;
    return {
      id: widget.id,
      type: widget.type,
      ...(title ? { title } : {}),
      error: { code: error.code, message: error.message, errors: error.errors },
    };
  }
}

/** Inline queries must compile against the app's forms; referenced reports must exist. */
async function checkWidgets(
  appKey: string,
  dashboard: DashboardDefinition,
  reports: ReportService,
  context: ReportsContext,
  statistics: Map<string, StatisticsPlan>,
): Promise<ReportIssue[]> {
  const errors: ReportIssue[] = [];
  const catalog = await reports.catalog(appKey);
  const keys = new Set<string>();
  for (const [i, widget] of dashboard.widgets.entries()) {
    if (keys.has(widget.id))
      errors.push({ path: `/widgets/${i}/id`, message: `widget id "${widget.id}" is used twice` });
    keys.add(widget.id);
    if (widget.type === 'query') {
      const compiled = compileReport(catalog, widget.query, {
        clock: { now: context.clock.now(), timeZone: context.timeZone ?? 'UTC' },
      });
      if (!compiled.ok)
        errors.push(...compiled.errors.map((e) => ({ ...e, path: `/widgets/${i}/query${e.path}` })));
      else if (compiled.statistics) statistics.set(compiled.statistics.name, compiled.statistics);
    } else if (widget.type === 'report' && !(await reports.getReport(appKey, widget.report))) {
      errors.push({ path: `/widgets/${i}/report`, message: `report "${widget.report}" does not exist` });
    }
    if (widget.type !== 'text') {
      for (const filterKey of Object.keys(widget.filters ?? {})) {
        if (!(dashboard.filters ?? []).some((f) => f.key === filterKey)) {
          errors.push({
            path: `/widgets/${i}/filters/${filterKey}`,
            message: `no shared filter "${filterKey}"`,
          });
        }
      }
    }
  }
  return errors;
}
