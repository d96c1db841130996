import { type ImportCreateResult, type RecordService, RecordsError, type StoredRecord } from '@tessera/forms';
import type { FormDefinition } from '@tessera/schema';
import type { Kysely } from 'kysely';
import type { RefResolver } from '../convert/cell-value.converter';
import { type ConvertedRow, convertRow } from '../convert/row-values.mapper';
import type { DuplicateMode, SheetRow } from '../model/sheet-types';
import type { ImportState } from './import-state';
import { AbortedWrite, isAborted, writeIsolated } from './isolated-bulk.writer';
import { RefRequests, resolveRefs } from './reference.resolver';

export interface ChunkContext {
  readonly trx: Kysely<any>;
  /** The records service bound to `trx` (so scopes, masks and validation apply to every row). */
  readonly records: RecordService;
  readonly app: string;
  readonly form: FormDefinition;
  readonly formOf: (key: string) => Promise<FormDefinition>;
  readonly timeZone: string;
  readonly duplicates: DuplicateMode;
  readonly state: ImportState;
}

const REF_TYPES = new Set(['user', 'link', 'line_items']);

/** What a chunk will write, once converted and checked against the keys. */
export interface PreparedChunk {
  readonly creates: readonly ConvertedRow[];
  readonly updates: readonly { row: ConvertedRow; id: string; version: number }[];
}

/**
 * A chunk's reading half, inside the caller's transaction: convert (names of users and linked
 * records fetched in one batch), drop rows with conversion problems or a key already seen in the
 * file, find the existing records by key, and sort the rest into creates and updates.
 */
export async function prepareChunk(ctx: ChunkContext, rows: readonly SheetRow[]): Promise<PreparedChunk> {
  const { state } = ctx;
  const mapping = state.mapping;
  let refs: RefResolver = new RefRequests();
  const refColumns = mapping.columns.filter((c) => !c.readOnly && REF_TYPES.has(c.field.type));
  if (refColumns.length > 0) {
    // first pass over the reference columns only: collect the names to look up in one batch
    const refMapping = { ...mapping, columns: refColumns, key: null };
    for (const row of rows) convertRow(refMapping, row, { timeZone: ctx.timeZone, refs });
    if (!(refs as RefRequests).empty)
      refs = await resolveRefs(refs as RefRequests, {
        db: ctx.trx,
        records: ctx.records,
        app: ctx.app,
        formOf: ctx.formOf,
      });
  }
  const good: ConvertedRow[] = [];
  for (const row of rows) {
    state.counts.rowsRead += 1;
    const converted = convertRow(mapping, row, { timeZone: ctx.timeZone, refs });
    if (converted.problems.length > 0) {
      state.fail(converted.problems);
      continue;
    }
    if (converted.key !== null) {
      const keyText = String(converted.key);
      const first = state.seenKeys.get(keyText);
      if (first !== undefined) {
        const column = mapping.key!;
        state.fail([
          {
            row: row.row,
            column: column.header,
            field: column.field.key,
            message: `"${keyText}" repeats row ${first} of the file`,
          },
        ]);
        continue;
      }
      state.seenKeys.set(keyText, row.row);
    }
    good.push(converted);
  }

  const existing = await findExisting(ctx, good);
  const creates: ConvertedRow[] = [];
  const updates: { row: ConvertedRow; id: string; version: number }[] = [];
  for (const row of good) {
    const found = row.key === null ? undefined : existing.get(String(row.key));
    if (found) {
      if (ctx.duplicates === 'skip') state.counts.rowsSkipped += 1;
      else if (Object.keys(row.values).length === 0) state.counts.rowsUnchanged += 1;
      else updates.push({ row, id: found.id, version: found.version });
    } else if (row.key !== null && mapping.key!.readOnly) {
      const column = mapping.key!;
      state.fail([
        {
          row: row.row,
          column: column.header,
          field: column.field.key,
          message: `no record has "${row.key}"; it is assigned by the system, so a new record cannot be given one (leave it empty to create)`,
        },
      ]);
    } else creates.push(row);
  }
  return { creates, updates };
}

/**
 * A chunk's writing half: creates through the records service's import path (every row checked,
 * the valid ones written in one statement; see writeCreates), then updates through bulkUpdate
 * with refusals isolated (writeIsolated). Updates always run under savepoints: the service may
 * have written earlier items of an update batch before it refuses one.
 */
export async function writeChunk(
  ctx: ChunkContext,
  chunk: PreparedChunk,
  savepoints: boolean,
): Promise<void> {
  const { state } = ctx;
  await writeCreates(ctx, chunk.creates, savepoints);
  await writeIsolated(
    ctx.trx,
    chunk.updates,
    { savepoints: true },
    (batch) =>
      ctx.records.bulkUpdate(
        ctx.app,
        ctx.form.key,
        batch.map((u) => ({ id: u.id, version: u.version, values: u.row.values })),
      ),
    (batch, results) => {
      const after = new Map(results.map((r) => [r.id, r.version]));
      for (const u of batch) {
        if (after.get(u.id) === u.version) state.counts.rowsUnchanged += 1;
        else state.counts.rowsUpdated += 1;
      }
    },
    (u, error) => state.refused(u.row.row, error),
  );
}

/**
 * Creates through `records.importCreate`: every row the service refuses (field access, field
 * errors, link targets) comes back with its index in the same call, the rest are written. A
 * refusal only the database sees (a unique clash): without savepoints it aborted the transaction
 * (AbortedWrite, for the caller to redo the chunk with savepoints); with them the service names
 * the item, which is reported, and the others are written again.
 */
async function writeCreates(
  ctx: ChunkContext,
  rows: readonly ConvertedRow[],
  savepoints: boolean,
): Promise<void> {
  const { state } = ctx;
  const queue: (readonly ConvertedRow[])[] = [rows];
  while (queue.length > 0) {
    const batch = queue.shift()!;
    if (batch.length === 0) continue;
    let result: ImportCreateResult;
    try {
      result = await ctx.records.importCreate(
        ctx.app,
        ctx.form.key,
        batch.map((r) => r.values),
        { savepoint: savepoints },
      );
    } catch (error) {
      if (!savepoints && (await isAborted(ctx.trx))) throw new AbortedWrite(error);
      if (!(error instanceof RecordsError)) throw error;
      const at = error.index;
      if (at !== undefined && at >= 0 && at < batch.length) {
        state.refused(batch[at]!.row, error);
        queue.unshift(batch.slice(0, at), batch.slice(at + 1));
      } else if (batch.length === 1) state.refused(batch[0]!.row, error);
      else queue.unshift(batch.slice(0, batch.length >> 1), batch.slice(batch.length >> 1));
      continue;
    }
    for (const error of result.refused) state.refused(batch[error.index!]!.row, error);
    state.counts.rowsCreated += result.ids.filter((id) => id !== null).length;
  }
}

/** The live records whose key is one of the chunk's keys (read through the service: row scopes apply). */
async function findExisting(
  ctx: ChunkContext,
  rows: readonly ConvertedRow[],
): Promise<Map<string, StoredRecord>> {
  const found = new Map<string, StoredRecord>();
  const key = ctx.state.mapping.key;
  const values = [...new Set(rows.map((r) => r.key).filter((k) => k !== null))];
  if (!key || values.length === 0) return found;
  let cursor: string | undefined;
  do {
    const page = await ctx.records.list(ctx.app, ctx.form.key, {
      filter: { in: [{ var: key.field.key }, values] },
      limit: 500,
      ...(cursor ? { cursor } : {}),
    });
    for (const item of page.items) found.set(String(item[key.field.key]), item);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return found;
}
