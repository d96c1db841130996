import { Type } from '@sinclair/typebox';

/** Route schemas of the forms and records API (TypeBox → the OpenAPI document). */
export const Problem = { $ref: 'Problem#' };

const Key = Type.String({ pattern: '^[a-z][a-z0-9_]{0,62}$', description: 'A key (lower snake case).' });
export const AppParams = Type.Object({ app: Key });
export const FormParams = Type.Object({ app: Key, form: Key });
export const VersionParams = Type.Object({ app: Key, form: Key, v: Type.Integer({ minimum: 1 }) });
export const RecordParams = Type.Object({
  app: Key,
  form: Key,
  id: Type.String({ description: 'The record id (uuid).' }),
});

export const Label = Type.Record(Type.String(), Type.String(), {
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
export const Definition = Type.Object(
  {},
  { additionalProperties: true, description: 'A form definition (see schemas/form.schema.json).' },
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
  status: Type.String({ enum: ['draft', 'published', 'superseded'] }),
  createdAt: Type.String({ format: 'date-time' }),
  publishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  definition: Definition,
});
export const PlanOut = Type.Object(
  {},
  { additionalProperties: true, description: 'The migration plan: actions and refusals.' },
);

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
  { additionalProperties: true, $id: 'Record' },
);
const RecordRef = Type.Ref('Record');
export const RecordValuesIn = Type.Object(
  {},
  { additionalProperties: true, description: 'Field values by key.' },
);
export const RecordPatchIn = Type.Object(
  { version: Type.Optional(Type.Integer({ minimum: 1, description: 'The version you read (required).' })) },
  { additionalProperties: true, description: 'The version you read plus the fields to change.' },
);
export const ExpandQuery = Type.Object({
  expand: Type.Optional(
    Type.String({ description: 'Comma-separated link and line-items fields to expand.' }),
  ),
});
export const ListQuery = Type.Object({
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
export const ListOut = Type.Object({
  items: Type.Array(RecordRef),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
  total: Type.Optional(Type.Integer()),
});
export const BulkIn = Type.Union([
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
export const BulkOut = Type.Object({ items: Type.Array(RecordRef) });
export const HistoryOut = Type.Array(
  Type.Object({
    id: Type.Integer(),
    operation: Type.String({ enum: ['created', 'updated', 'deleted', 'restored'] }),
    version: Type.Integer(),
    changes: Type.Record(Type.String(), Type.Object({ old: Type.Unknown(), new: Type.Unknown() })),
    actorId: Type.Union([Type.String(), Type.Null()]),
    at: Type.String({ format: 'date-time' }),
  }),
);
