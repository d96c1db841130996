import type { FieldDefinition, LineItemFieldDefinition } from '@tessera/schema';
import { isIndexableField } from './form-index.mapper';
import { currencyColumnName, objectName } from './physical-name';
import type { CheckModel, CheckSpec, ForeignKeyModel, IndexModel } from './table-model';

type AnyField = FieldDefinition | LineItemFieldDefinition;

export interface FieldConstraints {
  readonly checks: readonly CheckModel[];
  readonly indexes: readonly IndexModel[];
  readonly foreignKeys: readonly ForeignKeyModel[];
}

/**
 * CHECK constraints, indexes and foreign keys of one field in `table`. Cheap checks only
 * (options, numeric range, length, list size, currency code); `pattern` and formats are left to
 * record validation, since ECMAScript and POSIX regular expressions differ.
 * `isChild`: line-item tables have no `deleted_at`, so their unique indexes are not partial.
 * Plain indexes (link, user, `indexed`) cover every row, trash included: the foreign keys, reports
 * and the trash list use them as well as the live list.
 */
export function fieldConstraints(table: string, field: AnyField, isChild: boolean): FieldConstraints {
  const checks: CheckModel[] = [];
  const indexes: IndexModel[] = [];
  const foreignKeys: ForeignKeyModel[] = [];
  const column = field.key;
  const check = (spec: CheckSpec, onColumn = column, role = 'value') =>
    checks.push({
      key: `${field.id}/${role}/${spec.kind}`,
      name: objectName(table, onColumn, `ck_${spec.kind}`),
      column: onColumn,
      fieldId: field.id,
      spec,
    });
  const index = (unique: boolean, partial: boolean) =>
    indexes.push({
      key: `${field.id}/value/${unique ? 'uq' : 'idx'}`,
      name: objectName(table, column, unique ? 'uq' : 'idx'),
      columns: [column],
      unique,
      partial: partial && !isChild,
      fieldId: field.id,
    });
  const range = (min: number | undefined, max: number | undefined) => {
    if (min !== undefined || max !== undefined) check(rangeSpec(min, max));
  };
  const length = (min: number | undefined, max: number | undefined) => {
    if ((min ?? 0) > 0 || max !== undefined) check(lengthSpec(min, max));
  };

  switch (field.type) {
    case 'text':
      // maxLength is the varchar length; only minLength needs a check.
      length(field.minLength, undefined);
      if (field.unique) index(true, true);
      break;
    case 'long_text':
      length(field.minLength, field.maxLength);
      break;
    case 'rich_text':
      length(undefined, field.maxLength);
      break;
    case 'email':
    case 'phone':
    case 'url':
      if (field.unique) index(true, true);
      break;
    case 'number':
    case 'integer':
      range(field.min, field.max);
      if (field.unique) index(true, true);
      break;
    case 'percent':
      range(field.min, field.max);
      break;
    case 'money':
      range(field.min, field.max);
      check({ kind: 'currency' }, currencyColumnName(column), 'currency');
      break;
    case 'single_select':
      check({ kind: 'options', values: field.options.map((o) => o.value), multi: false });
      if (field.unique) index(true, true);
      break;
    case 'multi_select':
      check({ kind: 'options', values: field.options.map((o) => o.value), multi: true });
      if (field.maxItems !== undefined) check({ kind: 'max_items', max: field.maxItems });
      break;
    case 'user':
      if (field.multiple !== true) index(false, false);
      break;
    case 'link':
      index(false, false);
      foreignKeys.push({
        key: `${field.id}/value/fk`,
        name: objectName(table, column, 'fk'),
        column,
        targetTable: field.form,
        onDelete: field.onDelete ?? 'restrict',
        fieldId: field.id,
      });
      break;
    case 'auto_number':
      // Numbers are never reused, not even those of deleted records: a full unique index.
      index(true, false);
      break;
    default:
      break;
  }
  // `indexed`: a plain index, unless the field has one already (unique, link, single user).
  if ('indexed' in field && field.indexed === true && indexes.length === 0 && isIndexableField(field))
    index(false, false);
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
