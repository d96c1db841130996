import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { memo, type PointerEvent as ReactPointerEvent, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useLabel } from '../../../i18n/use-locale';
import type { GridColumn } from './grid-columns';
import type { ColumnSetting } from './list-columns';

export interface SortState {
  readonly key: string;
  readonly desc: boolean;
}

interface Props {
  readonly columns: readonly GridColumn[];
  readonly settings: readonly ColumnSetting[];
  readonly sort: SortState | null;
  readonly onSort: (sort: SortState | null) => void;
  readonly onResize: (key: string, width: number) => void;
  readonly selection: 'none' | 'some' | 'all';
  readonly onSelectAll: (checked: boolean) => void;
}

/** Ascending, then descending, then the list's default order. */
const nextSort = (key: string, active: SortState | null): SortState | null =>
  !active ? { key, desc: false } : !active.desc ? { key, desc: true } : null;

/** The grid's sticky header: select all, sortable headings, a resize handle per column. */
export const GridHeader = memo(function GridHeader(props: Props) {
  const { t } = useTranslation();
  const label = useLabel();
  const selectAll = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (selectAll.current) selectAll.current.indeterminate = props.selection === 'some';
  }, [props.selection]);

  const startResize = (e: ReactPointerEvent, key: string) => {
    e.preventDefault();
    e.stopPropagation();
    const width0 = props.settings.find((c) => c.key === key)?.width ?? 140;
    const x0 = e.clientX;
    const move = (ev: PointerEvent) =>
      props.onResize(key, Math.max(60, Math.round(width0 + ev.clientX - x0)));
    const up = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  };

  return (
    <div role="row" className="record-grid-header">
      <div role="columnheader" className="record-grid-check">
        <input
          ref={selectAll}
          type="checkbox"
          aria-label={t('records:list.selectAll')}
          checked={props.selection === 'all'}
          onChange={(e) => props.onSelectAll(e.target.checked)}
        />
      </div>
      {props.columns.map(({ key, field, sortable, right }) => {
        if (!field) return <div key={key} />;
        const active = props.sort?.key === key ? props.sort : null;
        const title = label(field.label, field.key);
        return (
          <div
            role="columnheader"
            key={key}
            aria-sort={active ? (active.desc ? 'descending' : 'ascending') : undefined}
            className={right ? 'record-grid-heading record-cell-right' : 'record-grid-heading'}
          >
            {sortable ? (
              <button
                type="button"
                className="record-grid-sort"
                onClick={() => props.onSort(nextSort(key, active))}
                title={t('records:list.sortBy', { field: title })}
              >
                {title}{' '}
                {active &&
                  (active.desc ? (
                    <ArrowDownOutlined style={{ fontSize: 11 }} />
                  ) : (
                    <ArrowUpOutlined style={{ fontSize: 11 }} />
                  ))}
              </button>
            ) : (
              title
            )}
            <span aria-hidden className="record-grid-resize" onPointerDown={(e) => startResize(e, key)} />
          </div>
        );
      })}
      <div />
    </div>
  );
});
