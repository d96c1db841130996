import type { Readable } from 'node:stream';
import type { SheetFormat, SheetRow } from '../model/sheet-types';
import { readCsvRows } from './csv-rows.reader';
import { readXlsxRows } from './xlsx-rows.reader';

/** The rows of a CSV or XLSX stream, header first. */
export function readSheetRows(input: Readable, format: SheetFormat): AsyncGenerator<SheetRow> {
  return format === 'xlsx' ? readXlsxRows(input) : readCsvRows(input);
}

/** The format of an upload by its content type or file name (CSV unless it looks like XLSX). */
export function sheetFormatOf(contentType?: string, fileName?: string): SheetFormat {
  if (contentType?.includes('spreadsheetml') || /\.xlsx$/i.test(fileName ?? '')) return 'xlsx';
  return 'csv';
}
