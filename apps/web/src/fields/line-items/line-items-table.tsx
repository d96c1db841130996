import { liveFields } from '@tessera/logic/browser';
import { Card, Grid, Table } from 'antd';
import { useLabel } from '../../i18n/use-locale';
import { FIELD_UI } from '../field-ui.registry';
import type { DisplayProps, InputProps } from '../field-ui.types';

/**
 * Line items read-only: a compact table with the rows' values as their fields show them; on a phone
 * one card per row (label and value), as the editor does, instead of a table to scroll sideways.
 */
export function LineItemsTable({ field, value, scope }: DisplayProps) {
  const label = useLabel();
  const screens = Grid.useBreakpoint();
  const rows = (Array.isArray(value) ? value : []) as Record<string, unknown>[];
  const columns = liveFields('fields' in field ? (field.fields as InputProps['field'][]) : []);
  const rowScope = { ...scope, fields: columns, fieldPrefix: `${field.key}.` };
  if (screens.md === false)
    return (
      <div>
        {rows.map((row, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: read-only rows in their saved order
          <Card key={i} size="small" title={`#${i + 1}`} style={{ marginBottom: 8 }}>
            <dl style={{ display: 'grid', gridTemplateColumns: 'auto 1fr', gap: '4px 12px', margin: 0 }}>
              {columns.map((col) => {
                const ui = FIELD_UI[col.type];
                return [
                  <dt key={`${col.key}:label`} style={{ color: '#5b6475' }}>
                    {label(col.label, col.key)}
                  </dt>,
                  <dd key={col.key} style={{ margin: 0, minWidth: 0 }}>
                    <ui.Display field={col} value={row[col.key]} scope={rowScope} compact />
                  </dd>,
                ];
              })}
            </dl>
          </Card>
        ))}
      </div>
    );
  return (
    <Table
      size="small"
      pagination={rows.length > 50 ? { pageSize: 50, size: 'small' } : false}
      rowKey={(_r, i) => String(i)}
      dataSource={rows}
      scroll={{ x: 'max-content' }}
      columns={[
        { key: '#', title: '#', width: 40, render: (_v, _r, i) => i + 1 },
        ...columns.map((col) => {
          const ui = FIELD_UI[col.type];
          return {
            key: col.key,
            title: label(col.label, col.key),
            align: ui.align,
            render: (_v: unknown, row: Record<string, unknown>) => (
              <ui.Display field={col} value={row[col.key]} scope={rowScope} compact />
            ),
          };
        }),
      ]}
    />
  );
}
