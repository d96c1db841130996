import { liveFields } from '@tessera/logic/browser';
import { Table } from 'antd';
import { useLabel } from '../../i18n/use-locale';
import { FIELD_UI } from '../field-ui.registry';
import type { DisplayProps, InputProps } from '../field-ui.types';

/** Line items read-only: a compact table with the rows' values as their fields show them. */
export function LineItemsTable({ field, value, scope }: DisplayProps) {
  const label = useLabel();
  const rows = (Array.isArray(value) ? value : []) as Record<string, unknown>[];
  const columns = liveFields('fields' in field ? (field.fields as InputProps['field'][]) : []);
  const rowScope = { app: scope.app, fields: columns };
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
