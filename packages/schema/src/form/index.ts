/** The form schema of the pack format: a form, its fields (one variant per type) and its layout. */
export {
  BooleanField,
  MultiSelectField,
  OPTION_VALUE_PATTERN,
  SelectOption,
  SingleSelectField,
} from './choice-fields.schema';
export { AUTO_NUMBER_PATTERN, AutoNumberField, FormulaField } from './computed-fields.schema';
export {
  type FieldDefinition,
  type FieldOfType,
  FieldSchema,
  type LineItemFieldDefinition,
  LineItemFieldSchema,
  LineItemsField,
} from './field.schema';
export { FieldDefault } from './field-base.schema';
export {
  COMPUTED_RESULT_TYPES,
  type ComputedResultType,
  FIELD_TYPES,
  type FieldType,
  FieldTypeSchema,
} from './field-type.schema';
export { type FormDefinition, FormSchema } from './form.schema';
export { type FormIndexDefinition, FormIndexSchema, INDEX_PART_PATTERN } from './form-index.schema';
export { FormLayout, LAYOUT_GRID_COLUMNS, LayoutCell, LayoutRow, LayoutSection } from './layout.schema';
export {
  AttachmentField,
  type AttachmentFieldDefinition,
  DateField,
  DateTimeField,
  JsonField,
} from './misc-fields.schema';
export { IntegerField, MoneyField, NumberField, PercentField } from './number-fields.schema';
export { DepartmentField, RoleField, UserField } from './people-fields.schema';
export {
  LINK_DELETE_POLICIES,
  type LinkDeletePolicy,
  LinkField,
  LookupField,
  ROLLUP_AGGREGATES,
  type RollupAggregate,
  RollupField,
} from './relation-fields.schema';
export {
  EmailField,
  LongTextField,
  PhoneField,
  RichTextField,
  TextField,
  UrlField,
} from './text-fields.schema';
