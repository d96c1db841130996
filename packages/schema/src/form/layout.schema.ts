import { type Static, Type } from '@sinclair/typebox';
import { Label, StableId } from '../common/index';

/** Widths are in a 24-column grid (24 = the full row, 12 = half), as antd's grid. */
export const LAYOUT_GRID_COLUMNS = 24;

/** One cell of a layout row: a field (by its stable id) and its width. */
export const LayoutCell = Type.Object(
  {
    field: { ...StableId, description: 'The id of the field shown in this cell.' },
    width: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: LAYOUT_GRID_COLUMNS,
        description: 'Width in a 24-column grid (default: the row is shared equally).',
      }),
    ),
  },
  { additionalProperties: false },
);

/** A row of cells, as the drag-and-drop designer writes it. */
export const LayoutRow = Type.Object(
  { fields: Type.Array(LayoutCell, { minItems: 1, description: 'Cells from left to right.' }) },
  { additionalProperties: false },
);

/** A titled group of rows. */
export const LayoutSection = Type.Object(
  {
    id: Type.Optional({ ...StableId, description: 'Stable id of the section (for the designer).' }),
    title: Type.Optional(Label),
    columns: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 4, description: 'Suggested number of columns on wide screens.' }),
    ),
    collapsed: Type.Optional(Type.Boolean({ description: 'Start collapsed.' })),
    rows: Type.Array(LayoutRow),
  },
  { additionalProperties: false },
);

/**
 * How the fields are arranged: sections of rows of field ids with widths. Fields that appear in
 * no row are shown after the last section, in definition order.
 */
export const FormLayout = Type.Object(
  { sections: Type.Array(LayoutSection, { description: 'Sections in display order.' }) },
  { additionalProperties: false, description: 'Sections of rows of fields (the designer canvas).' },
);
export type FormLayout = Static<typeof FormLayout>;
