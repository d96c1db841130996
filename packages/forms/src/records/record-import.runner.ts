import { sql } from 'kysely';
import { checkLinkTargets } from './link-target.checker';
import type { FormGate } from './record-access';
import { checkWriteInput, idsInScope } from './record-access.guard';
import { prepareCreate, writeCreates } from './record-batch.runner';
import { withLinkDefaults } from './record-link-defaults';
import type { RecordValues } from './record-value.mapper';
import type { WriteEnv } from './record-write.runner';
import { RecordsError } from './records.error';

/** What one import chunk became: the records written, and every item refused (with its `index`). */
export interface ImportCreateResult {
  /** By item index: the new record's id, or null when the item was refused. */
  readonly ids: readonly (string | null)[];
  /** Every refusal, in index order, each with the records service's own field errors. */
  readonly refused: readonly RecordsError[];
}

/**
 * The bulk import path of creates: EVERY item is checked in memory (the caller's field access,
 * defaults, every field error; link targets in one query) and the valid ones are written with
 * ONE statement (rows, line items, history, auto-numbers), one `record.events` job for the lot
 * and nothing read back. Unlike bulkCreate, a bad item does not stop the others.
 *
 * `savepoint: false` — no savepoint: a refusal only the database sees (a unique clash) aborts
 * the caller's transaction (the caller redoes the chunk with `true`, which names the item).
 * A create scope (a user who may only create rows matching a condition) is checked after the
 * insert, under a savepoint: rows outside it are refused and the rest written again.
 */
export async function importCreates(
  env: WriteEnv,
  gate: FormGate | undefined,
  items: readonly unknown[],
  options: { savepoint: boolean },
): Promise<ImportCreateResult> {
  const refused = new Map<number, RecordsError>();
  const valid: Array<{ index: number; merged: RecordValues; values: RecordValues }> = [];
  const filled = await withLinkDefaults(
    env,
    items.map((input) => ({ input, current: null })),
  );
  items.forEach((item, index) => {
    const denied = gate ? checkWriteInput(gate, item, 'create').errors : [];
    if (denied.length > 0) {
      refused.set(index, RecordsError.denied('You may not write these fields; nothing was saved.', denied));
      return;
    }
    try {
      valid.push({ index, ...prepareCreate(env, filled[index]) });
    } catch (error) {
      if (!(error instanceof RecordsError)) throw error;
      refused.set(index, error);
    }
  });
  const linkErrors = await checkLinkTargets(
    env,
    valid.map((v) => ({ values: v.merged, current: null })),
  );
  for (const [k, errors] of linkErrors) refused.set(valid[k]!.index, RecordsError.invalid(errors));
  let good = valid.filter((v) => !refused.has(v.index));

  const ids: (string | null)[] = items.map(() => null);
  const scope = gate?.rows('create', 'r') ?? null;
  const write = async (list: typeof good) => {
    try {
      return await writeCreates(env, list, {
        bulk: true,
        inTransaction: (run) => run(env.trx),
        returning: 'ids',
        events: 'batch',
        savepoint: options.savepoint,
      });
    } catch (error) {
      // a database refusal located by writeCreates names the item of `list`: name the caller's
      if (error instanceof RecordsError && error.index !== undefined && list[error.index])
        throw reindexed(error, list[error.index]!.index);
      throw error;
    }
  };
  if (good.length > 0 && gate && scope) {
    await sql`savepoint tessera_import_scope`.execute(env.trx);
    let outside: typeof good;
    try {
      const written = await write(good);
      const inScope = await idsInScope(
        env.trx,
        env.runtime,
        gate,
        'create',
        written.map((r) => r.id),
      );
      outside = good.filter((_, k) => !inScope.has(written[k]!.id));
      if (outside.length === 0) {
        good.forEach((v, k) => {
          ids[v.index] = written[k]!.id;
        });
      }
    } catch (error) {
      await sql`rollback to savepoint tessera_import_scope`.execute(env.trx).catch(() => undefined);
      throw error;
    }
    if (outside.length > 0) await sql`rollback to savepoint tessera_import_scope`.execute(env.trx);
    await sql`release savepoint tessera_import_scope`.execute(env.trx);
    for (const v of outside)
      refused.set(
        v.index,
        RecordsError.denied('You may not create a record outside your scope; nothing was saved.'),
      );
    good = outside.length === 0 ? [] : good.filter((v) => !refused.has(v.index));
  }
  if (good.length > 0) {
    const written = await write(good);
    good.forEach((v, k) => {
      ids[v.index] = written[k]!.id;
    });
  }
  return {
    ids,
    refused: [...refused.entries()].sort((a, b) => a[0] - b[0]).map(([index, e]) => e.atIndex(index)),
  };
}

/** An error located at item k of a sub-list, attributed to item `index` of the caller's list instead. */
function reindexed(error: RecordsError, index: number): RecordsError {
  const errors = error.errors.map((e) => ({ ...e, path: e.path.replace(/^\[\d+\]\.?/, '') }));
  const message = error.message.replace(/ \(item \d+\)\.$/, '.');
  return new RecordsError(error.code, message, errors).atIndex(index);
}
