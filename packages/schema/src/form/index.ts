/** The form schema of the pack format: a form, its fields (one variant per type) and its layout. */
export {
  type FieldDefinition,
  type FieldOfType,
  FieldSchema,
  type LineItemFieldDefinition,
  LineItemFieldSchema,
  LineItemsField,
} from './field.schema';
export { FieldDefault } from './field-base.schema';
export { FIELD_TYPES, type FieldType, FieldTypeSchema } from './field-type.schema';
export { type FormDefinition, FormSchema } from './form.schema';
export { type FormIndexDefinition, FormIndexSchema, INDEX_PART_PATTERN } from './form-index.schema';
export { titleFieldOf } from './form-title';
export { FormLayout, LAYOUT_GRID_COLUMNS, LayoutCell, LayoutRow, LayoutSection } from './layout.schema';
export { linksWithDefaults, valuesFromLink } from './link-defaults';
export { userTransitionsFrom } from './user-transitions';
