import { Readable } from 'node:stream';
import { createTestDatabase, type TestDatabase } from '@tessera/store/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ImportReport, importSheet } from '../index';
import { APP, countRecords, customerSheet, installCustomerErp, toCsv } from './customer-sheet.fixture';

// The issue's acceptance test: a 10k-row customer sheet (zh-CN headers) with exactly 3 % bad rows of
// mixed kinds — conversion (option, amount, date, user) and the form's own validation (range,
// phone, URL, required) — reports exactly those rows, whatever the mode.
const ROWS = 10_000;
const sheet = customerSheet(ROWS, { badPer100: 3 });
const csv = toCsv(sheet.rows);
let t: TestDatabase;
let actor: string;

beforeAll(async () => {
  t = await createTestDatabase();
  const users = await installCustomerErp(t.db);
  actor = users.get('director1')!;
});
afterAll(async () => {
  await t?.close();
});

const run = (mode: 'all_or_nothing' | 'valid_rows_only') =>
  importSheet({
    db: t.db,
    actor: { id: actor },
    timeZone: 'Asia/Shanghai',
    app: APP,
    form: 'customer',
    input: Readable.from([csv]),
    format: 'csv',
    options: { mode },
  });

function expectExactlyThePlantedRows(report: ImportReport) {
  expect(sheet.bad.size).toBe(300);
  expect(report.counts.rowsRead).toBe(ROWS);
  expect(report.counts.rowsFailed).toBe(300);
  expect(new Set(report.problems.map((p) => p.row))).toEqual(new Set(sheet.bad.keys()));
  for (const problem of report.problems) {
    const planted = sheet.bad.get(problem.row)!;
    expect({ row: problem.row, column: problem.column, field: problem.field }).toEqual({
      row: problem.row,
      column: planted.column,
      field: planted.field,
    });
    expect(problem.message).toMatch(planted.message);
  }
}

describe('a 10k-row customer sheet with 3 % bad rows', () => {
  it('all or nothing: reports exactly the bad rows and writes nothing', async () => {
    const before = await countRecords(t.db, 'customer');
    const report = await run('all_or_nothing');
    expect(report.outcome).toBe('rolled_back');
    expectExactlyThePlantedRows(report);
    expect(report.counts.rowsCreated).toBe(0);
    expect(await countRecords(t.db, 'customer')).toBe(before);
  }, 180_000);

  it('valid rows only: writes exactly the good rows, converted by type', async () => {
    const before = await countRecords(t.db, 'customer');
    const report = await run('valid_rows_only');
    expect(report.outcome).toBe('committed');
    expectExactlyThePlantedRows(report);
    expect(report.counts.rowsCreated).toBe(ROWS - 300);
    expect(await countRecords(t.db, 'customer')).toBe(before + ROWS - 300);
    // spot-check conversions on sheet row 6 (customer 4): 战略客户, ¥10,028.50, 2026/5/5, sales2
    const row = await sql<Record<string, unknown>>`
      select c.tier, c.credit_limit::text as credit_limit, c.last_follow_up::text as last_follow_up,
             c.code, u.username as owner
      from ${sql.table(`app_${APP}.customer`)} c join tessera.users u on u.id = c.owner
      where c.name = ${sheet.rows[5]![0]}`.execute(t.db);
    expect(row.rows[0]).toMatchObject({
      tier: 'strategic',
      credit_limit: '10028.50',
      last_follow_up: '2026-05-05',
      owner: 'sales2',
    });
    expect(row.rows[0]!.code).toMatch(/^CUS-\d{4}-\d{5}$/);
    const badNames = [...sheet.bad.keys()].map((r) => sheet.rows[r - 1]![0]!).filter((n) => n !== '');
    const leaked = await sql<{ n: number }>`
      select count(*)::int as n from ${sql.table(`app_${APP}.customer`)} where name = any(${badNames}::text[])`.execute(
      t.db,
    );
    expect(leaked.rows[0]!.n).toBe(0);
  }, 180_000);
});
