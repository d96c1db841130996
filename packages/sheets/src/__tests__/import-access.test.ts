import { Readable } from 'node:stream';
import { createRecordService, type RecordsAccess } from '@tessera/forms';
import { createTestDatabase, type TestDatabase } from '@tessera/store/testing';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSheet } from '../index';
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
