import type { LinkDeletePolicy } from '@tessera/schema';
import type { ColumnType } from './column-type';

/**
 * The physical model of a form: what its tables, columns, constraints and indexes should be.
 * Derived from a form definition by a pure function (`formTableModel`); the planners compare the
 * model of the published version with the model of the draft.
 *
 * Every object carries a `key` that identifies it across versions independently of its name:
 * `<fieldId>/<role>` for columns, `<fieldId>/<role>/<what>` for constraints and indexes,
 * `$…` for system objects. Names change on renames; keys never do.
 */
export type ColumnRole = 'value' | 'currency';

export interface ColumnModel {
  readonly key: string;
  readonly name: string;
  readonly type: ColumnType;
  readonly notNull: boolean;
  /** A SQL default expression; only system columns and money's currency column have one. */
  readonly defaultSql?: string;
  /** The field that owns the column; absent for system columns. */
  readonly fieldId?: string;
  readonly role?: ColumnRole;
  readonly primaryKey?: boolean;
  /** The field is deleted: the column is kept (and NOT NULL dropped) until a purge. */
  readonly deleted: boolean;
}

export type CheckSpec =
  | { readonly kind: 'options'; readonly values: readonly string[]; readonly multi: boolean }
  | { readonly kind: 'range'; readonly min?: number; readonly max?: number }
  | { readonly kind: 'length'; readonly min?: number; readonly max?: number }
  | { readonly kind: 'currency' }
  | { readonly kind: 'max_items'; readonly max: number };

export interface CheckModel {
  readonly key: string;
  readonly name: string;
  readonly column: string;
  readonly fieldId: string;
  readonly spec: CheckSpec;
}

export interface IndexModel {
  readonly key: string;
  readonly name: string;
  readonly columns: readonly string[];
  /** Per column: descending (composite indexes written with "-key"); absent = all ascending. */
  readonly descending?: readonly boolean[];
  readonly unique: boolean;
  /** On `lower(column)`: a unique text that ignores case (`uniqueIgnoreCase`). */
  readonly lower?: boolean;
  /** Only live rows: `WHERE deleted_at IS NULL`. */
  readonly partial: boolean;
  readonly fieldId?: string;
}

export interface ForeignKeyModel {
  readonly key: string;
  readonly name: string;
  readonly column: string;
  /** A table of the same app schema. */
  readonly targetTable: string;
  readonly onDelete: LinkDeletePolicy;
  readonly fieldId?: string;
}

export interface TableModel {
  readonly schema: string;
  readonly name: string;
  /** For a line-items child table: the line-items field that owns it. */
  readonly fieldId?: string;
  readonly parentTable?: string;
  readonly columns: readonly ColumnModel[];
  readonly checks: readonly CheckModel[];
  readonly indexes: readonly IndexModel[];
  readonly foreignKeys: readonly ForeignKeyModel[];
  readonly children: readonly TableModel[];
  /** The owning line-items field is deleted: the child table is kept until a purge. */
  readonly deleted: boolean;
}

export { CHILD_SYSTEM_COLUMNS, SYSTEM_COLUMNS } from './system-columns';
