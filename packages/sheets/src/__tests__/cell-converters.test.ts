import {
  parseBoolean,
  parseDateCell,
  parseDateTimeCell,
  parseMoney,
  parseNumber,
  parseOption,
  parsePercent,
  splitList,
} from '@tessera/schema';
import { describe, expect, it } from 'vitest';
import { type ConvertContext, convertCell } from '../convert/cell-value.converter';
import { type FormatContext, formatCell } from '../export/cell-format';
import { planColumnMapping } from '../mapping/column-mapping.planner';
import type { SheetField } from '../model/sheet-types';

const value = <T>(p: { ok: true; value: T } | { ok: false; message: string }) =>
  p.ok ? p.value : `ERR ${p.message}`;

describe('cells as people type them', () => {
  it.each([
    ['2026-01-05', '2026-01-05'],
    ['2026/1/5', '2026-01-05'],
    ['2026.1.5', '2026-01-05'],
    ['2026年1月5日', '2026-01-05'],
    ['20260105', '2026-01-05'],
    ['15/01/2026', '2026-01-15'],
    ['01/15/2026', '2026-01-15'],
    ['46027', '2026-01-05'], // an Excel serial date
    ['2026-01-05 14:30', '2026-01-05'],
  ])('date %s → %s', (cell, expected) => {
    expect(value(parseDateCell(cell))).toBe(expected);
  });

  it.each([
    ['2026/2/30', /not a calendar date/],
    ['03/04/2026', /ambiguous/],
    ['yesterday', /not a date/],
  ])('date %s is refused', (cell, message) => {
    expect(value(parseDateCell(cell))).toMatch(message);
  });

  it('reads Excel serials and XLSX Date cells (wall clock stored as UTC) as dates', () => {
    expect(value(parseDateCell(46027))).toBe('2026-01-05');
    expect(value(parseDateCell(new Date(Date.UTC(2026, 0, 5))))).toBe('2026-01-05');
  });

  it.each([
    ['2026-01-05 08:30', 'Asia/Shanghai', '2026-01-05T00:30:00.000Z'],
    ['2026/1/5 8:30:15', 'UTC', '2026-01-05T08:30:15.000Z'],
    ['2026-01-05T08:30:00+08:00', 'UTC', '2026-01-05T00:30:00.000Z'],
    ['2026-07-01 12:00', 'Europe/Berlin', '2026-07-01T10:00:00.000Z'],
    ['46027.5', 'Asia/Shanghai', '2026-01-05T04:00:00.000Z'],
  ])('datetime %s in %s → %s', (cell, zone, expected) => {
    expect(value(parseDateTimeCell(cell, zone))).toBe(expected);
  });

  it.each([
    ['1,234,567.89', 1234567.89],
    ['１２３', 123],
    ['(1,200.50)', -1200.5],
    ['-42', -42],
    [' 7 ', 7],
  ])('number %s → %s', (cell, expected) => {
    expect(value(parseNumber(cell))).toBe(expected);
  });

  it.each([
    ['12%', 0.12],
    ['12.5 %', 0.125],
    ['0.3', 0.3],
  ])('percent %s → %s', (cell, expected) => {
    expect(value(parsePercent(cell))).toBe(expected);
  });

  it.each([
    ['¥1,234.50', { amount: '1234.50', currency: 'CNY' }],
    ['1,234.50 USD', { amount: '1234.50', currency: 'USD' }],
    ['EUR 12', { amount: '12', currency: 'EUR' }],
    ['¥-99.00', { amount: '-99.00', currency: 'CNY' }],
    ['5000000', { amount: '5000000' }],
  ])('money %s', (cell, expected) => {
    expect(value(parseMoney(cell))).toEqual(expected);
  });

  it('refuses what is not a number', () => {
    expect(value(parseMoney('一百万'))).toMatch(/not an amount/);
    expect(value(parseNumber('12abc'))).toMatch(/not a number/);
  });

  it.each([
    ['是', true],
    ['否', false],
    ['Yes', true],
    ['no', false],
    ['TRUE', true],
    ['1', true],
    ['0', false],
  ])('boolean %s → %s', (cell, expected) => {
    expect(value(parseBoolean(cell))).toBe(expected);
  });

  it('matches options by value or by label in either language, and splits lists', () => {
    const options = [
      { value: 'strategic', label: { en: 'Strategic', 'zh-CN': '战略客户' } },
      { value: 'key', label: { en: 'Key account', 'zh-CN': '重点客户' } },
    ];
    expect(value(parseOption(options, '战略客户'))).toBe('strategic');
    expect(value(parseOption(options, 'key account'))).toBe('key');
    expect(value(parseOption(options, 'KEY'))).toBe('key');
    expect(value(parseOption(options, '钻石'))).toMatch(/not one of the options \(战略客户, 重点客户\)/);
    expect(splitList('a; b，c、d')).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('column mapping', () => {
  const form = {
    key: 'customer',
    title: { en: 'Customer' },
    fields: [
      {
        id: 'f1',
        key: 'code',
        type: 'auto_number',
        pattern: 'C{seq:3}',
        label: { en: 'Customer code', 'zh-CN': '客户编号' },
      },
      { id: 'f2', key: 'name', type: 'text', required: true, label: { en: 'Name', 'zh-CN': '客户名称' } },
      {
        id: 'f3',
        key: 'payment_terms_days',
        type: 'integer',
        label: { en: 'Payment terms (days)', 'zh-CN': '账期（天）' },
      },
      { id: 'f4', key: 'tier', type: 'text', required: true, default: 'normal', label: { en: 'Tier' } },
      { id: 'f5', key: 'region', type: 'text', required: true, label: { en: 'Region', 'zh-CN': '区域' } },
    ],
  } as never;

  it('binds headers by zh-CN or en label or key, ignoring case, spaces and brackets', () => {
    const mapping = planColumnMapping(form, ['客户名称', 'PAYMENT TERMS(DAYS)', 'region', 'Fax', '#ref'], {});
    expect(mapping.columns.map((c) => [c.header, c.field.key])).toEqual([
      ['客户名称', 'name'],
      ['PAYMENT TERMS(DAYS)', 'payment_terms_days'],
      ['region', 'region'],
    ]);
    expect(mapping.unknown).toEqual(['Fax']);
    expect(mapping.problems).toEqual([]);
  });

  it('reports required fields without a column (not those with a default) and bad explicit mappings', () => {
    const mapping = planColumnMapping(form, ['Cust.', '账期（天）'], {
      mapping: { 'Cust.': 'name', Other: 'nope' },
    });
    expect(mapping.columns.map((c) => c.field.key)).toEqual(['name', 'payment_terms_days']);
    expect(mapping.problems.map((p) => p.message)).toEqual([
      'the mapping sends column "Other" to "nope", which is no field',
      'required field "Region" (region) has no column',
    ]);
  });

  it('reports two columns for one field and a key without a column', () => {
    const mapping = planColumnMapping(form, ['Name', 'name', '区域'], { key: 'code' });
    expect(mapping.problems.map((p) => p.message)).toEqual([
      'columns "Name" and "name" both map to name',
      'the key field "Customer code" (code) has no column',
    ]);
  });
});

describe('attachment cells', () => {
  const field = { id: 'f9', key: 'photos', type: 'attachment', label: { en: 'Photos' } } as SheetField;

  it('an import refuses a non-empty attachment cell with a message saying what to do', () => {
    const ctx = { timeZone: 'UTC', refs: {} as ConvertContext['refs'] };
    expect(value(convertCell(field, 'contract.pdf', ctx))).toBe(
      'ERR attachments cannot be imported from a sheet: upload the files on the record (map this column to null to skip it)',
    );
  });

  it('an export shows the file names', () => {
    const files = [
      { id: '1', name: '合同.pdf', size: 10, contentType: 'application/pdf' },
      { id: '2', name: 'photo.png', size: 10, contentType: 'image/png' },
    ];
    expect(formatCell(field, files, {} as FormatContext)).toBe('合同.pdf, photo.png');
  });
});
