import { useQueries } from '@tanstack/react-query';
import type { FormDefinition } from '@tessera/schema';
import { useCallback, useMemo } from 'react';
import { appsApi } from '../../../api/apps.api';
import { useForms } from '../../shell/shell.queries';
import type { FormLookup } from './field-path.resolver';

/** Every published form of the app by key (cached like the record pages'): labels of report values come from them. */
export function useAppForms(app: string): { lookup: FormLookup; pending: boolean } {
  const forms = useForms(app);
  const definitions = useQueries({
    queries: (forms.data ?? [])
      .filter((f) => f.publishedVersion !== null)
      .map((f) => ({
        queryKey: ['apps', app, 'forms', f.key, 'definition'],
        queryFn: async () => (await appsApi.form(app, f.key)).definition as FormDefinition,
        staleTime: 5 * 60_000,
      })),
  });
  // a new map only when a definition arrives (useQueries returns a new array every render)
  const stamp = definitions.map((d) => d.dataUpdatedAt).join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed by the definitions' update stamps
  const byKey = useMemo(
    () => new Map(definitions.flatMap((d) => (d.data ? [[d.data.key, d.data] as const] : []))),
    [stamp],
  );
  const lookup = useCallback((form: string) => byKey.get(form), [byKey]);
  return { lookup, pending: forms.isPending || definitions.some((d) => d.isPending) };
}
