import { DeleteOutlined, FilterOutlined, PlusOutlined } from '@ant-design/icons';
import type { AnyField } from '@tessera/logic/browser';
import { Badge, Button, Popover, Segmented, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FIELD_UI } from '../../../fields/field-ui.registry';
import type { FieldScope } from '../../../fields/field-ui.types';
import {
  type FilterCondition,
  type FilterOperator,
  NO_VALUE,
  operatorsFor,
} from '../../../fields/filter-operators';
import { linkId } from '../../../fields/link/link.hooks';
import { useLabel } from '../../../i18n/use-locale';

export interface FilterState {
  readonly match: 'all' | 'any';
  readonly conditions: readonly FilterCondition[];
}
export const EMPTY_FILTER: FilterState = { match: 'all', conditions: [] };

/** A value typed with the field's own editor, as the filter compares it (money by amount, links by id). */
function filterValue(field: AnyField, value: unknown): unknown {
  if (field.type === 'money')
    return value && typeof value === 'object' ? Number((value as { amount: string }).amount) : value;
  if (field.type === 'link') return linkId(value);
  return value;
}

/** Conditions over the form's fields with the operators each field type offers. */
export function FilterBuilder({
  fields,
  scope,
  value,
  onChange,
}: {
  fields: readonly AnyField[];
  scope: FieldScope;
  value: FilterState;
  onChange: (f: FilterState) => void;
}) {
  const { t } = useTranslation();
  const label = useLabel();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<FilterState>(value);
  const filterable = fields.filter((f) => operatorsFor(f).length > 0);
  const byKey = new Map(filterable.map((f) => [f.key, f]));
  const setCondition = (i: number, c: FilterCondition) =>
    setDraft({ ...draft, conditions: draft.conditions.map((x, j) => (j === i ? c : x)) });

  const content = (
    <div style={{ width: 'min(640px, 92vw)' }}>
      <Space style={{ marginBottom: 8 }} wrap>
        <span>{t('records:filter.match')}</span>
        <Segmented
          size="small"
          value={draft.match}
          onChange={(m) => setDraft({ ...draft, match: m as 'all' | 'any' })}
          options={[
            { value: 'all', label: t('records:filter.all') },
            { value: 'any', label: t('records:filter.any') },
          ]}
        />
      </Space>
      {draft.conditions.map((c, i) => {
        const field = byKey.get(c.field);
        if (!field) return null;
        const { Input } =
          FIELD_UI[
            field.type === 'lookup' ||
            field.type === 'formula' ||
            field.type === 'rollup' ||
            field.type === 'auto_number'
              ? 'text'
              : field.type
          ];
        const needsValue = !NO_VALUE.has(c.op);
        const multi = c.op === 'in' && (field.type === 'single_select' || field.type === 'multi_select');
        return (
          <div
            // biome-ignore lint/suspicious/noArrayIndexKey: conditions are positional (edited and removed by index)
            key={i}
            style={{
              display: 'grid',
              gridTemplateColumns: 'minmax(120px, 1fr) 130px minmax(140px, 1.4fr) 32px',
              gap: 6,
              marginBottom: 6,
            }}
          >
            <Select
              aria-label={t('records:filter.field')}
              value={c.field}
              showSearch={{ optionFilterProp: 'label' }}
              options={filterable.map((f) => ({ value: f.key, label: label(f.label, f.key) }))}
              onChange={(key) => setCondition(i, { field: key, op: operatorsFor(byKey.get(key)!)[0]! })}
            />
            <Select
              aria-label={t('records:filter.operator')}
              value={c.op}
              options={operatorsFor(field).map((op) => ({ value: op, label: t(`records:filter.op.${op}`) }))}
              onChange={(op: FilterOperator) => setCondition(i, { ...c, op })}
            />
            {needsValue ? (
              <Space.Compact style={{ width: '100%' }}>
                <Input
                  id={`filter-${i}`}
                  field={multi ? ({ ...field, type: 'multi_select' } as AnyField) : field}
                  value={c.value}
                  scope={scope}
                  ariaLabel={t('records:filter.value')}
                  onChange={(v) => setCondition(i, { ...c, value: filterValue(field, v) })}
                />
                {c.op === 'between' && (
                  <Input
                    id={`filter-${i}-to`}
                    field={field}
                    value={c.value2}
                    scope={scope}
                    ariaLabel={t('records:filter.valueTo')}
                    onChange={(v) => setCondition(i, { ...c, value2: filterValue(field, v) })}
                  />
                )}
              </Space.Compact>
            ) : (
              <span />
            )}
            <Button
              type="text"
              icon={<DeleteOutlined />}
              aria-label={t('records:filter.remove')}
              onClick={() => setDraft({ ...draft, conditions: draft.conditions.filter((_, j) => j !== i) })}
            />
          </div>
        );
      })}
      <Space style={{ marginTop: 4, width: '100%', justifyContent: 'space-between' }} wrap>
        <Button
          icon={<PlusOutlined />}
          disabled={filterable.length === 0}
          onClick={() => {
            const first = filterable[0]!;
            setDraft({
              ...draft,
              conditions: [...draft.conditions, { field: first.key, op: operatorsFor(first)[0]! }],
            });
          }}
        >
          {t('records:filter.add')}
        </Button>
        <Space>
          <Button
            onClick={() => {
              setDraft(EMPTY_FILTER);
              onChange(EMPTY_FILTER);
              setOpen(false);
            }}
          >
            {t('shared:action.reset')}
          </Button>
          <Button
            type="primary"
            onClick={() => {
              onChange(draft);
              setOpen(false);
            }}
          >
            {t('shared:action.apply')}
          </Button>
        </Space>
      </Space>
    </div>
  );
  return (
    <Popover
      trigger="click"
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (o)
          setDraft(
            value.conditions.length
              ? value
              : {
                  ...value,
                  conditions: filterable[0]
                    ? [{ field: filterable[0].key, op: operatorsFor(filterable[0])[0]! }]
                    : [],
                },
          );
      }}
      content={content}
      placement="bottomLeft"
    >
      <Badge count={value.conditions.length} size="small">
        <Button icon={<FilterOutlined />}>{t('records:filter.button')}</Button>
      </Badge>
    </Popover>
  );
}
