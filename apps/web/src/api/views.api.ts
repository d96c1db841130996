import { http } from './http';

/** A list's settings as a saved view holds them (shapes of apps/server saved-views.schemas). */
export interface ViewSettings {
  readonly columns?: readonly { readonly key: string; readonly width: number }[];
  readonly filter?: {
    readonly match: 'all' | 'any';
    readonly conditions: readonly { field: string; op: string; value?: unknown; value2?: unknown }[];
  };
  readonly sort?: { readonly key: string; readonly desc: boolean } | null;
  readonly q?: string;
}

export interface SavedView {
  readonly id: string;
  readonly name: string;
  readonly shared: boolean;
  readonly settings: ViewSettings;
  readonly version: number;
  readonly owner: { readonly id: string; readonly displayName: string };
  readonly mine: boolean;
  readonly editable: boolean;
  readonly updatedAt: string;
}

export interface ViewList {
  readonly items: readonly SavedView[];
  readonly canShare: boolean;
}

const base = (app: string, form: string) => `/api/apps/${app}/forms/${form}/views`;

export const viewsApi = {
  list: (app: string, form: string) => http.get<ViewList>(base(app, form)),
  create: (app: string, form: string, view: { name: string; shared?: boolean; settings: ViewSettings }) =>
    http.post<SavedView>(base(app, form), view),
  update: (
    app: string,
    form: string,
    id: string,
    change: { version: number; name?: string; shared?: boolean; settings?: ViewSettings },
  ) => http.patch<SavedView>(`${base(app, form)}/${id}`, change),
  remove: (app: string, form: string, id: string) => http.delete<void>(`${base(app, form)}/${id}`),
};
