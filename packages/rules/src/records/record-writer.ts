import { createRecordService, type RecordService, RecordsError } from '@tessera/forms';
import type { Kysely } from 'kysely';
import { RulesError } from '../rules.error';

/**
 * The records service on the action's transaction: rule-made writes are validated, recompute
 * formulas and rollups, and write history and their `record.event` exactly like any other
 * change — and commit or roll back with the action that makes them. Rules act as the system.
 */
export function recordsIn(trx: Kysely<any>, at: { now: Date; timeZone: string }): RecordService {
  return createRecordService({
    db: trx,
    actor: { id: null },
    clock: { now: () => at.now },
    timeZone: at.timeZone,
    systemWrite: true,
  });
}

/**
 * Runs one write of an action; a refusal of the records engine (invalid values, a stale version,
 * an unpublished form) becomes an `action_failed` naming the form and what is wrong, for the run log.
 * For a bulk write, `item` names the refused item (its record id) in place of the engine's index.
 */
export async function writing<T>(
  what: string,
  run: () => Promise<T>,
  item?: (index: number) => string,
): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof RecordsError)) throw error;
    const index = item ? error.index : undefined;
    const prefix = index === undefined ? '' : `[${index}].`;
    const details = error.errors
      .map(
        (e) => `${prefix && e.path.startsWith(prefix) ? e.path.slice(prefix.length) : e.path} ${e.message}`,
      )
      .join('; ');
    const message = index === undefined ? error.message : error.message.replace(` (item ${index})`, '');
    const subject = index === undefined ? what : `${what} ${item!(index)}`;
    const reason = details ? `${message.replace(/\.$/, '')}: ${details}` : message;
    throw new RulesError('RULE_ACTION_FAILED', `${subject}: ${reason}`, { cause: error });
  }
}
