import { type Static, Type } from '@sinclair/typebox';
import { StringEnum } from '@tessera/schema';
import { Key } from './common.schemas';
import { engineChecked, engineCheckedObject } from './engine-checked';
import { FormChangePlanRef } from './form-plan.schemas';
import { FormDefinitionRef } from './pack-format.components';
import { type FieldValue, FieldValueRef } from './values.schemas';

/** Route schemas of the forms and records API (TypeBox → the OpenAPI document). */
export const FormVersionParams = Type.Object({ app: Key, form: Key, v: Type.Integer({ minimum: 1 }) });
export const RecordParams = Type.Object({
  app: Key,
  form: Key,
  id: Type.String({ description: 'The record id (uuid).' }),
});

const Label = Type.Record(Type.String(), Type.String(), {
  description: 'Text by locale, e.g. { "en": "CRM" }.',
});

export const AppOut = Type.Object({
  key: Type.String(),
  title: Label,
  createdAt: Type.String({ format: 'date-time' }),
});
export const NewApp = Type.Object(
  { key: Type.String({ pattern: '^[a-z][a-z0-9_]{0,58}$' }), title: Type.Optional(Label) },
  { additionalProperties: false },
);
export const FormOut = Type.Object({
  key: Type.String(),
  title: Type.Union([Label, Type.Null()]),
  publishedVersion: Type.Union([Type.Integer(), Type.Null()]),
  hasDraft: Type.Boolean(),
});

/** A form definition (the pack format's form schema, validated by the engine). */
export const Definition = engineCheckedObject(
  FormDefinitionRef,
  'A form definition (see schemas/form.schema.json).',
);
export const PublishedOut = Type.Object({
  version: Type.Integer(),
  definition: Definition,
  /** What the caller may do with the form's records (the buttons a list offers). */
  actions: Type.Optional(Type.Array(Type.String())),
});
export const DraftOut = Type.Object({ version: Type.Integer() });
export const VersionOut = Type.Object({
  version: Type.Integer(),
  status: StringEnum(['draft', 'published', 'superseded']),
  createdAt: Type.String({ format: 'date-time' }),
  publishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  definition: Definition,
});
/** The migration plan (the forms engine's FormChangePlan). */
export const FormPlanOut = engineChecked(FormChangePlanRef);
export const PublishOut = Type.Object({ version: Type.Integer(), plan: FormPlanOut });

/** A record: system columns plus one property per field (see the records section of the forms README). */
export const RecordOut = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    version: Type.Integer(),
    created_at: Type.String({ format: 'date-time' }),
    created_by: Type.Union([Type.String(), Type.Null()]),
    updated_at: Type.String({ format: 'date-time' }),
    updated_by: Type.Union([Type.String(), Type.Null()]),
    deleted_at: Type.Union([Type.String(), Type.Null()]),
  },
  {
    // one property per field of the form, its value by the field's type (the engine wrote it)
    additionalProperties: engineChecked(FieldValueRef),
    $id: 'Record',
    description: 'A record: system columns plus one value per field, by field key.',
  },
);
/** A record as a client reads it: the system columns and each field's value by key. */
export type RecordOut = Static<typeof RecordOut> & { readonly [field: string]: FieldValue };
const RecordRef = Type.Unsafe<RecordOut>({ $ref: 'Record#' });
/** Field values by key; the forms engine validates them against the form's published version. */
export const RecordValuesIn = Type.Object(
  {},
  { additionalProperties: engineChecked(FieldValueRef), description: 'Field values by key.' },
);
export type RecordValuesIn = Record<string, FieldValue>;
export const RecordPatchIn = Type.Object(
  { version: Type.Optional(Type.Integer({ minimum: 1, description: 'The version you read (required).' })) },
  {
    additionalProperties: engineChecked(FieldValueRef),
    description: 'The version you read plus the fields to change.',
  },
);
export type RecordPatchIn = { version?: number } & Record<string, FieldValue | undefined>;
export const ExpandQuery = Type.Object({
  expand: Type.Optional(
    Type.String({ description: 'Comma-separated link and line-items fields to expand.' }),
  ),
});
export const RecordListQuery = Type.Object({
  filter: Type.Optional(Type.String({ description: 'A JSON-Logic filter (JSON text) over field keys.' })),
  sort: Type.Optional(
    Type.String({ description: 'Comma-separated field keys, "-" for descending: "-total,name".' }),
  ),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  cursor: Type.Optional(Type.String({ description: 'nextCursor of the previous page.' })),
  q: Type.Optional(
    Type.String({ maxLength: 200, description: "Text search over the form's search fields." }),
  ),
  count: Type.Optional(Type.String({ enum: ['exact', 'none'], description: '"exact" adds total (costly).' })),
  deleted: Type.Optional(Type.String({ enum: ['exclude', 'only'], description: '"only": the trash.' })),
  expand: Type.Optional(
    Type.String({ description: 'Comma-separated link and line-items fields to expand.' }),
  ),
});
export const RecordList = Type.Object({
  items: Type.Array(RecordRef),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
  total: Type.Optional(Type.Integer()),
});
export const RecordBulkIn = Type.Union([
  Type.Object(
    { action: Type.Literal('create'), items: Type.Array(RecordValuesIn, { minItems: 1, maxItems: 1000 }) },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      action: Type.Literal('update'),
      items: Type.Array(
        Type.Object(
          { id: Type.String(), version: Type.Integer({ minimum: 1 }), values: RecordValuesIn },
          { additionalProperties: false },
        ),
        { minItems: 1, maxItems: 1000 },
      ),
    },
    { additionalProperties: false },
  ),
]);
export const RecordBulkOut = Type.Object({ items: Type.Array(RecordRef) });
export const RecordHistory = Type.Array(
  Type.Object({
    id: Type.Integer(),
    operation: StringEnum(['created', 'updated', 'deleted', 'restored']),
    version: Type.Integer(),
    changes: Type.Record(
      Type.String(),
      Type.Object({ old: engineChecked(FieldValueRef), new: engineChecked(FieldValueRef) }),
    ),
    actorId: Type.Union([Type.String(), Type.Null()]),
    at: Type.String({ format: 'date-time' }),
  }),
);

export type AppOut = Static<typeof AppOut>;
export type FormOut = Static<typeof FormOut>;
export type PublishedOut = Static<typeof PublishedOut>;
export type VersionOut = Static<typeof VersionOut>;
export type RecordListQuery = Static<typeof RecordListQuery>;
export type RecordList = Static<typeof RecordList>;
export type RecordBulkIn = Static<typeof RecordBulkIn>;
export type RecordBulkOut = Static<typeof RecordBulkOut>;
export type RecordHistory = Static<typeof RecordHistory>;
