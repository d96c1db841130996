import { type Static, Type } from '@sinclair/typebox';
import { Description, documentOptions, Identifier, Label, SchemaPointer, StableId } from '../common/index';
import { FieldSchema } from './field.schema';
import { FormIndexSchema } from './form-index.schema';
import { FormLayout } from './layout.schema';

/**
 * `forms/<key>.json`: a form — its fields and layout. Becomes one table `app_<app>.<key>` (plus a
 * child table per line-items field). Fields are referenced by their stable `id` in the layout,
 * `titleField` and `searchFields`, and by their `key` in expressions and `indexes` (as in a list's sort).
 */
export const FormSchema = Type.Object(
  {
    $schema: SchemaPointer,
    key: {
      ...Identifier,
      description: 'The form key: the table name, fixed once published (e.g. "customer").',
    },
    title: Label,
    description: Type.Optional(Description),
    icon: Type.Optional(Type.String({ description: 'An icon name for menus.' })),
    fields: Type.Array(FieldSchema, { description: 'The fields, in default display order.' }),
    layout: Type.Optional(FormLayout),
    titleField: Type.Optional({
      ...StableId,
      description: 'The id of the field that names a record (shown in links and titles).',
    }),
    searchFields: Type.Optional(
      Type.Array(StableId, { description: 'Ids of the fields searched by the quick search box.' }),
    ),
    indexes: Type.Optional(
      Type.Array(FormIndexSchema, {
        maxItems: 16,
        description:
          'Composite indexes for lists that filter and sort by several fields (a single field: its `indexed`).',
      }),
    ),
  },
  documentOptions('form', 'Tessera form', 'A form of a pack: fields, layout and display settings.'),
);
export type FormDefinition = Static<typeof FormSchema>;
