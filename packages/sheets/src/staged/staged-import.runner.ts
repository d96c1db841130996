import { unescapeFormula } from '@tessera/schema';
import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type pg from 'pg';
import type { ChunkContext } from '../import/import-chunk.runner';
import { prepareChunk, writeChunk } from '../import/import-chunk.runner';
import type { ImportState } from '../import/import-state';
import type { SheetRow } from '../model/sheet-types';
import type { StagedImportPlan } from './staged-import.planner';
import { type WindowResult, windowStatement } from './staged-window.statement';
import type { StagingTable } from './staging-table';

/** Staged rows per window statement: big enough to amortise a statement, small enough for one events job. */
export const WINDOW_ROWS = 5000;

/** How the file got into the staging table (for the benchmark's profile). */
export type StagedVia = 'copy' | 'insert';

/**
 * Loads the spooled CSV into the staging table: with COPY on a connection of `pool` when given
 * and the header is the first record (the server parses the file), else — or when the server
 * refuses the file — parsed here and inserted in batches. Returns how many rows were staged.
 */
export async function loadStage(input: {
  readonly db: Kysely<any>;
  readonly pool: pg.Pool | undefined;
  readonly stage: StagingTable;
  readonly file: string;
  readonly headerRow: number;
  readonly headerEnd: number | null;
}): Promise<{ rows: number; via: StagedVia }> {
  const { db, stage } = input;
  await stage.create(db);
  if (input.pool && input.headerRow === 1 && input.headerEnd !== null) {
    try {
      return { rows: await stage.copyFile(input.pool, input.file, input.headerEnd), via: 'copy' };
    } catch {
      // ragged rows, a stray quote, mixed line ends…: csv-parse reads what COPY cannot
      await sql.raw(`truncate ${stage.name}`).execute(db);
    }
  }
  return { rows: await stage.insertFile(db, input.file, input.headerRow), via: 'insert' };
}

/**
 * The staged rows moved window by window, each window inside the transaction `windowIn` gives it
 * (the caller's one transaction, or one per window for valid rows only): one statement writes
 * the rows SQL accepts (staged-window.statement), the rest go through the per-row path
 * (prepareChunk/writeChunk, with savepoints), which reports them exactly as before. The keys of
 * rows written in SQL are told to the per-row path where a later row repeats them.
 */
export async function moveStaged(input: {
  /** Runs one window's work in a transaction: the import's one transaction, or a new one per window. */
  readonly windowIn: (run: (ctx: ChunkContext) => Promise<void>) => Promise<void>;
  /**
   * With a transaction per window: a window whose set-based statement the database refused (its
   * transaction rolled back) is redone row by row in a new one, as the per-row path redoes a chunk.
   */
  readonly redoFailedWindows: { readonly state: ImportState } | null;
  readonly plan: StagedImportPlan;
  readonly stage: StagingTable;
  readonly rows: number;
  readonly headerRow: number;
  readonly formId: string;
  readonly actorId: string | null;
  readonly at: Date;
  /** The importing user's create scope on the form's rows as `r` (null: every row). */
  readonly scope: Expression<SqlBool> | null;
  readonly onWindow: () => void;
}): Promise<{ perRow: number }> {
  const { plan, stage } = input;
  const perRowSeen = new Set<number>();
  for (let from = 0; from < input.rows; from += WINDOW_ROWS) {
    const redo = input.redoFailedWindows && markOf(input.redoFailedWindows.state);
    const setBased = input.windowIn(async (ctx) => {
      const { state } = ctx;
      // a window statement is big and its look-up joins are estimated high: compiling it with LLVM
      // costs seconds and wins nothing on a few thousand rows
      await sql`set local jit = off`.execute(ctx.trx);
      const window = (perRow: readonly number[]) =>
        windowStatement({
          plan,
          stage: stage.name,
          repeats: stage.repeats,
          stored: plan.key ? stage.stored : null,
          app: ctx.app,
          formId: input.formId,
          actorId: input.actorId,
          at: input.at,
          timeZone: ctx.timeZone,
          from,
          to: from + WINDOW_ROWS,
          perRow,
          returnWritten: input.scope !== null,
        }).execute(ctx.trx);
      const result = input.scope
        ? await inScope(ctx.trx, plan, input.scope, window)
        : (await window([])).rows[0]!;
      const written = Number(result.written);
      const skipped = Number(result.skipped);
      state.counts.rowsRead += written + skipped;
      state.counts.rowsCreated += written;
      state.counts.rowsSkipped += skipped;
      const perRow = (result.perRow as (number | string)[]).map(Number);
      if (perRow.length > 0) {
        for (const n of perRow) perRowSeen.add(n);
        const rows = await readStaged(ctx.trx, stage, perRow, input.headerRow);
        if (plan.key) await seedKeys(ctx, stage, plan, rows, perRowSeen, input.headerRow);
        const chunk = await prepareChunk(ctx, rows);
        await writeChunk(ctx, chunk, true);
      }
    });
    if (!redo) await setBased;
    else
      await setBased.catch(async () => {
        redo.restore();
        const numbers = Array.from(
          { length: Math.min(WINDOW_ROWS, input.rows - from) },
          (_, i) => from + i + 1,
        );
        for (const n of numbers) perRowSeen.add(n);
        await input.windowIn(async (ctx) => {
          const rows = await readStaged(ctx.trx, stage, numbers, input.headerRow);
          if (plan.key) await seedKeys(ctx, stage, plan, rows, perRowSeen, input.headerRow);
          await writeChunk(ctx, await prepareChunk(ctx, rows), true);
        });
      });
    input.onWindow();
  }
  return { perRow: perRowSeen.size };
}

/**
 * A window written within the importing user's create scope: written under a savepoint, the new
 * rows checked against the scope, and — when some fall outside — written again without them,
 * which the per-row path then refuses exactly as it refuses them on its own.
 */
async function inScope(
  trx: Kysely<any>,
  plan: StagedImportPlan,
  scope: Expression<SqlBool>,
  window: (perRow: readonly number[]) => Promise<{ rows: (WindowResult & Record<string, unknown>)[] }>,
): Promise<WindowResult & Record<string, unknown>> {
  const outside: number[] = [];
  for (;;) {
    await sql`savepoint tessera_import_window`.execute(trx);
    const result = (await window(outside)).rows[0]!;
    const written = (result.writtenRows ?? []).map(([n, id]) => ({ n: Number(n), id: String(id) }));
    const out =
      written.length === 0
        ? []
        : (
            await sql<{ id: string }>`select r.id from ${sql.raw(plan.table)} as r
              where r.id = any(${written.map((w) => w.id)}::uuid[]) and not coalesce(${scope}, false)`.execute(
              trx,
            )
          ).rows.map((r) => String(r.id));
    if (out.length === 0) {
      await sql`release savepoint tessera_import_window`.execute(trx);
      return result;
    }
    await sql`rollback to savepoint tessera_import_window`.execute(trx);
    await sql`release savepoint tessera_import_window`.execute(trx);
    const ids = new Set(out);
    for (const w of written) if (ids.has(w.id)) outside.push(w.n);
  }
}

/** The import's state as before a window (counts, problems and the keys seen), to go back to. */
function markOf(state: ImportState): { restore(): void } {
  const mark = state.mark();
  const keys = [...state.seenKeys];
  return {
    restore() {
      state.restore(mark);
      state.seenKeys.clear();
      for (const [k, row] of keys) state.seenKeys.set(k, row);
    },
  };
}

/** Staged rows as the sheet reader gives them (formula quotes taken off, missing cells empty). */
async function readStaged(
  db: Kysely<any>,
  stage: StagingTable,
  numbers: readonly number[],
  headerRow: number,
): Promise<SheetRow[]> {
  const result = await sql<
    Record<string, string | null>
  >`select n::int as n, ${sql.raw(stage.cells().join(', '))}
    from ${sql.raw(stage.name)} where n = any(${numbers}::bigint[]) order by n`.execute(db);
  return result.rows.map((r) => ({
    row: Number(r.n) + headerRow,
    cells: stage.cells().map((c) => unescapeFormula(r[c] ?? '')),
  }));
}

/**
 * Keys the per-row path must treat as seen: a key first written (or skipped) by SQL in this or an
 * earlier window — SQL only takes a key's first occurrence, so that is the row to name. A key
 * not among the file's repeats occurs only in its own (per-row) row.
 */
async function seedKeys(
  ctx: ChunkContext,
  stage: StagingTable,
  plan: StagedImportPlan,
  rows: readonly SheetRow[],
  perRow: ReadonlySet<number>,
  headerRow: number,
): Promise<void> {
  const k = plan.key!.column.index;
  const keys = [
    ...new Set(
      rows.map((r) => String(r.cells[k] ?? '').trim()).filter((t) => t !== '' && !ctx.state.seenKeys.has(t)),
    ),
  ];
  if (keys.length === 0) return;
  const first = await sql<{ t: string; n: number }>`select t, first::int as n from ${sql.raw(stage.repeats)}
    where k = ${k}::int and t = any(${keys}::text[])`.execute(ctx.trx);
  for (const { t, n } of first.rows)
    if (!perRow.has(Number(n))) ctx.state.seenKeys.set(t, Number(n) + headerRow);
}
