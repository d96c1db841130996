import { http } from './http';
import type { AppSummary, FormSummary, PublishedForm } from './pending-contracts';

export const appsApi = {
  list: () => http.get<AppSummary[]>('/api/apps'),
  forms: (app: string) => http.get<FormSummary[]>(`/api/apps/${app}/forms`),
  form: (app: string, form: string) => http.get<PublishedForm>(`/api/apps/${app}/forms/${form}`),
};
