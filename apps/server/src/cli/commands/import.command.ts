import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Transform } from 'node:stream';
import {
  type ImportReport,
  importSheet,
  SheetsError,
  sheetFormatOf,
  writeProblemReport,
} from '@tessera/sheets';
import cliProgress from 'cli-progress';
import { sql } from 'kysely';
import { platformTimeZone } from '../../config/config';
import { parseImportOptions } from '../../imports/import-options.parser';
import { CliError } from '../cli-error';
import { readConfig } from '../read-config';
import { withPackDatabase } from './pack-database';

export interface ImportCommandOptions {
  key?: string;
  duplicates?: string;
  mode?: string;
  dryRun?: boolean;
  mapping?: string;
  as?: string;
  report?: string;
  chunkSize?: string;
}

/**
 * `tessera import <app> <form> <file>`: imports a CSV or XLSX file straight into the database
 * (the same runner as the API), with a progress bar on a terminal and plain progress lines
 * otherwise, then a summary; the per-row report goes to `<file>.report.csv`. Exits 1 when rows
 * were refused, so scripts notice.
 */
export async function importCommand(
  app: string,
  form: string,
  file: string,
  flags: ImportCommandOptions,
): Promise<void> {
  const size = (await stat(file).catch(() => undefined))?.size;
  if (size === undefined) throw new CliError(`${file}: no such file`);
  let options: ReturnType<typeof parseImportOptions>;
  try {
    options = parseImportOptions({
      key: flags.key,
      duplicates: flags.duplicates,
      mode: flags.mode,
      mapping: flags.mapping,
      chunkSize: flags.chunkSize,
      ...(flags.dryRun ? { dryRun: 'true' } : {}),
    });
  } catch (error) {
    const errors = (error as { errors?: { path: string; message: string }[] }).errors ?? [];
    throw new CliError(errors.map((e) => `--${e.path} ${e.message}`).join('; ') || String(error));
  }
  const timeZone = platformTimeZone(readConfig());
  let read = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      read += chunk.length;
      done(null, chunk);
    },
  });
  const tty = process.stdout.isTTY === true;
  const bar = tty
    ? new cliProgress.SingleBar(
        {
          format: '{bar} {percentage}% | {rows} rows | {failed} refused | {duration_formatted}',
          hideCursor: true,
        },
        cliProgress.Presets.shades_classic,
      )
    : null;
  let lastLine = 0;
  const report = await withPackDatabase(async (db) => {
    const actorId = flags.as ? await userId(db, flags.as) : null;
    bar?.start(size, 0, { rows: 0, failed: 0 });
    try {
      return await importSheet({
        db,
        actor: { id: actorId },
        timeZone,
        app,
        form,
        input: createReadStream(file).pipe(counter),
        format: sheetFormatOf(undefined, file),
        options,
        onProgress: (counts) => {
          if (bar) bar.update(read, { rows: counts.rowsRead, failed: counts.rowsFailed });
          else if (counts.rowsRead - lastLine >= 10_000) {
            lastLine = counts.rowsRead;
            process.stdout.write(`${counts.rowsRead} rows read, ${counts.rowsFailed} refused\n`);
          }
        },
      });
    } catch (error) {
      if (error instanceof SheetsError) throw new CliError(`${file}: ${error.message}`);
      throw error;
    } finally {
      bar?.update(read);
      bar?.stop();
    }
  });
  process.stdout.write(`${summary(report)}\n`);
  if (report.problems.length > 0) {
    const path = flags.report ?? `${file}.report.csv`;
    await writeProblemReport(report.problems, path);
    process.stdout.write(`report: ${report.problemCount} problem(s) → ${path}\n`);
    for (const p of report.problems.slice(0, 5)) {
      process.stdout.write(`  row ${p.row}${p.column ? ` [${p.column}]` : ''}: ${p.message}\n`);
    }
  }
  if (report.outcome === 'refused' || report.counts.rowsFailed > 0)
    throw new CliError('import finished with refused rows', 1);
}

function summary(report: ImportReport): string {
  const c = report.counts;
  const what: Record<ImportReport['outcome'], string> = {
    committed: 'imported',
    rolled_back: 'NOTHING written (all or nothing: some rows were refused)',
    dry_run: 'dry run, nothing written',
    refused: 'refused before reading any row (see the report)',
  };
  const unknown =
    report.unknownColumns.length > 0 ? `; ignored columns: ${report.unknownColumns.join(', ')}` : '';
  return (
    `${what[report.outcome]}: ${c.rowsRead} rows read, ${c.rowsCreated} created, ${c.rowsUpdated} updated, ` +
    `${c.rowsUnchanged} unchanged, ${c.rowsSkipped} skipped, ${c.rowsFailed} refused${unknown}`
  );
}

async function userId(
  db: Parameters<Parameters<typeof withPackDatabase>[0]>[0],
  username: string,
): Promise<string> {
  const found = await sql<{ id: string }>`select id from tessera.users where username = ${username}`.execute(
    db,
  );
  if (!found.rows[0]) throw new CliError(`--as: no user ${username}`);
  return found.rows[0].id;
}
