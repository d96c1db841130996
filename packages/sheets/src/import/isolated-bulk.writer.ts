import { RecordsError } from '@tessera/forms';
import { type Kysely, sql } from 'kysely';

/** A bulk call failed on the database (e.g. a unique violation): the transaction is aborted. */
export class AbortedWrite extends Error {
  constructor(override readonly cause: unknown) {
    super('the transaction was aborted by a refused write');
    this.name = 'AbortedWrite';
  }
}

/**
 * Writes `items` with bulk calls of the records service and isolates the items it refuses: a
 * refusal naming item i reports i, and writes the items before it (already known good) and after
 * it again; a refusal naming no item splits the batch in halves. So every good item is written by
 * at most two attempts, and every refused item is reported with the service's own field errors.
 *
 * `savepoints: false` — the fast path: no savepoint at all (a long import would otherwise pile
 * up one subtransaction per call, and past 64 of them Postgres' visibility checks slow every
 * statement). It relies on the service refusing a bulk create before writing anything; a refusal
 * that reached the database leaves the transaction aborted, reported as `AbortedWrite` for the
 * caller to redo the chunk with `savepoints: true`, where each attempt is rolled back to a savepoint.
 * Errors that are not refusals propagate.
 */
export async function writeIsolated<T, R>(
  trx: Kysely<any>,
  items: readonly T[],
  options: { savepoints: boolean },
  write: (batch: readonly T[]) => Promise<readonly R[]>,
  onWritten: (batch: readonly T[], results: readonly R[]) => void,
  onRefused: (item: T, error: RecordsError) => void,
): Promise<void> {
  const queue: (readonly T[])[] = [items];
  while (queue.length > 0) {
    const batch = queue.shift()!;
    if (batch.length === 0) continue;
    if (options.savepoints) await sql`savepoint tessera_sheets_batch`.execute(trx);
    let results: readonly R[];
    try {
      results = await write(batch);
    } catch (error) {
      if (options.savepoints) {
        await sql`rollback to savepoint tessera_sheets_batch`.execute(trx);
        await sql`release savepoint tessera_sheets_batch`.execute(trx);
      } else if (await isAborted(trx)) throw new AbortedWrite(error);
      if (!(error instanceof RecordsError)) throw error;
      const at = error.index;
      if (at !== undefined && at >= 0 && at < batch.length) {
        onRefused(batch[at]!, error);
        queue.unshift(batch.slice(0, at), batch.slice(at + 1));
      } else if (batch.length === 1) {
        onRefused(batch[0]!, error);
      } else {
        const mid = batch.length >> 1;
        queue.unshift(batch.slice(0, mid), batch.slice(mid));
      }
      continue;
    }
    if (options.savepoints) await sql`release savepoint tessera_sheets_batch`.execute(trx);
    onWritten(batch, results);
  }
}

/** Whether a failed statement left the transaction aborted (any statement now fails). */
export async function isAborted(trx: Kysely<any>): Promise<boolean> {
  try {
    await sql`select 1`.execute(trx);
    return false;
  } catch {
    return true;
  }
}
