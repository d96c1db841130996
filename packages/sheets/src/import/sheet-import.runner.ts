import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import {
  type Actor,
  type Clock,
  createFormService,
  createRecordService,
  ident,
  type RecordService,
  type RecordsAccess,
} from '@tessera/forms';
import type { FormDefinition } from '@tessera/schema';
import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type pg from 'pg';
import { isBlank } from '../convert/cell-value.converter';
import { planColumnMapping } from '../mapping/column-mapping.planner';
import type { ImportCounts, ImportOptions, RowProblem, SheetFormat, SheetRow } from '../model/sheet-types';
import { SheetsError } from '../model/sheets.error';
import { readSheetRows } from '../read/sheet-rows.reader';
import { firstRecordEnd, spoolInput } from '../staged/spooled-file';
import { planStagedImport, type StagedImportPlan } from '../staged/staged-import.planner';
import { loadStage, moveStaged, type StagedVia } from '../staged/staged-import.runner';
import { StagingTable } from '../staged/staging-table';
import { type ChunkContext, type PreparedChunk, prepareChunk, writeChunk } from './import-chunk.runner';
import { ImportState } from './import-state';
import { AbortedWrite } from './isolated-bulk.writer';

export interface SheetImportRequest {
  readonly db: Kysely<any>;
  readonly actor: Actor;
  readonly clock?: Clock;
  readonly timeZone?: string;
  /**
   * The importing user's access (the server's, as authorize resolved it): the records service
   * applies it row by row, the set-based path in SQL (fields, create scope). Default: none.
   */
  readonly access?: RecordsAccess;
  /** Builds a records service of the caller's own on a transaction (every row goes through it); default: plain. */
  readonly records?: (db: Kysely<any>) => RecordService;
  readonly app: string;
  readonly form: string;
  readonly input: Readable;
  readonly format: SheetFormat;
  readonly options?: ImportOptions;
  /** Called after every chunk (and once at the end) with the counters so far. */
  readonly onProgress?: (counts: ImportCounts & { rowsUnchanged: number }) => void;
  /** At most this many problems are kept in the report (all are counted). Default 100 000. */
  readonly maxProblems?: number;
  /**
   * Connections for streaming a CSV into the staging table with COPY (the server's pool, or the
   * embedded database's); without it the staged rows are inserted in batches.
   */
  readonly pool?: pg.Pool;
  /**
   * `false`: every row through the per-row path. Default: a CSV imported with the plain records
   * service (no access gate) goes set-based where the form allows (see staged/).
   */
  readonly setBased?: boolean;
  /** Told which path the import took and why (benchmarks, logs). */
  readonly onPath?: (path: ImportPath) => void;
}

/** Which path an import took: set-based (how the file was staged, rows left per row), or per row and why. */
export type ImportPath =
  | { readonly kind: 'set_based'; readonly staged: StagedVia; readonly perRowRows: number }
  | { readonly kind: 'per_row'; readonly reason: string };

/** What became of the rows: written, refused because a row was bad (all or nothing), a dry run, or refused whole. */
export type ImportOutcome = 'committed' | 'rolled_back' | 'dry_run' | 'refused';

export interface ImportReport {
  readonly outcome: ImportOutcome;
  readonly counts: ImportCounts & { rowsUnchanged: number };
  readonly columns: readonly { header: string; field: string }[];
  readonly unknownColumns: readonly string[];
  /** Problems by row, in sheet order within each chunk (row 0: the file as a whole). */
  readonly problems: readonly RowProblem[];
  readonly problemCount: number;
}

class Rollback extends Error {}

/**
 * Imports a CSV or XLSX stream into a published form. Rows are read as a stream and handled in
 * chunks (default 2000), so memory does not grow with the file. `all_or_nothing` (the default)
 * runs every chunk in ONE transaction and rolls it back if any row is bad; `valid_rows_only`
 * commits each chunk's good rows; `dryRun` always rolls back. Every write goes through the
 * records service, so its validation, formulas, history, events and access rules apply.
 */
export async function importSheet(request: SheetImportRequest): Promise<ImportReport> {
  const chunkSize = request.options?.chunkSize ?? 2000;
  if (!Number.isInteger(chunkSize) || chunkSize < 1 || chunkSize > 5000) {
    throw new SheetsError('SHEET_OPTIONS_INVALID', 'chunkSize must be a whole number from 1 to 5000');
  }
  const clock = request.clock ?? { now: () => new Date() };
  const forms = createFormService({ db: request.db, actor: request.actor, clock });
  const definitions = new Map<string, Promise<FormDefinition>>();
  const formOf = (key: string) => {
    let found = definitions.get(key);
    if (!found) {
      found = forms.getPublished(request.app, key).then((p) => {
        if (!p) throw new SheetsError('FORM_NOT_PUBLISHED', `form ${request.app}.${key} is not published`);
        return p.definition;
      });
      definitions.set(key, found);
    }
    return found;
  };
  const form = await formOf(request.form);
  // linked forms are read before any transaction opens (on PGlite a second connection would wait for it)
  for (const key of linkedForms(form)) await formOf(key);

  const why =
    request.setBased === false
      ? 'asked for'
      : request.format !== 'csv'
        ? 'not a CSV file'
        : request.records
          ? 'a records service of its own'
          : null;
  if (why !== null) {
    request.onPath?.({ kind: 'per_row', reason: why });
    return importRows(request, request.input, form, formOf, null);
  }
  const spooled = await spoolInput(request.input);
  try {
    return await importRows(request, createReadStream(spooled.file), form, formOf, spooled.file);
  } finally {
    await spooled.remove();
  }
}

async function importRows(
  request: SheetImportRequest,
  input: Readable,
  form: FormDefinition,
  formOf: (key: string) => Promise<FormDefinition>,
  spooled: string | null,
): Promise<ImportReport> {
  const options = request.options ?? {};
  const mode = options.mode ?? 'all_or_nothing';
  const chunkSize = options.chunkSize ?? 2000;
  const clock = request.clock ?? { now: () => new Date() };
  const timeZone = options.timeZone ?? request.timeZone ?? 'UTC';
  const access = request.access ? { access: request.access } : {};
  const recordsOn =
    request.records ??
    ((db: Kysely<any>) => createRecordService({ db, actor: request.actor, clock, timeZone, ...access }));
  const rows = readSheetRows(input, request.format)[Symbol.asyncIterator]();
  const header = await firstRow(rows);
  const mapping = planColumnMapping(
    form,
    header.cells.map((c) => (c === null ? '' : String(c))),
    {
      ...(options.mapping ? { mapping: options.mapping } : {}),
      ...(options.key ? { key: options.key } : {}),
    },
  );
  const state = new ImportState(mapping, request.maxProblems ?? 100_000);
  const report = (outcome: ImportOutcome): ImportReport => ({
    outcome,
    counts: state.snapshot(),
    columns: mapping.columns.map((c) => ({ header: c.header, field: c.field.key })),
    unknownColumns: mapping.unknown,
    problems: [...state.problems].sort((a, b) => a.row - b.row),
    problemCount: state.problemCount,
  });
  if (mapping.problems.length > 0) {
    state.report(mapping.problems);
    return report('refused');
  }

  // one records service per transaction (an all-or-nothing import: one for the whole file)
  const services = new WeakMap<Kysely<any>, RecordService>();
  const servicesOn = (trx: Kysely<any>) => {
    let service = services.get(trx);
    if (!service) {
      service = recordsOn(trx);
      services.set(trx, service);
    }
    return service;
  };
  const chunkOf = (trx: Kysely<any>): ChunkContext => ({
    trx,
    records: servicesOn(trx),
    app: request.app,
    form,
    formOf,
    timeZone,
    duplicates: options.duplicates ?? 'skip',
    state,
  });
  const progress = () => request.onProgress?.(state.snapshot());
  const inTransaction = <T>(run: (trx: Kysely<any>) => Promise<T>) => request.db.transaction().execute(run);

  if (spooled !== null) {
    const formId = await formIdOf(request.db, request.app, form.key);
    const gate = request.access ? await recordsOn(request.db).gate(request.app, form.key) : undefined;
    const planned = planStagedImport({
      app: request.app,
      form,
      formId,
      mapping,
      width: header.cells.length,
      actorId: request.actor.id,
      duplicates: options.duplicates ?? 'skip',
      ...(gate ? { gate } : {}),
    });
    if (!planned.ok) request.onPath?.({ kind: 'per_row', reason: planned.reason });
    else {
      await rows.return?.(undefined);
      const outcome = await importStaged({
        request,
        plan: planned.plan,
        scope: gate?.rows('create', 'r') ?? null,
        formId,
        file: spooled,
        headerRow: header.row,
        at: clock.now(),
        chunkOf,
        inTransaction,
        progress,
        dryRun: options.dryRun === true,
        allOrNothing: mode === 'all_or_nothing',
        state,
      });
      if (outcome !== 'fell_back') {
        if (outcome === 'committed') return report('committed');
        const result = report(outcome);
        return { ...result, counts: { ...result.counts, rowsCreated: 0, rowsUpdated: 0 } };
      }
      // the set-based statements failed (nothing was written): read the file again, row by row
      return importRows(request, createReadStream(spooled), form, formOf, null);
    }
  }
  /** A chunk's writes redone in a transaction of its own, each bulk call under a savepoint. */
  const redo = async (chunk: PreparedChunk, keep: boolean) => {
    await inTransaction(async (trx) => {
      await writeChunk(chunkOf(trx), chunk, true);
      if (!keep) throw new Rollback();
    }).catch((error: unknown) => {
      if (!(error instanceof Rollback)) throw error;
    });
  };
  const rows$ = chunks(rows, chunkSize);

  if (mode === 'valid_rows_only' && options.dryRun !== true) {
    // one transaction per chunk; a chunk whose write the database refused is redone with savepoints
    for await (const chunkRows of rows$) {
      let pending: PreparedChunk | undefined;
      const mark = { value: state.mark() };
      try {
        await inTransaction(async (trx) => {
          const chunk = await prepareChunk(chunkOf(trx), chunkRows);
          mark.value = state.mark();
          pending = chunk;
          await writeChunk(chunkOf(trx), chunk, false);
        });
      } catch (error) {
        if (!(error instanceof AbortedWrite) || !pending) throw error;
        state.restore(mark.value);
        await redo(pending, true);
      }
      progress();
    }
    return report('committed');
  }

  // all or nothing (and dry runs): every chunk in ONE transaction, rolled back if any row is bad
  let aborted: PreparedChunk | undefined;
  try {
    await inTransaction(async (trx) => {
      // iterated by hand: leaving a for-await loop would close the stream the report mode goes on with
      for (let next = await rows$.next(); !next.done; next = await rows$.next()) {
        const chunk = await prepareChunk(chunkOf(trx), next.value);
        const mark = state.mark();
        try {
          await writeChunk(chunkOf(trx), chunk, false);
        } catch (error) {
          if (!(error instanceof AbortedWrite)) throw error;
          state.restore(mark);
          aborted = chunk;
          throw new Rollback();
        }
        progress();
      }
      if (options.dryRun === true || state.counts.rowsFailed > 0) throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
    if (aborted) {
      // The database refused a row, so nothing will be written: report the rest, chunk by chunk,
      // each in a transaction of its own that is rolled back.
      await redo(aborted, false);
      progress();
      for await (const chunkRows of rows$) {
        await inTransaction(async (trx) => {
          const chunk = await prepareChunk(chunkOf(trx), chunkRows);
          await writeChunk(chunkOf(trx), chunk, true);
          throw new Rollback();
        }).catch((e: unknown) => {
          if (!(e instanceof Rollback)) throw e;
        });
        progress();
      }
    }
    const outcome: ImportOutcome = options.dryRun === true ? 'dry_run' : 'rolled_back';
    const result = report(outcome);
    return { ...result, counts: { ...result.counts, rowsCreated: 0, rowsUpdated: 0 } };
  }
  return report('committed');
}

async function firstRow(rows: AsyncIterator<SheetRow>): Promise<SheetRow> {
  for (;;) {
    const next = await readNext(rows);
    if (next.done) throw new SheetsError('SHEET_UNREADABLE', 'the sheet is empty: no header row');
    if (!next.value.cells.every((c) => isBlank(c))) return next.value;
  }
}

/** Non-blank rows in chunks of `size`. */
async function* chunks(rows: AsyncIterator<SheetRow>, size: number): AsyncGenerator<SheetRow[]> {
  let chunk: SheetRow[] = [];
  for (;;) {
    const next = await readNext(rows);
    if (next.done) break;
    if (next.value.cells.every((c) => isBlank(c))) continue;
    chunk.push(next.value);
    if (chunk.length >= size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}

/** The next row; a parser's complaint (a stray quote, a broken zip) becomes a SheetsError. */
async function readNext(rows: AsyncIterator<SheetRow>): Promise<IteratorResult<SheetRow>> {
  try {
    return await rows.next();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new SheetsError('SHEET_UNREADABLE', `the file cannot be read: ${message}`);
  }
}

function linkedForms(form: FormDefinition): Set<string> {
  const out = new Set<string>();
  for (const field of form.fields) {
    if (field.type === 'link') out.add(field.form);
    if (field.type === 'line_items')
      for (const sub of field.fields) if (sub.type === 'link') out.add(sub.form);
  }
  return out;
}

/** The form's id (its history rows and events name it). */
async function formIdOf(db: Kysely<any>, app: string, form: string): Promise<string> {
  const found = await sql<{
    id: string;
  }>`select f.id from tessera.forms f join tessera.apps a on a.id = f.app_id
    where a.key = ${app} and f.key = ${form}`.execute(db);
  if (!found.rows[0]) throw new SheetsError('FORM_NOT_PUBLISHED', `form ${app}.${form} is not published`);
  return found.rows[0].id;
}

/**
 * The set-based import (staged/): the spooled file staged (COPY where it can), then moved window
 * by window — in ONE transaction, rolled back like the per-row path (dry run, all or nothing with
 * a bad row), or with valid rows only in a transaction per window. The staging table is dropped whatever happens. 'fell_back': a set-based statement
 * failed, the transaction was rolled back and nothing was written.
 */
async function importStaged(input: {
  readonly request: SheetImportRequest;
  readonly plan: StagedImportPlan;
  readonly scope: Expression<SqlBool> | null;
  readonly formId: string;
  readonly file: string;
  readonly headerRow: number;
  readonly at: Date;
  readonly chunkOf: (trx: Kysely<any>) => ChunkContext;
  readonly inTransaction: <T>(run: (trx: Kysely<any>) => Promise<T>) => Promise<T>;
  readonly progress: () => void;
  readonly dryRun: boolean;
  readonly allOrNothing: boolean;
  readonly state: ImportState;
}): Promise<ImportOutcome | 'fell_back'> {
  const { request, plan, state } = input;
  const stage = new StagingTable(plan.width);
  try {
    const loaded = await loadStage({
      db: request.db,
      pool: request.pool,
      stage,
      file: input.file,
      headerRow: input.headerRow,
      headerEnd: input.headerRow === 1 ? await firstRecordEnd(input.file) : null,
    });
    const indexed = plan.columns.filter((c) => c === plan.key || c.unique).map((c) => c.column.index);
    await stage.markRepeats(request.db, indexed);
    if (plan.key)
      await stage.markStored(request.db, plan.key.column.index, plan.table, ident(plan.key.column.field.key));
    // valid rows only: each window commits on its own, so the windows finished before a crash
    // are kept (docs/import-export.md), as the per-row path keeps its chunks
    const perWindow = !input.dryRun && !input.allOrNothing;
    const move = (windowIn: (run: (ctx: ChunkContext) => Promise<void>) => Promise<void>) =>
      moveStaged({
        windowIn,
        redoFailedWindows: perWindow ? { state } : null,
        plan,
        stage,
        rows: loaded.rows,
        headerRow: input.headerRow,
        formId: input.formId,
        actorId: request.actor.id,
        at: input.at,
        scope: input.scope,
        onWindow: input.progress,
      });
    if (perWindow) {
      let committed = 0;
      try {
        const moved = await move(async (run) => {
          await input.inTransaction((trx) => run(input.chunkOf(trx)));
          committed += 1;
        });
        request.onPath?.({ kind: 'set_based', staged: loaded.via, perRowRows: moved.perRow });
        return 'committed';
      } catch (error) {
        // after a saved window the import fails as the per-row path fails on an unexpected error
        if (committed > 0) throw error;
        request.onPath?.({ kind: 'per_row', reason: `the set-based statements failed: ${String(error)}` });
        return 'fell_back';
      }
    }
    let perRow = 0;
    try {
      await input.inTransaction(async (trx) => {
        const ctx = input.chunkOf(trx);
        const moved = await move((run) => run(ctx));
        perRow = moved.perRow;
        if (input.dryRun || (input.allOrNothing && state.counts.rowsFailed > 0)) throw new Rollback();
      });
    } catch (error) {
      if (!(error instanceof Rollback)) {
        request.onPath?.({ kind: 'per_row', reason: `the set-based statements failed: ${String(error)}` });
        return 'fell_back';
      }
      request.onPath?.({ kind: 'set_based', staged: loaded.via, perRowRows: perRow });
      return input.dryRun ? 'dry_run' : 'rolled_back';
    }
    request.onPath?.({ kind: 'set_based', staged: loaded.via, perRowRows: perRow });
    return 'committed';
  } finally {
    await stage.drop(request.db).catch(() => undefined);
  }
}
