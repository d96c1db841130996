import { RELATIVE_DATE_RANGES } from '@tessera/schema';
import { DatePicker, Input, InputNumber, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useDirectory } from '../../../api/forms.queries';
import { useLabel } from '../../../i18n/use-locale';
import { type SharedFilter, shownValue } from './filter-values';
import { RecordValuePicker } from './record-value-picker';

interface Props {
  readonly app: string;
  readonly filters: readonly SharedFilter[];
  readonly values: Readonly<Record<string, string>>;
  readonly onChange: (key: string, value: string) => void;
}

/** The dashboard's shared filters above its widgets, each labelled; a change goes to the URL. */
export function FilterBar({ app, filters, values, onChange }: Props) {
  const { t } = useTranslation();
  const label = useLabel();
  if (filters.length === 0) return null;
  return (
    <Space
      wrap
      size={[16, 8]}
      style={{ marginBottom: 12 }}
      role="group"
      aria-label={t('dashboards:filter.group')}
    >
      {filters.map((f) => {
        const id = `filter-${f.key}`;
        return (
          <Space key={f.key} size={6} wrap={false} style={{ maxWidth: '100%' }}>
            <label htmlFor={id} style={{ whiteSpace: 'nowrap' }}>
              {label(f.label, f.key)}
            </label>
            <FilterInput
              id={id}
              app={app}
              filter={f}
              value={shownValue(f, values)}
              onChange={(v) => onChange(f.key, v)}
            />
          </Space>
        );
      })}
    </Space>
  );
}

function FilterInput({
  id,
  app,
  filter,
  value,
  onChange,
}: {
  id: string;
  app: string;
  filter: SharedFilter;
  value: string;
  onChange: (value: string) => void;
}) {
  switch (filter.type) {
    case 'date_range':
      return <DateRangeInput id={id} value={value} onChange={onChange} />;
    case 'select':
    case 'multi_select':
      return filter.options ? (
        <RecordValuePicker
          id={id}
          app={app}
          form={filter.options.form}
          field={filter.options.field}
          multiple={filter.type === 'multi_select'}
          value={value}
          onChange={onChange}
        />
      ) : (
        <Input.Search id={id} defaultValue={value} allowClear onSearch={onChange} style={{ width: 200 }} />
      );
    case 'text':
      return (
        <Input.Search id={id} defaultValue={value} allowClear onSearch={onChange} style={{ width: 200 }} />
      );
    case 'user':
      return <UserInput id={id} value={value} onChange={onChange} />;
    case 'number_range':
      return <NumberRangeInput id={id} value={value} onChange={onChange} />;
  }
}

const CUSTOM = '__custom';

function DateRangeInput({
  id,
  value,
  onChange,
}: {
  id: string;
  value: string;
  onChange: (v: string) => void;
}) {
  const { t } = useTranslation();
  const custom = value.includes('..');
  const [from = '', to = ''] = custom ? value.split('..') : [];
  return (
    <Space size={6} wrap>
      <Select
        id={id}
        value={custom ? CUSTOM : value}
        style={{ width: 150 }}
        popupMatchSelectWidth={false}
        onChange={(v) => {
          if (v === CUSTOM)
            onChange(`${dayjs().startOf('month').format('YYYY-MM-DD')}..${dayjs().format('YYYY-MM-DD')}`);
          else onChange(v);
        }}
        options={[
          { value: '', label: t('dashboards:filter.allTime') },
          ...RELATIVE_DATE_RANGES.map((r) => ({ value: r, label: t(`dashboards:range.${r}`) })),
          { value: CUSTOM, label: t('dashboards:filter.custom') },
        ]}
      />
      {custom && (
        <DatePicker.RangePicker
          aria-label={t('dashboards:filter.customRange')}
          value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
          allowEmpty={[true, true]}
          onChange={(range) => {
            const a = range?.[0]?.format('YYYY-MM-DD') ?? '';
            const b = range?.[1]?.format('YYYY-MM-DD') ?? '';
            onChange(a || b ? `${a}..${b}` : '');
          }}
        />
      )}
    </Space>
  );
}

function UserInput({ id, value, onChange }: { id: string; value: string; onChange: (v: string) => void }) {
  const { t } = useTranslation();
  const directory = useDirectory();
  return (
    <Select
      id={id}
      value={value || undefined}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={t('dashboards:filter.any')}
      style={{ width: 180 }}
      loading={directory.isPending}
      onChange={(v) => onChange(v ?? '')}
      options={(directory.data?.users ?? []).map((u) => ({ value: u.id, label: u.displayName }))}
    />
  );
}

function NumberRangeInput({
  id,
  value,
  onChange,
}: {
  id: string;
  value: string;
  onChange: (v: string) => void;
}) {
  const { t } = useTranslation();
  const [min = '', max = ''] = value.split('..');
  const set = (a: string, b: string) => onChange(a || b ? `${a}..${b}` : '');
  return (
    <Space.Compact>
      <InputNumber
        id={id}
        aria-label={t('dashboards:filter.min')}
        placeholder={t('dashboards:filter.min')}
        value={min === '' ? null : Number(min)}
        onChange={(v) => set(v === null ? '' : String(v), max)}
        style={{ width: 110 }}
      />
      <InputNumber
        aria-label={t('dashboards:filter.max')}
        placeholder={t('dashboards:filter.max')}
        value={max === '' ? null : Number(max)}
        onChange={(v) => set(min, v === null ? '' : String(v))}
        style={{ width: 110 }}
      />
    </Space.Compact>
  );
}
