import { useQuery } from '@tanstack/react-query';
import type { FormDefinition } from '@tessera/schema';
import { appsApi } from './apps.api';
import { directoryApi } from './directory.api';

/** A form's published definition; definitions change only on publish, so they are kept a while. */
export function useFormDefinition(app: string | undefined, form: string | undefined) {
  return useQuery({
    queryKey: ['apps', app, 'forms', form, 'definition'],
    queryFn: async () => (await appsApi.form(app!, form!)).definition as FormDefinition,
    enabled: Boolean(app && form),
    staleTime: 5 * 60_000,
  });
}

/** What the caller may do with a form's records (the buttons a list offers); kept like the definition. */
export function useFormActions(app: string | undefined, form: string | undefined) {
  return useQuery({
    queryKey: ['apps', app, 'forms', form, 'actions'],
    queryFn: async () => (await appsApi.form(app!, form!)).actions ?? [],
    enabled: Boolean(app && form),
    staleTime: 5 * 60_000,
  });
}

/** Everyone's names (id → name), loaded once: user fields and "changed by" show names, not ids. */
export function useDirectory() {
  return useQuery({ queryKey: ['directory'], queryFn: () => directoryApi.list(), staleTime: 5 * 60_000 });
}
