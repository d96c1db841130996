import { sql } from 'kysely';
import { purgeFiles } from '../files/file.repository';
import { qualified } from '../tables/identifier';
import { lockedCurrent, type WriteEnv } from './record-write.runner';
import { RecordsError } from './records.error';

/**
 * Deletes a soft-deleted record for good, inside the write's transaction: its row and (by the
 * child tables' ON DELETE CASCADE) its line items; its files go to the sweep, which deletes their
 * bytes. Its history stays (the audit trail outlives the record). A record other records still
 * link to (a `restrict` link) is refused with RECORD_IN_USE, and nothing changes.
 */
export async function purgeRecordIn(env: WriteEnv, id: string): Promise<void> {
  const { trx, runtime, at } = env;
  await lockedCurrent(env, id, 'deleted');
  const table = sql.raw(qualified(runtime.model.schema, runtime.model.name));
  try {
    await sql`delete from ${table} where id = ${id}::uuid`.execute(trx);
  } catch (error) {
    if ((error as { code?: string } | null)?.code === '23503')
      throw new RecordsError(
        'RECORD_IN_USE',
        `Record ${id} is still linked from other records; unlink or purge those first.`,
      );
    throw error;
  }
  await purgeFiles(trx, runtime.formId, { recordIds: [id] }, at);
}
