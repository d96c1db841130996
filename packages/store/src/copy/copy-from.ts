import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/**
 * Streams `source` into `COPY … FROM STDIN` on a connection of its own from `pool` (autocommit:
 * the COPY commits by itself), on a server or the embedded PGlite's wire server alike. Memory
 * stays flat: pg-copy-streams forwards each chunk as it comes. Returns the rows loaded.
 */
export async function copyFromStream(pool: pg.Pool, statement: string, source: Readable): Promise<number> {
  const client = await pool.connect();
  let broken = false;
  try {
    const stream = client.query(copyFrom(statement));
    await pipeline(source, stream);
    return stream.rowCount ?? 0;
  } catch (error) {
    broken = !(error && typeof error === 'object' && 'code' in error); // a refusal leaves it usable
    throw error;
  } finally {
    client.release(broken);
  }
}
