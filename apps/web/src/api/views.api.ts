import type {
  DeepReadonly,
  ViewIn,
  ViewList as ViewListOut,
  ViewOut,
  ViewPatch,
  ViewSettings as ViewSettingsIn,
} from '@tessera/api';
import { http } from './http';

/** A list's settings as a saved view holds them (read-only, as the list keeps them). */
export type ViewSettings = DeepReadonly<ViewSettingsIn>;
/** A saved view of a list, as the view switcher shows it. */
export type SavedView = DeepReadonly<ViewOut>;
export type ViewList = DeepReadonly<ViewListOut>;

const base = (app: string, form: string) => `/api/apps/${app}/forms/${form}/views`;

export const viewsApi = {
  list: (app: string, form: string) => http.get<ViewList>(base(app, form)),
  create: (app: string, form: string, view: DeepReadonly<ViewIn>) =>
    http.post<SavedView>(base(app, form), view),
  update: (app: string, form: string, id: string, change: DeepReadonly<ViewPatch>) =>
    http.patch<SavedView>(`${base(app, form)}/${id}`, change),
  remove: (app: string, form: string, id: string) => http.delete<void>(`${base(app, form)}/${id}`),
};
