import type { Readable } from 'node:stream';
import { unescapeFormula } from '@tessera/schema';
import type { SheetFormat, SheetRow } from '../model/sheet-types';
import { readCsvRows } from './csv-rows.reader';
import { readXlsxRows } from './xlsx-rows.reader';

/**
 * The rows of a CSV or XLSX stream, header first. Text cells lose the `'` an export put before
 * a would-be formula (`escapeFormula`), so an exported file re-imports to the same values.
 */
export async function* readSheetRows(input: Readable, format: SheetFormat): AsyncGenerator<SheetRow> {
  const rows = format === 'xlsx' ? readXlsxRows(input) : readCsvRows(input);
  for await (const row of rows) {
    yield { row: row.row, cells: row.cells.map((c) => (typeof c === 'string' ? unescapeFormula(c) : c)) };
  }
}

/** The format of an upload by its content type or file name (CSV unless it looks like XLSX). */
export function sheetFormatOf(contentType?: string, fileName?: string): SheetFormat {
  if (contentType?.includes('spreadsheetml') || /\.xlsx$/i.test(fileName ?? '')) return 'xlsx';
  return 'csv';
}
