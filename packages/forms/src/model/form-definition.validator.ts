import {
  type FieldDefinition,
  type FormDefinition,
  isComputedField,
  type LineItemFieldDefinition,
  type SchemaError,
  type ValidationResult,
  validate,
} from '@tessera/schema';
import { formIndexErrors } from '../tables/form-index.validator';
import { isSqlIdentifier } from '../tables/identifier';
import { childTableName, currencyColumnName } from '../tables/physical-name';
import { CHILD_SYSTEM_COLUMNS, SYSTEM_COLUMNS } from '../tables/system-columns';
import { fieldExpressionErrors } from './field-expressions.validator';

type ValidationError = SchemaError;

/** Field keys that name system columns. */
export const RESERVED_KEYS: ReadonlySet<string> = new Set([...SYSTEM_COLUMNS, ...CHILD_SYSTEM_COLUMNS]);

/**
 * Validates a form definition: the JSON Schema, then what a schema cannot say — unique ids and
 * keys, reserved and over-long physical names, references from layout/titleField/searchFields,
 * coherent min/max, precision/scale, options, expressions the logic engine compiles, and indexes
 * (`indexed`, `indexes`).
 */
export function validateFormDefinition(input: unknown): ValidationResult<FormDefinition> {
  const structural = validate('form', input);
  if (!structural.ok) return structural;
  const form = structural.value;
  const errors: ValidationError[] = [];
  const ids = new Set<string>();
  checkFields(form.key, form.fields, '/fields', ids, errors, false);

  const check = (id: string | undefined, path: string): void => {
    if (id !== undefined && !ids.has(id))
      errors.push({ path, message: `refers to unknown field id "${id}"` });
  };
  check(form.titleField, '/titleField');
  for (const [i, id] of (form.searchFields ?? []).entries()) check(id, `/searchFields/${i}`);
  for (const [s, section] of (form.layout?.sections ?? []).entries()) {
    for (const [r, row] of section.rows.entries()) {
      for (const [c, cell] of row.fields.entries())
        check(cell.field, `/layout/sections/${s}/rows/${r}/fields/${c}/field`);
    }
  }
  errors.push(...formIndexErrors(form));
  const keys = new Map(form.fields.map((f) => [f.key, f]));
  form.fields.forEach((field, i) => {
    if (field.type === 'lookup' && keys.get(field.link)?.type !== 'link') {
      errors.push({ path: `/fields/${i}/link`, message: `"${field.link}" is not a link field of this form` });
    }
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: form };
}

/** Digits after the point a money amount keeps at most (as a money field's `scale`). */
const MONEY_SCALE_MAX = 4;

function checkFields(
  table: string,
  fields: readonly (FieldDefinition | LineItemFieldDefinition)[],
  base: string,
  ids: Set<string>,
  errors: ValidationError[],
  isChild: boolean,
): void {
  const keys = new Set<string>();
  fields.forEach((field, i) => {
    const path = `${base}/${i}`;
    const error = (message: string, at = '') => errors.push({ path: `${path}${at}`, message });
    if (ids.has(field.id)) error(`duplicate field id "${field.id}"`, '/id');
    ids.add(field.id);
    if (keys.has(field.key)) error(`duplicate field key "${field.key}"`, '/key');
    keys.add(field.key);
    if (RESERVED_KEYS.has(field.key)) error(`"${field.key}" is reserved for a system column`, '/key');
    if (field.key.includes('__')) error('must not contain "__" (reserved as a separator)', '/key');
    if (field.type === 'money' && !isSqlIdentifier(currencyColumnName(field.key))) {
      error('is too long for a money field (at most 53 characters)', '/key');
    }
    if ('min' in field && field.min !== undefined && field.max !== undefined && field.min > field.max) {
      error('min is greater than max', '/min');
    }
    if ('minLength' in field && field.minLength !== undefined && field.maxLength !== undefined) {
      if (field.minLength > field.maxLength) error('minLength is greater than maxLength', '/minLength');
    }
    if ((field.type === 'number' || field.type === 'percent') && field.precision !== undefined) {
      if ((field.scale ?? 0) > field.precision) error('scale is greater than precision', '/scale');
    }
    if (field.type === 'formula') {
      if (field.resultType === 'money' && field.currency === undefined)
        error('is required for a formula yielding money (an ISO 4217 code such as "CNY")', '/currency');
      if (field.resultType !== 'money' && field.currency !== undefined)
        error('is only for resultType money', '/currency');
      if (field.resultType === 'money' && (field.scale ?? 2) > MONEY_SCALE_MAX)
        error(`is at most ${MONEY_SCALE_MAX} for money`, '/scale');
    }
    errors.push(...fieldExpressionErrors(field, path));
    if (field.type === 'single_select' || field.type === 'multi_select') {
      const values = field.options.map((o) => o.value);
      if (new Set(values).size !== values.length) error('option values must be unique', '/options');
    }
    if (field.type === 'single_select' && field.userTransitions) {
      if (field.readOnly !== true) error('only applies to a readOnly field', '/userTransitions');
      const known = new Set(field.options.map((o) => o.value));
      for (const [from, to] of Object.entries(field.userTransitions))
        for (const value of [from, ...to])
          if (!known.has(value))
            error(`"${value}" is not an option of this field`, `/userTransitions/${from}`);
    }
    if (field.defaultFrom) {
      const link = fields.find((f) => f.key === field.defaultFrom!.link);
      if (isComputedField(field) || field.type === 'line_items' || field.type === 'link')
        error(`a ${field.type} field takes no default from a link`, '/defaultFrom');
      else if (link?.type !== 'link' || link.deleted === true)
        error(`"${field.defaultFrom.link}" is not a link field beside this one`, '/defaultFrom/link');
    }
    if (field.type === 'line_items') {
      if (isChild) error('line items cannot be nested');
      const child = childTableName(table, field.key);
      if (!isSqlIdentifier(child))
        error(`the child table name "${child}" is longer than 63 characters`, '/key');
      else checkFields(child, field.fields, `${path}/fields`, ids, errors, true);
    }
  });
}
