import { PassThrough, Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { createFormService, createRecordService, type RecordService } from '@tessera/forms';
import { publishForms } from '@tessera/forms/testing';
import type { FieldDefinition, FormDefinition, LabelLanguage } from '@tessera/schema';
import { createTestDatabase, type TestDatabase } from '@tessera/store/testing';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportForms, exportSheet, importSheet, type SheetFormat } from '../index';

// An export shows what the list shows: a lookup of an option is its label, of a user their name,
// of a link the linked record's title, of money the amount with its currency, of a date the date.
// The fixture goes through the real form and record services, so it is valid by construction.

const APP = 'buying';
const label = (en: string, zh: string) => ({ en, 'zh-CN': zh });

const region: FormDefinition = {
  key: 'region',
  title: label('Region', '区域'),
  titleField: 'g01',
  fields: [{ id: 'g01', key: 'name', type: 'text', label: label('Name', '名称'), required: true }],
};

const supplier: FormDefinition = {
  key: 'supplier',
  title: label('Supplier', '供应商'),
  titleField: 's01',
  fields: [
    { id: 's01', key: 'name', type: 'text', label: label('Name', '名称'), required: true, unique: true },
    {
      id: 's02',
      key: 'grade',
      type: 'single_select',
      label: label('Grade', '等级'),
      options: [
        { value: 'gold', label: label('Gold partner', '金牌伙伴') },
        { value: 'plain', label: label('Plain', '普通') },
      ],
    },
    { id: 's03', key: 'buyer', type: 'user', label: label('Buyer', '采购员') },
    { id: 's04', key: 'since', type: 'date', label: label('Since', '合作起始') },
    { id: 's05', key: 'credit', type: 'money', label: label('Credit', '授信'), currency: 'CNY', scale: 2 },
    { id: 's06', key: 'region', type: 'link', label: label('Region', '区域'), form: 'region' },
  ],
};

/** A purchase and its looked-up supplier facts; `purchase_copy` is the same form, the import target. */
function purchase(key: string): FormDefinition {
  const lookup = (id: string, field: string, en: string, zh: string): FieldDefinition => ({
    id,
    key: `supplier_${field}`,
    type: 'lookup',
    label: label(en, zh),
    link: 'supplier',
    field,
  });
  return {
    key,
    title: label('Purchase', '采购单'),
    titleField: 'p01',
    fields: [
      {
        id: 'p01',
        key: 'ref',
        type: 'text',
        label: label('Reference', '单号'),
        required: true,
        unique: true,
      },
      { id: 'p02', key: 'supplier', type: 'link', label: label('Supplier', '供应商'), form: 'supplier' },
      lookup('p03', 'grade', 'Supplier grade', '供应商等级'),
      lookup('p04', 'buyer', 'Supplier buyer', '供应商采购员'),
      lookup('p05', 'since', 'Supplier since', '供应商合作起始'),
      lookup('p06', 'credit', 'Supplier credit', '供应商授信'),
      lookup('p07', 'region', 'Supplier region', '供应商区域'),
    ],
  };
}

let t: TestDatabase;
let buyer: string;
let svc: RecordService;
beforeAll(async () => {
  t = await createTestDatabase();
  await publishForms(t.db, APP, [region, supplier, purchase('purchase'), purchase('purchase_copy')]);
  buyer = (
    await sql<{ id: string }>`insert into tessera.users (username, display_name, password_hash)
      values ('wang', '王芳', 'x') returning id`.execute(t.db)
  ).rows[0]!.id;
  svc = createRecordService({ db: t.db, actor: { id: buyer }, clock: { now: () => new Date() } });
  const east = await svc.create(APP, 'region', { name: '华东区' });
  const acme = await svc.create(APP, 'supplier', {
    name: '星河电子',
    grade: 'gold',
    buyer,
    since: '2025-03-04',
    credit: { amount: '1234567.50', currency: 'CNY' },
    region: east.id,
  });
  const bare = await svc.create(APP, 'supplier', { name: '远洋物流' });
  await svc.create(APP, 'purchase', { ref: 'PO-1', supplier: acme.id });
  await svc.create(APP, 'purchase', { ref: 'PO-2', supplier: bare.id });
  await svc.create(APP, 'purchase', { ref: 'PO-3' });
}, 120_000);
afterAll(async () => {
  await t?.close();
});

async function exported(form: string, format: SheetFormat, lang: LabelLanguage): Promise<Buffer> {
  const forms = createFormService({ db: t.db, actor: { id: buyer }, clock: { now: () => new Date() } });
  const definition = (await forms.getPublished(APP, form))!.definition;
  const out = new PassThrough();
  const body = buffer(out);
  await exportSheet({
    db: t.db,
    records: svc,
    app: APP,
    form: definition,
    linkedForms: await exportForms(definition, async (k) => (await forms.getPublished(APP, k))?.definition),
    format,
    output: out,
    lang,
    timeZone: 'Asia/Shanghai',
    sort: [{ field: 'ref', direction: 'asc' }],
  });
  return body;
}

async function rowsOf(file: Buffer, format: SheetFormat): Promise<unknown[][]> {
  if (format === 'csv')
    return parse(file.toString('utf8').replace(/^\uFEFF/, ''), { relax_column_count: true });
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file as unknown as ArrayBuffer);
  const out: unknown[][] = [];
  workbook.worksheets[0]!.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
  return out;
}

describe('exporting lookup columns', () => {
  it('CSV in Chinese: each lookup as its source field shows it (label, name, date, money, title)', async () => {
    const rows = await rowsOf(await exported('purchase', 'csv', 'zh-CN'), 'csv');
    expect(rows).toEqual([
      ['单号', '供应商', '供应商等级', '供应商采购员', '供应商合作起始', '供应商授信', '供应商区域'],
      ['PO-1', '星河电子', '金牌伙伴', '王芳', '2025-03-04', '¥1,234,567.50', '华东区'],
      ['PO-2', '远洋物流', '', '', '', '', ''],
      ['PO-3', '', '', '', '', '', ''],
    ]);
  });

  it('XLSX in English: the option label in English, never the stored value "gold"', async () => {
    const rows = await rowsOf(await exported('purchase', 'xlsx', 'en'), 'xlsx');
    expect(rows[0]).toEqual([
      'Reference',
      'Supplier',
      'Supplier grade',
      'Supplier buyer',
      'Supplier since',
      'Supplier credit',
      'Supplier region',
    ]);
    expect(rows[1]).toEqual([
      'PO-1',
      '星河电子',
      'Gold partner',
      '王芳',
      '2025-03-04',
      '¥1,234,567.50',
      '华东区',
    ]);
  });

  it('round trip: the export imports into a copy of the form as the same records (lookups skipped)', async () => {
    for (const format of ['csv', 'xlsx'] as const) {
      await sql`truncate ${sql.table(`app_${APP}.purchase_copy`)}`.execute(t.db);
      const report = await importSheet({
        db: t.db,
        actor: { id: buyer },
        timeZone: 'Asia/Shanghai',
        app: APP,
        form: 'purchase_copy',
        input: Readable.from([await exported('purchase', format, format === 'csv' ? 'zh-CN' : 'en')]),
        format,
      });
      expect(report).toMatchObject({ outcome: 'committed', problems: [], unknownColumns: [] });
      expect(report.counts).toMatchObject({ rowsRead: 3, rowsCreated: 3, rowsFailed: 0 });
      const values = async (form: string) =>
        (await svc.list(APP, form, { sort: [{ field: 'ref', direction: 'asc' }] })).items.map(
          ({ id, created_at, created_by, updated_at, updated_by, version, deleted_at, ...rest }) => rest,
        );
      const original = await values('purchase');
      expect(original[0]).toMatchObject({ supplier_grade: 'gold', supplier_buyer: buyer });
      expect(await values('purchase_copy')).toEqual(original);
    }
  });
});
