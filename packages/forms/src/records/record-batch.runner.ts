import { randomUUID } from 'node:crypto';
import { isComputedField } from '@tessera/schema';
import { type Kysely, sql } from 'kysely';
import { referencesFiles, resolveAttachments, syncAttachments } from '../files/attachment.binder';
import { computeFormulas } from '../formulas/formula.evaluator';
import { rollupsOver } from '../formulas/rollup.runner';
import { drawAutoNumbers } from '../numbering/auto-number.runner';
import type { AutoNumberColumn } from '../numbering/auto-number.statement';
import { type CounterKey, gapsCounter } from '../numbering/number-sequence';
import { checkRecord } from '../validation/record.validator';
import { mapDbError } from './db-error.mapper';
import type { FormRuntime } from './form-runtime';
import { StaleRuntimeError } from './form-runtime.repository';
import { checkLinkTargets } from './link-target.checker';
import { type LookupPlan, planLookups } from './lookup.reader';
import type { StoredRecord } from './record.repository';
import type { FieldChanges } from './record-change.writer';
import { applyDefaults } from './record-defaults';
import { liveFields } from './record-field';
import { insertStatement, type NewRecord, readWritten } from './record-insert.statement';
import { withLinkDefaults } from './record-link-defaults';
import { readRecords } from './record-read.runner';
import type { RecordValues } from './record-value.mapper';
import { refreshRollups, requireObject, rowsOf, type WriteEnv, withRowDefaults } from './record-write.runner';
import { RecordsError } from './records.error';

/**
 * Creates records — one, or a bulk chunk — with as few round trips as the form allows:
 * validation and formulas in memory, then ONE statement (record-insert.statement). A transaction
 * is opened only when the form needs more: numbers a formula or a line-item row uses (drawn
 * first), or rollups over this form (their parents are locked and recomputed after the insert).
 * `env.trx` is the handle to write on: the root handle (the statement is its own transaction) or
 * a transaction. All or nothing; an invalid item throws with its `index` when `bulk`.
 */
export async function createRecords(
  env: WriteEnv,
  inputs: readonly unknown[],
  bulk: boolean,
  inTransaction: <T>(run: (trx: Kysely<any>) => Promise<T>) => Promise<T>,
): Promise<StoredRecord[]> {
  const at = (i: number, error: RecordsError) => (bulk ? error.atIndex(i) : error);
  const filled = await withLinkDefaults(
    env,
    inputs.map((input) => ({ input, current: null })),
  );
  const prepared = filled.map((input, i) => {
    try {
      return prepareCreate(env, input);
    } catch (error) {
      throw error instanceof RecordsError ? at(i, error) : error;
    }
  });
  const linkErrors = await checkLinkTargets(
    env,
    prepared.map((p) => ({ values: p.merged, current: null })),
  );
  const firstBad = [...linkErrors.keys()].sort((a, b) => a - b)[0];
  if (firstBad !== undefined) throw at(firstBad, RecordsError.invalid(linkErrors.get(firstBad)!));
  return (await writeCreates(env, prepared, { bulk, inTransaction })) as StoredRecord[];
}

/** How writeCreates writes and what it gives back. */
export interface CreateWriteOptions {
  /** An invalid item's error names its index (a database refusal is located item by item). */
  readonly bulk: boolean;
  readonly inTransaction: <T>(run: (trx: Kysely<any>) => Promise<T>) => Promise<T>;
  /** `ids`: only `{ id }` per record, nothing read back (the import). Default `records`. */
  readonly returning?: 'records' | 'ids';
  /** `batch`: one `record.events` job for the lot (the import). Default `each`. */
  readonly events?: 'each' | 'batch';
  /**
   * Inside a caller's transaction, a bulk statement runs under a savepoint so that a database
   * refusal can be located (default). `false`: no savepoint — a refusal aborts the caller's
   * transaction, which the caller must expect (the import redoes the chunk with savepoints).
   */
  readonly savepoint?: boolean;
}

/**
 * Writes prepared (defaulted, validated, link-checked) creates: auto-numbers a formula or a row
 * needs drawn first, formulas, then ONE insert statement, then the rollups the records touch.
 */
export async function writeCreates(
  env: WriteEnv,
  prepared: readonly { values: RecordValues }[],
  options: CreateWriteOptions,
): Promise<Array<StoredRecord | { id: string }>> {
  const { runtime } = env;
  const { bulk, inTransaction } = options;
  const idsOnly = options.returning === 'ids';
  const appForms = await env.appForms();
  const parentRollups = rollupsOver(runtime, appForms);
  const fields = liveFields(runtime.definition.fields);
  // Gaps-allowed counters: their sequence and period offset, known after the first write of a period.
  const counterOf = (key: CounterKey, gaps: 'never' | 'allowed' | undefined) =>
    gaps === 'allowed'
      ? gapsCounter(env.trx, key, env.at, env.ctx.timeZone, runtime.versionId)
      : Promise.resolve(undefined);
  const numbers = await Promise.all(
    fields.flatMap((f) => {
      if (f.type !== 'auto_number') return [];
      const key = { formId: runtime.formId, fieldId: f.id, pattern: f.pattern, resetEvery: f.resetEvery };
      return [
        counterOf(key, f.gaps).then(
          (counter): AutoNumberColumn => ({ ...key, column: f.key, ...(counter ? { counter } : {}) }),
        ),
      ];
    }),
  );
  const rowNumbers = [...runtime.lineItems.values()].flatMap(({ field }) =>
    liveFields(field.fields).flatMap((f) =>
      f.type === 'auto_number' ? [{ lineItems: field, field: f }] : [],
    ),
  );
  const usedByFormula = numbers.filter((n) =>
    fields.some((f) => f.type === 'formula' && usesVar(f.expression, n.column)),
  );
  const selfRollup = fields.some((f) => f.type === 'rollup' && f.source.form === runtime.definition.key);
  // Files are checked, locked and attached in the transaction of the insert.
  const withFiles = referencesFiles(
    runtime,
    prepared.map((p) => p.values),
  );
  const needsTransaction =
    parentRollups.length > 0 || selfRollup || usedByFormula.length > 0 || rowNumbers.length > 0 || withFiles;
  const lookups = idsOnly ? NO_LOOKUPS : await planLookups(env.trx, runtime);
  const rowLookups = [...runtime.lineItems.values()].some(({ field }) =>
    liveFields(field.fields).some((f) => f.type === 'lookup'),
  );

  const write = async (db: Kysely<any>): Promise<Array<StoredRecord | { id: string }>> => {
    if (withFiles) {
      const refused = await resolveAttachments(
        db,
        runtime,
        prepared.map((p) => ({ values: p.values, recordId: null })),
        env.user.id,
      );
      const first = [...refused.keys()].sort((a, b) => a - b)[0];
      if (first !== undefined) {
        const error = RecordsError.invalid(refused.get(first)!);
        throw bulk ? error.atIndex(first) : error;
      }
    }
    const drawn = prepared.map(() => ({}) as RecordValues);
    for (const spec of usedByFormula) {
      const values = await drawAutoNumbers(
        db,
        { ...spec, ...(spec.counter ? { gaps: 'allowed' as const } : {}) },
        prepared.length,
        env.at,
        env.ctx.timeZone,
        spec.counter,
      );
      values.forEach((v, i) => {
        drawn[i]![spec.column] = v;
      });
    }
    for (const { lineItems, field } of rowNumbers) {
      const rows = prepared.flatMap((p) => (p.values[lineItems.key] as RecordValues[] | undefined) ?? []);
      const spec = {
        formId: runtime.formId,
        fieldId: `${lineItems.id}.${field.id}`,
        pattern: field.pattern,
        resetEvery: field.resetEvery,
        gaps: field.gaps,
        versionId: runtime.versionId,
      };
      const values = await drawAutoNumbers(db, spec, rows.length, env.at, env.ctx.timeZone);
      rows.forEach((row, i) => {
        row[field.key] = values[i];
      });
    }
    const records = prepared.map((p, i) => finishCreate(env, { ...p.values, ...drawn[i] }, selfRollup));
    const inSql = numbers.filter((n) => !usedByFormula.includes(n));
    const run = (handle: Kysely<any>, list: readonly NewRecord[]) =>
      handle
        .executeQuery(
          insertStatement(handle, {
            runtime,
            records: list,
            numbers: inSql,
            actorId: env.user.id,
            at: env.at,
            timeZone: env.ctx.timeZone,
            lookups,
            directEvents: env.directEvents === true,
            ...(idsOnly ? { returning: 'ids' as const } : {}),
            ...(options.events ? { events: options.events } : {}),
          }),
        )
        .then((r) => r.rows);
    const rows = await runBatch(
      db,
      bulk,
      runtime,
      () => run(db, records),
      (handle, i) => run(handle, [records[i]!]),
      records.length,
      options.savepoint !== false,
    );
    if (rows.length !== records.length) throw new StaleRuntimeError(runtime.appKey);
    if (withFiles)
      await syncAttachments(
        db,
        runtime,
        records.map((r) => ({ recordId: r.id, values: r.values })),
        env.at,
      );
    const rollupEnv = { ...env, trx: db };
    if (idsOnly) {
      // The links are the records' own values: no need to read the rows back for the parents.
      if (parentRollups.length > 0 || selfRollup)
        await refreshRollups(
          rollupEnv,
          records.map((r) => r.id),
          records.map((r) => r.values),
          selfRollup,
        );
      return records.map((r) => ({ id: r.id }));
    }
    const written = readWritten(runtime, lookups, rows);
    // One set-based recompute for the chunk's distinct parents (not one per record).
    if (parentRollups.length > 0 || selfRollup)
      await refreshRollups(
        rollupEnv,
        written.map((r) => r.id),
        written,
        selfRollup,
      );
    // Read back what RETURNING cannot give: own rollups of a form rolling up over itself (they
    // changed after the insert), lookups of line-item rows.
    return selfRollup || rowLookups
      ? readRecords(
          db,
          runtime,
          written.map((r) => r.id),
          { lineItems: 'always' },
        )
      : written;
  };
  return needsTransaction && !env.trx.isTransaction ? inTransaction(write) : write(env.trx);
}

const NO_LOOKUPS: LookupPlan = { selects: [], read: () => ({}) };

/** Defaults → validation (every error by path) → the writable values (line items as rows). */
export function prepareCreate(env: WriteEnv, input: unknown): { merged: RecordValues; values: RecordValues } {
  const { runtime, user, ctx } = env;
  const body = requireObject(input);
  const merged = withRowDefaults(env, applyDefaults(runtime.main, body, user, ctx));
  const errors = checkRecord(runtime, {
    input: body,
    merged,
    current: null,
    user,
    ctx,
    systemWrite: env.systemWrite === true,
  });
  if (errors.length > 0) throw RecordsError.invalid(errors);
  const values: RecordValues = {};
  for (const field of liveFields(runtime.definition.fields)) {
    if (field.type === 'line_items') values[field.key] = rowsOf(field.fields, merged[field.key]);
    else if (!isComputedField(field)) values[field.key] = merged[field.key] ?? null;
  }
  return { merged, values };
}

/** Formulas, the `created` changes, ids for the record and its rows, initial own rollups. */
function finishCreate(env: WriteEnv, values: RecordValues, selfRollup: boolean): NewRecord {
  const { runtime, user, ctx } = env;
  const computed = computeFormulas(runtime, values, user, ctx);
  const changes: FieldChanges = {};
  for (const key in computed) {
    const value = computed[key];
    if (value !== null && !(Array.isArray(value) && value.length === 0))
      changes[key] = { old: null, new: value };
  }
  const stored: RecordValues = computed === values ? { ...computed } : computed;
  for (const key of runtime.lineItems.keys()) {
    stored[key] = ((computed[key] as RecordValues[] | undefined) ?? []).map((row) => ({
      id: randomUUID(),
      ...row,
    }));
  }
  // A new record has no children yet: count 0, sum 0, min/max/avg nothing (as the recompute gives).
  if (!selfRollup) for (const [key, value] of initialRollups(runtime)) stored[key] = value;
  return { id: randomUUID(), values: stored, changes };
}

const rollupStarts = new WeakMap<FormRuntime, ReadonlyArray<readonly [string, number | null]>>();

/** The rollup fields of a form with the value a record without children has (built once per runtime). */
function initialRollups(runtime: FormRuntime): ReadonlyArray<readonly [string, number | null]> {
  let found = rollupStarts.get(runtime);
  if (!found) {
    found = liveFields(runtime.definition.fields).flatMap((field) =>
      field.type === 'rollup'
        ? [[field.key, field.aggregate === 'count' || field.aggregate === 'sum' ? 0 : null] as const]
        : [],
    );
    rollupStarts.set(runtime, found);
  }
  return found;
}

/** Whether a JSON-Logic expression reads `{ "var": key }` (or a path starting with it). */
function usesVar(expression: unknown, key: string): boolean {
  if (Array.isArray(expression)) return expression.some((e) => usesVar(e, key));
  if (!expression || typeof expression !== 'object') return false;
  for (const [op, arg] of Object.entries(expression as Record<string, unknown>)) {
    if (op === 'var') {
      const name = Array.isArray(arg) ? arg[0] : arg;
      if (typeof name === 'string' && (name === key || name.startsWith(`${key}.`))) return true;
    }
    if (usesVar(arg, key)) return true;
  }
  return false;
}

const DATA_ERRORS = new Set(['23505', '23503', '23514', '22003', '22001', '23502']);

/**
 * Runs a batch statement; when the database refuses it (unique, foreign key, check, range) and
 * the request is a bulk one, finds the item at fault by running the items one at a time in a
 * transaction (or savepoint) that is then rolled back, and throws that item's error with its index.
 */
export async function runBatch<T>(
  db: Kysely<any>,
  bulk: boolean,
  runtime: WriteEnv['runtime'],
  runAll: () => Promise<T>,
  runOne: (handle: Kysely<any>, index: number) => Promise<unknown>,
  count: number,
  savepoints = true,
): Promise<T> {
  if (!bulk || (db.isTransaction && !savepoints)) return runAll();
  const savepoint = db.isTransaction;
  if (savepoint) await sql`savepoint tessera_batch`.execute(db);
  try {
    const out = await runAll();
    if (savepoint) await sql`release savepoint tessera_batch`.execute(db);
    return out;
  } catch (error) {
    const code = (error as { code?: string } | null)?.code;
    if (!code || !DATA_ERRORS.has(code)) throw error;
    if (savepoint) await sql`rollback to savepoint tessera_batch`.execute(db);
    throw await locate(db, runtime, error, runOne, count);
  }
}

async function locate(
  db: Kysely<any>,
  runtime: WriteEnv['runtime'],
  original: unknown,
  runOne: (handle: Kysely<any>, index: number) => Promise<unknown>,
  count: number,
): Promise<unknown> {
  const attempt = async (trx: Kysely<any>): Promise<unknown> => {
    for (let i = 0; i < count; i++) {
      try {
        await runOne(trx, i);
      } catch (error) {
        const mapped = mapDbError(error, runtime);
        return mapped instanceof RecordsError ? mapped.atIndex(i) : mapped;
      }
    }
    return mapDbError(original, runtime);
  };
  class Found extends Error {
    constructor(readonly found: unknown) {
      super('located');
    }
  }
  if (db.isTransaction) {
    const found = await attempt(db);
    await sql`rollback to savepoint tessera_batch`.execute(db);
    await sql`release savepoint tessera_batch`.execute(db);
    return found;
  }
  try {
    await db.transaction().execute(async (trx) => {
      throw new Found(await attempt(trx));
    });
  } catch (error) {
    if (error instanceof Found) return error.found;
    throw error;
  }
  return original;
}
