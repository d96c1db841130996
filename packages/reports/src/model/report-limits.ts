/**
 * How complex a report may be. One report runs as one statement, and on the embedded database
 * one statement holds the only backend: a query with many reverse joins or a filter nested
 * thousands deep must be refused before it runs, not discovered by its timeout.
 */
export interface ReportLimits {
  /** Joins of a query, the implicit ones (`customer.tier`) included. */
  readonly maxJoins: number;
  /**
   * One-to-many joins of a query (reverse links `{ form, link }`, line items): their rows
   * multiply per source record — two ticket and order lists of a customer give orders × tickets
   * rows — so past this the model is refused (REPORT_FAN_OUT) before anything is planned.
   */
  readonly maxFanOutJoins: number;
  /** Nesting depth of each condition (filter, having, a measure's where, a dimension's expr/cases). */
  readonly maxFilterDepth: number;
  /** The planner's estimated total cost (EXPLAIN, without ANALYZE) a statement may have. */
  readonly maxCost: number;
}

export const DEFAULT_REPORT_LIMITS: ReportLimits = {
  maxJoins: 8,
  maxFanOutJoins: 2,
  maxFilterDepth: 32,
  maxCost: 1_000_000,
};
