import { useQuery } from '@tanstack/react-query';
import type { RecordOut } from '@tessera/api';
import type { AnyField } from '@tessera/logic/browser';
import { useFormDefinition } from '../../api/forms.queries';
import { recordsApi } from '../../api/records.api';
import { recordTitle } from '../shared/record-title';

export const linkTarget = (field: AnyField): string | undefined =>
  'form' in field && typeof field.form === 'string' ? field.form : undefined;

export const linkId = (value: unknown): string | null =>
  typeof value === 'string'
    ? value
    : value && typeof value === 'object' && 'id' in value
      ? String((value as { id: unknown }).id)
      : null;

/** The linked record: as expanded in the value, else fetched once by id (cached), never shown as an id. */
export function useLinkedRecord(app: string, form: string | undefined, value: unknown) {
  const expanded = value && typeof value === 'object' ? (value as RecordOut) : null;
  const id = linkId(value);
  const definition = useFormDefinition(app, form);
  const fetched = useQuery({
    queryKey: ['apps', app, 'forms', form, 'records', id],
    queryFn: () => recordsApi.get(app, form!, id!),
    enabled: Boolean(form && id && !expanded),
    staleTime: 60_000,
  });
  const record = expanded ?? fetched.data ?? null;
  return {
    id,
    record,
    title: record ? recordTitle(definition.data, record) : '',
    // until the target form is known the title is not either: "…", not an empty "—" link
    loading: Boolean(id) && ((!record && fetched.isPending) || definition.isPending),
    missing: fetched.isError,
  };
}
