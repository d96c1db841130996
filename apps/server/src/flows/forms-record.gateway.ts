import { FlowError, type RecordGateway } from '@tessera/flows';
import { createRecordService, RecordsError } from '@tessera/forms';
import type { Kysely } from 'kysely';
import { type Clock, systemClock } from '../config/clock';
import { moneyAsObjects } from './money-values';
import { readRecordName } from './record-name.reader';

/** Updates of records matching a filter are done in pages of this size. */
const PAGE = 500;

/**
 * Flows read and write records through the records service. The writes run on the step's
 * transaction (`executor`): the service joins it, so the record, its history row and its
 * `record.event` job commit or roll back with the step — exactly once. A write the service
 * refuses (an invalid value, a stale or missing record) fails the step with a FlowError.
 */
export function formsRecordGateway(options: { timeZone?: string; clock?: Clock } = {}): RecordGateway {
  const { clock = systemClock, ...rest } = options;
  const service = (db: Kysely<any>, actorId: string | null = null) =>
    createRecordService({ db, actor: { id: actorId }, clock, ...rest, systemWrite: true });
  return {
    async load(executor, ref) {
      if (!ref.recordId) return null;
      try {
        const record = await service(executor).get(ref.appKey, ref.formKey, ref.recordId);
        return record as Record<string, unknown>;
      } catch (error) {
        if (error instanceof RecordsError && error.code === 'RECORD_NOT_FOUND') return null;
        throw error;
      }
    },
    describe: (executor, ref) =>
      ref.recordId
        ? readRecordName(executor, clock, { ...ref, recordId: ref.recordId })
        : Promise.resolve(null),
    update: (executor, ref, set, actorId) =>
      refused(async () => {
        if (!ref.recordId) return;
        const records = service(executor, actorId);
        const current = await records.get(ref.appKey, ref.formKey, ref.recordId);
        const values = await moneyAsObjects(executor, ref.appKey, ref.formKey, set);
        await records.update(ref.appKey, ref.formKey, ref.recordId, Number(current.version), values);
      }),
    updateWhere: (executor, target, set) =>
      refused(async () => {
        const records = service(executor);
        let cursor: string | undefined;
        do {
          const page = await records.list(target.appKey, target.formKey, {
            filter: target.where,
            limit: PAGE,
            ...(cursor ? { cursor } : {}),
          });
          await records.bulkUpdate(
            target.appKey,
            target.formKey,
            page.items.map((r) => ({ id: String(r.id), version: Number(r.version), values: { ...set } })),
          );
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
      }),
    create: (executor, target, values, lineItems) =>
      refused(async () => {
        const record = await service(executor).create(target.appKey, target.formKey, {
          ...(await moneyAsObjects(executor, target.appKey, target.formKey, values)),
          ...lineItems,
        });
        return String(record.id);
      }),
  };
}

/** The records service's refusal of a flow's write, as the step's failure. */
async function refused<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!(error instanceof RecordsError)) throw error;
    throw new FlowError(
      error.code === 'RECORD_NOT_FOUND' ? 'RECORD_NOT_FOUND' : 'RECORD_WRITE_REFUSED',
      `The flow's record write was refused: ${error.message}`,
      error.errors,
    );
  }
}
