import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormDefinition } from '../../../api/forms.queries';
import { recordsApi } from '../../../api/records.api';
import { recordTitle } from '../../../fields/shared/record-title';
import { useDebounced } from '../../../shared/hooks/use-debounced';

/**
 * A select filter offering a form field's values (`options: { form, field }`): the records are
 * searched by the form's quick search and shown by their title, the value sent is the field's
 * (a customer's code). The value picked is looked up so it shows its title, never the code alone.
 */
export function RecordValuePicker({
  id,
  app,
  form,
  field,
  multiple,
  value,
  onChange,
}: {
  id: string;
  app: string;
  form: string;
  field: string;
  multiple: boolean;
  value: string;
  onChange: (value: string) => void;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebounced(search, 250);
  const definition = useFormDefinition(app, form);
  const picked = value ? value.split(',') : [];
  const results = useQuery({
    queryKey: ['apps', app, 'forms', form, 'filter-pick', q],
    queryFn: ({ signal }) => recordsApi.list(app, form, { q, limit: 30 }, signal),
    staleTime: 30_000,
  });
  const current = useQuery({
    queryKey: ['apps', app, 'forms', form, 'filter-current', field, picked],
    queryFn: () =>
      recordsApi.list(app, form, { filter: { in: [{ var: field }, picked] }, limit: picked.length }),
    enabled: picked.length > 0,
    staleTime: 60_000,
  });
  const options = new Map<string, string>();
  for (const r of [...(current.data?.items ?? []), ...(results.data?.items ?? [])]) {
    const v = r[field];
    if (typeof v !== 'string' && typeof v !== 'number') continue;
    const title = recordTitle(definition.data, r);
    options.set(String(v), title && title !== String(v) ? `${title} · ${v}` : String(v));
  }
  return (
    <Select
      id={id}
      mode={multiple ? 'multiple' : undefined}
      value={multiple ? picked : (picked[0] ?? undefined)}
      allowClear
      showSearch={{ filterOption: false, onSearch: setSearch }}
      placeholder={t('dashboards:filter.any')}
      style={{ width: 260, maxWidth: '100%' }}
      popupMatchSelectWidth={false}
      loading={results.isFetching}
      notFoundContent={results.isFetching ? t('shared:loading') : t('dashboards:filter.noMatch')}
      onChange={(v: string | string[] | undefined) => onChange(Array.isArray(v) ? v.join(',') : (v ?? ''))}
      options={[...options].map(([v, l]) => ({ value: v, label: l }))}
    />
  );
}
