import type { SavedView, ViewSettings } from '../../api/views.api';

const EMPTY_FILTER = { match: 'all', conditions: [] } as const;

/** One spelling of "the same list": absent filter = no conditions, absent sort = none, absent search = ''. */
function normal(s: ViewSettings) {
  return {
    columns: s.columns ?? null,
    filter: s.filter ?? EMPTY_FILTER,
    sort: s.sort ?? null,
    q: s.q ?? '',
  };
}

/** Whether the list shows what the view saved (a changed filter, sort, column or width: no). */
export function sameSettings(a: ViewSettings, b: ViewSettings): boolean {
  return JSON.stringify(normal(a)) === JSON.stringify(normal(b));
}

/** What the "All records" entry shows: default columns, no filter, no sort, no search. */
export const DEFAULT_VIEW_SETTINGS: ViewSettings = {
  columns: undefined,
  filter: EMPTY_FILTER,
  sort: null,
  q: '',
};

/** Only what a view stores (the list keeps other things in its settings). */
export function viewSettingsOf(s: ViewSettings): ViewSettings {
  return {
    ...(s.columns
      ? {
          columns: s.columns.map((c) => ({
            key: c.key,
            width: Math.min(2000, Math.max(40, Math.round(c.width))),
          })),
        }
      : {}),
    filter: s.filter ?? EMPTY_FILTER,
    sort: s.sort ?? null,
    q: s.q ?? '',
  };
}

/** Shared views first, then the user's own (the server's order within each). */
export function groupViews(views: readonly SavedView[]): { shared: SavedView[]; mine: SavedView[] } {
  return { shared: views.filter((v) => v.shared), mine: views.filter((v) => !v.shared) };
}

const storageKey = (app: string, form: string) => `tessera.view.${app}.${form}`;

export function rememberedViewId(app: string, form: string): string | null {
  return localStorage.getItem(storageKey(app, form));
}

export function rememberViewId(app: string, form: string, id: string | null): void {
  if (id) localStorage.setItem(storageKey(app, form), id);
  else localStorage.removeItem(storageKey(app, form));
}
