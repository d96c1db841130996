import type { Static } from '@sinclair/typebox';
import {
  AppParams,
  DashboardOut,
  Problem,
  ReportDrillBody,
  ReportExportBody,
  ReportExportQuery,
  ReportKeyParams,
  ReportListOut,
  ReportQueryBody,
  ReportResultOut,
  ReportRunOut,
  ReportSaveBody,
  ReportSavedOut,
  ReportStoredOut,
  RunReportBody,
  SheetFile,
} from '@tessera/api';
import {
  createDashboardService,
  createReportService,
  type ReportLimits,
  type ReportsContext,
} from '@tessera/reports';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { type AccessTarget, type Authorization, authorize } from '../access/authorize';
import { type Clock, systemClock } from '../config/clock';
import { ApiError } from '../errors/api-error';
import { engineCall } from '../errors/engine-call';
import { refuseUnstorableRequest } from '../http/storable-input.hook';
import { reportAccess, withoutHiddenColumns } from './report-access';

const tags = ['reports'];

export interface ReportRouteDeps {
  readonly db: Kysely<any>;
  /**
   * The read replica report statements run on (REPORTS_DATABASE_URL); unset → `db`. Access is
   * decided on `db` either way: the session, roles and catalog come from the primary, and the
   * caller's row scopes are compiled into the statement that runs on the replica.
   */
  readonly readDb?: Kysely<any>;
  /** Relative date ranges and date buckets resolve in this zone. */
  readonly timeZone: string;
  readonly timeoutMs?: number;
  /** Joins, filter depth and estimated cost a report may have (default: the engine's). */
  readonly limits?: Partial<ReportLimits>;
  readonly clock?: Clock;
}

/**
 * The report engine's HTTP API: run a query model, export its result, drill into a data point,
 * read a dashboard with its data; save reports and dashboards (designers). Thin adapters over
 * `@tessera/reports`; the caller's row scopes and hidden fields come from `reportAccess`.
 */
export async function reportRoutes(app: FastifyInstance, deps: ReportRouteDeps): Promise<void> {
  const services = async (request: FastifyRequest, target: AccessTarget & { app: string }) => {
    const principal = await authorize(request, target);
    const context: ReportsContext = {
      db: deps.db,
      ...(deps.readDb ? { readDb: deps.readDb } : {}),
      actor: { id: principal.userId },
      clock: deps.clock ?? systemClock,
      timeZone: deps.timeZone,
      ...(deps.timeoutMs === undefined ? {} : { timeoutMs: deps.timeoutMs }),
      ...(deps.limits ? { limits: deps.limits } : {}),
    };
    const reports = createReportService(context);
    // A member's hooks: row scopes of every form read, and the hidden-field guard (admins: none).
    const restricted = principal.app !== null && !principal.app.admin;
    const access = reportAccess(
      principal,
      restricted ? await engineCall(() => reports.catalog(target.app)) : null,
    );
    return { reports, dashboards: createDashboardService(context, reports), access, principal };
  };
  const sourceOf = (query: unknown) => {
    const source = (query as { source?: unknown } | null)?.source;
    return typeof source === 'string' ? { form: source } : {};
  };

  app.post<{ Params: Static<typeof AppParams>; Body: Static<typeof ReportQueryBody> }>(
    '/api/apps/:app/reports/query',
    {
      schema: {
        tags,
        summary: 'Run a query model (and render its chart)',
        params: AppParams,
        body: ReportQueryBody,
        response: { 200: ReportResultOut, 400: Problem, 404: Problem, 503: Problem },
      },
    },
    async (request) => {
      const { app: appKey } = request.params;
      const { reports, access } = await services(request, {
        app: appKey,
        ...sourceOf(request.body.query),
        action: 'report.run',
      });
      const chart = request.body.chart as Parameters<typeof reports.render>[2];
      const rendered = await engineCall(() => reports.render(appKey, request.body.query, chart, access));
      return {
        columns: rendered.result.columns,
        rows: rendered.result.rows,
        ...(rendered.chart ? { chart: rendered.chart } : {}),
        ...(rendered.previous ? { previous: rendered.previous } : {}),
      };
    },
  );

  app.post<{
    Params: Static<typeof AppParams>;
    Body: Static<typeof ReportExportBody>;
    Querystring: Static<typeof ReportExportQuery>;
  }>(
    '/api/apps/:app/reports/export',
    {
      schema: {
        tags,
        summary: 'Export the result of a query model as CSV or XLSX',
        params: AppParams,
        querystring: ReportExportQuery,
        body: ReportExportBody,
        response: { 200: SheetFile, 400: Problem, 404: Problem, 503: Problem },
      },
    },
    async (request, reply) => {
      const { app: appKey } = request.params;
      // Exporting a result is an export of the source form's data.
      const { reports, access } = await services(request, {
        app: appKey,
        ...sourceOf(request.body.query),
        action: 'record.export',
      });
      const file = await engineCall(async () =>
        reports.exportResult(
          await reports.run(appKey, request.body.query, access),
          request.query.format,
          request.body.titles,
        ),
      );
      const name = `${sourceOf(request.body.query).form ?? 'report'}.${file.extension}`;
      return reply
        .type(file.contentType)
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(file.body);
    },
  );

  app.post<{ Params: Static<typeof AppParams>; Body: Static<typeof ReportDrillBody> }>(
    '/api/apps/:app/reports/drill',
    {
      schema: {
        tags,
        summary: 'The records behind a data point of a query model',
        params: AppParams,
        body: ReportDrillBody,
        response: { 200: ReportResultOut, 400: Problem, 404: Problem, 503: Problem },
      },
    },
    async (request) => {
      const { app: appKey } = request.params;
      const { query, point, measure, limit, offset } = request.body;
      const { reports, access, principal } = await services(request, {
        app: appKey,
        ...sourceOf(query),
        action: 'report.run',
      });
      const drilled = await engineCall(() =>
        reports.drill(
          appKey,
          query,
          {
            point,
            ...(measure === undefined ? {} : { measure }),
            ...(limit === undefined ? {} : { limit }),
            ...(offset === undefined ? {} : { offset }),
          },
          access,
        ),
      );
      const result = withoutHiddenColumns(drilled, principal, sourceOf(query).form);
      return { columns: result.columns, rows: result.rows };
    },
  );

  app.get<{ Params: Static<typeof ReportKeyParams>; Querystring: Record<string, string> }>(
    '/api/apps/:app/dashboards/:key',
    {
      schema: {
        tags,
        summary:
          "A dashboard's definition and each widget's data; shared filter values come from the query string",
        params: ReportKeyParams,
        response: { 200: DashboardOut, 400: Problem, 404: Problem, 503: Problem },
      },
    },
    async (request) => {
      const { app: appKey, key } = request.params;
      const { dashboards, access } = await services(request, {
        app: appKey,
        dashboard: key,
        action: 'dashboard.read',
      });
      return engineCall(() => dashboards.runDashboard(appKey, key, request.query ?? {}, access));
    },
  );

  app.get<{ Params: Static<typeof AppParams> }>(
    '/api/apps/:app/reports',
    {
      schema: {
        tags,
        summary: "The saved reports the caller may read (the role's reports; admins: all)",
        params: AppParams,
        response: { 200: ReportListOut, 404: Problem },
      },
    },
    async (request) => {
      const { app: appKey } = request.params;
      const { reports, principal } = await services(request, { app: appKey, action: 'report.read' });
      const all = await engineCall(async () => {
        await reports.catalog(appKey); // 404 for an app that does not exist
        return reports.listReports(appKey);
      });
      const visible = all.filter((r) => mayRead(principal, 'reports', r.key));
      return {
        items: visible.map((r) => ({
          ...listed(r),
          ...(r.definition.chart ? { chart: r.definition.chart.type } : {}),
        })),
      };
    },
  );

  app.get<{ Params: Static<typeof AppParams> }>(
    '/api/apps/:app/dashboards',
    {
      schema: {
        tags,
        summary: "The dashboards the caller may open (the role's dashboards; admins: all)",
        params: AppParams,
        response: { 200: ReportListOut, 404: Problem },
      },
    },
    async (request) => {
      const { app: appKey } = request.params;
      const { reports, dashboards, principal } = await services(request, {
        app: appKey,
        action: 'dashboard.read',
      });
      const all = await engineCall(async () => {
        await reports.catalog(appKey);
        return dashboards.listDashboards(appKey);
      });
      return { items: all.filter((d) => mayRead(principal, 'dashboards', d.key)).map(listed) };
    },
  );

  // A saved report run by key: GET takes the shared filter values on the query string (like a
  // dashboard: `?dashboard=customer_health&period=this_year`), POST in the body.
  const runSaved = async (
    request: FastifyRequest,
    appKey: string,
    key: string,
    input: { dashboard?: string; widget?: string; values: Record<string, unknown> },
  ) => {
    const { dashboards, access } = await services(request, {
      app: appKey,
      report: key,
      action: 'report.read',
    });
    if (input.dashboard === undefined && Object.keys(input.values).length > 0)
      throw ApiError.validation([
        { path: '/values', message: 'shared filter values need the dashboard whose filters they are' },
      ]);
    // The dashboard's filters and bindings apply only for someone who may open that dashboard.
    if (input.dashboard !== undefined)
      await authorize(request, { app: appKey, dashboard: input.dashboard, action: 'dashboard.read' });
    const view = await engineCall(() =>
      dashboards.runReport(
        appKey,
        key,
        {
          ...(input.dashboard === undefined ? {} : { dashboard: input.dashboard }),
          ...(input.widget === undefined ? {} : { widget: input.widget }),
          values: input.values,
        },
        access,
      ),
    );
    return {
      key: view.key,
      version: view.version,
      definition: view.definition,
      filters: view.filters,
      query: view.query,
      columns: view.result.columns,
      rows: view.result.rows,
      ...(view.chart ? { chart: view.chart } : {}),
    };
  };

  app.get<{ Params: Static<typeof ReportKeyParams>; Querystring: Record<string, string> }>(
    '/api/apps/:app/reports/:key',
    {
      schema: {
        tags,
        summary:
          'Run a saved report; `dashboard` (and `widget`) name whose shared filters apply, the other query parameters are their values',
        params: ReportKeyParams,
        response: { 200: ReportRunOut, 400: Problem, 404: Problem, 503: Problem },
      },
    },
    async (request) => {
      const { app: appKey, key } = request.params;
      const { dashboard, widget, ...values } = request.query ?? {};
      if (dashboard !== undefined && !/^[a-z][a-z0-9_]{0,62}$/.test(dashboard))
        throw ApiError.validation([{ path: '/dashboard', message: 'must be a dashboard key' }]);
      return runSaved(request, appKey, key, {
        ...(dashboard === undefined ? {} : { dashboard }),
        ...(widget === undefined ? {} : { widget }),
        values,
      });
    },
  );

  app.post<{ Params: Static<typeof ReportKeyParams>; Body: Static<typeof RunReportBody> }>(
    '/api/apps/:app/reports/:key',
    {
      schema: {
        tags,
        summary: 'Run a saved report with shared filter values in the body',
        params: ReportKeyParams,
        body: RunReportBody,
        response: { 200: ReportRunOut, 400: Problem, 404: Problem, 503: Problem },
      },
    },
    async (request) => {
      const { app: appKey, key } = request.params;
      const body = request.body ?? {};
      return runSaved(request, appKey, key, {
        ...(body.dashboard === undefined ? {} : { dashboard: body.dashboard }),
        ...(body.widget === undefined ? {} : { widget: body.widget }),
        values: body.values ?? {},
      });
    },
  );

  for (const kind of ['reports', 'dashboards'] as const) {
    app.put<{ Params: Static<typeof ReportKeyParams>; Body: Static<typeof ReportSaveBody> }>(
      `/api/apps/:app/${kind}/:key`,
      {
        preValidation: refuseUnstorableRequest,
        schema: {
          tags,
          summary: `Save a ${kind === 'reports' ? 'report' : 'dashboard'} definition (designers)`,
          params: ReportKeyParams,
          body: ReportSaveBody,
          response: { 200: ReportSavedOut, 400: Problem, 403: Problem, 404: Problem, 409: Problem },
        },
      },
      async (request) => {
        const { app: appKey, key } = request.params;
        const { reports, dashboards } = await services(request, { app: appKey, action: 'form.design' });
        const definition = request.body.definition as { key?: unknown } | null;
        if (definition?.key !== key)
          throw ApiError.validation([{ path: '/definition/key', message: `must be "${key}"` }]);
        const saved = await engineCall(() =>
          kind === 'reports'
            ? reports.saveReport(appKey, definition, request.body.expectedVersion)
            : dashboards.saveDashboard(appKey, definition, request.body.expectedVersion),
        );
        if (saved.ok) return { version: saved.version };
        if (saved.errors.some((e) => e.message.includes('changed meanwhile'))) {
          throw new ApiError('STALE_VERSION', `The ${kind.slice(0, -1)} was changed meanwhile; reload it.`);
        }
        throw ApiError.validation(saved.errors.map((e) => ({ ...e, path: `/definition${e.path}` })));
      },
    );

    app.get<{ Params: Static<typeof ReportKeyParams> }>(
      `/api/apps/:app/${kind}/:key/definition`,
      {
        schema: {
          tags,
          summary: `A stored ${kind === 'reports' ? 'report' : 'dashboard'} definition`,
          params: ReportKeyParams,
          response: { 200: ReportStoredOut, 404: Problem },
        },
      },
      async (request) => {
        const { app: appKey, key } = request.params;
        const { reports, dashboards } = await services(
          request,
          kind === 'reports'
            ? { app: appKey, report: key, action: 'report.read' }
            : { app: appKey, dashboard: key, action: 'dashboard.read' },
        );
        const stored =
          kind === 'reports'
            ? await reports.getReport(appKey, key)
            : await dashboards.getDashboard(appKey, key);
        if (!stored) throw ApiError.notFound(`App "${appKey}" has no ${kind.slice(0, -1)} "${key}".`);
        return stored;
      },
    );
  }
}

/** Admins (system or app) read every saved report and dashboard; members those of their roles. */
function mayRead(who: Authorization, kind: 'reports' | 'dashboards', key: string): boolean {
  if (who.isAdmin || !who.app || who.app.admin) return true;
  return who.app[kind].includes(key);
}

function listed(d: {
  key: string;
  version: number;
  updatedAt: string;
  definition: { title: Readonly<Record<string, string>>; description?: string };
}) {
  return {
    key: d.key,
    title: { ...d.definition.title },
    ...(d.definition.description === undefined ? {} : { description: d.definition.description }),
    version: d.version,
    updatedAt: d.updatedAt,
  };
}
