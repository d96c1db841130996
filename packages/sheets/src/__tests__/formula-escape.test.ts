import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { createRecordService } from '@tessera/forms';
import { publishForms } from '@tessera/forms/testing';
import type { FormDefinition } from '@tessera/schema';
import { createTestDatabase, type TestDatabase } from '@tessera/store/testing';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportSheet, importSheet, type SheetFormat, writeProblemReport } from '../index';

const APP = 'fx';
const label = (en: string) => ({ en });
const party: FormDefinition = {
  key: 'party',
  title: label('Party'),
  titleField: 'p1',
  fields: [{ id: 'p1', key: 'name', type: 'text', label: label('Name'), required: true, unique: true }],
};
const note: FormDefinition = {
  key: 'note',
  title: label('Note'),
  titleField: 'n1',
  fields: [
    { id: 'n1', key: 'title', type: 'text', label: label('Title'), required: true, unique: true },
    { id: 'n2', key: 'delta', type: 'integer', label: label('Delta') },
    { id: 'n3', key: 'amount', type: 'money', label: label('Amount'), currency: 'CNY' },
    { id: 'n4', key: 'party', type: 'link', label: label('=Party'), form: 'party' },
  ],
};

/** The classic payloads (OWASP), a text that only looks like one, and a harmless numeric text. */
const TITLES = [
  '=HYPERLINK("http://evil.example","click")',
  "+cmd|' /C calc'!A0",
  '@SUM(1+1)*cmd|" /C calc"!A0',
  '-2+3',
  '-A1*2',
  "'=already quoted",
  '-7',
];

let t: TestDatabase;
const system = () => createRecordService({ db: t.db, actor: { id: null }, clock: { now: () => new Date() } });

beforeAll(async () => {
  t = await createTestDatabase();
  await publishForms(t.db, APP, [party, note]);
  const evil = await system().create(APP, 'party', { name: '=cmd|"/C calc"!A0' });
  for (const [i, title] of TITLES.entries())
    await system().create(APP, 'note', {
      title,
      delta: -5 - i,
      amount: { amount: '-12.50', currency: 'CNY' },
      party: evil.id,
    });
});
afterAll(async () => {
  await t?.close();
});

async function exported(format: SheetFormat): Promise<Buffer> {
  const out = new PassThrough();
  const body = buffer(out);
  await exportSheet({
    db: t.db,
    records: system(),
    app: APP,
    form: note,
    linkedForms: new Map([['party', party]]),
    format,
    output: out,
    lang: 'en',
    sort: [{ field: 'created_at', direction: 'asc' }],
  });
  return body;
}

describe('list export defuses formulas', () => {
  it('CSV: every payload cell (title, link title, header) starts with a quote; negative numbers stay numbers', async () => {
    const lines = (await exported('csv'))
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    expect(lines[0]).toBe("Title,Delta,Amount,'=Party");
    expect(lines.slice(1, 1 + TITLES.length)).toEqual([
      `"'=HYPERLINK(""http://evil.example"",""click"")",-5,¥-12.50,"'=cmd|""/C calc""!A0"`,
      `'+cmd|' /C calc'!A0,-6,¥-12.50,"'=cmd|""/C calc""!A0"`,
      `"'@SUM(1+1)*cmd|"" /C calc""!A0",-7,¥-12.50,"'=cmd|""/C calc""!A0"`,
      `'-2+3,-8,¥-12.50,"'=cmd|""/C calc""!A0"`,
      `'-A1*2,-9,¥-12.50,"'=cmd|""/C calc""!A0"`,
      `''=already quoted,-10,¥-12.50,"'=cmd|""/C calc""!A0"`,
      `-7,-11,¥-12.50,"'=cmd|""/C calc""!A0"`,
    ]);
  });

  it('XLSX: text cells escaped, the integer column numeric (negative numbers stay numbers)', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await exported('xlsx')) as never);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).getCell(4).value).toBe("'=Party");
    const rows = TITLES.map((_, i) => sheet.getRow(i + 2));
    expect(rows.map((r) => r.getCell(1).value)).toEqual([
      `'=HYPERLINK("http://evil.example","click")`,
      "'+cmd|' /C calc'!A0",
      `'@SUM(1+1)*cmd|" /C calc"!A0`,
      "'-2+3",
      "'-A1*2",
      "''=already quoted",
      '-7',
    ]);
    expect(rows.map((r) => r.getCell(2).value)).toEqual([-5, -6, -7, -8, -9, -10, -11]);
    expect(rows.every((r) => r.getCell(1).formula === undefined)).toBe(true);
    expect(rows[0]!.getCell(4).value).toBe(`'=cmd|"/C calc"!A0`);
  });

  it('both formats re-import to the very same values (the importer takes the quote off)', async () => {
    for (const format of ['csv', 'xlsx'] as const) {
      const report = await importSheet({
        db: t.db,
        actor: { id: null },
        app: APP,
        form: 'note',
        input: Readable.from([await exported(format)]),
        format,
        options: { key: 'title', duplicates: 'update' },
      });
      expect(report.problems).toEqual([]);
      expect(report.counts).toMatchObject({ rowsRead: TITLES.length, rowsUnchanged: TITLES.length });
    }
  });

  it("an import's per-row report escapes the uploaded header and the quoted cell", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tessera-fx-'));
    try {
      const path = join(dir, 'report.csv');
      await writeProblemReport(
        [{ row: 2, column: '=HYPERLINK("http://evil")', field: 'title', message: '@SUM(1) is not a number' }],
        path,
      );
      const text = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
      expect(text.split('\r\n')[1]).toBe(`2,"'=HYPERLINK(""http://evil"")",title,'@SUM(1) is not a number`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
