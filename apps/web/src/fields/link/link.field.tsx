import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { RecordOut } from '@tessera/api';
import { Button, Divider, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormDefinition } from '../../api/forms.queries';
import { recordsApi } from '../../api/records.api';
import { useDebounced } from '../../shared/hooks/use-debounced';
import type { DisplayProps, FieldUi, InputProps } from '../field-ui.types';
import { EmptyValue } from '../shared/empty-value';
import { recordTitle } from '../shared/record-title';
import { useCreateLinked } from './create-linked.context';
import { linkId, linkTarget, useLinkedRecord } from './link.hooks';

/** A link to a record of another form: its title, a link to open it. */
function LinkDisplay({ field, value, scope }: DisplayProps) {
  const form = linkTarget(field);
  const { id, title, loading, missing } = useLinkedRecord(scope.app, form, value);
  if (!id) return <EmptyValue />;
  if (loading) return <span style={{ color: '#b0b7c3' }}>…</span>;
  if (missing) return <EmptyValue />;
  return (
    <Link to={`/apps/${scope.app}/forms/${form}/records/${id}`} onClick={(e) => e.stopPropagation()}>
      {title || '—'}
    </Link>
  );
}

/** Picks a linked record by searching its form (quick search), or creates one on the spot. */
function LinkInput({ field, value, onChange, scope, id, disabled, invalid, ariaLabel }: InputProps) {
  const { t } = useTranslation();
  const form = linkTarget(field);
  const [search, setSearch] = useState('');
  const q = useDebounced(search, 250);
  const definition = useFormDefinition(scope.app, form);
  const current = useLinkedRecord(scope.app, form, value);
  const results = useQuery({
    queryKey: ['apps', scope.app, 'forms', form, 'pick', q],
    queryFn: ({ signal }) => recordsApi.list(scope.app, form!, { q, limit: 20 }, signal),
    enabled: Boolean(form),
    staleTime: 30_000,
  });
  const createLinked = useCreateLinked();
  const items = results.data?.items ?? [];
  const byId = new Map<string, RecordOut>(items.map((r) => [r.id, r]));
  const options = items.map((r) => ({ value: r.id, label: recordTitle(definition.data, r) || '—' }));
  if (current.id && !byId.has(current.id))
    options.unshift({ value: current.id, label: current.title || '…' });
  return (
    <Select
      id={id}
      value={linkId(value) ?? undefined}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      onChange={(v) => onChange(v ? (byId.get(v) ?? current.record ?? v) : null)}
      options={options}
      loading={results.isFetching}
      allowClear
      disabled={disabled}
      status={invalid ? 'error' : undefined}
      aria-label={ariaLabel}
      style={{ width: '100%' }}
      notFoundContent={results.isFetching ? t('shared:loading') : t('fields:link.noMatch')}
      popupRender={(menu) => (
        <>
          {menu}
          {createLinked && form && (
            <>
              <Divider style={{ margin: '4px 0' }} />
              <Button
                type="text"
                block
                icon={<PlusOutlined />}
                style={{ textAlign: 'start' }}
                onClick={async () => {
                  const created = await createLinked(scope.app, form);
                  if (created) onChange(created);
                }}
              >
                {t('fields:link.createNew')}
              </Button>
            </>
          )}
        </>
      )}
    />
  );
}

export const linkField: FieldUi = { Display: LinkDisplay, Input: LinkInput, width: 200 };
