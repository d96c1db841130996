import { useVirtualizer } from '@tanstack/react-virtual';
import type { RecordOut } from '@tessera/api';
import type { AnyField } from '@tessera/logic/browser';
import { Empty, Skeleton } from 'antd';
import { type CSSProperties, memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldScope } from '../../../fields/field-ui.types';
import { gridColumns, gridTemplate } from './grid-columns';
import { GridHeader, type SortState } from './grid-header';
import { GridRow } from './grid-row';
import type { ColumnSetting } from './list-columns';
import { PAGE_SIZE } from './use-record-pages';
import './record-grid.css';

export type { SortState } from './grid-header';

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
/**
 * The next keyset page is asked for while this many loaded rows (a few screens) are still ahead
 * of the view, so a steady scroll rarely reaches the end before the page is in; the first page
 * alone does not ask for the second.
 */
const FETCH_AHEAD = PAGE_SIZE / 2;

/**
 * The list grid: only the rows in view (and a few either side) are in the DOM
 * (@tanstack/react-virtual, fixed row height, nothing measured), each a memoised row; the next
 * keyset page is fetched a page ahead of the end; sortable headers, resizable columns, row
 * selection, rows open with a click or Enter.
 */
export const RecordGrid = memo(function RecordGrid(props: Props) {
  const { t } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  const { rows, hasMore, selected } = props;
  const virtualizer = useVirtualizer({
    count: rows.length + (hasMore ? 1 : 0),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW,
    // the first render already knows the height, so the first rows are drawn in one pass
    initialRect: { width: 0, height: props.height },
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items[items.length - 1]?.index ?? -1;
  useEffect(() => {
    if (lastIndex >= rows.length - FETCH_AHEAD && hasMore && !props.loadingMore) props.onLoadMore();
  }, [lastIndex, rows.length, hasMore, props.loadingMore, props.onLoadMore]);

  // rows get callbacks that never change and read the latest props, so a render of the grid
  // (a scroll frame, a new page) leaves the rows already shown alone
  const latest = useRef(props);
  useLayoutEffect(() => {
    latest.current = props;
  });
  const open = useCallback((row: RecordOut) => latest.current.onOpen(row), []);
  const toggle = useCallback((id: string, on: boolean) => {
    const next = new Set(latest.current.selected);
    if (on) next.add(id);
    else next.delete(id);
    latest.current.onSelect(next);
  }, []);
  const selectAll = useCallback(
    (on: boolean) => latest.current.onSelect(on ? new Set(latest.current.rows.map((r) => r.id)) : new Set()),
    [],
  );
  // a row's checkbox label: translated once with a placeholder for the number, which each row
  // fills in (i18next's t per row mounted was a tenth of a scroll frame's script)
  const checkLabel = useMemo(() => {
    const template = t('records:list.selectRow', { n: '\u0000' });
    return (index: number) => template.replace('\u0000', String(index + 1));
  }, [t]);

  const columnKeys = props.columns.map((c) => c.key).join('\u0000');
  // biome-ignore lint/correctness/useExhaustiveDependencies: rebuilt when the set of columns changes, not their widths
  const columns = useMemo(() => gridColumns(props.columns, props.fields), [columnKeys, props.fields]);
  const { template, width } = gridTemplate(props.columns);
  const selection = useMemo(() => {
    if (selected.size === 0) return 'none';
    return rows.length > 0 && rows.every((r) => selected.has(r.id)) ? 'all' : 'some';
  }, [rows, selected]);

  return (
    <div
      ref={scrollRef}
      role="table"
      aria-rowcount={rows.length}
      className="record-grid"
      style={
        {
          height: props.height,
          '--record-grid-columns': template,
          '--record-grid-width': `${width}px`,
        } as CSSProperties
      }
    >
      <GridHeader
        columns={columns}
        settings={props.columns}
        sort={props.sort}
        onSort={props.onSort}
        onResize={props.onResize}
        selection={selection}
        onSelectAll={selectAll}
      />
      {props.loading ? (
        <div style={{ padding: 16 }}>
          <Skeleton active paragraph={{ rows: 10 }} title={false} />
        </div>
      ) : rows.length === 0 ? (
        <Empty style={{ padding: 48 }} description={t('records:list.empty')} />
      ) : (
        <div className="record-grid-body" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const row = rows[item.index];
            return row ? (
              <GridRow
                key={row.id}
                row={row}
                index={item.index}
                top={item.start}
                checked={selected.has(row.id)}
                columns={columns}
                scope={props.scope}
                onOpen={open}
                onToggle={toggle}
                checkLabel={checkLabel}
              />
            ) : (
              <div key="more" className="record-grid-more" style={{ top: item.start }}>
                {t('shared:loading')}
              </div>
            );
          })}
        </div>
      )}
    </div>
  );
});
