import type {
  DashboardOut,
  ReportDrillBody,
  ReportListOut,
  ReportResult,
  ReportRunOut,
  ResultColumn,
  WidgetView,
} from '@tessera/api';
import type { DashboardDefinition } from '@tessera/schema';
import { http } from './http';

export type { ReportResult, ResultColumn, WidgetView };
export type DashboardView = DashboardOut;

const base = (app: string) => `/api/apps/${app}`;

export const reportsApi = {
  dashboards: async (app: string) => (await http.get<ReportListOut>(`${base(app)}/dashboards`)).items,
  /** `values`: the shared filter values as on the dashboard's own query string. */
  dashboard: (app: string, key: string, values: Readonly<Record<string, string>>, signal?: AbortSignal) =>
    http.get<DashboardOut>(`${base(app)}/dashboards/${key}`, values, signal),
  dashboardDefinition: async (app: string, key: string) =>
    (await http.get<{ definition: DashboardDefinition }>(`${base(app)}/dashboards/${key}/definition`))
      .definition,
  runReport: (app: string, key: string, dashboard: string, values: Readonly<Record<string, string>>) =>
    http.post<ReportRunOut>(`${base(app)}/reports/${key}`, { dashboard, values }),
  drill: (app: string, input: ReportDrillBody) =>
    http.post<ReportResult>(`${base(app)}/reports/drill`, input),
};
