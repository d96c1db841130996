import { systemTables } from '@tessera/store';
import { type Kysely, sql } from 'kysely';
import type {
  ImportCounts,
  ImportOptions,
  ImportStatus,
  RowProblem,
  SheetFormat,
} from '../model/sheet-types';
import type { ImportOutcome, ImportReport } from './sheet-import.runner';

/** An import as stored in tessera.imports. */
export interface ImportJob {
  readonly id: string;
  readonly app: string;
  readonly form: string;
  readonly fileName: string | null;
  readonly format: SheetFormat;
  readonly options: ImportOptions;
  readonly status: ImportStatus;
  readonly outcome: ImportOutcome | null;
  readonly counts: Partial<ImportCounts> & { rowsUnchanged?: number };
  readonly columns: readonly { header: string; field: string }[];
  readonly unknownColumns: readonly string[];
  readonly problemCount: number;
  readonly error: string | null;
  readonly createdBy: string | null;
  readonly createdAt: string;
  readonly finishedAt: string | null;
}

export async function insertImportJob(
  db: Kysely<any>,
  job: {
    app: string;
    form: string;
    fileName: string | null;
    format: SheetFormat;
    options: ImportOptions;
    createdBy: string | null;
    at: Date;
    /** The process that will run it, holding its ImportOwnerLock (else it counts as interrupted). */
    owner?: string;
  },
): Promise<string> {
  const result = await sql<{ id: string }>`
    insert into tessera.imports (app_key, form_key, file_name, format, options, status, created_by, created_at, owner)
    values (${job.app}, ${job.form}, ${job.fileName}, ${job.format}, ${JSON.stringify(job.options)}::jsonb,
            'queued', ${job.createdBy}, ${job.at}, ${job.owner ?? null})
    returning id`.execute(db);
  return result.rows[0]!.id;
}

export async function markImportRunning(db: Kysely<any>, id: string): Promise<void> {
  await sql`update tessera.imports set status = 'running' where id = ${id}`.execute(db);
}

/** Stores the end of an import: counters, outcome and its problems (in pages of 1000 rows). */
export async function finishImportJob(
  db: Kysely<any>,
  id: string,
  end: { report?: ImportReport; error?: string; counts?: ImportReport['counts'] | object; at: Date },
): Promise<void> {
  const report = end.report;
  await db.transaction().execute(async (trx) => {
    await sql`
      update tessera.imports set
        status = ${report && !end.error ? 'done' : 'failed'},
        outcome = ${report?.outcome ?? null},
        counts = ${JSON.stringify(report?.counts ?? end.counts ?? {})}::jsonb,
        columns = ${JSON.stringify(report?.columns ?? [])}::jsonb,
        unknown_columns = ${JSON.stringify(report?.unknownColumns ?? [])}::jsonb,
        problem_count = ${report?.problemCount ?? 0},
        error = ${end.error ?? null},
        finished_at = ${end.at}
      where id = ${id}`.execute(trx);
    const problems = report?.problems ?? [];
    for (let start = 0; start < problems.length; start += 1000) {
      const page = problems.slice(start, start + 1000);
      await sql`
        insert into tessera.import_problems (import_id, seq, row, column_name, field, message)
        select ${id}::uuid, s, r, c, f, m
        from unnest(${page.map((_, i) => start + i + 1)}::int[], ${page.map((p) => p.row)}::int[],
                    ${page.map((p) => p.column)}::text[], ${page.map((p) => p.field)}::text[],
                    ${page.map((p) => p.message)}::text[]) as t(s, r, c, f, m)`.execute(trx);
    }
  });
}

export async function readImportJob(db: Kysely<any>, id: string): Promise<ImportJob | null> {
  const r = await systemTables(db)
    .selectFrom('tessera.imports')
    .select([
      'id',
      'app_key',
      'form_key',
      'file_name',
      'format',
      'options',
      'status',
      'outcome',
      'counts',
      'columns',
      'unknown_columns',
      'problem_count',
      'error',
      'created_by',
      'created_at',
      'finished_at',
    ])
    .where('id', '=', sql<string>`${id}::uuid`)
    .executeTakeFirst();
  if (!r) return null;
  return {
    id: r.id,
    app: r.app_key,
    form: r.form_key,
    fileName: r.file_name,
    // The json columns hold what insertImportJob / finishImportJob wrote.
    format: r.format as ImportJob['format'],
    options: r.options as unknown as ImportJob['options'],
    status: r.status as ImportJob['status'],
    outcome: r.outcome as ImportJob['outcome'],
    counts: r.counts as ImportJob['counts'],
    columns: r.columns as unknown as ImportJob['columns'],
    unknownColumns: r.unknown_columns as ImportJob['unknownColumns'],
    problemCount: Number(r.problem_count),
    error: r.error,
    createdBy: r.created_by,
    createdAt: new Date(r.created_at).toISOString(),
    finishedAt: r.finished_at ? new Date(r.finished_at).toISOString() : null,
  };
}

/** One page of an import's problems, in report order. */
export async function readImportProblems(
  db: Kysely<any>,
  id: string,
  page: { offset: number; limit: number },
): Promise<RowProblem[]> {
  const result = await sql<{
    row: number;
    column_name: string | null;
    field: string | null;
    message: string;
  }>`
    select row, column_name, field, message from tessera.import_problems
    where import_id = ${id}::uuid order by seq offset ${page.offset} limit ${page.limit}`.execute(db);
  return result.rows.map((r) => ({
    row: Number(r.row),
    column: r.column_name,
    field: r.field,
    message: r.message,
  }));
}
