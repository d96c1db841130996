import { type Static, Type } from '@sinclair/typebox';
import {
  Description,
  documentOptions,
  Identifier,
  Label,
  SchemaPointer,
  StringEnum,
} from '../common/index.js';
import { FontSize, Millimetres } from './print-common.schema.js';
import { PrintBandSchema, PrintBlockSchema } from './print-element.schema.js';

export const PAGE_SIZES = ['A4', 'A5', 'Letter'] as const;
export const PRINT_LOCALES = ['zh-CN', 'en'] as const;

export const PrintPageSchema = Type.Object(
  {
    size: StringEnum(PAGE_SIZES, { description: 'Paper size.' }),
    orientation: Type.Optional(StringEnum(['portrait', 'landscape'], { description: 'Default portrait.' })),
    margins: Type.Optional(
      Type.Object(
        {
          top: Millimetres('Top', 100),
          right: Millimetres('Right', 100),
          bottom: Millimetres('Bottom', 100),
          left: Millimetres('Left', 100),
        },
        { additionalProperties: false, description: 'Margins (default 12 mm all round).' },
      ),
    ),
  },
  { additionalProperties: false, description: 'The paper.' },
);

/** `prints/<key>.json`: how a record of one form is printed as a PDF document. */
export const PrintTemplateSchema = Type.Object(
  {
    $schema: SchemaPointer,
    key: Identifier,
    form: { ...Identifier, description: 'The form whose records this template prints.' },
    title: Label,
    description: Type.Optional(Description),
    locale: Type.Optional(
      StringEnum(PRINT_LOCALES, { description: 'Language of labels, dates and options (default zh-CN).' }),
    ),
    fontSize: Type.Optional({ ...FontSize, description: 'Body font size (pt, default 10).' }),
    page: PrintPageSchema,
    header: Type.Optional(PrintBandSchema),
    footer: Type.Optional(PrintBandSchema),
    body: Type.Array(PrintBlockSchema, { minItems: 1 }),
  },
  documentOptions(
    'print',
    'Tessera print template',
    'prints/<key>.json: a record of a form as a PDF document (header, fields, line-item table, totals, footer).',
  ),
);
export type PrintTemplateDefinition = Static<typeof PrintTemplateSchema>;
