import { Readable } from 'node:stream';
import { createRecordService, type RecordsAccess } from '@tessera/forms';
import { createTestDatabase, type TestDatabase } from '@tessera/store/testing';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ImportPath, importSheet } from '../index';
import { APP, countRecords, installCustomerErp, toCsv } from './customer-sheet.fixture';

// The importing user's access holds on the fast path too: a row outside their create scope and a
// row writing a field that is read-only for them are refused (with the service's message), the
// others are written — in one chunk, in both modes.
let t: TestDatabase;
let actor: string;
beforeAll(async () => {
  t = await createTestDatabase();
  actor = (await installCustomerErp(t.db)).get('director1')!;
});
afterAll(async () => {
  await t?.close();
});

/** May create key customers only; the credit level is read-only. */
const access: RecordsAccess = {
  form: () => ({
    can: () => true,
    rows: (action, alias) => (action === 'create' ? sql<boolean>`${sql.ref(`${alias}.tier`)} = 'key'` : null),
    hidden: new Set(),
    readOnly: new Set(['credit_level']),
  }),
};

const sheet = toCsv([
  ['Name', 'Tier', 'Credit level'],
  ['范围内甲', 'key', ''],
  ['范围外乙', 'strategic', ''],
  ['范围内丙', 'key', ''],
  ['只读丁', 'key', 'good'],
  ['范围内戊', 'key', ''],
]);

const run = (mode: 'all_or_nothing' | 'valid_rows_only') =>
  importSheet({
    db: t.db,
    actor: { id: actor },
    records: (db: Kysely<any>) =>
      createRecordService({ db, actor: { id: actor }, clock: { now: () => new Date() }, access }),
    app: APP,
    form: 'customer',
    input: Readable.from([sheet]),
    format: 'csv',
    options: { mode },
  });

describe("the importing user's access", () => {
  it('refuses rows outside the create scope and writes of read-only fields; writes the rest', async () => {
    const before = await countRecords(t.db, 'customer');
    const expected = [
      { row: 3, column: null, field: null, message: expect.stringMatching(/outside your scope/) },
      { row: 5, column: 'Credit level', field: 'credit_level', message: expect.stringMatching(/read-only/) },
    ];
    const all = await run('all_or_nothing');
    expect(all.outcome).toBe('rolled_back');
    expect(all.problems).toEqual(expected);
    expect(await countRecords(t.db, 'customer')).toBe(before);

    const valid = await run('valid_rows_only');
    expect(valid.problems).toEqual(expected);
    expect(valid.counts).toMatchObject({ rowsRead: 5, rowsCreated: 3, rowsFailed: 2 });
    const names = await sql<{ name: string }>`select name from app_customer_erp.customer
      where name like '范围%' or name like '只读%' order by name`.execute(t.db);
    expect(names.rows.map((r) => r.name).sort()).toEqual(['范围内丙', '范围内戊', '范围内甲'].sort());
    expect(await countRecords(t.db, 'customer')).toBe(before + 3);
  });
});

/** Creates key customers only; the credit level is read-only, the city hidden. */
const narrow: RecordsAccess = {
  form: () => ({
    can: () => true,
    rows: (action, alias) => (action === 'create' ? sql<boolean>`${sql.ref(`${alias}.tier`)} = 'key'` : null),
    hidden: new Set(['city']),
    readOnly: new Set(['credit_level']),
  }),
};

const rows = [
  ['Name', 'Tier', 'Credit level', 'City'],
  ...Array.from({ length: 40 }, (_, i) => [
    `访问${String(i).padStart(2, '0')}`,
    i % 7 === 3 ? 'strategic' : 'key', // outside the create scope
    i % 11 === 5 ? 'good' : '', // a read-only field written
    i % 13 === 8 ? '上海' : '', // a hidden field written
  ]),
];

async function importNarrow(mode: 'all_or_nothing' | 'valid_rows_only', setBased: boolean) {
  await sql`delete from app_customer_erp.customer where name like '访问%'`.execute(t.db);
  let path: ImportPath | undefined;
  const report = await importSheet({
    db: t.db,
    actor: { id: actor },
    access: narrow,
    pool: t.pool,
    setBased,
    app: APP,
    form: 'customer',
    input: Readable.from([toCsv(rows)]),
    format: 'csv',
    options: { mode, key: 'name' },
    onPath: (p) => {
      path = p;
    },
  });
  const stored = await sql<{ name: string; tier: string; credit_level: string | null; city: string | null }>`
    select name, tier, credit_level, city from app_customer_erp.customer where name like '访问%' order by name`.execute(
    t.db,
  );
  return { report, path, stored: stored.rows };
}

describe("the importing user's access on the set-based path (the server's import)", () => {
  for (const mode of ['valid_rows_only', 'all_or_nothing'] as const) {
    it(`${mode}: the same per-row report and records as row by row`, async () => {
      const perRow = await importNarrow(mode, false);
      const setBased = await importNarrow(mode, true);
      expect(perRow.path).toEqual({ kind: 'per_row', reason: 'asked for' });
      expect(setBased.path).toMatchObject({ kind: 'set_based' });
      // every refused row went per row; the others were written in SQL
      expect((setBased.path as { perRowRows: number }).perRowRows).toBe(perRow.report.counts.rowsFailed);
      const messages = perRow.report.problems.map((p) => p.message).join('\n');
      expect(messages).toMatch(/outside your scope/);
      expect(messages).toMatch(/read-only/);
      expect(messages).toMatch(/hidden/);
      expect(setBased.report).toEqual(perRow.report);
      expect(setBased.stored).toEqual(perRow.stored);
      if (mode === 'valid_rows_only') expect(perRow.stored.length).toBeGreaterThan(25);
      else expect(perRow.stored).toEqual([]);
    }, 120_000);
  }
});
