import type { ColumnMapping } from '../mapping/column-mapping.planner';
import type { RowProblem, SheetRow } from '../model/sheet-types';
import { type ConvertContext, convertCell, isBlank } from './cell-value.converter';

/** One sheet row as the records service wants it, or what is wrong with it. */
export interface ConvertedRow {
  readonly row: number;
  /** The writable fields' values (blank cells left out). */
  readonly values: Record<string, unknown>;
  /** The key's value (converted by its field's type), when a key column is mapped and not blank. */
  readonly key: string | number | null;
  readonly problems: readonly RowProblem[];
}

/**
 * Converts one row's cells by the mapping, pure: every cell's problem is reported (not just the
 * first), read-only and computed columns are never written (the key column may still identify).
 */
export function convertRow(mapping: ColumnMapping, sheetRow: SheetRow, ctx: ConvertContext): ConvertedRow {
  const values: Record<string, unknown> = {};
  const problems: RowProblem[] = [];
  for (const column of mapping.columns) {
    if (column.readOnly) continue;
    const cell = sheetRow.cells[column.index];
    if (cell === undefined || cell === null || isBlank(cell)) continue;
    const converted = convertCell(column.field, cell, ctx);
    if (converted.ok) values[column.field.key] = converted.value;
    else
      problems.push({
        row: sheetRow.row,
        column: column.header,
        field: column.field.key,
        message: converted.message,
      });
  }
  return { row: sheetRow.row, values, key: keyOf(mapping, sheetRow, values), problems };
}

function keyOf(mapping: ColumnMapping, sheetRow: SheetRow, values: Record<string, unknown>) {
  const column = mapping.key;
  if (!column) return null;
  const cell = sheetRow.cells[column.index];
  if (cell === undefined || isBlank(cell)) return null;
  if (!column.readOnly) {
    const value = values[column.field.key];
    return typeof value === 'string' || typeof value === 'number' ? value : null;
  }
  return cell instanceof Date ? cell.toISOString() : String(cell).trim();
}
