import type { Readable } from 'node:stream';
import type { Cell, SheetRow } from '../model/sheet-types';

/**
 * Streams the rows of the first worksheet of an XLSX file (exceljs' streaming WorkbookReader, so
 * memory stays flat): numbers, booleans and dates as typed, rich text and links as their text,
 * formulas as their cached result. Row numbers are the sheet's own.
 */
export async function* readXlsxRows(input: Readable): AsyncGenerator<SheetRow> {
  // loaded on first use: exceljs is large and the server's start does not need it
  const { default: ExcelJS } = await import('exceljs');
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'emit',
  });
  for await (const worksheet of reader) {
    for await (const row of worksheet) {
      const values = row.values as unknown[];
      const cells: Cell[] = [];
      for (let i = 1; i < values.length; i++) cells.push(cellValue(values[i]));
      yield { row: row.number, cells };
    }
    return; // the first worksheet only
  }
}

function cellValue(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) return (v.richText as { text: string }[]).map((r) => r.text).join('');
    if ('result' in v) return cellValue(v.result);
    if ('formula' in v || 'sharedFormula' in v) return null;
    if (typeof v.text === 'string') return v.text;
    if ('error' in v) return null;
  }
  return String(value);
}
