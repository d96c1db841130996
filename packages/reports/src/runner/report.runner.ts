import { CompiledQuery, type Kysely } from 'kysely';
import type { ResultColumn } from '../compiler/result-column';
import type { Statement } from '../compiler/sql-parts';
import { ReportError } from '../model/report.error';
import { assertNever, type ValueType } from '../model/value-type';
import { isConnectionError } from './connection-error';

/** One row of a result: column key → value (see `ValueType` for what each type becomes). */
export type ResultRow = Record<string, string | number | boolean | null | unknown>;

export interface ReportResult {
  readonly columns: readonly ResultColumn[];
  readonly rows: readonly ResultRow[];
}

export interface RunOptions {
  /** Milliseconds before Postgres cancels the statement (default 30 000). */
  readonly timeoutMs?: number;
  /** The planner's estimated cost above which the statement is refused unrun (default: no limit). */
  readonly maxCost?: number;
}

export const DEFAULT_STATEMENT_TIMEOUT_MS = 30_000;

/**
 * The most bound values one statement can carry: the wire protocol counts them in 16 bits, and a
 * statement past it breaks the connection (it would read as "the database cannot be reached").
 */
export const MAX_STATEMENT_PARAMETERS = 65_535;

/**
 * Runs a compiled statement in a read-only transaction with a `statement_timeout` for that
 * transaction only, in three round trips: `BEGIN READ ONLY; SET LOCAL statement_timeout = n`
 * as ONE simple-protocol batch, the statement (extended protocol, its values bound), `COMMIT`.
 * A cancelled statement becomes `ReportError('QUERY_TIMEOUT')`; values are normalised per
 * column type.
 */
export async function runStatement(
  db: Kysely<any>,
  statement: Statement,
  columns: readonly ResultColumn[],
  options: RunOptions = {},
): Promise<ReportResult> {
  refuseTooManyValues(statement);
  if (db.isTransaction)
    throw new Error('runStatement opens its own transaction: pass the database, not a transaction');
  const timeout = Math.max(1, Math.floor(options.timeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS));
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const run = db.connection().execute(async (conn) => {
      try {
        // A simple query (no parameters) may carry several statements: the timeout is an
        // integer computed here, not a caller's value, so it is written into the text.
        await conn.executeQuery(
          CompiledQuery.raw(`${BEGIN_READ_ONLY}; set local statement_timeout = ${timeout}`),
        );
        if (options.maxCost !== undefined) await refuseCostly(conn, statement, options.maxCost);
        const result = await conn.executeQuery(CompiledQuery.raw(statement.sql, [...statement.parameters]));
        await conn.executeQuery(CompiledQuery.raw('commit'));
        return result;
      } catch (error) {
        await conn.executeQuery(CompiledQuery.raw('rollback')).catch(() => {});
        throw error;
      }
    });
    // The caller gets the same error at the deadline whatever the database does (on the
    // embedded PGlite the worker host stops the statement; see @tessera/store's embedded/).
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(timeoutError(timeout)), timeout + CLIENT_GRACE_MS);
    });
    run.catch(() => {});
    const result = await Promise.race([run, deadline]);
    const rows = (result.rows as Record<string, unknown>[]).map((row) => normaliseRow(row, columns));
    return { columns, rows };
  } catch (error) {
    throw toReportError(error, timeout);
  } finally {
    clearTimeout(timer);
  }
}

const BEGIN_READ_ONLY = 'start transaction read only';

function refuseTooManyValues(statement: Statement): void {
  const count = statement.parameters.length;
  if (count <= MAX_STATEMENT_PARAMETERS) return;
  const message = `the report has ${count.toLocaleString('en')} values (list values, bin edges, labels), more than the ${MAX_STATEMENT_PARAMETERS.toLocaleString('en')} one query can carry; use shorter lists or fewer bins`;
  throw new ReportError('REPORT_TOO_COMPLEX', message, [{ path: '', message }]);
}

/**
 * Asks the planner what the statement would cost (EXPLAIN without ANALYZE: planned, not run) and
 * refuses it above the limit — a report that would hold the database for minutes is told so at
 * once instead of by its timeout.
 */
async function refuseCostly(trx: Kysely<any>, statement: Statement, maxCost: number): Promise<void> {
  const explained = await trx.executeQuery<Record<string, unknown>>(
    CompiledQuery.raw(`explain (format json) ${statement.sql}`, [...statement.parameters]),
  );
  const cost = totalCost(Object.values(explained.rows[0] ?? {})[0]);
  if (cost === undefined || cost <= maxCost) return;
  throw new ReportError(
    'REPORT_TOO_COMPLEX',
    `the report is too expensive to run: its estimated cost ${Math.round(cost).toLocaleString('en')} exceeds the limit ${maxCost.toLocaleString('en')} (TESSERA_REPORT_MAX_COST); use fewer joins, a narrower filter or date range`,
    [{ path: '', message: `estimated cost ${Math.round(cost)} > ${maxCost}` }],
  );
}

/** `Plan."Total Cost"` of `EXPLAIN (FORMAT JSON)` output (json parsed by the driver or text). */
function totalCost(plan: unknown): number | undefined {
  const parsed = typeof plan === 'string' ? (JSON.parse(plan) as unknown) : plan;
  const cost = (parsed as { Plan?: { 'Total Cost'?: unknown } }[] | undefined)?.[0]?.Plan?.['Total Cost'];
  return typeof cost === 'number' ? cost : undefined;
}

/** How long after the server's timeout the client gives up on its own. */
const CLIENT_GRACE_MS = 250;

function timeoutError(timeout: number, cause?: unknown): ReportError {
  return new ReportError(
    'QUERY_TIMEOUT',
    `the report took longer than ${timeout} ms and was cancelled; narrow its filters or date range`,
    [],
    { cause },
  );
}

export function normaliseRow(row: Record<string, unknown>, columns: readonly ResultColumn[]): ResultRow {
  const out: ResultRow = {};
  for (const c of columns) out[c.key] = normaliseValue(row[c.key], c.type);
  return out;
}

export function normaliseValue(value: unknown, type: ValueType): unknown {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'integer': {
      const n = Number(value);
      return Number.isSafeInteger(n) ? n : String(value);
    }
    case 'number':
      return Number(value);
    case 'decimal':
      return String(value);
    case 'datetime':
      return value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString();
    case 'date':
    case 'text':
      return String(value);
    case 'boolean':
      return value === true || value === 't' || value === 'true';
    case 'json':
    case 'array':
      return value;
    default:
      return assertNever(type);
  }
}

function toReportError(error: unknown, timeout: number): ReportError {
  if (error instanceof ReportError) return error;
  const code = (error as { code?: unknown })?.code;
  if (code === '57014') return timeoutError(timeout, error);
  if (isConnectionError(error)) {
    return new ReportError(
      'REPORTS_UNREACHABLE',
      'the database that report queries run on cannot be reached',
      [],
      { cause: error },
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ReportError('REPORT_QUERY_FAILED', `the report query failed: ${message}`, [], {
    cause: error,
  });
}
