import type { Aggregation } from '@tessera/schema';
import type { ValueType } from '../model/value-type';
import type { NameSource } from './result-column';
import type { Sql } from './sql-parts';

/** A field as a compiled expression of a known type. */
export interface ResolvedField {
  readonly sql: Sql;
  readonly type: ValueType;
  /** A form field's own aggregations (the registry's); system columns and computed inputs have none. */
  readonly measures?: { readonly type: string; readonly allowed: readonly Aggregation[] };
  /** A single user or department field: its values have display names. */
  readonly nameSource?: NameSource;
}

export type Resolution = ResolvedField | { readonly error: string };

/**
 * Where the rows of one aggregation level come from: the FROM clause (source + joins, or a
 * stage's subquery), the conditions every row must meet, and the field paths it can read.
 */
export interface RowScope {
  readonly from: Sql;
  readonly where: readonly Sql[];
  resolve(path: string): Resolution;
}

export function isResolved(r: Resolution): r is ResolvedField {
  return !('error' in r);
}
