import { type Static, Type } from '@sinclair/typebox';
import { engineChecked, engineCheckedObject } from './engine-checked';
import { PrintTemplateDefinitionRef } from './pack-format.components';

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

export const PrintTemplateSummary = Type.Object({
  key: Type.String(),
  form: Type.String(),
  title: Label,
  version: Type.Integer(),
  updatedAt: Type.String(),
});

export const PrintTemplateList = Type.Object({
  items: Type.Array(PrintTemplateSummary),
  batch: Type.Boolean({ description: 'Whether the user may print several records at once (print).' }),
});

export const PrintTemplateOut = Type.Object({
  version: Type.Integer(),
  updatedAt: Type.String(),
  definition: engineChecked(PrintTemplateDefinitionRef),
  draft: Type.Optional(
    Type.Object({
      // any JSON the editor saved: checked when published
      definition: engineChecked(PrintTemplateDefinitionRef),
      updatedAt: Type.String(),
    }),
  ),
});

const Problems = Type.Array(Type.Object({ path: Type.String(), message: Type.String() }), {
  description: 'What publishing would refuse, by JSON path (empty: the draft is publishable).',
});

export const PrintDraftIn = Type.Object(
  { definition: engineCheckedObject(PrintTemplateDefinitionRef, 'The draft (prints/<key>.json).') },
  { additionalProperties: false },
);
export const PrintDraftOut = Type.Object({ problems: Problems });

export const PrintPublishIn = Type.Object(
  {
    version: Type.Optional(
      Type.Integer({
        minimum: 1,
        description: 'The published version the draft was made over (stale → 409).',
      }),
    ),
  },
  { additionalProperties: false },
);

export const PrintPreviewIn = Type.Object(
  { definition: engineCheckedObject(PrintTemplateDefinitionRef, 'The template to print with (unsaved).') },
  { additionalProperties: false },
);

export const PrintTemplateIn = Type.Object(
  {
    // the print engine validates it (its errors point into the body)
    definition: engineCheckedObject(PrintTemplateDefinitionRef, 'The template (prints/<key>.json).'),
    version: Type.Optional(Type.Integer({ minimum: 1, description: 'The version read (stale → 409).' })),
  },
  { additionalProperties: false },
);

export const PrintSavedOut = Type.Object({ version: Type.Integer() });

/** A PDF body, for the OpenAPI document. */
export const PdfOut = { type: 'string', format: 'binary', description: 'application/pdf' } as const;

export type PrintTemplateSummary = Static<typeof PrintTemplateSummary>;
export type PrintTemplateList = Static<typeof PrintTemplateList>;
export type PrintTemplateOut = Static<typeof PrintTemplateOut>;
export type PrintDraftOut = Static<typeof PrintDraftOut>;
export type PrintTemplateIn = Static<typeof PrintTemplateIn>;
