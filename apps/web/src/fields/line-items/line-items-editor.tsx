import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  CopyOutlined,
  DeleteOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { FieldState } from '@tessera/logic/browser';
import { liveFields } from '@tessera/logic/browser';
import { Button, Card, Grid, Space, Tooltip } from 'antd';
import { type ClipboardEvent, memo, useCallback, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useLabel } from '../../i18n/use-locale';
import { MUTED_TEXT } from '../../shared/ui/colors';
import { FIELD_UI } from '../field-ui.registry';
import type { FieldScope, InputProps } from '../field-ui.types';
import { parseClipboardGrid, pastedValue } from '../shared/paste-value';
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
  const info = useRowsInfo();
  const rows = (Array.isArray(value) ? value : []) as Row[];
  const columns = useMemo(
    () => liveFields('fields' in field ? (field.fields as InputProps['field'][]) : []),
    [field],
  );
  const rowScope = useMemo(() => ({ app: scope.app, fields: columns }), [scope.app, columns]);
  const states = info.states[field.key] ?? NO_STATES;
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
        next[i] = carryKey(rows[i]!, { ...rows[i], [key]: v }) as Row;
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
  const footer = (
    <Space style={{ marginTop: 8 }} wrap>
      <Button icon={<PlusOutlined />} onClick={add} disabled={disabled}>
        {t('fields:lineItems.add')}
      </Button>
      <span style={{ color: MUTED_TEXT, fontSize: 12 }}>{t('fields:lineItems.pasteHint')}</span>
    </Space>
  );
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

const NO_STATES: readonly Record<string, FieldState>[] = [];

interface RowEdits {
  update(i: number, key: string, value: unknown): void;
  copy(i: number): void;
  remove(i: number): void;
  move(i: number, by: number): void;
  paste(e: ClipboardEvent, rowIndex: number, colIndex: number): void;
}

interface LineItemRowProps {
  readonly row: Row;
  readonly index: number;
  readonly last: boolean;
  /** The row's field states (the same object while they do not change). */
  readonly states: Record<string, FieldState> | undefined;
  readonly errors: Readonly<Record<string, string>>;
  readonly fieldKey: string;
  readonly columns: readonly InputProps['field'][];
  readonly scope: FieldScope;
  readonly id: string;
  readonly disabled: boolean | undefined;
  readonly edits: RowEdits;
  readonly template: string;
  /** On a phone: a card with labelled fields instead of a grid row. */
  readonly card: boolean;
}

/** One row: its cells, rules and actions; re-renders only when its values, states or position change. */
const LineItemRow = memo(function LineItemRow(props: LineItemRowProps) {
  const { row, index: i, last, states, columns, id, disabled, edits } = props;
  const { t } = useTranslation();
  const label = useLabel();
  const cell = (col: (typeof columns)[number], c: number, withLabel: boolean) => {
    const state = states?.[col.key];
    if (state && !state.visible) return <span key={col.key} />;
    const { Input } = FIELD_UI[col.type];
    const error = props.errors[`${props.fieldKey}[${i}].${col.key}`];
    const colLabel = label(col.label, col.key);
    return (
      <div key={col.key} onPaste={(e) => edits.paste(e, i, c)} style={{ minWidth: 0 }}>
        {withLabel && (
          <label htmlFor={`${id}-${i}-${col.key}`} style={{ fontSize: 12, color: '#5b6475' }}>
            {colLabel}
            {state?.required && <span style={{ color: '#cf1322' }}> *</span>}
          </label>
        )}
        <Input
          id={`${id}-${i}-${col.key}`}
          field={col}
          value={row[col.key]}
          onChange={(v) => edits.update(i, col.key, v)}
          scope={props.scope}
          disabled={disabled}
          invalid={Boolean(error)}
          ariaLabel={t('fields:lineItems.cellLabel', { row: i + 1, column: colLabel })}
        />
        {error && <div style={{ color: '#cf1322', fontSize: 12 }}>{error}</div>}
      </div>
    );
  };
  const actions = (
    <Space size={0}>
      <Tooltip title={t('fields:lineItems.moveUp')}>
        <Button
          size="small"
          type="text"
          icon={<ArrowUpOutlined />}
          aria-label={t('fields:lineItems.moveUp')}
          disabled={disabled || i === 0}
          onClick={() => edits.move(i, -1)}
        />
      </Tooltip>
      <Tooltip title={t('fields:lineItems.moveDown')}>
        <Button
          size="small"
          type="text"
          icon={<ArrowDownOutlined />}
          aria-label={t('fields:lineItems.moveDown')}
          disabled={disabled || last}
          onClick={() => edits.move(i, 1)}
        />
      </Tooltip>
      <Tooltip title={t('fields:lineItems.copy')}>
        <Button
          size="small"
          type="text"
          icon={<CopyOutlined />}
          aria-label={t('fields:lineItems.copy')}
          disabled={disabled}
          onClick={() => edits.copy(i)}
        />
      </Tooltip>
      <Tooltip title={t('fields:lineItems.remove')}>
        <Button
          size="small"
          type="text"
          danger
          icon={<DeleteOutlined />}
          aria-label={t('fields:lineItems.remove')}
          disabled={disabled}
          onClick={() => edits.remove(i)}
        />
      </Tooltip>
    </Space>
  );
  if (props.card)
    return (
      <Card size="small" style={{ marginBottom: 8 }} title={`#${i + 1}`} extra={actions}>
        <div style={{ display: 'grid', gap: 8 }}>{columns.map((col, c) => cell(col, c, true))}</div>
      </Card>
    );
  return (
    <div
      role="row"
      style={{
        display: 'grid',
        gridTemplateColumns: props.template,
        gap: 6,
        alignItems: 'start',
        padding: '4px 0',
        borderBottom: '1px solid #f0f2f5',
      }}
    >
      <div role="cell" style={{ color: MUTED_TEXT, paddingTop: 6, textAlign: 'right' }} className="tabular">
        {i + 1}
      </div>
      {columns.map((col, c) => (
        <div role="cell" key={col.key}>
          {cell(col, c, false)}
        </div>
      ))}
      <div role="cell">{actions}</div>
    </div>
  );
});
