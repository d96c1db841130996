import { Select, Tag } from 'antd';
import { useDirectory } from '../../api/forms.queries';
import type { DisplayProps, InputProps } from '../field-ui.types';
import { EmptyValue, isBlank } from './empty-value';

type Kind = 'user' | 'department';
const asList = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(String) : isBlank(value) ? [] : [String(value)];

function useNames(kind: Kind) {
  const directory = useDirectory();
  const entries =
    kind === 'user'
      ? (directory.data?.users ?? []).map((u) => ({ value: u.id, label: u.displayName }))
      : (directory.data?.departments ?? []).map((d) => ({ value: d.code, label: d.name }));
  return { entries, byValue: new Map(entries.map((e) => [e.value, e.label])), loading: directory.isPending };
}

/** Users by name and departments by name (never their ids). */
export function PeopleDisplay({ value, kind }: DisplayProps & { kind: Kind }) {
  const { byValue, loading } = useNames(kind);
  const values = asList(value);
  if (values.length === 0) return <EmptyValue />;
  if (loading) return <span style={{ color: '#b0b7c3' }}>…</span>;
  return (
    <span>
      {values.map((v) =>
        values.length === 1 ? (
          <span key={v}>{byValue.get(v) ?? '—'}</span>
        ) : (
          <Tag key={v} bordered={false}>
            {byValue.get(v) ?? '—'}
          </Tag>
        ),
      )}
    </span>
  );
}

export function PeopleInput({
  field,
  value,
  onChange,
  id,
  disabled,
  invalid,
  ariaLabel,
  kind,
}: InputProps & { kind: Kind }) {
  const { entries, loading } = useNames(kind);
  const multiple = 'multiple' in field && field.multiple === true;
  return (
    <Select
      id={id}
      mode={multiple ? 'multiple' : undefined}
      value={multiple ? asList(value) : ((value as string | null) ?? undefined)}
      onChange={(v) => onChange(multiple ? ((v as string[]).length ? v : null) : (v ?? null))}
      options={entries}
      loading={loading}
      // a value not (yet) among the names: never its raw id on screen
      labelRender={(o) => o.label ?? (loading ? '…' : '—')}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      disabled={disabled}
      status={invalid ? 'error' : undefined}
      aria-label={ariaLabel}
      style={{ width: '100%' }}
    />
  );
}
