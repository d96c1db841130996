import { CompiledQuery, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepared } from '../prepared/prepared-statements';
import { createTestDatabase, type TestDatabase } from '../testing';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase({ poolSize: 4 });
  await sql`create table public.prep (id int primary key, label text)`.execute(t.db);
}, 120_000);
afterAll(async () => {
  await t?.close();
}, 60_000);

const names = async (client: { query(text: string): Promise<{ rows: { name: string }[] }> }) =>
  (await client.query('select name from pg_prepared_statements order by name')).rows
    .map((r) => r.name)
    .filter((n) => n.startsWith('tessera_p'));

describe('prepared statements (named on the wire for texts marked with prepared())', () => {
  it('runs a marked text as a named statement with its values bound; other texts stay unnamed', async () => {
    const text = `insert into public.prep (id, label) values ($1, $2) returning id, label /* ${Math.random()} */`;
    const client = await t.pool.connect();
    try {
      const before = await names(client);
      await client.query('select $1::int as plain', [1]);
      expect(await names(client)).toEqual(before);
      for (const id of [1, 2, 3]) {
        const out = await t.db.executeQuery(prepared(CompiledQuery.raw(text, [id, `row ${id}`])));
        expect(out.rows).toEqual([{ id, label: `row ${id}` }]);
      }
      const marked = await client.query(text, [4, 'row 4']);
      expect(marked.rows).toEqual([{ id: 4, label: 'row 4' }]);
      const after = await names(client);
      // on PGlite every connection shares the backend, so the others' names show too
      expect(after.length).toBeGreaterThan(before.length);
      const count = await sql<{ n: number }>`select count(*)::int as n from public.prep`.execute(t.db);
      expect(count.rows[0]!.n).toBe(4);
    } finally {
      client.release();
    }
  });

  it('concurrent connections run the same marked statement without clashing, in and outside transactions', async () => {
    const text = `select $1::int + 1 as next /* concurrent ${Math.random()} */`;
    const query = (n: number) => prepared(CompiledQuery.raw(text, [n]));
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, n) =>
        n % 3 === 0
          ? t.db.transaction().execute(async (trx) => (await trx.executeQuery(query(n))).rows[0])
          : t.db.executeQuery(query(n)).then((r) => r.rows[0]),
      ),
    );
    expect(results).toEqual(Array.from({ length: 12 }, (_, n) => ({ next: n + 1 })));
  });

  it('parses again when the backend lost the statement (DEALLOCATE ALL; the embedded database reopened)', async () => {
    const text = `select $1::text || '!' as said /* lost ${Math.random()} */`;
    const client = await t.pool.connect();
    try {
      expect((await client.query(text, ['a'])).rows).toEqual([{ said: 'a!' }]); // unnamed: not marked yet
      prepared(CompiledQuery.raw(text, []));
      expect((await client.query(text, ['b'])).rows).toEqual([{ said: 'b!' }]);
      await client.query('deallocate all');
      expect((await client.query(text, ['c'])).rows).toEqual([{ said: 'c!' }]);
    } finally {
      client.release();
    }
  });

  it('a statement on a table whose columns changed: the same text fails, the changed text runs', async () => {
    const text = `select * from public.prep where id = $1 /* changed ${Math.random()} */`;
    const run = (q: string) => t.db.executeQuery(prepared(CompiledQuery.raw(q, [1])));
    prepared(CompiledQuery.raw(text, []));
    const client = await t.pool.connect();
    try {
      expect((await client.query(text, [1])).rows[0]).toEqual({ id: 1, label: 'row 1' });
      await sql`alter table public.prep add column extra int`.execute(t.db);
      // Postgres refuses a prepared statement whose result type changed under it (record statements
      // put the app's published stamp into their text, so a publish gives them a new text) …
      await expect(client.query(text, [1])).rejects.toMatchObject({ code: '0A000' });
      // … and the text is forgotten: marked again, it is parsed afresh under a new name
      prepared(CompiledQuery.raw(text, []));
      expect((await client.query(text, [1])).rows[0]).toEqual({ id: 1, label: 'row 1', extra: null });
    } finally {
      client.release();
    }
    expect((await run(`${text} -- v2`)).rows[0]).toEqual({ id: 1, label: 'row 1', extra: null });
  });
});
