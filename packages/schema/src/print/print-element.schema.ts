import { type Static, type TProperties, Type } from '@sinclair/typebox';
import { FieldPath, Label, StringEnum } from '../common/index.js';
import {
  FontSize,
  Millimetres,
  PrintAlign,
  PrintAsset,
  PrintText,
  Symbology,
} from './print-common.schema.js';

const text = <E extends TProperties>(extra: E, description: string) =>
  Type.Object(
    {
      type: Type.Literal('text'),
      text: PrintText,
      size: Type.Optional(FontSize),
      bold: Type.Optional(Type.Boolean({ description: 'Bold type.' })),
      ...extra,
    },
    { additionalProperties: false, description },
  );

const image = <E extends TProperties>(extra: E, description: string) =>
  Type.Object(
    {
      type: Type.Literal('image'),
      asset: Type.Optional(PrintAsset),
      field: Type.Optional({
        ...FieldPath,
        description:
          'Or an attachment field of the record, through links (e.g. "stamp", "customer.logo"): its first PNG or JPEG prints, read with the printing user’s access.',
      }),
      width: Millimetres('Width'),
      height: Type.Optional(Millimetres('Height (default: from the image’s aspect ratio)')),
      ...extra,
    },
    { additionalProperties: false, description: `${description} Set \`asset\` or \`field\`.` },
  );

const barcode = <E extends TProperties>(extra: E, description: string) =>
  Type.Object(
    {
      type: Type.Literal('barcode'),
      symbology: Symbology,
      value: { ...PrintText, description: 'What the code holds, e.g. "{{ number }}".' },
      width: Millimetres('Width'),
      height: Millimetres('Height'),
      ...extra,
    },
    { additionalProperties: false, description },
  );

/** What a header or footer slot holds (stacked top to bottom). */
export const PrintBandItemSchema = Type.Union(
  [text({}, 'A line of text.'), image({}, 'A logo or other image.'), barcode({}, 'A QR code or barcode.')],
  { description: 'A header or footer item, told apart by `type`.' },
);
export type PrintBandItem = Static<typeof PrintBandItemSchema>;

const slot = (where: string) =>
  Type.Optional(Type.Array(PrintBandItemSchema, { description: `Items at the ${where}.` }));

/** A header or footer: three slots, repeated on every page. */
export const PrintBandSchema = Type.Object(
  {
    height: Type.Optional(Millimetres('Height of the band (default: what its items need)', 100)),
    divider: Type.Optional(Type.Boolean({ description: 'A rule between the band and the body.' })),
    left: slot('left'),
    center: slot('center'),
    right: slot('right'),
  },
  { additionalProperties: false, description: 'A header or footer, printed on every page.' },
);
export type PrintBand = Static<typeof PrintBandSchema>;

/** A value printed from the record: a field (formatted by its type) or a text with placeholders. */
const valueProps = {
  field: Type.Optional({ ...FieldPath, description: 'A field, through links (e.g. "customer.name").' }),
  text: Type.Optional({ ...PrintText, description: 'Or a text with {{ placeholders }}.' }),
  label: Type.Optional({ ...Label, description: 'The caption (default: the field’s label).' }),
};

export const PrintFieldItemSchema = Type.Object(
  {
    ...valueProps,
    span: Type.Optional(Type.Integer({ minimum: 1, maximum: 4, description: 'Columns taken (default 1).' })),
  },
  { additionalProperties: false, description: 'A caption and its value; set `field` or `text`.' },
);

export const PrintColumnSchema = Type.Object(
  {
    ...valueProps,
    width: Type.Optional(
      Type.Number({ exclusiveMinimum: 0, maximum: 100, description: 'Relative width (default 1).' }),
    ),
    align: Type.Optional(PrintAlign),
    total: Type.Optional(
      StringEnum(['sum', 'count'], { description: 'Print the column’s total in the totals row.' }),
    ),
  },
  {
    additionalProperties: false,
    description:
      'A table column: a field of the row (e.g. "product.name") or a text with {{ placeholders }}.',
  },
);

export const PrintSignatureSchema = Type.Object(
  {
    label: Label,
    field: Type.Optional({ ...FieldPath, description: 'Printed on the line (e.g. the clerk’s name).' }),
  },
  { additionalProperties: false, description: 'A caption with a line to sign on.' },
);

/** One block of the body, laid out top to bottom; tables continue over pages. */
export const PrintBlockSchema = Type.Union(
  [
    Type.Object(
      {
        type: Type.Literal('title'),
        text: PrintText,
        size: Type.Optional(FontSize),
        align: Type.Optional(PrintAlign),
      },
      { additionalProperties: false, description: 'The document title (bold, centred by default).' },
    ),
    text({ align: Type.Optional(PrintAlign) }, 'A paragraph; long text wraps.'),
    Type.Object(
      {
        type: Type.Literal('fields'),
        columns: Type.Optional(Type.Integer({ minimum: 1, maximum: 4, description: 'Columns (default 2).' })),
        border: Type.Optional(Type.Boolean({ description: 'Draw the grid (default false).' })),
        items: Type.Array(PrintFieldItemSchema, { minItems: 1 }),
      },
      { additionalProperties: false, description: 'Captions and values in a grid.' },
    ),
    Type.Object(
      {
        type: Type.Literal('table'),
        source: {
          ...FieldPath,
          description:
            'A line-items field, of the record or through links (e.g. "items", "sales_order.items").',
        },
        rowNumbers: Type.Optional(Type.Boolean({ description: 'A first column 1, 2, 3… (default true).' })),
        columns: Type.Array(PrintColumnSchema, { minItems: 1, maxItems: 16 }),
        totals: Type.Optional(
          Type.Object(
            {
              label: Type.Optional(Label),
              perPage: Type.Optional(
                StringEnum(['subtotal', 'carry'], {
                  description:
                    'When the table runs over pages: "subtotal" ends each page with its own rows\' sums (本页小计); "carry" ends it with the sums so far (过次页) and opens the next with them (承上页).',
                }),
              ),
            },
            { additionalProperties: false, description: 'A totals row after the last row.' },
          ),
        ),
      },
      {
        additionalProperties: false,
        description: 'The line items: continues over pages and repeats its header on each page.',
      },
    ),
    Type.Object(
      {
        type: Type.Literal('amount'),
        field: { ...FieldPath, description: 'A money or number field (e.g. "total").' },
        label: Type.Optional(Label),
        capitals: Type.Optional(Type.Boolean({ description: 'In Chinese capitals, 大写 (default true).' })),
        figures: Type.Optional(Type.Boolean({ description: 'In figures, ¥12,345.67 (default true).' })),
      },
      { additionalProperties: false, description: 'An amount in figures and in Chinese capitals.' },
    ),
    Type.Object(
      {
        type: Type.Literal('signatures'),
        items: Type.Array(PrintSignatureSchema, { minItems: 1, maxItems: 6 }),
      },
      { additionalProperties: false, description: 'Lines to sign on, side by side.' },
    ),
    image(
      {
        align: Type.Optional(PrintAlign),
        overlay: Type.Optional(
          Type.Boolean({ description: 'Over the block before it, taking no room (a stamp).' }),
        ),
      },
      'A logo or a stamp.',
    ),
    barcode({ align: Type.Optional(PrintAlign) }, 'A QR code or barcode.'),
    Type.Object(
      { type: Type.Literal('spacer'), height: Millimetres('Height', 200) },
      { additionalProperties: false, description: 'Empty room.' },
    ),
  ],
  { description: 'A body block, told apart by `type`.' },
);
export type PrintBlock = Static<typeof PrintBlockSchema>;
