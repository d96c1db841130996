import type { RecordOut } from '@tessera/api';
import { memo } from 'react';
import type { FieldScope } from '../../../fields/field-ui.types';
import type { GridColumn } from './grid-columns';

interface Props {
  readonly row: RecordOut;
  readonly index: number;
  readonly top: number;
  readonly checked: boolean;
  readonly columns: readonly GridColumn[];
  readonly scope: FieldScope;
  /** Stable across renders (the grid passes callbacks that read its latest props). */
  readonly onOpen: (row: RecordOut) => void;
  readonly onToggle: (id: string, checked: boolean) => void;
  readonly checkLabel: (index: number) => string;
}

const stop = (e: { stopPropagation(): void }) => e.stopPropagation();

/**
 * One list row. Memoised: a scroll frame renders only the rows that came into view, a new page
 * renders only its own rows, a selection renders only the rows whose checkbox changed.
 */
export const GridRow = memo(function GridRow({
  row,
  index,
  top,
  checked,
  columns,
  scope,
  onOpen,
  onToggle,
  checkLabel,
}: Props) {
  return (
    <div
      role="row"
      tabIndex={0}
      aria-selected={checked}
      data-record-id={row.id}
      className="record-row"
      style={{ transform: `translateY(${top}px)` }}
      onClick={() => onOpen(row)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && e.target === e.currentTarget) onOpen(row);
      }}
    >
      <div role="cell" className="record-grid-check" onClick={stop} onKeyDown={stop}>
        <input
          type="checkbox"
          aria-label={checkLabel(index)}
          checked={checked}
          onChange={(e) => onToggle(row.id, e.target.checked)}
        />
      </div>
      {columns.map(({ key, field, Display, right }) => (
        <div role="cell" key={key} className={right ? 'record-cell record-cell-right' : 'record-cell'}>
          {field && Display && <Display field={field} value={row[key]} scope={scope} compact />}
        </div>
      ))}
    </div>
  );
});
