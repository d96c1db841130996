import type { RecordBulkOut, RecordHistory, RecordList, RecordOut } from '@tessera/api';
import { apiUrl, http } from './http';

/** What a list asks for; `listQuery` turns it into the route's querystring (RecordListQuery). */
export interface ListParams {
  readonly filter?: unknown;
  readonly sort?: string;
  readonly limit?: number;
  readonly cursor?: string;
  readonly q?: string;
  readonly count?: 'exact' | 'none';
  readonly expand?: readonly string[];
}

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
    http.get<RecordList>(base(app, form), listQuery(params), signal),
  get: (app: string, form: string, id: string, expand?: readonly string[]) =>
    http.get<RecordOut>(`${base(app, form)}/${id}`, expand?.length ? { expand: expand.join(',') } : {}),
  create: (app: string, form: string, values: Record<string, unknown>) =>
    http.post<RecordOut>(base(app, form), values),
  update: (app: string, form: string, id: string, version: number, values: Record<string, unknown>) =>
    http.patch<RecordOut>(`${base(app, form)}/${id}`, { ...values, version }),
  remove: (app: string, form: string, id: string) => http.delete<void>(`${base(app, form)}/${id}`),
  bulkUpdate: (
    app: string,
    form: string,
    items: readonly { id: string; version: number; values: Record<string, unknown> }[],
  ) => http.post<RecordBulkOut>(`${base(app, form)}/bulk`, { action: 'update', items }),
  history: (app: string, form: string, id: string) =>
    http.get<RecordHistory>(`${base(app, form)}/${id}/history`),
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
