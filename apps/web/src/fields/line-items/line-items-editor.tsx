import { PlusOutlined } from '@ant-design/icons';
import { useVirtualizer } from '@tanstack/react-virtual';
import { liveFields } from '@tessera/logic/browser';
import { Button, Grid, Space } from 'antd';
import { memo, useCallback, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useLabel } from '../../i18n/use-locale';
import { MUTED_TEXT } from '../../shared/ui/colors';
import { FIELD_UI } from '../field-ui.registry';
import type { InputProps } from '../field-ui.types';
import { withPicked } from '../link/link-defaults';
import { parseClipboardGrid, pastedValue } from '../shared/paste-value';
import { LineItemRow, type LineItemRowProps, type RowEdits } from './line-item-row';
import { useRowsInfo } from './line-items.context';
import { carryKey, rowKey } from './row-keys';

type Row = Record<string, unknown>;
const ROW_HEIGHT = 40;
/** Above this many rows only the visible ones are rendered. */
const VIRTUAL_FROM = 30;

/**
 * The line-items editor: add, copy, reorder and delete rows, paste a block of cells from Excel
 * (tab-separated, filling rows and columns from the cell pasted into, adding rows as needed),
 * row formulas and per-row visible/required rules live. Long lists render only the visible rows;
 * on a phone every row is a card.
 */
export function LineItemsEditor({ field, value, onChange, scope, id, disabled }: InputProps) {
  const { t } = useTranslation();
  const label = useLabel();
  const screens = Grid.useBreakpoint();
  const info = useRowsInfo(field.key);
  const rows = (Array.isArray(value) ? value : []) as Row[];
  const columns = useMemo(
    () => liveFields('fields' in field ? (field.fields as InputProps['field'][]) : []),
    [field],
  );
  const rowScope = useMemo(
    () => ({ app: scope.app, form: scope.form, fields: columns, fieldPrefix: `${field.key}.` }),
    [scope.app, scope.form, columns, field.key],
  );
  const states = info.states;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtual = rows.length > VIRTUAL_FROM;
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    enabled: virtual,
  });

  // Rows are memoised: the edits read the latest rows through a ref, so their identity holds and a
  // keystroke in one cell re-renders that row only.
  const latest = useRef({ rows, onChange, columns });
  latest.current = { rows, onChange, columns };
  const edits = useMemo<RowEdits>(() => {
    const current = () => latest.current.rows;
    const set = (next: Row[]) => latest.current.onChange(next);
    return {
      update: (i, key, v) => {
        const rows = current();
        const next = rows.slice();
        next[i] = carryKey(rows[i]!, withPicked(latest.current.columns, rows[i]!, key, v)) as Row;
        set(next);
      },
      copy: (i) => {
        const rows = current();
        const { id: _id, ...rest } = rows[i]!;
        set([...rows.slice(0, i + 1), { ...rest }, ...rows.slice(i + 1)]);
      },
      remove: (i) => set(current().filter((_, j) => j !== i)),
      move: (i, by) => {
        const rows = current();
        const j = i + by;
        if (j < 0 || j >= rows.length) return;
        const next = rows.slice();
        [next[i], next[j]] = [next[j]!, next[i]!];
        set(next);
      },
      paste: (e, rowIndex, colIndex) => {
        const text = e.clipboardData.getData('text/plain');
        if (!text.includes('\t') && !text.includes('\n')) return; // one value: the input takes it itself
        e.preventDefault();
        const { rows, columns } = latest.current;
        const grid = parseClipboardGrid(text);
        const next = rows.slice();
        grid.forEach((cells, r) => {
          const at = rowIndex + r;
          const base = next[at] ?? {};
          const patch: Row = {};
          cells.forEach((cell, c) => {
            const col = columns[colIndex + c];
            if (!col || FIELD_UI[col.type].computed) return;
            const v = pastedValue(col, cell);
            if (v !== undefined) patch[col.key] = v;
          });
          next[at] = (next[at] ? carryKey(base, { ...base, ...patch }) : { ...patch }) as Row;
        });
        set(next);
      },
    };
  }, []);
  const add = useCallback(() => latest.current.onChange([...latest.current.rows, {}]), []);
  const footer = <EditorFooter add={add} disabled={disabled} cells={screens.md !== false} />;
  const template = `40px ${columns.map((c) => `minmax(${Math.max(90, (FIELD_UI[c.type].width ?? 120) - 20)}px, 1fr)`).join(' ')} 128px`;
  const rowProps = (i: number): LineItemRowProps => ({
    row: rows[i]!,
    index: i,
    last: i === rows.length - 1,
    states: states[i],
    errors: info.errors,
    fieldKey: field.key,
    columns,
    scope: rowScope,
    id,
    disabled,
    edits,
    template,
    card: screens.md === false,
  });

  if (screens.md === false) {
    return (
      <div id={id}>
        {rows.map((row, i) => (
          <LineItemRow key={rowKey(row)} {...rowProps(i)} />
        ))}
        {footer}
      </div>
    );
  }

  return (
    <div id={id} style={{ overflowX: 'auto' }}>
      <div
        role="table"
        aria-label={label(field.label, field.key)}
        style={{ minWidth: columns.length * 110 + 170 }}
      >
        <div
          role="row"
          style={{
            display: 'grid',
            gridTemplateColumns: template,
            gap: 6,
            fontSize: 12,
            color: '#5b6475',
            background: '#f7f8fa',
            padding: '6px 0',
            fontWeight: 500,
          }}
        >
          <div role="columnheader" style={{ textAlign: 'right' }}>
            #
          </div>
          {columns.map((col, c) => (
            <div role="columnheader" key={col.key}>
              {label(col.label, col.key)}
              {(col.required || states.some((s) => s[col.key]?.required)) && (
                <span style={{ color: '#cf1322' }}> *</span>
              )}
              <span hidden>{c}</span>
            </div>
          ))}
          <div role="columnheader" />
        </div>
        {virtual ? (
          <div ref={scrollRef} style={{ maxHeight: 520, overflowY: 'auto' }}>
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {virtualizer.getVirtualItems().map((item) => (
                <div
                  key={rowKey(rows[item.index]!)}
                  data-index={item.index}
                  ref={virtualizer.measureElement}
                  style={{
                    position: 'absolute',
                    top: 0,
                    left: 0,
                    right: 0,
                    transform: `translateY(${item.start}px)`,
                  }}
                >
                  <LineItemRow {...rowProps(item.index)} />
                </div>
              ))}
            </div>
          </div>
        ) : (
          rows.map((row, i) => (
            <div key={rowKey(row)}>
              <LineItemRow {...rowProps(i)} />
            </div>
          ))
        )}
      </div>
      {rows.length === 0 && (
        <div style={{ color: MUTED_TEXT, padding: '12px 8px' }}>{t('fields:lineItems.none')}</div>
      )}
      {footer}
    </div>
  );
}

/** Add a row, and how to paste: memoised, as typing in a cell re-renders the editor. */
const EditorFooter = memo(function EditorFooter({
  add,
  disabled,
  cells,
}: {
  add: () => void;
  disabled?: boolean;
  /** Rows as cells (not a phone's cards): pasting a block from Excel is offered only there. */
  cells: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Space style={{ marginTop: 8 }} wrap>
      <Button icon={<PlusOutlined />} onClick={add} disabled={disabled}>
        {t('fields:lineItems.add')}
      </Button>
      {cells && <span style={{ color: MUTED_TEXT, fontSize: 12 }}>{t('fields:lineItems.pasteHint')}</span>}
    </Space>
  );
});
