import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing';

/** CPU-bound for minutes on either database; nothing to wait on but the statement itself. */
const endless = sql`select count(*) from generate_series(1, 100000) a, generate_series(1, 100000) b`;

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await sql`create table public.kept (id int primary key)`.execute(t.db);
  await sql`insert into public.kept values (1)`.execute(t.db);
}, 120_000);
afterAll(async () => {
  await t?.close();
}, 60_000);

describe('statement_timeout (on PGlite: the worker is ended and the data reopened)', () => {
  it('stops a statement past its timeout with 57014, keeps the event loop free and the data consistent', async () => {
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 50);
    const started = Date.now();
    const outcome = await t.db
      .transaction()
      .execute(async (trx) => {
        await sql`insert into public.kept values (2)`.execute(trx);
        await sql`select set_config('statement_timeout', '700', true)`.execute(trx);
        return endless.execute(trx);
      })
      .then(
        () => 'finished',
        (error: { code?: string }) => error.code,
      );
    clearInterval(ticker);
    const elapsed = Date.now() - started;
    expect(outcome).toBe('57014');
    expect(elapsed).toBeLessThan(20_000);
    // the timers of this thread kept running while the statement ran
    expect(ticks).toBeGreaterThan(Math.min(5, elapsed / 200));
    // committed data stays, the stopped transaction's insert is gone, and writes work again
    await sql`insert into public.kept values (3)`.execute(t.db);
    const rows = await sql<{ id: number }>`select id from public.kept order by id`.execute(t.db);
    expect(rows.rows.map((r) => r.id)).toEqual([1, 3]);
  }, 60_000);

  it('SET LOCAL ends with its transaction: the next statements run without the limit', async () => {
    await t.db.transaction().execute(async (trx) => {
      await sql`select set_config('statement_timeout', '5000', true)`.execute(trx);
    });
    const after = await sql<{ v: string }>`select current_setting('statement_timeout') as v`.execute(t.db);
    expect(after.rows[0]?.v).toBe('0');
  });

  it('answers other connections once the stopped statement is gone', async () => {
    const slow = t.db.transaction().execute(async (trx) => {
      await sql`select set_config('statement_timeout', '500', true)`.execute(trx);
      return endless.execute(trx);
    });
    slow.catch(() => {});
    const other = await sql<{ one: number }>`select 1 as one`.execute(t.db);
    expect(other.rows[0]?.one).toBe(1);
    await expect(slow).rejects.toMatchObject({ code: '57014' });
  }, 60_000);

  it('reports how long the running statement has been running (embedded only)', async () => {
    if (!t.busyForMs) return;
    expect(t.busyForMs()).toBeUndefined();
    const slow = t.db.transaction().execute(async (trx) => {
      await sql`select set_config('statement_timeout', '1500', true)`.execute(trx);
      return endless.execute(trx);
    });
    slow.catch(() => {});
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(t.busyForMs()).toBeGreaterThan(100);
    await expect(slow).rejects.toMatchObject({ code: '57014' });
  }, 60_000);
});
