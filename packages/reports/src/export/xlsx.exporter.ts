import { escapeFormula } from '@tessera/schema';
import type { Cell, SheetData } from 'write-excel-file/node';
import type { ResultColumn } from '../compiler/result-column';
import type { ReportResult } from '../runner/report.runner';
import { named } from './csv.exporter';

/**
 * A result as an XLSX workbook (write-excel-file): a bold header row, then one row per result
 * row — numbers and exact decimals as numbers (decimals with two places), dates as dates. Text
 * cells and titles pass `escapeFormula` (formula injection), numbers stay numeric cells.
 */
export async function toXlsx(
  result: ReportResult,
  titles: Readonly<Record<string, string>> = {},
  sheet = 'Report',
): Promise<Buffer> {
  const columns = result.columns.filter((c) => c.role !== 'grouping');
  const data: SheetData = [
    columns.map((c) => ({ value: escapeFormula(titles[c.key] ?? c.key), fontWeight: 'bold' as const })),
    ...result.rows.map((row) => columns.map((c) => cell(named(row[c.key], c.names), c))),
  ];
  // loaded on first use: the server's start does not need it
  const { default: writeXlsxFile } = await import('write-excel-file/node');
  return writeXlsxFile(data, { sheet: sheet.slice(0, 31) }).toBuffer();
}

function cell(value: unknown, column: ResultColumn): Cell {
  if (value === null || value === undefined) return null;
  switch (column.type) {
    case 'integer':
    case 'number':
      return Number(value);
    case 'decimal':
      return { value: Number(value), format: '#,##0.00' };
    case 'date':
      return { value: new Date(`${String(value)}T00:00:00Z`), format: 'yyyy-mm-dd' };
    case 'datetime':
      return { value: new Date(String(value)), format: 'yyyy-mm-dd hh:mm:ss' };
    case 'boolean':
      return Boolean(value);
    case 'text':
      return escapeFormula(String(value));
    case 'json':
    case 'array':
      return escapeFormula(JSON.stringify(value));
  }
}
