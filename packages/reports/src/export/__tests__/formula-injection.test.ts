import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { ReportResult } from '../../runner/report.runner';
import { toCsv } from '../csv.exporter';
import { toXlsx } from '../xlsx.exporter';

/** A result whose text cells are the classic payloads, next to real negative numbers. */
const result: ReportResult = {
  columns: [
    { key: 'name', role: 'dimension', type: 'text' },
    { key: 'delta', role: 'measure', type: 'integer' },
    { key: 'total', role: 'measure', type: 'decimal' },
  ],
  rows: [
    { name: '=HYPERLINK("http://evil","x")', delta: -5, total: '-12.30' },
    { name: "+cmd|' /C calc'!A0", delta: 1, total: '0.00' },
    { name: '@SUM(1+1)', delta: 2, total: '1.00' },
    { name: '-2+3', delta: 3, total: '2.00' },
    { name: '-7', delta: 4, total: '3.00' },
  ],
} as ReportResult;

/** Cells of the first sheet of an XLSX: `{ text }` for strings, `{ number }` for numeric cells. */
function xlsxCells(file: Buffer): Array<Array<{ text: string } | { number: number }>> {
  const zip = unzipSync(new Uint8Array(file));
  const shared = [...strFromU8(zip['xl/sharedStrings.xml']!).matchAll(/<si><t[^>]*>(.*?)<\/t><\/si>/gs)].map(
    (m) => m[1]!.replaceAll('&quot;', '"').replaceAll('&apos;', "'").replaceAll('&amp;', '&'),
  );
  const sheet = strFromU8(zip['xl/worksheets/sheet1.xml']!);
  return [...sheet.matchAll(/<row[^>]*>(.*?)<\/row>/gs)].map((row) =>
    [...row[1]!.matchAll(/<c ([^>]*)><v>(.*?)<\/v><\/c>/g)].map(([, attrs, v]) =>
      attrs!.includes('t="s"') ? { text: shared[Number(v)]! } : { number: Number(v) },
    ),
  );
}

describe('report exports defuse formulas', () => {
  it('CSV: payloads get a quote, negative numbers and numeric text stay numbers, titles are escaped too', () => {
    const lines = toCsv(result, { name: '=Title' })
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    expect(lines.slice(0, 6)).toEqual([
      "'=Title,delta,total",
      `"'=HYPERLINK(""http://evil"",""x"")",-5,-12.30`,
      "'+cmd|' /C calc'!A0,1,0.00",
      "'@SUM(1+1),2,1.00",
      "'-2+3,3,2.00",
      '-7,4,3.00',
    ]);
  });

  it('XLSX: text cells escaped, numbers numeric cells (a negative amount stays a number)', async () => {
    const cells = xlsxCells(await toXlsx(result, { name: '=Title' }));
    expect(cells[0]).toEqual([{ text: "'=Title" }, { text: 'delta' }, { text: 'total' }]);
    expect(cells.slice(1).map((r) => r[0])).toEqual([
      { text: `'=HYPERLINK("http://evil","x")` },
      { text: "'+cmd|' /C calc'!A0" },
      { text: "'@SUM(1+1)" },
      { text: "'-2+3" },
      { text: '-7' },
    ]);
    expect(cells[1]!.slice(1)).toEqual([{ number: -5 }, { number: -12.3 }]);
  });
});
