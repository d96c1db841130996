import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFromStream } from '../index';
import { createTestDatabase, type TestDatabase } from '../testing';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await sql`create table public.loaded (n int primary key, label text, note text)`.execute(t.db);
}, 120_000);
afterAll(async () => {
  await t?.close();
}, 60_000);

/** `count` CSV records of ~120 bytes; every 997th note holds a quoted new line and comma. */
function csv(count: number, from = 0): string {
  const lines: string[] = [];
  for (let i = from; i < from + count; i++) {
    const note = i % 997 === 0 ? `"line one, ""quoted""\nline two"` : `note ${'x'.repeat(90)}`;
    lines.push(`${i},label ${i},${note}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The file in 64 KB pieces, as a file stream delivers it (records cut anywhere). */
const pieces = (text: string) => {
  const bytes = Buffer.from(text);
  const out: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += 65_536) out.push(bytes.subarray(at, at + 65_536));
  return Readable.from(out);
};

const count = async () =>
  Number((await sql<{ n: number }>`select count(*)::int as n from public.loaded`.execute(t.db)).rows[0]!.n);

describe('COPY FROM STDIN (on PGlite: answered by the wire server, loaded in segments)', () => {
  it('loads a file larger than a segment whole, quoted new lines intact, and says how many rows', async () => {
    const rows = await copyFromStream(
      t.pool,
      'copy public.loaded from stdin (format csv)',
      pieces(csv(60_000)),
    );
    expect(rows).toBe(60_000);
    expect(await count()).toBe(60_000);
    const quoted = await sql<{ note: string }>`select note from public.loaded where n = 997 * 40`.execute(
      t.db,
    );
    expect(quoted.rows[0]!.note).toBe('line one, "quoted"\nline two');
  });

  it('is all or nothing: a bad record in the last segment leaves nothing, and the pool keeps working', async () => {
    await sql`truncate public.loaded`.execute(t.db);
    const bad = `${csv(50_000)}oops,not a number,x\n`;
    const error = await copyFromStream(
      t.pool,
      'copy public.loaded from stdin (format csv)',
      pieces(bad),
    ).then(
      () => null,
      (e: { code?: string }) => e,
    );
    expect(error?.code).toBe('22P02');
    expect(await count()).toBe(0);
  });

  it('runs inside a transaction and with a header, and is rolled back with it', async () => {
    await t.db
      .transaction()
      .execute(async (trx) => {
        await sql`insert into public.loaded values (-1, 'before', null)`.execute(trx);
        throw new Error('not kept');
      })
      .catch(() => undefined);
    const rows = await copyFromStream(
      t.pool,
      'copy public.loaded (n, label, note) from stdin with (format csv, header true)',
      Readable.from([`n,label,note\n${csv(3, 100)}`]),
    );
    expect(rows).toBe(3);
    expect(await count()).toBe(3);
  });
});
