import type { AnyField } from '@tessera/logic/browser';
import { FIELD_UI } from '../../../fields/field-ui.registry';
import type { FieldUi } from '../../../fields/field-ui.types';
import type { ColumnSetting } from './list-columns';

/** Field types the list cannot sort by (no single comparable value per row). */
const UNSORTABLE = new Set<AnyField['type']>([
  'multi_select',
  'attachment',
  'line_items',
  'json',
  'lookup',
  'link',
]);

/** One column of the grid as its header and cells need it; `field` is null for a field no longer there. */
export interface GridColumn {
  readonly key: string;
  readonly field: AnyField | null;
  readonly Display: FieldUi['Display'] | null;
  readonly right: boolean;
  readonly sortable: boolean;
}

/**
 * The grid's columns, built once per set of columns (not per row or per scroll frame): the rows
 * are memoised and re-render only when this list, their record or their selection changes. Widths
 * are left out on purpose — they live in a CSS custom property, so resizing re-renders no row.
 */
export function gridColumns(
  columns: readonly ColumnSetting[],
  fields: ReadonlyMap<string, AnyField>,
): GridColumn[] {
  return columns.map(({ key }) => {
    const field = fields.get(key) ?? null;
    const ui = field ? FIELD_UI[field.type] : null;
    return {
      key,
      field,
      Display: ui?.Display ?? null,
      right: ui?.align === 'right',
      sortable: field !== null && !UNSORTABLE.has(field.type),
    };
  });
}

/** `grid-template-columns` of the grid: the selection column, the columns, the rest of the width. */
export function gridTemplate(columns: readonly ColumnSetting[]): { template: string; width: number } {
  return {
    template: `40px ${columns.map((c) => `${c.width}px`).join(' ')} minmax(0, 1fr)`,
    width: 40 + columns.reduce((sum, c) => sum + c.width, 0),
  };
}
