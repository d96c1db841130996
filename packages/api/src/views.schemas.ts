import { type Static, Type } from '@sinclair/typebox';
import { engineChecked } from './engine-checked';
import { FieldValueRef } from './values.schemas';

const Key = Type.String({ pattern: '^[a-z][a-z0-9_]{0,62}$', description: 'A key (lower snake case).' });
const Uuid = Type.String({ format: 'uuid' });

export const ViewsParams = Type.Object({ app: Key, form: Key });
export const ViewParams = Type.Object({ app: Key, form: Key, id: Uuid });

/** A filter operand: documented as a field value, typed `unknown` (what an editor produced). */
const FilterOperand = Type.Unsafe<unknown>(engineChecked(FieldValueRef));

/** A view's name as the switcher shows it: one line, no control characters. */
const Name = Type.String({
  minLength: 1,
  maxLength: 80,
  pattern: '^[^\\u0000-\\u001f\\u007f]*\\S[^\\u0000-\\u001f\\u007f]*$',
});

/** What a list shows — the web app's list settings, checked by ajv before they are stored. */
export const ViewSettings = Type.Object(
  {
    columns: Type.Optional(
      Type.Array(
        Type.Object(
          { key: Key, width: Type.Integer({ minimum: 40, maximum: 2000 }) },
          { additionalProperties: false },
        ),
        { maxItems: 300 },
      ),
    ),
    filter: Type.Optional(
      Type.Object(
        {
          match: Type.Union([Type.Literal('all'), Type.Literal('any')]),
          conditions: Type.Array(
            Type.Object(
              {
                field: Key,
                op: Type.String({ pattern: '^[a-z_]{1,32}$' }),
                // the operand(s) of `op` as the field's editor gives them; the filter compiler checks them
                value: Type.Optional(FilterOperand),
                value2: Type.Optional(FilterOperand),
              },
              { additionalProperties: false },
            ),
            { maxItems: 50 },
          ),
        },
        { additionalProperties: false },
      ),
    ),
    sort: Type.Optional(
      Type.Union([
        Type.Object({ key: Key, desc: Type.Boolean() }, { additionalProperties: false }),
        Type.Null(),
      ]),
    ),
    q: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type ViewSettings = Static<typeof ViewSettings>;

export const ViewIn = Type.Object(
  {
    name: Name,
    shared: Type.Optional(
      Type.Boolean({ description: 'Seen by everyone who may read the form (needs design).' }),
    ),
    settings: ViewSettings,
  },
  { additionalProperties: false },
);

export const ViewPatch = Type.Object(
  {
    version: Type.Integer({ minimum: 1, description: 'The version read (stale → 409).' }),
    name: Type.Optional(Name),
    shared: Type.Optional(Type.Boolean()),
    settings: Type.Optional(ViewSettings),
  },
  { additionalProperties: false },
);

export const ViewOut = Type.Object({
  id: Type.String(),
  name: Type.String(),
  shared: Type.Boolean(),
  settings: ViewSettings,
  version: Type.Integer(),
  owner: Type.Object({ id: Type.String(), displayName: Type.String() }),
  /** The caller saved it. */
  mine: Type.Boolean(),
  /** The caller may rename, overwrite or delete it (its owner, or one who may share views). */
  editable: Type.Boolean(),
  updatedAt: Type.String(),
});

export const ViewList = Type.Object({
  items: Type.Array(ViewOut),
  /** The caller may share views of this form (the form's design permission). */
  canShare: Type.Boolean(),
});

export type ViewIn = Static<typeof ViewIn>;
export type ViewPatch = Static<typeof ViewPatch>;
export type ViewOut = Static<typeof ViewOut>;
export type ViewList = Static<typeof ViewList>;
