import type { ChartRender } from '@tessera/charts';
import type { Chart, DashboardDefinition, QueryModel } from '@tessera/schema';
import { http } from './http';
import type { Label } from './pending-contracts';

/** Shapes of apps/server/src/reports (reports.schemas.ts) as the web app reads them. */
export interface ResultColumn {
  readonly key: string;
  readonly role: 'dimension' | 'measure' | 'grouping';
  readonly type: string;
  readonly labels?: readonly string[];
  /** Cases: each group's stable value → its label by language. */
  readonly valueLabels?: Readonly<Record<string, Label>>;
  readonly format?: string;
  readonly nameSource?: string;
  readonly names?: Readonly<Record<string, string>>;
}
export interface ReportResult {
  readonly columns: readonly ResultColumn[];
  readonly rows: readonly Readonly<Record<string, unknown>>[];
}

export interface WidgetView {
  readonly id: string;
  readonly type: 'report' | 'query' | 'text';
  readonly title?: Label;
  readonly spec?: Chart;
  readonly query?: QueryModel;
  readonly result?: ReportResult;
  readonly chart?: ChartRender;
  readonly error?: { readonly code: string; readonly message: string };
}

export interface DashboardView {
  readonly key: string;
  readonly version: number;
  readonly definition: DashboardDefinition;
  readonly filters: Readonly<Record<string, unknown>>;
  readonly widgets: readonly WidgetView[];
}

export interface ListedDefinition {
  readonly key: string;
  readonly title: Label;
  readonly description?: string;
  readonly version: number;
  readonly updatedAt: string;
}

/** A saved report run by key, with a dashboard's shared filters applied (what the dashboard shows). */
export interface ReportRun extends ReportResult {
  readonly key: string;
  readonly query: QueryModel;
}

export interface DrillInput {
  readonly query: QueryModel;
  readonly point: Readonly<Record<string, unknown>>;
  readonly measure?: string;
  readonly limit?: number;
  readonly offset?: number;
}

const base = (app: string) => `/api/apps/${app}`;

export const reportsApi = {
  dashboards: async (app: string) =>
    (await http.get<{ items: ListedDefinition[] }>(`${base(app)}/dashboards`)).items,
  /** `values`: the shared filter values as on the dashboard's own query string. */
  dashboard: (app: string, key: string, values: Readonly<Record<string, string>>, signal?: AbortSignal) =>
    http.get<DashboardView>(`${base(app)}/dashboards/${key}`, values, signal),
  dashboardDefinition: async (app: string, key: string) =>
    (await http.get<{ definition: DashboardDefinition }>(`${base(app)}/dashboards/${key}/definition`))
      .definition,
  runReport: (app: string, key: string, dashboard: string, values: Readonly<Record<string, string>>) =>
    http.post<ReportRun>(`${base(app)}/reports/${key}`, { dashboard, values }),
  drill: (app: string, input: DrillInput) => http.post<ReportResult>(`${base(app)}/reports/drill`, input),
};
