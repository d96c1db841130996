import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../database';
import { StoreError } from '../errors';
import { migrateToLatest } from '../migrator';
import { enqueue, startJobWorker } from '../queue/job-queue';
import { createTestDatabase, type TestDatabase } from '../testing';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

describe('store', () => {
  it('migrations are already applied and applying them again changes nothing', async () => {
    const tables = await sql<{ table_name: string }>`
      select table_name from information_schema.tables where table_schema = 'tessera' order by table_name`.execute(
      t.db,
    );
    expect(tables.rows.map((r) => r.table_name)).toEqual(
      expect.arrayContaining(['audit_log', 'kysely_migration', 'sessions', 'settings', 'users']),
    );
    const again = await migrateToLatest(t.db, t.connectionString);
    expect(again.applied).toEqual([]);
  });

  it('reads count, numeric and date the same way on both databases', async () => {
    const row = await sql<{ n: unknown; amount: unknown; day: unknown }>`
      select count(*) as n, 12345678901234.56::numeric as amount, date '2026-03-01' as day
      from generate_series(1, 3)`.execute(t.db);
    expect(row.rows[0]).toEqual({ n: 3, amount: '12345678901234.56', day: '2026-03-01' });
  });

  it('keeps concurrent transactions apart: rolled-back ones leave no rows, committed ones all stay', async () => {
    await sql`create table public.tx_probe (id int primary key)`.execute(t.db);
    const attempts = Array.from({ length: 20 }, (_, i) =>
      t.db
        .transaction()
        .execute(async (trx) => {
          await sql`insert into public.tx_probe (id) values (${i})`.execute(trx);
          await sql`select pg_sleep(0.01)`.execute(trx);
          if (i % 2 === 1) throw new Error('roll back');
        })
        .catch(() => undefined),
    );
    // A second client, outside those transactions, writes while they run.
    const outsider = sql`insert into public.tx_probe (id) values (100)`.execute(t.db);
    await Promise.all([...attempts, outsider]);
    const rows = await sql<{ id: number }>`select id from public.tx_probe order by id`.execute(t.db);
    expect(rows.rows.map((r) => r.id)).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 100]);
  });

  it("keeps each connection's parameterised queries apart under concurrent load", async () => {
    // three statement shapes, so a Bind that reached another connection's Parse would show
    const shapes = [
      (i: number) => sql<object>`select ${i}::int as v`,
      (i: number) => sql<object>`select ${String(i)}::text as t, ${i}::int * 2 as double`,
      (i: number) => sql<object>`select n from generate_series(1, ${(i % 3) + 1}::int) as n`,
    ];
    const expected = (i: number) =>
      [
        [{ v: i }],
        [{ t: String(i), double: i * 2 }],
        Array.from({ length: (i % 3) + 1 }, (_, k) => ({ n: k + 1 })),
      ][i % 3];
    const answers = await Promise.all(Array.from({ length: 300 }, (_, i) => shapes[i % 3]!(i).execute(t.db)));
    answers.forEach((answer, i) => {
      expect(answer.rows).toEqual(expected(i));
    });
  });

  it('a connection that dies inside a transaction leaves nothing behind and blocks no one', async () => {
    await sql`create table public.orphan_probe (v int)`.execute(t.db);
    const client = await t.pool.connect();
    await client.query('begin');
    await client.query('insert into public.orphan_probe values (1)');
    client.release(new Error('simulated crash: destroy this connection'));
    const rows = await sql<{ n: number }>`select count(*) as n from public.orphan_probe`.execute(t.db);
    expect(rows.rows[0]!.n).toBe(0);
  });

  it('a job enqueued in a rolled-back transaction never exists; a committed one runs once', async () => {
    await t.db
      .transaction()
      .execute(async (trx) => {
        await enqueue(trx, 'probe', { n: 1 });
        throw new Error('roll back');
      })
      .catch(() => undefined);
    await t.db.transaction().execute(async (trx) => {
      await enqueue(trx, 'probe', { n: 2 });
    });
    const seen: unknown[] = [];
    let done!: () => void;
    const ran = new Promise<void>((resolve) => {
      done = resolve;
    });
    const worker = await startJobWorker({
      connectionString: t.connectionString,
      pollInterval: 100,
      tasks: {
        probe: async (payload) => {
          seen.push(payload);
          done();
        },
      },
    });
    try {
      await ran;
      // give a wrongly enqueued second job the chance to run before asserting
      await new Promise((r) => setTimeout(r, 300));
      expect(seen).toEqual([{ n: 2 }]);
    } finally {
      await worker.stop();
    }
  });
});

describe('opening a database', () => {
  it('a second process on the same embedded data folder is refused while the first runs', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'tessera-lock-'));
    const first = await openDatabase({ dataDir });
    try {
      const second = await openDatabase({ dataDir }).catch((e) => e);
      expect(second).toBeInstanceOf(StoreError);
      expect(second.code).toBe('DATA_DIR_LOCKED');
      expect(second.message).toMatch(/is in use by another Tessera process/);
    } finally {
      await first.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('an unreachable server gives one clear StoreError, not a stack trace', async () => {
    const error = await openDatabase({ url: 'postgres://nobody@127.0.0.1:1/none' }).catch((e) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect(error.code).toBe('DATABASE_UNREACHABLE');
    expect(error.message).toMatch(
      /cannot connect to the database at postgres:\/\/nobody@127\.0\.0\.1:1\/none/,
    );
  });

  it('data survives a restart', async () => {
    await sql`create table public.survivor (v text)`.execute(t.db);
    await sql`insert into public.survivor values ('still here')`.execute(t.db);
    t = await t.restart();
    const rows = await sql<{ v: string }>`select v from public.survivor`.execute(t.db);
    expect(rows.rows).toEqual([{ v: 'still here' }]);
  });
});
