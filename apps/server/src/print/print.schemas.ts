import { Type } from '@sinclair/typebox';

const Key = Type.String({ pattern: '^[a-z][a-z0-9_]{0,62}$', description: 'A key (lower snake case).' });
const Uuid = Type.String({ format: 'uuid', description: 'A record id (uuid).' });

export const TemplatesParams = Type.Object({ app: Key, form: Key });
export const TemplateParams = Type.Object({ app: Key, form: Key, template: Key });
export const PrintOneParams = Type.Object({ app: Key, form: Key, id: Uuid, template: Key });

export const PrintQuery = Type.Object({
  download: Type.Optional(
    Type.Boolean({ description: 'Offer the PDF as a file to save (default: shown inline).' }),
  ),
});

export const PrintBatchIn = Type.Object(
  {
    ids: Type.Array(Uuid, {
      minItems: 1,
      maxItems: 200,
      uniqueItems: true,
      description: 'The records, printed in this order.',
    }),
  },
  { additionalProperties: false },
);

const Label = Type.Record(Type.String(), Type.String());

export const TemplateSummary = Type.Object({
  key: Type.String(),
  form: Type.String(),
  title: Label,
  version: Type.Integer(),
  updatedAt: Type.String(),
});

export const TemplateList = Type.Object({
  items: Type.Array(TemplateSummary),
  batch: Type.Boolean({ description: 'Whether the user may print several records at once (print).' }),
});

export const TemplateOut = Type.Object({
  version: Type.Integer(),
  updatedAt: Type.String(),
  definition: Type.Record(Type.String(), Type.Unknown()),
});

export const TemplateIn = Type.Object(
  {
    definition: Type.Record(Type.String(), Type.Unknown(), {
      description: 'The template (prints/<key>.json).',
    }),
    version: Type.Optional(Type.Integer({ minimum: 1, description: 'The version read (stale → 409).' })),
  },
  { additionalProperties: false },
);

export const SavedOut = Type.Object({ version: Type.Integer() });

/** A PDF body, for the OpenAPI document. */
export const PdfOut = { type: 'string', format: 'binary', description: 'application/pdf' } as const;
