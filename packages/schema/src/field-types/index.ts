/**
 * The field-type registry: one spec per field type (its settings schema, value schema, column,
 * value kind — which decides filter operators and aggregations —, display). Engines look a type
 * up here instead of switching on it; where an engine needs what cannot live in a browser-safe
 * package (kysely expressions), it keeps its own `Record<FieldType, …>` in one file.
 */
import type { FieldDefinition, LineItemFieldDefinition } from '../form/field.schema';
import type { FieldType } from '../form/field-type.schema';
import { attachmentFieldType } from './attachment.field-type';
import { autoNumberFieldType } from './auto-number.field-type';
import { booleanFieldType } from './boolean.field-type';
import type { Cell, CellReadContext, CellWriteContext, OutCell } from './cells/cell-codec';
import type { Parsed } from './cells/parsed';
import type { ColumnType } from './column-type';
import { dateFieldType } from './date.field-type';
import { datetimeFieldType } from './datetime.field-type';
import { departmentFieldType } from './department.field-type';
import { emailFieldType } from './email.field-type';
import type { FieldDisplay } from './field-display';
import type { FieldTypeRegistry, FieldTypeSpec, JsonSchema } from './field-type.spec';
import { formulaFieldType } from './formula.field-type';
import { integerFieldType } from './integer.field-type';
import { jsonFieldType } from './json.field-type';
import { lineItemsFieldType } from './line-items.field-type';
import { linkFieldType } from './link.field-type';
import { longTextFieldType } from './long-text.field-type';
import { lookupFieldType } from './lookup.field-type';
import { moneyFieldType } from './money.field-type';
import { multiSelectFieldType } from './multi-select.field-type';
import { numberFieldType } from './number.field-type';
import { percentFieldType } from './percent.field-type';
import { phoneFieldType } from './phone.field-type';
import { ratingFieldType } from './rating.field-type';
import { richTextFieldType } from './rich-text.field-type';
import { roleFieldType } from './role.field-type';
import { rollupFieldType } from './rollup.field-type';
import { singleSelectFieldType } from './single-select.field-type';
import { textFieldType } from './text.field-type';
import { urlFieldType } from './url.field-type';
import { userFieldType } from './user.field-type';
import {
  type Aggregation,
  type FilterOperator,
  KIND_AGGREGATIONS,
  KIND_OPERATORS,
  type ValueKind,
} from './value-kind';

/** Every field type's spec. A new type is one file plus one line here. */
export const FIELD_TYPE_SPECS: FieldTypeRegistry = {
  text: textFieldType,
  long_text: longTextFieldType,
  rich_text: richTextFieldType,
  number: numberFieldType,
  integer: integerFieldType,
  money: moneyFieldType,
  percent: percentFieldType,
  rating: ratingFieldType,
  boolean: booleanFieldType,
  date: dateFieldType,
  datetime: datetimeFieldType,
  single_select: singleSelectFieldType,
  multi_select: multiSelectFieldType,
  user: userFieldType,
  department: departmentFieldType,
  role: roleFieldType,
  link: linkFieldType,
  line_items: lineItemsFieldType,
  auto_number: autoNumberFieldType,
  formula: formulaFieldType,
  rollup: rollupFieldType,
  lookup: lookupFieldType,
  email: emailFieldType,
  phone: phoneFieldType,
  url: urlFieldType,
  attachment: attachmentFieldType,
  json: jsonFieldType,
};

/** A field of a form or of a line-items row. */
type AnyField = FieldDefinition | LineItemFieldDefinition;

/** The spec of a field's type (its methods take that field). */
export function fieldTypeSpec(field: AnyField): FieldTypeSpec<FieldType> {
  return FIELD_TYPE_SPECS[field.type] as FieldTypeSpec<FieldType>;
}

/** The type of the field's value column, or null when it has none. */
export function fieldColumn(field: AnyField): ColumnType | null {
  return fieldTypeSpec(field).column(field as never);
}

/** How filters, sorts and reports read the field, or null when they cannot read it directly. */
export function fieldValueKind(field: AnyField): ValueKind | null {
  return fieldTypeSpec(field).kind(field as never);
}

/** The filter operators a condition builder may offer on the field. */
export function fieldOperators(field: AnyField): readonly FilterOperator[] {
  const kind = fieldValueKind(field);
  return kind === null ? [] : KIND_OPERATORS[kind];
}

/** The report aggregations of the field's values (`count` of rows is always allowed). */
export function fieldAggregations(field: AnyField): readonly Aggregation[] {
  const spec = fieldTypeSpec(field);
  if (spec.aggregations) return spec.aggregations(field as never);
  const kind = spec.kind(field as never);
  return kind === null ? [] : KIND_AGGREGATIONS[kind];
}

export function fieldDisplay(field: AnyField): FieldDisplay {
  return fieldTypeSpec(field).display(field as never);
}

/** The engine computes the value: never taken from user input, its column nullable. */
export function isComputedField(field: AnyField): boolean {
  return fieldTypeSpec(field).computed;
}

/** Whether a B-tree index can serve the field's column (scalar type, not a `multiple` array). */
export function isIndexableField(field: AnyField): boolean {
  const type = fieldColumn(field);
  return (
    fieldTypeSpec(field).indexable &&
    type !== null &&
    type.kind !== 'text_array' &&
    type.kind !== 'uuid_array'
  );
}

/** The field has a `<key>__currency` column beside its value column (money). */
export function hasCurrencyColumn(field: AnyField): boolean {
  return fieldTypeSpec(field).currencyColumn === true;
}

/**
 * The JSON Schema of a record's (or a line-items row's) writable values: each live field's
 * value schema, unknown keys refused. Nulls are removed before validation (a null clears a
 * value); `required` is checked apart because of requiredWhen/visibleWhen and defaults.
 */
export function recordValueSchema(fields: readonly AnyField[], allowRowId = false): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const field of fields) {
    if (field.deleted === true) continue;
    properties[field.key] = fieldTypeSpec(field).value(field as never, (rows) =>
      recordValueSchema(rows, true),
    );
  }
  if (allowRowId) properties.id = { type: 'string' };
  return { type: 'object', properties, additionalProperties: false };
}

/**
 * One non-blank sheet cell → the API value of its field (CSV/XLSX import), pure. What the form's
 * validator checks anyway is passed on for the records service to refuse.
 */
export function readCell(field: AnyField, cell: NonNullable<Cell>, ctx: CellReadContext): Parsed<unknown> {
  const text = cell instanceof Date ? cell.toISOString() : String(cell).trim();
  const scope = { ...ctx, readCell: (f: AnyField, c: NonNullable<Cell>) => readCell(f, c, ctx) };
  return fieldTypeSpec(field).cell.read(field as never, cell, text, scope);
}

/** An API value as a person reads it in a sheet (export), so that importing it gives the value back. */
export function writeCell(field: AnyField, value: unknown, ctx: CellWriteContext): OutCell {
  if (value === null || value === undefined) return null;
  return fieldTypeSpec(field).cell.write(field as never, value, ctx);
}

export { AttachmentField, type AttachmentFieldDefinition } from './attachment.field-type';
export { AUTO_NUMBER_PATTERN, AutoNumberField } from './auto-number.field-type';
export { BooleanField } from './boolean.field-type';
export * from './cells/index';
export * from './column-type';
export * from './computed-result';
export { DateField } from './date.field-type';
export { DateTimeField } from './datetime.field-type';
export { DepartmentField } from './department.field-type';
export { EmailField } from './email.field-type';
export * from './field-display';
export type { FieldTypeRegistry, FieldTypeSpec, JsonSchema, RowSchema } from './field-type.spec';
export { FormulaField } from './formula.field-type';
export { IntegerField } from './integer.field-type';
export { JsonField } from './json.field-type';
export { LINK_DELETE_POLICIES, type LinkDeletePolicy, LinkField } from './link.field-type';
export { LongTextField } from './long-text.field-type';
export { LookupField } from './lookup.field-type';
export { MoneyField } from './money.field-type';
export { MultiSelectField } from './multi-select.field-type';
export { NumberField } from './number.field-type';
export { PercentField } from './percent.field-type';
export { PHONE_PATTERN, PhoneField } from './phone.field-type';
export { RATING_MAX_STARS, RatingField, ratingMax } from './rating.field-type';
export { RichTextField } from './rich-text.field-type';
export { RoleField } from './role.field-type';
export { ROLLUP_AGGREGATES, type RollupAggregate, RollupField, rollupResultType } from './rollup.field-type';
export { OPTION_VALUE_PATTERN, SelectOption } from './select-option';
export { SingleSelectField } from './single-select.field-type';
export { TextField } from './text.field-type';
export { UrlField } from './url.field-type';
export { UserField } from './user.field-type';
export * from './value-kind';
export { integerValue, numberValue } from './value-schema';
