import { PassThrough, Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { createFormService, createRecordService } from '@tessera/forms';
import type { FormDefinition, LabelLanguage } from '@tessera/schema';
import { createTestDatabase, type TestDatabase } from '@tessera/store/testing';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportSheet, type ImportOptions, importSheet, type SheetFormat } from '../index';
import { APP, countRecords, installCustomerErp, toCsv } from './customer-sheet.fixture';

let t: TestDatabase;
let users: ReadonlyMap<string, string>;
const ZONE = 'Asia/Shanghai';

beforeAll(async () => {
  t = await createTestDatabase();
  users = await installCustomerErp(t.db);
});
afterAll(async () => {
  await t?.close();
});

const actor = () => ({ id: users.get('director1')! });
const records = () =>
  createRecordService({ db: t.db, actor: actor(), clock: { now: () => new Date() }, timeZone: ZONE });

function importFile(form: string, file: string | Buffer, format: SheetFormat, options: ImportOptions = {}) {
  return importSheet({
    db: t.db,
    actor: actor(),
    timeZone: ZONE,
    app: APP,
    form,
    input: Readable.from([file]),
    format,
    options,
  });
}

async function customer(name: string) {
  const page = await records().list(APP, 'customer', { filter: { '==': [{ var: 'name' }, name] } });
  return page.items[0];
}

async function xlsx(rows: unknown[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('客户');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function exported(format: SheetFormat, lang: LabelLanguage, form = 'customer'): Promise<Buffer> {
  const forms = createFormService({ db: t.db, actor: actor(), clock: { now: () => new Date() } });
  const definition = (await forms.getPublished(APP, form))!.definition;
  const linked = new Map<string, FormDefinition>([
    ['customer', (await forms.getPublished(APP, 'customer'))!.definition],
  ]);
  const out = new PassThrough();
  const body = buffer(out);
  await exportSheet({
    db: t.db,
    records: records(),
    app: APP,
    form: definition,
    linkedForms: linked,
    format,
    output: out,
    lang,
    timeZone: ZONE,
  });
  return body;
}

describe('importing customer sheets', () => {
  it('reads XLSX cells as Excel types them: numbers, dates, serial dates, labels in English', async () => {
    const file = await xlsx([
      ['客户名称', 'Tier', '信用额度', '账期（天）', '最近跟进日期', 'Owner', 'Fax'],
      ['星河电子', 'Key', 1234567.5, 45, new Date(Date.UTC(2026, 2, 4)), 'sales1', '021-1'],
      ['远洋物流', '普通客户', '¥88,000', '30', 46027, 'SALES2', ''],
    ]);
    const report = await importFile('customer', file, 'xlsx');
    expect(report).toMatchObject({ outcome: 'committed', unknownColumns: ['Fax'], problems: [] });
    expect(report.counts).toMatchObject({ rowsRead: 2, rowsCreated: 2, rowsFailed: 0 });
    expect(await customer('星河电子')).toMatchObject({
      tier: 'key',
      credit_limit: { amount: '1234567.50', currency: 'CNY' },
      payment_terms_days: 45,
      last_follow_up: '2026-03-04',
      owner: users.get('sales1'),
    });
    expect(await customer('远洋物流')).toMatchObject({
      tier: 'normal',
      credit_limit: { amount: '88000.00' },
      last_follow_up: '2026-01-05',
      owner: users.get('sales2'),
    });
  });

  it('refuses a sheet missing a required column before reading any row', async () => {
    const before = await countRecords(t.db, 'customer');
    const report = await importFile(
      'customer',
      toCsv([
        ['Tier', 'City'],
        ['Key', '上海'],
      ]),
      'csv',
    );
    expect(report.outcome).toBe('refused');
    expect(report.counts.rowsRead).toBe(0);
    expect(report.problems).toEqual([
      { row: 0, column: null, field: 'name', message: 'required field "Name" (name) has no column' },
    ]);
    expect(await countRecords(t.db, 'customer')).toBe(before);
  });

  it('finds duplicates by a key: skip leaves the record, update patches it, repeats in the file are reported', async () => {
    await importFile(
      'customer',
      toCsv([
        ['Name', 'Credit limit'],
        ['重复测试甲', '1000'],
        ['重复测试乙', '2000'],
      ]),
      'csv',
    );
    const file = toCsv([
      ['Name', 'Credit limit', 'City'],
      ['重复测试甲', '1500', '杭州'],
      ['重复测试丙', '3000', ''],
      ['重复测试甲', '9999', ''],
    ]);
    const skipped = await importFile('customer', file, 'csv', {
      key: 'name',
      duplicates: 'skip',
      mode: 'valid_rows_only',
    });
    expect(skipped.counts).toMatchObject({
      rowsRead: 3,
      rowsCreated: 1,
      rowsSkipped: 1,
      rowsFailed: 1,
      rowsUpdated: 0,
    });
    expect(skipped.problems).toEqual([
      { row: 4, column: 'Name', field: 'name', message: '"重复测试甲" repeats row 2 of the file' },
    ]);
    expect(await customer('重复测试甲')).toMatchObject({ credit_limit: { amount: '1000.00' }, city: null });

    const updated = await importFile('customer', file, 'csv', {
      key: 'name',
      duplicates: 'update',
      mode: 'valid_rows_only',
    });
    // 丙 exists now (created by the first run): it is "updated" with the same values → unchanged
    expect(updated.counts).toMatchObject({ rowsUpdated: 1, rowsUnchanged: 1, rowsCreated: 0, rowsFailed: 1 });
    const a = await customer('重复测试甲');
    expect(a).toMatchObject({ credit_limit: { amount: '1500.00' }, city: '杭州', version: 2 });
  });

  it('a unique violation only the database sees is reported on its row, in both modes', async () => {
    await importFile('customer', toCsv([['Name'], ['唯一甲']]), 'csv');
    const before = await countRecords(t.db, 'customer');
    const file = toCsv([
      ['Name', 'Tier'],
      ['唯一新1', 'Key'],
      ['唯一甲', 'Key'],
      ['唯一新2', 'Key'],
      ['唯一新3', '钻石'],
    ]);
    const expected = [
      { row: 3, column: 'Name', field: 'name', message: expect.stringMatching(/exists|unique|already/i) },
      { row: 5, column: 'Tier', field: 'tier', message: expect.stringMatching(/not one of the options/) },
    ];
    const all = await importFile('customer', file, 'csv', { chunkSize: 2 });
    expect(all.outcome).toBe('rolled_back');
    expect(all.problems).toEqual(expected);
    expect(all.counts).toMatchObject({ rowsRead: 4, rowsFailed: 2 });
    expect(await countRecords(t.db, 'customer')).toBe(before);

    const valid = await importFile('customer', file, 'csv', { chunkSize: 2, mode: 'valid_rows_only' });
    expect(valid.problems).toEqual(expected);
    expect(valid.counts).toMatchObject({ rowsRead: 4, rowsCreated: 2, rowsFailed: 2 });
    expect(await countRecords(t.db, 'customer')).toBe(before + 2);
  });

  it('links rows to records named by the target form’s title or code, and reports unknown ones', async () => {
    const target = await customer('星河电子');
    const file = toCsv([
      ['客户', '跟进日期', '跟进方式', '跟进内容', '跟进人'],
      ['星河电子', '2026-11-02', methodLabel, '电话沟通报价', '王小明 (sales)'],
      [String(target!.code), '2026/11/3', methodLabel, '上门拜访', 'sales1'],
      ['不存在的客户', '2026-11-04', methodLabel, '—', 'sales1'],
    ]);
    const report = await importFile('follow_up', file, 'csv', { mode: 'valid_rows_only' });
    expect(report.counts).toMatchObject({ rowsCreated: 2, rowsFailed: 1 });
    expect(report.problems).toEqual([
      { row: 4, column: '客户', field: 'customer', message: 'no customer record "不存在的客户"' },
    ]);
    const visits = await records().list(APP, 'follow_up', {
      filter: { '==': [{ var: 'customer' }, target!.id] },
    });
    expect(visits.items.map((v) => v.sales)).toEqual([users.get('sales1'), users.get('sales1')]);
  });

  it('round trip: an exported CSV (zh-CN) and XLSX (en) re-import cleanly, as updates that change nothing', async () => {
    const total = await countRecords(t.db, 'customer');
    for (const [format, lang] of [
      ['csv', 'zh-CN'],
      ['xlsx', 'en'],
    ] as const) {
      const file = await exported(format, lang);
      if (format === 'csv') {
        expect(file.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
        expect(file.toString('utf8')).toContain('客户编号,客户名称,客户等级');
      }
      const report = await importFile('customer', file, format, { key: 'code', duplicates: 'update' });
      expect(report.problems).toEqual([]);
      expect(report.counts).toMatchObject({
        rowsRead: total,
        rowsFailed: 0,
        rowsCreated: 0,
        rowsUnchanged: total,
      });
    }
    const visits = await exported('csv', 'en', 'follow_up');
    const again = await importFile('follow_up', visits, 'csv', { dryRun: true });
    expect(again).toMatchObject({ outcome: 'dry_run', problems: [] });
  });

  it('round trip with an edit: the changed cell updates its record', async () => {
    const text = (await exported('csv', 'zh-CN')).toString('utf8');
    const edited = text.replace('"¥1,234,567.50"', '"¥2,000,000.00"');
    expect(edited).not.toBe(text);
    const report = await importFile('customer', edited, 'csv', { key: 'code', duplicates: 'update' });
    expect(report.counts).toMatchObject({ rowsUpdated: 1, rowsFailed: 0 });
    expect(await customer('星河电子')).toMatchObject({ credit_limit: { amount: '2000000.00' } });
  });
});

describe('a rating column (service ticket satisfaction, 1–5 stars)', () => {
  const tickets = async () =>
    (await records().list(APP, 'service_ticket', { filter: { '==': [{ var: 'subject' }, 'rating-sheet'] } }))
      .items;

  it('imports stars from CSV text and XLSX numbers, refusing one past the field’s max on its row', async () => {
    const csv = toCsv([
      ['客户', '主题', '满意度（1–5）'],
      ['星河电子', 'rating-sheet', '5'],
      ['星河电子', 'rating-sheet', ' 3 '],
      ['星河电子', 'rating-sheet', '6'],
      ['星河电子', 'rating-sheet', '很好'],
    ]);
    const report = await importFile('service_ticket', csv, 'csv', { mode: 'valid_rows_only' });
    expect(report.counts).toMatchObject({ rowsCreated: 2, rowsFailed: 2 });
    expect(report.problems).toEqual([
      expect.objectContaining({ row: 4, field: 'satisfaction', message: expect.stringMatching(/at most 5/) }),
      { row: 5, column: '满意度（1–5）', field: 'satisfaction', message: '"很好" is not a number' },
    ]);
    const file = await xlsx([
      ['Customer', 'Subject', 'Satisfaction (1–5)'],
      ['星河电子', 'rating-sheet', 4],
    ]);
    expect((await importFile('service_ticket', file, 'xlsx')).counts).toMatchObject({ rowsCreated: 1 });
    expect((await tickets()).map((r) => r.satisfaction).sort()).toEqual([3, 4, 5]);
  });

  it('exports stars as numbers (an XLSX number cell) that re-import unchanged', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await exported('xlsx', 'en', 'service_ticket')) as never);
    const sheet = workbook.worksheets[0]!;
    const headers = (sheet.getRow(1).values as unknown[]).map(String);
    const column = headers.indexOf('Satisfaction (1–5)');
    const subject = headers.indexOf('Subject');
    const stars: unknown[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1 && row.getCell(subject).value === 'rating-sheet') stars.push(row.getCell(column).value);
    });
    expect(stars.sort()).toEqual([3, 4, 5]);

    const csv = (await exported('csv', 'zh-CN', 'service_ticket')).toString('utf8');
    expect(csv).toContain('满意度（1–5）');
    const again = await importFile('service_ticket', csv, 'csv', { dryRun: true });
    expect(again).toMatchObject({ outcome: 'dry_run', problems: [] });
  });
});

let methodLabel = '';
beforeAll(async () => {
  const forms = createFormService({ db: t.db, actor: actor(), clock: { now: () => new Date() } });
  const form = (await forms.getPublished(APP, 'follow_up'))!.definition;
  const method = form.fields.find((f) => f.key === 'method') as {
    options: { label: { 'zh-CN'?: string } }[];
  };
  methodLabel = method.options[0]!.label['zh-CN']!;
  expect(await sql`select 1`.execute(t.db)).toBeTruthy();
});
