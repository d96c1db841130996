import { apiUrl, http } from './http';
import type { HistoryEntry, ListPage, ListParams, StoredRecord } from './pending-contracts';

const base = (app: string, form: string) => `/api/apps/${app}/forms/${form}/records`;

function listQuery(params: ListParams) {
  return {
    filter: params.filter === undefined ? undefined : JSON.stringify(params.filter),
    sort: params.sort,
    limit: params.limit,
    cursor: params.cursor,
    q: params.q || undefined,
    count: params.count,
    expand: params.expand?.length ? params.expand.join(',') : undefined,
  };
}

export const recordsApi = {
  list: (app: string, form: string, params: ListParams, signal?: AbortSignal) =>
    http.get<ListPage>(base(app, form), listQuery(params), signal),
  get: (app: string, form: string, id: string, expand?: readonly string[]) =>
    http.get<StoredRecord>(`${base(app, form)}/${id}`, expand?.length ? { expand: expand.join(',') } : {}),
  create: (app: string, form: string, values: Record<string, unknown>) =>
    http.post<StoredRecord>(base(app, form), values),
  update: (app: string, form: string, id: string, version: number, values: Record<string, unknown>) =>
    http.patch<StoredRecord>(`${base(app, form)}/${id}`, { ...values, version }),
  remove: (app: string, form: string, id: string) => http.delete<void>(`${base(app, form)}/${id}`),
  bulkUpdate: (
    app: string,
    form: string,
    items: readonly { id: string; version: number; values: Record<string, unknown> }[],
  ) => http.post<{ items: StoredRecord[] }>(`${base(app, form)}/bulk`, { action: 'update', items }),
  history: (app: string, form: string, id: string) =>
    http.get<HistoryEntry[]>(`${base(app, form)}/${id}/history`),
  /** The export route streams a file: the browser downloads it from this URL. */
  exportUrl: (
    app: string,
    form: string,
    options: {
      format: 'csv' | 'xlsx';
      lang: string;
      filter?: unknown;
      sort?: string;
      columns?: readonly string[];
    },
  ) =>
    apiUrl(`${base(app, form)}/export`, {
      format: options.format,
      lang: options.lang,
      filter: options.filter === undefined ? undefined : JSON.stringify(options.filter),
      sort: options.sort,
      columns: options.columns?.join(','),
    }),
};
