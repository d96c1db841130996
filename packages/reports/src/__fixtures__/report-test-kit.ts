import { type Kysely, sql } from 'kysely';
import { compileReport } from '../compiler/report.compiler';
import type { CompileOptions } from '../model/report-context';
import { runStatement } from '../runner/report.runner';
import { ERP_CATALOG, TEST_CLOCK } from './erp-seed.fixture';

/** Compiles and runs a query model over the ERP fixture; throws on compile errors. */
export async function runModel(db: Kysely<any>, model: unknown, options: Partial<CompileOptions> = {}) {
  const compiled = compileReport(ERP_CATALOG, model, { clock: TEST_CLOCK, ...options });
  if (!compiled.ok) throw new Error(`compile failed: ${JSON.stringify(compiled.errors)}`);
  return runStatement(db, compiled.statement, compiled.columns);
}

/** Runs hand-written SQL. */
export async function runSql(db: Kysely<any>, text: string): Promise<Record<string, unknown>[]> {
  const result = await sql.raw(text).execute(db);
  return result.rows as Record<string, unknown>[];
}

/**
 * Rows made comparable: every value as text (numbers rounded to 6 significant places, dates as
 * YYYY-MM-DD or ISO), rows sorted — so the engine's typed rows and pg's raw rows compare.
 */
export function canonical(rows: readonly Record<string, unknown>[]): string[] {
  return rows
    .map((row) =>
      JSON.stringify(
        Object.keys(row)
          .sort()
          .map((k) => [k, canon(row[k])]),
      ),
    )
    .sort();
}

function canon(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'boolean') return v;
  const n =
    typeof v === 'number'
      ? v
      : typeof v === 'string' && /^-?\d+(\.\d+)?(e[-+]?\d+)?$/i.test(v)
        ? Number(v)
        : null;
  if (n !== null) return Number(n.toPrecision(9));
  return String(v);
}
