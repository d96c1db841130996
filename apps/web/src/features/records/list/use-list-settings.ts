import { useCallback, useState } from 'react';
import type { FilterState } from './filter-builder';
import type { SortState } from './grid-header';
import type { ColumnSetting } from './list-columns';

/** What a list shows: columns, filter, sort, search — the content of a saved view. */
export interface ListSettings {
  readonly columns?: readonly ColumnSetting[];
  readonly filter?: FilterState;
  readonly sort?: SortState | null;
  readonly q?: string;
}

const storageKey = (app: string, form: string) => `tessera.list.${app}.${form}`;

/** The list's current settings, kept in this browser between visits. */
export function useListSettings(app: string, form: string) {
  const [settings, setSettings] = useState<ListSettings>(() => {
    try {
      return JSON.parse(localStorage.getItem(storageKey(app, form)) ?? '{}') as ListSettings;
    } catch {
      return {};
    }
  });
  const update = useCallback(
    (patch: Partial<ListSettings> | ((s: ListSettings) => ListSettings)) =>
      setSettings((s) => {
        const next = typeof patch === 'function' ? patch(s) : { ...s, ...patch };
        localStorage.setItem(storageKey(app, form), JSON.stringify(next));
        return next;
      }),
    [app, form],
  );
  return [settings, update] as const;
}
