import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import type { DashboardDefinition } from '@tessera/schema';
import { reportsApi } from '../../api/reports.api';

type SharedFilter = NonNullable<DashboardDefinition['filters']>[number];

/** The dashboards the user may open in an app (the navigation lists them). */
export const useDashboards = (app: string | undefined) =>
  useQuery({
    queryKey: ['apps', app, 'dashboards'],
    queryFn: () => reportsApi.dashboards(app!),
    enabled: Boolean(app),
    staleTime: 5 * 60_000,
  });

/** A dashboard with every widget's data for these shared filter values; the last figures stay while new ones load. */
export const useDashboardRun = (
  app: string,
  key: string | undefined,
  values: Readonly<Record<string, string>>,
  enabled = true,
) =>
  useQuery({
    queryKey: ['apps', app, 'dashboards', key, 'run', values],
    queryFn: ({ signal }) => reportsApi.dashboard(app, key!, values, signal),
    enabled: Boolean(key) && enabled,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });

export interface BoundDashboard {
  readonly key: string;
  readonly definition: DashboardDefinition;
  /** The select filter that takes one record of the form (its `options.field` value). */
  readonly filter: SharedFilter & { readonly options: { readonly form: string; readonly field: string } };
}

/**
 * The dashboard about one record of `form` — the first the user may open whose select filter
 * offers that form's records (the ERP pack's customer 360° view picks a customer by code): the
 * record's overview page is that dashboard with the filter set to the record.
 */
export function useBoundDashboard(app: string, form: string) {
  const list = useDashboards(app);
  const definitions = useQueries({
    queries: (list.data ?? []).map((d) => ({
      queryKey: ['apps', app, 'dashboards', d.key, 'definition', d.version],
      queryFn: () => reportsApi.dashboardDefinition(app, d.key),
      staleTime: 5 * 60_000,
    })),
  });
  const pending = list.isPending || definitions.some((d) => d.isPending);
  let bound: BoundDashboard | null = null;
  for (const d of definitions) {
    const definition = d.data;
    const filter = definition?.filters?.find((f) => f.type === 'select' && f.options?.form === form);
    if (definition && filter?.options) {
      bound = { key: definition.key, definition, filter: filter as BoundDashboard['filter'] };
      break;
    }
  }
  return { pending, bound, error: list.error };
}
