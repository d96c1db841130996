import type { EvalContext } from '@tessera/logic';
import type { Kysely } from 'kysely';
import type { Actor, Clock } from '../model/forms-context';
import { inTransaction } from '../model/in-transaction';
import { mapDbError } from './db-error.mapper';
import type { FormRuntime } from './form-runtime';
import { loadAppRuntimes, loadRuntime } from './form-runtime.repository';
import type { StoredRecord } from './record.repository';
import { type HistoryEntry, readHistory } from './record-change.writer';
import { type ListQuery, planList, runList } from './record-list.query';
import { readRecords } from './record-read.runner';
import { createRecordIn, setDeletedIn, updateRecordIn, type WriteEnv } from './record-write.runner';
import { RecordsError } from './records.error';

/** The context of the records service: the forms service's `{ db, actor, clock }` + a time zone. */
export interface RecordsContext {
  readonly db: Kysely<any>;
  readonly actor: Actor;
  readonly clock: Clock;
  /** IANA zone of `today`, date defaults and auto-number dates (default UTC). */
  readonly timeZone?: string;
}

export interface ListPage {
  readonly items: readonly StoredRecord[];
  readonly nextCursor: string | null;
  readonly total?: number;
}

export interface RecordUpdate {
  readonly id: string;
  readonly version: number;
  readonly values: Record<string, unknown>;
}

/** The records service: every write is one transaction with its history row and its event. */
export interface RecordService {
  create(
    app: string,
    form: string,
    values: unknown,
    options?: { expand?: readonly string[] },
  ): Promise<StoredRecord>;
  get(app: string, form: string, id: string, options?: { expand?: readonly string[] }): Promise<StoredRecord>;
  update(app: string, form: string, id: string, version: number, patch: unknown): Promise<StoredRecord>;
  delete(app: string, form: string, id: string): Promise<void>;
  restore(app: string, form: string, id: string): Promise<StoredRecord>;
  list(app: string, form: string, query?: ListQuery & { expand?: readonly string[] }): Promise<ListPage>;
  /** All or nothing: the first invalid item aborts the lot (its error carries `index`). */
  bulkCreate(app: string, form: string, items: readonly unknown[]): Promise<readonly StoredRecord[]>;
  bulkUpdate(app: string, form: string, items: readonly RecordUpdate[]): Promise<readonly StoredRecord[]>;
  history(app: string, form: string, id: string): Promise<readonly HistoryEntry[]>;
}

export function createRecordService(context: RecordsContext): RecordService {
  const { db, actor, clock } = context;
  const timeZone = context.timeZone ?? 'UTC';
  const evalCtx = (): EvalContext => ({ now: clock.now(), timeZone });

  /** One write transaction: the form's runtime (locked against a concurrent publish) and a write env. */
  async function write<T>(app: string, form: string, run: (env: WriteEnv) => Promise<T>): Promise<T> {
    let runtime: FormRuntime | undefined;
    try {
      return await inTransaction(db, async (trx) => {
        runtime = await loadRuntime(trx, app, form, true);
        let forms: Promise<FormRuntime[]> | undefined;
        const at = clock.now();
        const env: WriteEnv = {
          trx,
          runtime,
          appForms: () => (forms ??= loadAppRuntimes(trx, app)),
          user: { id: actor.id },
          at,
          ctx: { now: at, timeZone },
        };
        return run(env);
      });
    } catch (error) {
      throw mapDbError(error, runtime);
    }
  }

  /** Reads need no transaction of their own; given a caller's transaction they read inside it. */
  const read = <T>(run: (trx: Kysely<any>) => Promise<T>): Promise<T> => run(db);

  async function getIn(trx: Kysely<any>, runtime: FormRuntime, id: string, expand?: readonly string[]) {
    const [record] = await readRecords(trx, runtime, [checkId(id)], {
      lineItems: 'always',
      expand: expand ?? [],
    });
    if (!record || record.deleted_at !== null) {
      throw new RecordsError('RECORD_NOT_FOUND', `No record ${id} in form ${runtime.definition.key}.`);
    }
    return record;
  }

  return {
    create: (app, form, values, options) =>
      write(app, form, async (env) =>
        getIn(env.trx, env.runtime, await createRecordIn(env, values), options?.expand),
      ),

    get: (app, form, id, options) =>
      read(async (trx) => getIn(trx, await loadRuntime(trx, app, form), id, options?.expand)),

    update: (app, form, id, version, patch) =>
      write(app, form, async (env) => {
        await updateRecordIn(env, checkId(id), checkVersion(version), patch);
        return getIn(env.trx, env.runtime, id);
      }),

    async delete(app, form, id) {
      await write(app, form, (env) => setDeletedIn(env, checkId(id), true));
    },

    restore: (app, form, id) =>
      write(app, form, async (env) => {
        await setDeletedIn(env, checkId(id), false);
        return getIn(env.trx, env.runtime, id);
      }),

    list: (app, form, query = {}) =>
      read(async (trx) => {
        const runtime = await loadRuntime(trx, app, form);
        const plan = planList(runtime, query, evalCtx());
        const page = await runList(trx, plan, query.count === 'exact');
        const expand = query.expand ?? [];
        const items = await readRecords(trx, runtime, page.ids, { lineItems: 'expanded', expand });
        return {
          items,
          nextCursor: page.nextCursor,
          ...(page.total === undefined ? {} : { total: page.total }),
        };
      }),

    bulkCreate: (app, form, items) =>
      write(app, form, async (env) => {
        const ids: string[] = [];
        for (const [index, item] of items.entries()) {
          ids.push(await atIndex(index, env.runtime, () => createRecordIn(env, item)));
        }
        return readRecords(env.trx, env.runtime, ids, { lineItems: 'always' });
      }),

    bulkUpdate: (app, form, items) =>
      write(app, form, async (env) => {
        for (const [index, item] of items.entries()) {
          await atIndex(index, env.runtime, () =>
            updateRecordIn(env, checkId(item.id), checkVersion(item.version), item.values),
          );
        }
        return readRecords(
          env.trx,
          env.runtime,
          items.map((i) => i.id),
          { lineItems: 'always' },
        );
      }),

    history: (app, form, id) =>
      read(async (trx) => {
        const runtime = await loadRuntime(trx, app, form);
        const [exists] = await readRecords(trx, runtime, [checkId(id)]);
        if (!exists) throw new RecordsError('RECORD_NOT_FOUND', `No record ${id} in form ${form}.`);
        return readHistory(trx, runtime.formId, id);
      }),
  };
}

/** Runs one bulk item; its error (validation, stale version, database refusal) names the index. */
async function atIndex<T>(index: number, runtime: FormRuntime, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const mapped = mapDbError(error, runtime);
    if (mapped instanceof RecordsError) throw mapped.atIndex(index);
    throw mapped;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function checkId(id: string): string {
  if (!UUID.test(id)) throw new RecordsError('RECORD_NOT_FOUND', `No record ${id}.`);
  return id;
}

function checkVersion(version: unknown): number {
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw RecordsError.invalid([
      { path: 'version', message: 'is required: the version of the record you read' },
    ]);
  }
  return version;
}
