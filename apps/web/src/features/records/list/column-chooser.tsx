import { ArrowDownOutlined, ArrowUpOutlined, SettingOutlined } from '@ant-design/icons';
import type { AnyField } from '@tessera/logic/browser';
import { Button, Checkbox, Popover, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { FIELD_UI } from '../../../fields/field-ui.registry';
import { useLabel } from '../../../i18n/use-locale';
import type { ColumnSetting } from './list-columns';

/** Which columns the list shows and in what order (widths are dragged in the header). */
export function ColumnChooser({
  fields,
  columns,
  onChange,
  onReset,
}: {
  fields: readonly AnyField[];
  columns: readonly ColumnSetting[];
  onChange: (c: ColumnSetting[]) => void;
  onReset: () => void;
}) {
  const { t } = useTranslation();
  const label = useLabel();
  const shown = new Map(columns.map((c, i) => [c.key, i]));
  const ordered = [
    ...columns.map((c) => fields.find((f) => f.key === c.key)!).filter(Boolean),
    ...fields.filter((f) => !shown.has(f.key)),
  ];
  const move = (key: string, by: number) => {
    const i = columns.findIndex((c) => c.key === key);
    const j = i + by;
    if (i < 0 || j < 0 || j >= columns.length) return;
    const next = columns.slice();
    [next[i], next[j]] = [next[j]!, next[i]!];
    onChange(next);
  };
  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      title={t('records:columns.title')}
      content={
        <div style={{ width: 260, maxHeight: 400, overflow: 'auto' }}>
          {ordered.map((f) => {
            const on = shown.has(f.key);
            return (
              <div
                key={f.key}
                style={{
                  display: 'flex',
                  alignItems: 'center',
                  justifyContent: 'space-between',
                  padding: '2px 0',
                }}
              >
                <Checkbox
                  checked={on}
                  onChange={(e) =>
                    onChange(
                      e.target.checked
                        ? [...columns, { key: f.key, width: FIELD_UI[f.type].width ?? 140 }]
                        : columns.filter((c) => c.key !== f.key),
                    )
                  }
                >
                  {label(f.label, f.key)}
                </Checkbox>
                {on && (
                  <Space size={0}>
                    <Button
                      size="small"
                      type="text"
                      icon={<ArrowUpOutlined />}
                      aria-label={t('records:columns.moveUp')}
                      onClick={() => move(f.key, -1)}
                    />
                    <Button
                      size="small"
                      type="text"
                      icon={<ArrowDownOutlined />}
                      aria-label={t('records:columns.moveDown')}
                      onClick={() => move(f.key, 1)}
                    />
                  </Space>
                )}
              </div>
            );
          })}
          <Button size="small" type="link" onClick={onReset} style={{ paddingLeft: 0, marginTop: 6 }}>
            {t('records:columns.reset')}
          </Button>
        </div>
      }
    >
      <Button icon={<SettingOutlined />} aria-label={t('records:columns.title')} />
    </Popover>
  );
}
