import { ArrowDownOutlined, ArrowUpOutlined, CopyOutlined, DeleteOutlined } from '@ant-design/icons';
import type { FieldState } from '@tessera/logic/browser';
import { Button, Card, Space, Tooltip } from 'antd';
import { type ClipboardEvent, memo, useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useLabel } from '../../i18n/use-locale';
import { MUTED_TEXT } from '../../shared/ui/colors';
import { FIELD_UI } from '../field-ui.registry';
import type { FieldScope, InputProps } from '../field-ui.types';

type Row = Record<string, unknown>;

/** What a row does to the rows (by index); one object for all rows, stable across renders. */
export interface RowEdits {
  update(i: number, key: string, value: unknown): void;
  copy(i: number): void;
  remove(i: number): void;
  move(i: number, by: number): void;
  paste(e: ClipboardEvent, rowIndex: number, colIndex: number): void;
}

export interface LineItemRowProps {
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

/** One row: its cells and actions; re-renders when its values, states or position change. */
export const LineItemRow = memo(function LineItemRow(props: LineItemRowProps) {
  const { row, index: i, states, columns, disabled, edits } = props;
  const cells = columns.map((col, c) => (
    <LineItemCell
      key={col.key}
      col={col}
      column={c}
      index={i}
      value={row[col.key]}
      state={states?.[col.key]}
      error={props.errors[`${props.fieldKey}[${i}].${col.key}`]}
      inputId={`${props.id}-${i}-${col.key}`}
      scope={props.scope}
      disabled={disabled}
      edits={edits}
      labelled={props.card}
    />
  ));
  const actions = <RowActions index={i} last={props.last} disabled={disabled} edits={edits} />;
  if (props.card)
    return (
      <Card size="small" style={{ marginBottom: 8 }} title={`#${i + 1}`} extra={actions}>
        <div style={{ display: 'grid', gap: 8 }}>{cells}</div>
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
      {cells.map((cell, c) => (
        <div role="cell" key={columns[c]!.key}>
          {cell}
        </div>
      ))}
      <div role="cell">{actions}</div>
    </div>
  );
});

interface LineItemCellProps {
  readonly col: InputProps['field'];
  readonly column: number;
  readonly index: number;
  readonly value: unknown;
  readonly state: FieldState | undefined;
  readonly error: string | undefined;
  readonly inputId: string;
  readonly scope: FieldScope;
  readonly disabled: boolean | undefined;
  readonly edits: RowEdits;
  /** On a phone card the cell carries its column's label (in the grid, the header does). */
  readonly labelled: boolean;
}

/**
 * One cell of a row — the grid's and the phone card's alike: its editor (or nothing when its
 * visible-when says so), its error, pasting a block from it. Re-renders when its own value, state
 * or error changes, so a keystroke renders the cell typed into and the cells computed from it.
 */
const LineItemCell = memo(function LineItemCell(props: LineItemCellProps) {
  const { col, index, column, edits, state } = props;
  const { t } = useTranslation();
  const label = useLabel();
  const onChange = useCallback((v: unknown) => edits.update(index, col.key, v), [edits, index, col.key]);
  const onPaste = useCallback((e: ClipboardEvent) => edits.paste(e, index, column), [edits, index, column]);
  if (state && !state.visible) return <span />;
  const { Input } = FIELD_UI[col.type];
  const colLabel = label(col.label, col.key);
  return (
    <div onPaste={onPaste} style={{ minWidth: 0 }}>
      {props.labelled && (
        <label htmlFor={props.inputId} style={{ fontSize: 12, color: '#5b6475' }}>
          {colLabel}
          {state?.required && <span style={{ color: '#cf1322' }}> *</span>}
        </label>
      )}
      <Input
        id={props.inputId}
        field={col}
        value={props.value}
        onChange={onChange}
        scope={props.scope}
        disabled={props.disabled}
        invalid={Boolean(props.error)}
        ariaLabel={t('fields:lineItems.cellLabel', { row: index + 1, column: colLabel })}
      />
      {props.error && <div style={{ color: '#cf1322', fontSize: 12 }}>{props.error}</div>}
    </div>
  );
});

/** Move up / down, copy, remove: re-render when the row's position does, not when it is typed in. */
const RowActions = memo(function RowActions({
  index: i,
  last,
  disabled,
  edits,
}: {
  index: number;
  last: boolean;
  disabled: boolean | undefined;
  edits: RowEdits;
}) {
  const { t } = useTranslation();
  const buttons = [
    {
      label: t('fields:lineItems.moveUp'),
      icon: <ArrowUpOutlined />,
      off: i === 0,
      run: () => edits.move(i, -1),
    },
    {
      label: t('fields:lineItems.moveDown'),
      icon: <ArrowDownOutlined />,
      off: last,
      run: () => edits.move(i, 1),
    },
    { label: t('fields:lineItems.copy'), icon: <CopyOutlined />, off: false, run: () => edits.copy(i) },
    {
      label: t('fields:lineItems.remove'),
      icon: <DeleteOutlined />,
      off: false,
      run: () => edits.remove(i),
      danger: true,
    },
  ];
  return (
    <Space size={0}>
      {buttons.map((b) => (
        <Tooltip key={b.label} title={b.label}>
          <Button
            size="small"
            type="text"
            danger={'danger' in b}
            icon={b.icon}
            aria-label={b.label}
            disabled={disabled || b.off}
            onClick={b.run}
          />
        </Tooltip>
      ))}
    </Space>
  );
});
