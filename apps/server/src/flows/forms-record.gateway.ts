import type { RecordGateway } from '@tessera/flows';
import { createRecordService, RecordsError } from '@tessera/forms';
import { enqueue, type JobHandler } from '@tessera/store';
import type { Kysely } from 'kysely';

export const FLOW_RECORD_WRITE_TASK = 'flows.record-write';

type RecordWrite =
  | { op: 'update'; app: string; form: string; id: string; set: Record<string, unknown> }
  | { op: 'update-where'; app: string; form: string; where: unknown; set: Record<string, unknown> }
  | { op: 'create'; app: string; form: string; values: Record<string, unknown> };

const clock = { now: () => new Date() };

/**
 * Flows read records through the form engine inside the step's transaction; writes are jobs
 * enqueued in that transaction and done by the records service (its own transaction, with its
 * validation, history and record events) right after the step commits.
 */
export function formsRecordGateway(): RecordGateway {
  return {
    async load(executor, ref) {
      if (!ref.recordId) return null;
      try {
        const record = await createRecordService({ db: executor, actor: { id: null }, clock }).get(
          ref.appKey,
          ref.formKey,
          ref.recordId,
        );
        return record as Record<string, unknown>;
      } catch (error) {
        if (error instanceof RecordsError && error.code === 'RECORD_NOT_FOUND') return null;
        throw error;
      }
    },
    async update(executor, ref, set) {
      if (!ref.recordId) return;
      await write(executor, {
        op: 'update',
        app: ref.appKey,
        form: ref.formKey,
        id: ref.recordId,
        set: { ...set },
      });
    },
    async updateWhere(executor, target, set) {
      await write(executor, {
        op: 'update-where',
        app: target.appKey,
        form: target.formKey,
        where: target.where,
        set: { ...set },
      });
    },
    async create(executor, target, values, lineItems) {
      await write(executor, {
        op: 'create',
        app: target.appKey,
        form: target.formKey,
        values: { ...values, ...lineItems },
      });
      return 'queued';
    },
  };
}

async function write(executor: Kysely<any>, payload: RecordWrite): Promise<void> {
  await enqueue(executor, FLOW_RECORD_WRITE_TASK, payload, { maxAttempts: 5 });
}

/** The job doing a flow's record write with the records service. */
export function recordWriteJob(db: Kysely<any>): JobHandler {
  return async (payload) => {
    const p = payload as RecordWrite;
    const records = createRecordService({ db, actor: { id: null }, clock });
    switch (p.op) {
      case 'update': {
        const current = await records.get(p.app, p.form, p.id);
        await records.update(p.app, p.form, p.id, Number(current.version), p.set);
        return;
      }
      case 'update-where': {
        const page = await records.list(p.app, p.form, { filter: p.where, limit: 500 });
        await records.bulkUpdate(
          p.app,
          p.form,
          page.items.map((r) => ({ id: String(r.id), version: Number(r.version), values: p.set })),
        );
        return;
      }
      case 'create':
        await records.create(p.app, p.form, p.values);
        return;
      default: {
        const never: never = p;
        throw new Error(`unknown record write ${JSON.stringify(never)}`);
      }
    }
  };
}
