import type { Expression, Kysely, SqlBool } from 'kysely';
import type { ReportLimits } from './report-limits';

/** What the report services run with (the architecture's `{ db, actor, clock }`, plus a time zone). */
export interface ReportsContext {
  readonly db: Kysely<any>;
  /**
   * Where report statements (runs, drill-downs, dashboard widgets, exports) execute, e.g. a
   * streaming read replica; default `db`. Catalogs and stored definitions are always read from
   * `db`, and every definition write goes there.
   */
  readonly readDb?: Kysely<any>;
  readonly actor: { readonly id: string | null };
  readonly clock: { now(): Date };
  /** IANA zone relative date ranges and date buckets resolve in (default UTC). */
  readonly timeZone?: string;
  /** Statement timeout of every report query in ms (default 30 000). */
  readonly timeoutMs?: number;
  /** Joins, condition depth and estimated cost a report may have (default `DEFAULT_REPORT_LIMITS`). */
  readonly limits?: Partial<ReportLimits>;
}

/**
 * The caller's row permissions: a condition on the rows of `form` (its table aliased `alias`),
 * or undefined for no restriction. The access-control engine provides it.
 */
export type RowFilterProvider = (form: string, alias: string) => Expression<SqlBool> | undefined;

export interface QueryOptions {
  /** Row permissions of the source AND of every joined form. */
  readonly rowFilter?: RowFilterProvider;
  /**
   * Called with every query before it is compiled (also each dashboard widget's), with the
   * app's catalog; throws to refuse it (the access-control engine refuses hidden fields here).
   */
  readonly guard?: (query: unknown, catalog: import('./report-context').ReportCatalog) => void;
}
