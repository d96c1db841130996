import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { RecordOut } from '@tessera/api';
import type { AnyField } from '@tessera/logic/browser';
import { Checkbox, Empty, Skeleton } from 'antd';
import { type PointerEvent as ReactPointerEvent, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { FIELD_UI } from '../../../fields/field-ui.registry';
import type { FieldScope } from '../../../fields/field-ui.types';
import { useLabel } from '../../../i18n/use-locale';
import { MUTED_TEXT } from '../../../shared/ui/colors';
import type { ColumnSetting } from './list-columns';

export interface SortState {
  readonly key: string;
  readonly desc: boolean;
}

interface Props {
  readonly rows: readonly RecordOut[];
  readonly columns: readonly ColumnSetting[];
  readonly fields: ReadonlyMap<string, AnyField>;
  readonly scope: FieldScope;
  readonly sort: SortState | null;
  readonly onSort: (sort: SortState | null) => void;
  readonly onResize: (key: string, width: number) => void;
  readonly hasMore: boolean;
  readonly loadingMore: boolean;
  readonly onLoadMore: () => void;
  readonly onOpen: (row: RecordOut) => void;
  readonly selected: ReadonlySet<string>;
  readonly onSelect: (ids: ReadonlySet<string>) => void;
  readonly loading: boolean;
  readonly height: number;
}

const ROW = 36;
const UNSORTABLE = new Set<AnyField['type']>([
  'multi_select',
  'attachment',
  'line_items',
  'json',
  'lookup',
  'link',
]);

/**
 * The list grid: only the rows in view are in the DOM (@tanstack/react-virtual), the next keyset
 * page is fetched as the end comes into view; sortable headers, resizable columns, row selection,
 * rows open with a click or Enter.
 */
export function RecordGrid(props: Props) {
  const { t } = useTranslation();
  const label = useLabel();
  const scrollRef = useRef<HTMLDivElement>(null);
  const { rows, columns, hasMore } = props;
  const virtualizer = useVirtualizer({
    count: rows.length + (hasMore ? 1 : 0),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const last = items[items.length - 1];
  useEffect(() => {
    if (last && last.index >= rows.length - 20 && hasMore && !props.loadingMore) props.onLoadMore();
  }, [last, rows.length, hasMore, props.loadingMore, props.onLoadMore]);

  const template = `40px ${columns.map((c) => `${c.width}px`).join(' ')} minmax(0, 1fr)`;
  const width = 40 + columns.reduce((sum, c) => sum + c.width, 0);
  const allSelected = rows.length > 0 && rows.every((r) => props.selected.has(r.id));

  const startResize = (e: ReactPointerEvent, col: ColumnSetting) => {
    e.preventDefault();
    e.stopPropagation();
    const x0 = e.clientX;
    const move = (ev: PointerEvent) =>
      props.onResize(col.key, Math.max(60, Math.round(col.width + ev.clientX - x0)));
    const up = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  };

  const header = (
    <div
      role="row"
      style={{
        display: 'grid',
        gridTemplateColumns: template,
        minWidth: width,
        position: 'sticky',
        top: 0,
        zIndex: 2,
        background: '#f7f8fa',
        borderBottom: '1px solid #e5e8ee',
        height: ROW,
        alignItems: 'center',
        fontWeight: 500,
        color: '#3d4554',
      }}
    >
      <div role="columnheader" style={{ paddingLeft: 12 }}>
        <Checkbox
          aria-label={t('records:list.selectAll')}
          checked={allSelected}
          indeterminate={!allSelected && props.selected.size > 0}
          onChange={(e) => props.onSelect(e.target.checked ? new Set(rows.map((r) => r.id)) : new Set())}
        />
      </div>
      {columns.map((col) => {
        const field = props.fields.get(col.key);
        if (!field) return <div key={col.key} />;
        const sortable = !UNSORTABLE.has(field.type);
        const active = props.sort?.key === col.key ? props.sort : null;
        const ui = FIELD_UI[field.type];
        return (
          <div
            role="columnheader"
            key={col.key}
            aria-sort={active ? (active.desc ? 'descending' : 'ascending') : undefined}
            style={{
              position: 'relative',
              padding: '0 10px',
              whiteSpace: 'nowrap',
              overflow: 'hidden',
              textOverflow: 'ellipsis',
              textAlign: ui.align ?? 'left',
            }}
          >
            {sortable ? (
              <button
                type="button"
                onClick={() =>
                  props.onSort(
                    !active
                      ? { key: col.key, desc: false }
                      : !active.desc
                        ? { key: col.key, desc: true }
                        : null,
                  )
                }
                style={{
                  all: 'unset',
                  cursor: 'pointer',
                  maxWidth: '100%',
                  overflow: 'hidden',
                  textOverflow: 'ellipsis',
                }}
                title={t('records:list.sortBy', { field: label(field.label, field.key) })}
              >
                {label(field.label, field.key)}{' '}
                {active &&
                  (active.desc ? (
                    <ArrowDownOutlined style={{ fontSize: 11 }} />
                  ) : (
                    <ArrowUpOutlined style={{ fontSize: 11 }} />
                  ))}
              </button>
            ) : (
              label(field.label, field.key)
            )}
            <span
              aria-hidden
              onPointerDown={(e) => startResize(e, col)}
              style={{
                position: 'absolute',
                right: 0,
                top: 6,
                bottom: 6,
                width: 6,
                cursor: 'col-resize',
                borderRight: '1px solid #e1e4ea',
              }}
            />
          </div>
        );
      })}
      <div />
    </div>
  );

  return (
    <div
      ref={scrollRef}
      role="table"
      aria-rowcount={rows.length}
      style={{
        height: props.height,
        overflow: 'auto',
        background: '#fff',
        border: '1px solid #e5e8ee',
        borderRadius: 4,
      }}
    >
      {header}
      {props.loading ? (
        <div style={{ padding: 16 }}>
          <Skeleton active paragraph={{ rows: 10 }} title={false} />
        </div>
      ) : rows.length === 0 ? (
        <Empty style={{ padding: 48 }} description={t('records:list.empty')} />
      ) : (
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative', minWidth: width }}>
          {items.map((item) => {
            const row = rows[item.index];
            if (!row)
              return (
                <div
                  key="more"
                  style={{
                    position: 'absolute',
                    top: item.start,
                    left: 0,
                    right: 0,
                    height: ROW,
                    padding: '8px 52px',
                    color: MUTED_TEXT,
                  }}
                >
                  {t('shared:loading')}
                </div>
              );
            const checked = props.selected.has(row.id);
            return (
              <div
                key={row.id}
                role="row"
                tabIndex={0}
                aria-selected={checked}
                data-record-id={row.id}
                onClick={() => props.onOpen(row)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') props.onOpen(row);
                }}
                className="record-row"
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  height: ROW,
                  transform: `translateY(${item.start}px)`,
                  display: 'grid',
                  gridTemplateColumns: template,
                  alignItems: 'center',
                  borderBottom: '1px solid #f0f2f5',
                  background: checked ? '#eef3ff' : undefined,
                  cursor: 'pointer',
                }}
              >
                <div
                  role="cell"
                  style={{ paddingLeft: 12 }}
                  onClick={(e) => e.stopPropagation()}
                  onKeyDown={(e) => e.stopPropagation()}
                >
                  <Checkbox
                    aria-label={t('records:list.selectRow', { n: item.index + 1 })}
                    checked={checked}
                    onChange={(e) => {
                      const next = new Set(props.selected);
                      if (e.target.checked) next.add(row.id);
                      else next.delete(row.id);
                      props.onSelect(next);
                    }}
                  />
                </div>
                {columns.map((col) => {
                  const field = props.fields.get(col.key);
                  if (!field) return <div key={col.key} />;
                  const ui = FIELD_UI[field.type];
                  return (
                    <div
                      role="cell"
                      key={col.key}
                      style={{
                        padding: '0 10px',
                        whiteSpace: 'nowrap',
                        overflow: 'hidden',
                        textOverflow: 'ellipsis',
                        textAlign: ui.align ?? 'left',
                      }}
                    >
                      <ui.Display field={field} value={row[col.key]} scope={props.scope} compact />
                    </div>
                  );
                })}
                <div />
              </div>
            );
          })}
        </div>
      )}
    </div>
  );
}
