import type { FormDefinition } from '@tessera/schema';
import type { Expression, SqlBool } from 'kysely';
import type { ReportLimits } from './report-limits';

/**
 * The metadata a query is compiled against: the app and the published definitions of its forms.
 * Every identifier of a compiled statement comes from here (through `@tessera/forms`' `ident`).
 */
export interface ReportCatalog {
  readonly appKey: string;
  readonly forms: Readonly<Record<string, FormDefinition>>;
  /** The analyzed report statistics objects of the app's schema, by name (see `statistics.planner`). */
  readonly statistics?: ReadonlySet<string>;
}

/** "Now" and the time zone that relative date ranges, date buckets and `today` resolve in. */
export interface ReportClock {
  readonly now: Date;
  readonly timeZone: string;
}

/** Which period a query's date range covers: its own, or the one before (KPI comparisons). */
export type ReportPeriod = 'current' | 'previous_period' | 'previous_year';

export interface CompileOptions {
  readonly clock: ReportClock;
  /**
   * The caller's row permissions on the source form, ANDed into the WHERE clause. Gets the
   * SQL alias of the source table (always `t0`).
   */
  readonly rowFilter?: (alias: string) => Expression<SqlBool>;
  /**
   * The caller's row permissions on a joined form (`form`, its table aliased `alias`), ANDed into
   * that join's ON clause: a linked record outside them reads as no record (NULLs in a left join).
   */
  readonly joinFilter?: (form: string, alias: string) => Expression<SqlBool> | undefined;
  readonly period?: ReportPeriod;
  /**
   * Aggregate the source rows per link key before joining the linked forms when the model allows
   * it (see `pre-aggregate.planner`): `always`; `with_statistics` only when the statistics object
   * the plan needs is analyzed (`ReportCatalog.statistics`) — without it the planner misjudges
   * the grouped rows and may sort to disk; `never` (the default) the plain join-then-group plan.
   */
  readonly preAggregate?: 'always' | 'with_statistics' | 'never';
  /** Joins, one-to-many joins and condition depth allowed (default `DEFAULT_REPORT_LIMITS`). */
  readonly limits?: Partial<Pick<ReportLimits, 'maxJoins' | 'maxFanOutJoins' | 'maxFilterDepth'>>;
}
