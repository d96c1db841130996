import { Readable } from 'node:stream';
import { createRecordService } from '@tessera/forms';
import { createTestDatabase, type TestDatabase } from '@tessera/store/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ImportOptions, type ImportPath, type ImportReport, importSheet } from '../index';
import { APP, customerSheet, installCustomerErp, toCsv, ZH_HEADERS } from './customer-sheet.fixture';

// The set-based import (staging table, SQL checks, INSERT … SELECT) must leave exactly what the
// per-row path leaves: the same report, the same records, the same history. One sheet with
// every kind of row both paths meet — good, bad by conversion and by validation, repeated keys,
// an existing record, blank rows, an exported formula quote, a display name, a quoted new line.
const sheet = customerSheet(1200, { badPer100: 3, prefix: '集客' });
const rows = sheet.rows.map((r) => [...r]);
rows[10]![0] = rows[4]![0]!; // repeats row 5's name
rows[11]![0] = '既有客户'; // the name of a record made before the import
rows[20] = ZH_HEADERS.map(() => ''); // a blank row
rows[21]![6] = "'=上海"; // an exported formula quote: the value is "=上海"
rows[22]![9] = 'Sales One'; // a display name, not a user name
rows[23]![6] = '苏州,\n工业园区'; // quoted comma and new line (within 50 characters)
rows[24]![0] = `  ${rows[24]![0]}\u3000`; // spaces around the name, ideographic one too
rows[30]![0] = rows[24]![0]!.trim(); // repeats row 25's name once trimmed
const csv = toCsv(rows);

let t: TestDatabase;
let actor: string;
beforeAll(async () => {
  t = await createTestDatabase();
  actor = (await installCustomerErp(t.db)).get('director1')!;
  await sql`update tessera.users set display_name = 'Sales One' where username = 'sales1'`.execute(t.db);
}, 120_000);
afterAll(async () => {
  await t?.close();
});

async function freshTable() {
  await sql`truncate ${sql.table(`app_${APP}.customer`)} cascade`.execute(t.db);
  await sql`delete from tessera.record_history h using tessera.forms f where f.id = h.form_id and f.key = 'customer'`.execute(
    t.db,
  );
  await sql`delete from tessera.record_sequences s using tessera.forms f where f.id = s.form_id and f.key = 'customer'`.execute(
    t.db,
  );
  const records = createRecordService({ db: t.db, actor: { id: actor }, clock: { now: () => new Date() } });
  await records.create(APP, 'customer', { name: '既有客户' });
}

async function run(options: ImportOptions, how: { setBased: boolean; pool: boolean }) {
  await freshTable();
  let path: ImportPath | undefined;
  const report = await importSheet({
    db: t.db,
    actor: { id: actor },
    timeZone: 'Asia/Shanghai',
    app: APP,
    form: 'customer',
    input: Readable.from([csv]),
    format: 'csv',
    options,
    setBased: how.setBased,
    ...(how.pool ? { pool: t.pool } : {}),
    onPath: (p) => {
      path = p;
    },
  });
  return { report, path: path!, stored: await stored() };
}

/** Every record and its `created` history by name; the auto-number apart (its order may differ). */
async function stored() {
  const records = await sql<Record<string, unknown>>`
    select c.*, h.changes from ${sql.table(`app_${APP}.customer`)} c
    left join tessera.record_history h on h.record_id = c.id order by c.name`.execute(t.db);
  const codes = new Set<unknown>();
  const byName = records.rows.map(({ id, code, created_at, updated_at, changes, ...rest }) => {
    codes.add(code);
    const { code: drawn, ...change } = (changes ?? {}) as Record<string, { new: unknown }>;
    expect(drawn?.new ?? code).toBe(code);
    return { ...rest, changes: change, hasId: typeof id === 'string' };
  });
  return { byName, codes: [...codes].sort() };
}

const sameReport = (a: ImportReport, b: ImportReport) => expect(b).toEqual(a);

describe('the set-based import leaves what the per-row path leaves', () => {
  for (const mode of ['valid_rows_only', 'all_or_nothing'] as const) {
    it(`${mode}: same report, records and history, staged by COPY and by INSERT`, async () => {
      const options: ImportOptions = { mode, key: 'name', duplicates: 'skip' };
      const perRow = await run(options, { setBased: false, pool: false });
      expect(perRow.path).toEqual({ kind: 'per_row', reason: 'asked for' });
      expect(perRow.report.counts.rowsFailed).toBeGreaterThan(30);
      for (const pool of [true, false]) {
        const setBased = await run(options, { setBased: true, pool });
        expect(setBased.path).toMatchObject({ kind: 'set_based', staged: pool ? 'copy' : 'insert' });
        // the bad rows, the repeats, the quote, the display name go per row; the rest in SQL
        const perRowRows = (setBased.path as { perRowRows: number }).perRowRows;
        expect(perRowRows).toBeGreaterThan(perRow.report.counts.rowsFailed);
        expect(perRowRows).toBeLessThan(120);
        sameReport(perRow.report, setBased.report);
        expect(setBased.stored).toEqual(perRow.stored);
      }
    }, 240_000);
  }

  it('valid rows only commits window by window: a failure in the second window keeps the first', async () => {
    const big = customerSheet(7000, { prefix: '窗口' });
    const boom = big.rows[6000]![0]!; // in the second window (rows 5001…10000)
    const table = sql.table(`app_${APP}.customer`);
    await sql`create or replace function pg_temp.tessera_test_boom() returns trigger language plpgsql as $$
      begin if new.name = ${sql.lit(boom)} then raise exception 'the disk is full'; end if; return new; end $$`.execute(
      t.db,
    );
    await sql`create trigger tessera_test_boom before insert on ${table}
      for each row execute function pg_temp.tessera_test_boom()`.execute(t.db);
    try {
      for (const [mode, kept] of [
        ['valid_rows_only', 5000],
        ['all_or_nothing', 0],
      ] as const) {
        await freshTable();
        const importing = importSheet({
          db: t.db,
          actor: { id: actor },
          timeZone: 'Asia/Shanghai',
          app: APP,
          form: 'customer',
          input: Readable.from([toCsv(big.rows)]),
          format: 'csv',
          options: { mode },
          setBased: true,
          pool: t.pool,
        });
        await expect(importing).rejects.toThrow(/the disk is full/);
        const count = await sql<{ n: number }>`select count(*)::int as n from ${table}
          where name like '窗口%'`.execute(t.db);
        expect({ mode, kept: count.rows[0]!.n }).toEqual({ mode, kept });
      }
    } finally {
      await sql`drop trigger tessera_test_boom on ${table}`.execute(t.db);
    }
  }, 240_000);

  it('queues one record.events job per window of written rows (rules fire once per row)', async () => {
    await sql`delete from graphile_worker._private_jobs`.execute(t.db);
    const { report, path } = await run({ mode: 'valid_rows_only' }, { setBased: true, pool: true });
    const jobs = await sql<{
      ids: string[];
    }>`select j.payload -> 'recordIds' as ids from graphile_worker._private_jobs j
      join graphile_worker._private_tasks k on k.id = j.task_id where k.identifier = 'record.events'`.execute(
      t.db,
    );
    const ids = jobs.rows.flatMap((r) => r.ids);
    expect(ids.length).toBe(report.counts.rowsCreated);
    expect(new Set(ids).size).toBe(ids.length);
    // the rows SQL wrote have time-ordered ids (UUID version 7), so the key index grows at its end
    const v7 = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(`app_${APP}.customer`)}
      where substr(id::text, 15, 1) = '7'`.execute(t.db);
    const perRowRows = (path as { perRowRows: number }).perRowRows;
    expect(v7.rows[0]!.n).toBeGreaterThanOrEqual(report.counts.rowsCreated - perRowRows);
  }, 120_000);
});
