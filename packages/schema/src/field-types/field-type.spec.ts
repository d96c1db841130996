import type { TObject } from '@sinclair/typebox';
import type { FieldOfType } from '../form/field.schema';
import type { FieldType } from '../form/field-type.schema';
import type { CellCodec } from './cells/cell-codec';
import type { SqlCell, SqlCellInput } from './cells/sql-cell';
import type { ColumnType } from './column-type';
import type { FieldDisplay } from './field-display';
import type { Aggregation, ValueKind } from './value-kind';

/** Plain JSON Schema (draft 2020-12) as data. */
export type JsonSchema = Record<string, unknown>;

/** The JSON Schema of one row of a line-items field (the registry calls back for nested rows). */
export type RowSchema = (fields: readonly FieldOfType<FieldType>[]) => JsonSchema;

/**
 * What the engines ask of a field type, in one place. One file per type under
 * `field-types/`; `FIELD_TYPE_SPECS` (a `Record<FieldType, …>`) registers them, so the compiler
 * names whatever a new type lacks. Browser-safe: data and pure functions only.
 */
export interface FieldTypeSpec<T extends FieldType = FieldType> {
  readonly type: T;
  /** The type's name as users read it in the designer. */
  readonly label: { readonly en: string; readonly 'zh-CN': string };
  /** The settings schema: the field's variant in the pack format (what a form may say). */
  readonly settings: TObject;
  /** May be a field of a line-items row. */
  readonly inLineItems: boolean;
  /** The engine computes the value (users never write it; its column stays nullable). */
  readonly computed: boolean;
  /** A B-tree index can serve its column (scalars; long texts can outgrow an index entry). */
  readonly indexable: boolean;
  /** The value column's type, or null when the field has none (rows, values read through a link). */
  column(field: FieldOfType<T>): ColumnType | null;
  /** A second column `<key>__currency` holding an ISO 4217 code (money). */
  readonly currencyColumn?: true;
  /**
   * The JSON Schema of a non-null value written through the API, range-checked against the
   * column (nulls are removed before validation; `required` is checked apart). `{}` for
   * computed fields: the read-only rule refuses or ignores those, not their type.
   */
  value(field: FieldOfType<T>, rows: RowSchema): JsonSchema;
  /** How filters, sorts and reports read the value, or null when they cannot read it directly. */
  kind(field: FieldOfType<T>): ValueKind | null;
  /** The report aggregations the type allows beyond `count` (default: those of its kind). */
  aggregations?(field: FieldOfType<T>): readonly Aggregation[];
  /** Its cells in a sheet: CSV/XLSX import reads them, export writes them. */
  readonly cell: CellCodec<FieldOfType<T>>;
  /**
   * Its cells read and checked in SQL (set-based imports, see cells/sql-cell.ts); absent or null:
   * the type's cells (or this field's settings) need the per-row path.
   */
  sqlCell?(field: FieldOfType<T>, cell: SqlCellInput): SqlCell | null;
  /** How a value displays (the web app and exports pick their renderer by `format`). */
  display(field: FieldOfType<T>): FieldDisplay;
}

/** The registry's type: every field type, each with its own spec. */
export type FieldTypeRegistry = { readonly [T in FieldType]: FieldTypeSpec<T> };
