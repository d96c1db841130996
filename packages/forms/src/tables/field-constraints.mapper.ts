import { type FieldOfType, type FieldType, isIndexableField, ratingMax } from '@tessera/schema';
import type { AnyField } from '../records/record-field';
import { currencyColumnName, objectName } from './physical-name';
import type { CheckModel, CheckSpec, ForeignKeyModel, IndexModel } from './table-model';

export interface FieldConstraints {
  readonly checks: readonly CheckModel[];
  readonly indexes: readonly IndexModel[];
  readonly foreignKeys: readonly ForeignKeyModel[];
}

/** What a field type's constraints are made of (the builders of one field in one table). */
interface ConstraintBuilder {
  check(spec: CheckSpec, onColumn?: string, role?: string): void;
  index(unique: boolean, partial: boolean, lower?: boolean): void;
  range(min: number | undefined, max: number | undefined): void;
  length(min: number | undefined, max: number | undefined): void;
  foreignKey(targetTable: string, onDelete: ForeignKeyModel['onDelete']): void;
  readonly column: string;
}

type ConstraintsOf = { readonly [T in FieldType]: (field: FieldOfType<T>, c: ConstraintBuilder) => void };

const none = () => {};
const uniqueIndex = (field: { readonly unique?: boolean }, c: ConstraintBuilder) => {
  if (field.unique) c.index(true, true);
};
/** A text's unique index, on `lower(column)` when it ignores case. */
const uniqueText = (
  field: { readonly unique?: boolean; readonly uniqueIgnoreCase?: boolean },
  c: ConstraintBuilder,
) => {
  if (field.unique) c.index(true, true, field.uniqueIgnoreCase === true);
};

/**
 * The database's share of each type's rules, one entry per field type (the compiler names a new
 * type's missing entry). Cheap checks only (options, numeric range, length, list size, currency
 * code, rating stars); `pattern` and formats are left to record validation, since ECMAScript and
 * POSIX regular expressions differ.
 */
const CONSTRAINTS: ConstraintsOf = {
  // maxLength is the varchar length; only minLength needs a check.
  text: (f, c) => {
    c.length(f.minLength, undefined);
    uniqueText(f, c);
  },
  long_text: (f, c) => c.length(f.minLength, f.maxLength),
  rich_text: (f, c) => c.length(undefined, f.maxLength),
  email: uniqueText,
  phone: uniqueIndex,
  url: uniqueIndex,
  number: (f, c) => {
    c.range(f.min, f.max);
    uniqueIndex(f, c);
  },
  integer: (f, c) => {
    c.range(f.min, f.max);
    uniqueIndex(f, c);
  },
  percent: (f, c) => c.range(f.min, f.max),
  money: (f, c) => {
    c.range(f.min, f.max);
    c.check({ kind: 'currency' }, currencyColumnName(c.column), 'currency');
  },
  rating: (f, c) => c.range(1, ratingMax(f)),
  boolean: none,
  date: none,
  datetime: none,
  single_select: (f, c) => {
    c.check({ kind: 'options', values: f.options.map((o) => o.value), multi: false });
    uniqueIndex(f, c);
  },
  multi_select: (f, c) => {
    c.check({ kind: 'options', values: f.options.map((o) => o.value), multi: true });
    if (f.maxItems !== undefined) c.check({ kind: 'max_items', max: f.maxItems });
  },
  user: (f, c) => {
    if (f.multiple !== true) c.index(false, false);
  },
  department: none,
  role: none,
  link: (f, c) => {
    c.index(false, false);
    c.foreignKey(f.form, f.onDelete ?? 'restrict');
  },
  // Numbers are never reused, not even those of deleted records: a full unique index.
  auto_number: (_f, c) => c.index(true, false),
  line_items: none,
  // Computed values are range-checked by the records engine before writing (min / max of a
  // formula); a CHECK would fail a recompute triggered from another record instead.
  formula: none,
  rollup: none,
  lookup: none,
  attachment: none,
  json: none,
};

/**
 * CHECK constraints, indexes and foreign keys of one field in `table`.
 * `isChild`: line-item tables have no `deleted_at`, so their unique indexes are not partial.
 * Plain indexes (link, user, `indexed`) cover every row, trash included: the foreign keys, reports
 * and the trash list use them as well as the live list.
 */
export function fieldConstraints(table: string, field: AnyField, isChild: boolean): FieldConstraints {
  const checks: CheckModel[] = [];
  const indexes: IndexModel[] = [];
  const foreignKeys: ForeignKeyModel[] = [];
  const column = field.key;
  const builder: ConstraintBuilder = {
    column,
    check: (spec, onColumn = column, role = 'value') =>
      checks.push({
        key: `${field.id}/${role}/${spec.kind}`,
        name: objectName(table, onColumn, `ck_${spec.kind}`),
        column: onColumn,
        fieldId: field.id,
        spec,
      }),
    index: (unique, partial, lower = false) =>
      indexes.push({
        // its own key and name: turning uniqueIgnoreCase on or off replaces the index
        key: `${field.id}/value/${unique ? (lower ? 'uq_ci' : 'uq') : 'idx'}`,
        name: objectName(table, column, unique ? (lower ? 'uq_ci' : 'uq') : 'idx'),
        columns: [column],
        unique,
        ...(lower ? { lower: true } : {}),
        partial: partial && !isChild,
        fieldId: field.id,
      }),
    range: (min, max) => {
      if (min !== undefined || max !== undefined) builder.check(rangeSpec(min, max));
    },
    length: (min, max) => {
      if ((min ?? 0) > 0 || max !== undefined) builder.check(lengthSpec(min, max));
    },
    foreignKey: (targetTable, onDelete) =>
      foreignKeys.push({
        key: `${field.id}/value/fk`,
        name: objectName(table, column, 'fk'),
        column,
        targetTable,
        onDelete,
        fieldId: field.id,
      }),
  };
  (CONSTRAINTS[field.type] as (f: AnyField, c: ConstraintBuilder) => void)(field, builder);
  // `indexed`: a plain index, unless the field has one already (unique, link, single user).
  if ('indexed' in field && field.indexed === true && indexes.length === 0 && isIndexableField(field))
    builder.index(false, false);
  return { checks, indexes, foreignKeys };
}

function rangeSpec(min: number | undefined, max: number | undefined): CheckSpec {
  return { kind: 'range', ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) };
}

function lengthSpec(min: number | undefined, max: number | undefined): CheckSpec {
  return {
    kind: 'length',
    ...(min === undefined || min === 0 ? {} : { min }),
    ...(max === undefined ? {} : { max }),
  };
}
