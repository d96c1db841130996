import type { AppOut, FormOut, PublishedOut } from '@tessera/api';
import { http } from './http';

export const appsApi = {
  list: () => http.get<AppOut[]>('/api/apps'),
  forms: (app: string) => http.get<FormOut[]>(`/api/apps/${app}/forms`),
  form: (app: string, form: string) => http.get<PublishedOut>(`/api/apps/${app}/forms/${form}`),
};
