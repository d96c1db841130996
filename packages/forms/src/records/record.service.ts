import type { EvalContext } from '@tessera/logic';
import { fieldError } from '@tessera/schema';
import { wakeJobWorkers } from '@tessera/store';
import type { Kysely } from 'kysely';
import type { FileRow } from '../files/file.repository';
import { readFile } from '../files/file.repository';
import { fileOfRecord, type UploadTarget, uploadTarget } from '../files/record-files.reader';
import type { Actor, Clock } from '../model/forms-context';
import { inTransaction } from '../model/in-transaction';
import { mapDbError } from './db-error.mapper';
import type { FormRuntime } from './form-runtime';
import {
  adoptTransaction,
  assertFresh,
  loadAppRuntimes,
  loadRuntime,
  withFreshRuntimes,
} from './form-runtime.repository';
import { checkLinkTargets } from './link-target.checker';
import { planLookups } from './lookup.reader';
import type { StoredRecord } from './record.repository';
import type { FormGate, RecordAction, RecordsAccess } from './record-access';
import {
  assertStillInScope,
  changedSince,
  checkWriteInput,
  idsInScope,
  keepRowFieldsOf,
  lockInScope,
  refuseFields,
} from './record-access.guard';
import { maskChanges } from './record-access.rows';
import { createRecords } from './record-batch.runner';
import { type HistoryEntry, readHistory } from './record-change.writer';
import { checkCreates } from './record-create.checker';
import { type ImportCreateResult, importCreates } from './record-import.runner';
import { compileList, type ListQuery, runList } from './record-list.query';
import { purgeRecordIn } from './record-purge.runner';
import { checkExpand, readRecords, recordsFromRows } from './record-read.runner';
import { planLinkedSearch } from './record-search.planner';
import { updateRecords } from './record-update.runner';
import { setDeletedIn, updateRecordIn, type WriteEnv } from './record-write.runner';
import { type FieldError, RecordsError } from './records.error';

/** The context of the records service: the forms service's `{ db, actor, clock }` + a time zone. */
export interface RecordsContext {
  readonly db: Kysely<any>;
  readonly actor: Actor;
  readonly clock: Clock;
  /** IANA zone of `today`, date defaults and auto-number dates (default UTC). */
  readonly timeZone?: string;
  /**
   * The caller's access (`@tessera/access`): row scopes as SQL, hidden and read-only fields.
   * Absent = the system (rule and flow actions): every row, every field.
   */
  readonly access?: RecordsAccess;
  /**
   * A flow or rule acting (or the pack's demo data): fields marked `readOnly` in the form are
   * theirs to set — a quote's approval status, an order's stage. Default false: a person's write
   * (admins too), refused on such a field with `is read-only`.
   */
  readonly systemWrite?: boolean;
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
  /** Deletes a soft-deleted record for good (its line items; its files go to the sweep). */
  purge(app: string, form: string, id: string): Promise<void>;
  /** The attachment field (`files`, `items.photo`) the caller may upload a file for, with its limits. */
  uploadTarget(app: string, form: string, field: string): Promise<UploadTarget>;
  /** A file of a record the caller can read, in a field they see (else RECORD_NOT_FOUND). */
  file(app: string, form: string, id: string, fileId: string): Promise<FileRow>;
  list(app: string, form: string, query?: ListQuery & { expand?: readonly string[] }): Promise<ListPage>;
  /** All or nothing: the first invalid item aborts the lot (its error carries `index`). */
  bulkCreate(app: string, form: string, items: readonly unknown[]): Promise<readonly StoredRecord[]>;
  bulkUpdate(app: string, form: string, items: readonly RecordUpdate[]): Promise<readonly StoredRecord[]>;
  /**
   * Checks items as bulkCreate would (the caller's field access, defaults, every field error,
   * link targets) and returns EVERY refusal with its `index`, in order; writes nothing. Empty:
   * bulkCreate can only still refuse what the database alone sees (a unique clash).
   */
  validateCreate(app: string, form: string, items: readonly unknown[]): Promise<readonly RecordsError[]>;
  /**
   * The bulk import path (record-import.runner): checks EVERY item as bulkCreate would and writes
   * the valid ones in one statement — one `record.events` job for the lot, nothing read back.
   * Returns the new ids by index and every refusal (with `index`). `savepoint: false` (inside a
   * caller's transaction): a refusal only the database sees aborts that transaction instead of
   * being located under a savepoint.
   */
  importCreate(
    app: string,
    form: string,
    items: readonly unknown[],
    options?: { savepoint?: boolean },
  ): Promise<ImportCreateResult>;
  history(app: string, form: string, id: string): Promise<readonly HistoryEntry[]>;
  /**
   * The caller's gate on a form (undefined: no access rules, every row and field), for a writer
   * that applies it in its own SQL — the set-based import checks the same fields and create
   * scope, and leaves what they refuse to this service.
   */
  gate(app: string, form: string): Promise<FormGate | undefined>;
  /**
   * The link values of `patch` (to record `id`) the caller may not set: targets missing, deleted
   * or outside their read scope (see link-target.checker). For writes made on the caller's behalf
   * by the system, e.g. a flow task's values. Writes nothing.
   */
  linkRefusals(app: string, form: string, id: string, patch: Record<string, unknown>): Promise<FieldError[]>;
}

export function createRecordService(context: RecordsContext): RecordService {
  const { db, actor, clock, access } = context;
  const systemWrite = context.systemWrite === true;
  const timeZone = context.timeZone ?? 'UTC';
  const evalCtx = (): EvalContext => ({ now: clock.now(), timeZone });

  /** The env of a write on `trx`: the app's other forms loaded once per call (cached per process). */
  function writeEnv(trx: Kysely<any>, runtime: FormRuntime, app: string, at: Date): WriteEnv {
    let forms: Promise<FormRuntime[]> | undefined;
    return {
      trx,
      runtime,
      appForms: () => (forms ??= loadAppRuntimes(trx, app)),
      user: { id: actor.id },
      ...(access ? { access } : {}),
      systemWrite,
      at,
      ctx: { now: at, timeZone },
      directEvents: !db.isTransaction,
    };
  }

  /** One write transaction: the form's runtime (locked against a concurrent publish) and a write env. */
  async function write<T>(app: string, form: string, run: (env: WriteEnv) => Promise<T>): Promise<T> {
    let runtime: FormRuntime | undefined;
    try {
      const result = await withFreshRuntimes(db, app, () =>
        inTransaction(db, async (trx) => {
          adoptTransaction(trx, db);
          runtime = await loadRuntime(trx, app, form, true);
          return run(writeEnv(trx, runtime, app, clock.now()));
        }),
      );
      wakeJobWorkers(db);
      return result;
    } catch (error) {
      throw mapDbError(error, runtime);
    }
  }

  /** Reads need no transaction of their own; given a caller's transaction they read inside it. */
  const read = <T>(app: string, run: (trx: Kysely<any>) => Promise<T>): Promise<T> =>
    withFreshRuntimes(db, app, () => run(db));

  /** The caller's gate on a form, after checking the action is granted at all. */
  function gateFor(runtime: FormRuntime, action: RecordAction): FormGate | undefined {
    const gate = access?.form(runtime);
    if (gate && !gate.can(action)) {
      throw RecordsError.denied(`You may not ${action} records of form ${runtime.definition.key}.`);
    }
    return gate;
  }

  /** A record by id; outside the caller's read scope it does not exist (404, like a missing id). */
  async function getIn(
    trx: Kysely<any>,
    runtime: FormRuntime,
    id: string,
    expand?: readonly string[],
    scoped = true,
  ) {
    const gate = scoped ? gateFor(runtime, 'read') : undefined;
    if (gate && !(await idsInScope(trx, runtime, gate, 'read', [checkId(id)])).has(id)) {
      throw new RecordsError('RECORD_NOT_FOUND', `No record ${id} in form ${runtime.definition.key}.`);
    }
    const [record] = await readRecords(trx, runtime, [checkId(id)], {
      lineItems: 'always',
      expand: expand ?? [],
      ...(access ? { access } : {}),
    });
    if (!record || record.deleted_at !== null) {
      throw new RecordsError('RECORD_NOT_FOUND', `No record ${id} in form ${runtime.definition.key}.`);
    }
    return record;
  }

  /**
   * Update under the caller's access: the row must be in the update scope (else 404), hidden
   * fields are never written, a read-only field only "written" with its stored value (checked
   * against what the write recorded), and the row must stay in scope — else 403, rolled back.
   */
  async function updateChecked(env: WriteEnv, id: string, version: number, patch: unknown): Promise<void> {
    const gate = gateFor(env.runtime, 'update');
    if (!gate) return updateRecordIn(env, id, version, patch);
    const { errors, readOnlyKeys } = checkWriteInput(gate, patch, 'update');
    if (errors.length > 0) refuseFields(errors);
    const before = await lockInScope(env.trx, env.runtime, gate, 'update', id, 'live');
    await updateRecordIn(env, id, version, await keepRowFieldsOf(env.trx, env.runtime, gate, id, patch));
    if (readOnlyKeys.length > 0) {
      const changed = await changedSince(env.trx, env.runtime, id, before);
      const refused = readOnlyKeys.filter((key) => changed.has(key));
      if (refused.length > 0)
        refuseFields(refused.map((path) => fieldError(path, 'FIELD_READ_ONLY_FOR_YOU')));
    }
    await assertStillInScope(env.trx, env.runtime, gate, 'update', id);
  }

  /**
   * Creates through the batch writer (record-batch.runner): with the form's cached runtime and,
   * when the form and the caller's create scope allow it, as ONE statement with no transaction
   * around it; the result comes from the statement's RETURNING (read back only to expand links
   * or mask what the caller may not see). Bulk chunks are one statement per table too.
   */
  async function createMany(
    app: string,
    form: string,
    items: readonly unknown[],
    bulk: boolean,
    expand: readonly string[] = [],
  ): Promise<StoredRecord[]> {
    let runtime: FormRuntime | undefined;
    try {
      const created = await withFreshRuntimes(db, app, async () => {
        const rt = await loadRuntime(db, app, form);
        runtime = rt;
        const gate = gateFor(rt, 'create');
        if (gate) {
          for (const [index, item] of items.entries()) {
            const { errors } = checkWriteInput(gate, item, 'create');
            if (errors.length > 0 && bulk) await atIndex(index, rt, async () => refuseFields(errors));
            if (errors.length > 0) refuseFields(errors);
          }
        }
        const scope = gate?.rows('create', 'r') ?? null;
        const own = <T>(run: (trx: Kysely<any>) => Promise<T>) =>
          inTransaction(db, (trx) => {
            adoptTransaction(trx, db);
            return run(trx);
          });
        const at = clock.now();
        const create = async (trx: Kysely<any>) => {
          const env = writeEnv(trx, rt, app, at);
          const created = await createRecords(env, items, bulk, own);
          if (gate && scope) {
            const inScope = await idsInScope(
              trx,
              rt,
              gate,
              'create',
              created.map((r) => r.id),
            );
            if (created.some((r) => !inScope.has(r.id)))
              await assertStillInScope(trx, rt, gate, 'create', created.find((r) => !inScope.has(r.id))!.id);
          }
          const masked =
            gate && (gate.hidden.size > 0 || rt.definition.fields.some((f) => f.type === 'lookup'));
          if (expand.length === 0 && !masked) return created;
          return readRecords(
            trx,
            rt,
            created.map((r) => r.id),
            { lineItems: 'always', expand, ...(access ? { access } : {}) },
          );
        };
        return scope ? own(create) : create(db);
      });
      wakeJobWorkers(db);
      return created;
    } catch (error) {
      throw mapDbError(error, runtime);
    }
  }

  /** importCreate: on the caller's transaction (or one of its own), the form's runtime and gate once. */
  async function importMany(
    app: string,
    form: string,
    items: readonly unknown[],
    savepoint: boolean,
  ): Promise<ImportCreateResult> {
    let runtime: FormRuntime | undefined;
    try {
      const result = await withFreshRuntimes(db, app, async () => {
        const rt = await loadRuntime(db, app, form);
        runtime = rt;
        const gate = gateFor(rt, 'create');
        return inTransaction(db, (trx) => {
          adoptTransaction(trx, db);
          return importCreates(writeEnv(trx, rt, app, clock.now()), gate, items, { savepoint });
        });
      });
      wakeJobWorkers(db);
      return result;
    } catch (error) {
      throw mapDbError(error, runtime);
    }
  }

  /** validateCreate: every refused item of a would-be bulk create, read-only, one query for links. */
  async function checkMany(app: string, form: string, items: readonly unknown[]): Promise<RecordsError[]> {
    let runtime: FormRuntime | undefined;
    try {
      return await withFreshRuntimes(db, app, async () => {
        const rt = await loadRuntime(db, app, form);
        runtime = rt;
        const gate = gateFor(rt, 'create');
        const denied = new Map<number, RecordsError>();
        for (const [index, item] of items.entries()) {
          const { errors } = gate ? checkWriteInput(gate, item, 'create') : { errors: [] };
          if (errors.length > 0)
            denied.set(
              index,
              RecordsError.denied('You may not write these fields; nothing was saved.', errors).atIndex(
                index,
              ),
            );
        }
        const rest = [...items.keys()].filter((i) => !denied.has(i));
        const at = clock.now();
        const env: WriteEnv = {
          trx: db,
          runtime: rt,
          appForms: () => loadAppRuntimes(db, app),
          user: { id: actor.id },
          ...(access ? { access } : {}),
          systemWrite,
          at,
          ctx: { now: at, timeZone },
        };
        const refused = await checkCreates(
          env,
          rest.map((i) => items[i]),
        );
        for (const { index, error } of refused) denied.set(rest[index]!, error.atIndex(rest[index]!));
        return [...denied.entries()].sort((a, b) => a[0] - b[0]).map(([, e]) => e);
      });
    } catch (error) {
      throw mapDbError(error, runtime);
    }
  }

  return {
    validateCreate: (app, form, items) =>
      items.length === 0 ? Promise.resolve([]) : checkMany(app, form, items),

    importCreate: (app, form, items, options) =>
      items.length === 0
        ? Promise.resolve({ ids: [], refused: [] })
        : importMany(app, form, items, options?.savepoint ?? true),

    create: async (app, form, values, options) =>
      (await createMany(app, form, [values], false, options?.expand))[0]!,

    get: (app, form, id, options) =>
      read(app, async (trx) => getIn(trx, await loadRuntime(trx, app, form), id, options?.expand)),

    update: (app, form, id, version, patch) =>
      write(app, form, async (env) => {
        await updateChecked(env, checkId(id), checkVersion(version), patch);
        return getIn(env.trx, env.runtime, id, undefined, false);
      }),

    async delete(app, form, id) {
      await write(app, form, async (env) => {
        const gate = gateFor(env.runtime, 'delete');
        if (gate) await lockInScope(env.trx, env.runtime, gate, 'delete', checkId(id), 'live');
        await setDeletedIn(env, checkId(id), true);
      });
    },

    restore: (app, form, id) =>
      write(app, form, async (env) => {
        const gate = gateFor(env.runtime, 'delete');
        if (gate) await lockInScope(env.trx, env.runtime, gate, 'delete', checkId(id), 'deleted');
        await setDeletedIn(env, checkId(id), false);
        return getIn(env.trx, env.runtime, id, undefined, false);
      }),

    async purge(app, form, id) {
      await write(app, form, async (env) => {
        const gate = gateFor(env.runtime, 'delete');
        if (gate) await lockInScope(env.trx, env.runtime, gate, 'delete', checkId(id), 'deleted');
        await purgeRecordIn(env, checkId(id));
      });
    },

    uploadTarget: (app, form, field) =>
      read(app, async (trx) => {
        const runtime = await loadRuntime(trx, app, form);
        return uploadTarget(runtime, access?.form(runtime), field);
      }),

    file: (app, form, id, fileId) =>
      read(app, async (trx) => {
        const runtime = await loadRuntime(trx, app, form);
        const record = await getIn(trx, runtime, id);
        return fileOfRecord(runtime, record, await readFile(trx, fileId), fileId);
      }),

    list: (app, form, query = {}) =>
      read(app, async (trx) => {
        const runtime = await loadRuntime(trx, app, form);
        const gate = gateFor(runtime, 'read');
        const options = {
          lineItems: 'expanded' as const,
          expand: query.expand ?? [],
          ...(access ? { access } : {}),
        };
        checkExpand(runtime, options.expand, gate?.hidden);
        const lookups = await planLookups(trx, runtime);
        // One statement for the page's rows (lookups and the fingerprint check included).
        const linked = query.q?.trim()
          ? await planLinkedSearch(trx, runtime, gate?.hidden ?? new Set(), access)
          : [];
        const plan = compileList(trx, runtime, query, evalCtx(), gate, lookups.selects, linked);
        const page = await runList(trx, plan, query.count === 'exact');
        if (page.rows.length > 0) assertFresh(runtime, page.rows[0]!.__fp);
        const ids = page.rows.map((r) => String(r.id));
        const items = await recordsFromRows(trx, runtime, ids, page.rows, lookups, options);
        return {
          items,
          nextCursor: page.nextCursor,
          ...(page.total === undefined ? {} : { total: page.total }),
        };
      }),

    bulkCreate: (app, form, items) =>
      items.length === 0 ? Promise.resolve([]) : createMany(app, form, items, true),

    bulkUpdate: (app, form, items) =>
      write(app, form, async (env) => {
        const gate = gateFor(env.runtime, 'update');
        if (!gate || (!gate.rows('update', 'r') && gate.readOnly.size === 0)) {
          // Nothing to check per row beyond the input: the whole chunk is one locked select + one statement.
          for (const [index, item] of items.entries()) {
            checkId(item.id);
            checkVersion(item.version);
            const errors = gate ? checkWriteInput(gate, item.values, 'update').errors : [];
            if (errors.length > 0) await atIndex(index, env.runtime, async () => refuseFields(errors));
          }
          await updateRecords(
            env,
            items.map((i) => ({ id: i.id, version: i.version, patch: i.values })),
            true,
          );
          return readRecords(
            env.trx,
            env.runtime,
            items.map((i) => i.id),
            { lineItems: 'always', ...(access ? { access } : {}) },
          );
        }
        for (const [index, item] of items.entries()) {
          await atIndex(index, env.runtime, () =>
            updateChecked(env, checkId(item.id), checkVersion(item.version), item.values),
          );
        }
        return readRecords(
          env.trx,
          env.runtime,
          items.map((i) => i.id),
          { lineItems: 'always', ...(access ? { access } : {}) },
        );
      }),

    linkRefusals: (app, form, id, patch) =>
      read(app, async (trx) => {
        const runtime = await loadRuntime(trx, app, form);
        const [current] = await readRecords(trx, runtime, [checkId(id)], { lineItems: 'always' });
        const env = {
          trx,
          runtime,
          appForms: () => loadAppRuntimes(trx, app),
          ...(access ? { access } : {}),
        };
        return (await checkLinkTargets(env, [{ values: patch, current: current ?? null }])).get(0) ?? [];
      }),

    history: (app, form, id) =>
      read(app, async (trx) => {
        const runtime = await loadRuntime(trx, app, form);
        const gate = gateFor(runtime, 'read');
        const [exists] = gate
          ? [...(await idsInScope(trx, runtime, gate, 'read', [checkId(id)], { state: 'any' }))]
          : await readRecords(trx, runtime, [checkId(id)]);
        if (!exists) throw new RecordsError('RECORD_NOT_FOUND', `No record ${id} in form ${form}.`);
        const entries = await readHistory(trx, runtime.formId, id);
        return gate ? maskHistory(entries, gate.hidden) : entries;
      }),

    gate: (app, form) => read(app, async (trx) => access?.form(await loadRuntime(trx, app, form))),
  };
}

/**
 * History without hidden fields' old/new values (nor hidden row fields in line items); an update
 * that only touched hidden fields is left out.
 */
function maskHistory(entries: readonly HistoryEntry[], hidden: ReadonlySet<string>): HistoryEntry[] {
  if (hidden.size === 0) return [...entries];
  return entries.flatMap((entry) => {
    const changes = maskChanges(entry.changes, hidden);
    if (entry.operation === 'updated' && Object.keys(changes).length === 0) return [];
    return [{ ...entry, changes }];
  });
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
    throw RecordsError.invalid([fieldError('version', 'FIELD_VERSION_REQUIRED')]);
  }
  return version;
}
