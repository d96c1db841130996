import type { FieldDefinition, FormDefinition } from '@tessera/schema';
import { describe, expect, it } from 'vitest';
import { planFormChange } from '../form-change.planner';

const label = (en: string) => ({ en });
const options = (...values: string[]) => values.map((value) => ({ value, label: label(value) }));

const base: FormDefinition = {
  key: 'deal',
  title: label('Deal'),
  fields: [
    { id: 'd1', key: 'title', type: 'text', label: label('Title'), maxLength: 50 },
    { id: 'd2', key: 'stage', type: 'single_select', label: label('Stage'), options: options('lead', 'won') },
    { id: 'd3', key: 'amount', type: 'number', label: label('Amount'), precision: 12, scale: 2 },
    { id: 'd4', key: 'qty', type: 'integer', label: label('Qty') },
    { id: 'd5', key: 'memo', type: 'text', label: label('Memo') },
    {
      id: 'd6',
      key: 'items',
      type: 'line_items',
      label: label('Items'),
      fields: [{ id: 'i1', key: 'sku', type: 'text', label: label('SKU') }],
    },
  ],
};
const T = '"app_s"."deal"';

type Edit = (fields: FieldDefinition[]) => FieldDefinition[];
const patch =
  (id: string, props: Record<string, unknown>): Edit =>
  (fields) =>
    fields.map((f) => (f.id === id ? ({ ...f, ...props } as FieldDefinition) : f));
const plan = (edit: Edit, formPatch: Partial<FormDefinition> = {}) =>
  planFormChange({
    appKey: 's',
    previous: base,
    next: { ...base, ...formPatch, fields: edit(base.fields.map((f) => ({ ...f }))) },
    schemaExists: true,
  });

describe('planFormChange: exact actions per edit', () => {
  const cases: Array<[string, Edit, Array<{ kind: string; statements: string[]; rewritesTable?: boolean }>]> =
    [
      ['no change', (f) => f, []],
      ['label only', patch('d1', { label: label('Name') }), []],
      [
        'add a field',
        (f) => [...f, { id: 'd9', key: 'email', type: 'email', label: label('E-mail') }],
        [
          {
            kind: 'add_column',
            statements: [`ALTER TABLE ${T} ADD COLUMN "email" text`],
            rewritesTable: false,
          },
        ],
      ],
      [
        'rename a field',
        patch('d2', { key: 'phase' }),
        [
          {
            kind: 'rename_column',
            statements: [`ALTER TABLE ${T} RENAME COLUMN "stage" TO "phase"`],
            rewritesTable: false,
          },
          {
            kind: 'rename_constraint',
            statements: [
              `ALTER TABLE ${T} RENAME CONSTRAINT "deal__stage__ck_options" TO "deal__phase__ck_options"`,
            ],
          },
        ],
      ],
      [
        'delete a field (left out)',
        (f) => f.filter((x) => x.id !== 'd5'),
        [{ kind: 'hide_field', statements: [] }],
      ],
      [
        'widen varchar',
        patch('d1', { maxLength: 80 }),
        [
          {
            kind: 'widen_column',
            statements: [`ALTER TABLE ${T} ALTER COLUMN "title" TYPE varchar(80)`],
            rewritesTable: false,
          },
        ],
      ],
      [
        'text to long text',
        patch('d1', { type: 'long_text' }),
        [
          {
            kind: 'widen_column',
            statements: [`ALTER TABLE ${T} ALTER COLUMN "title" TYPE text`],
            rewritesTable: false,
          },
          // the length limit moves from varchar(50) to a check
          {
            kind: 'add_check',
            statements: [
              `ALTER TABLE ${T} ADD CONSTRAINT "deal__title__ck_length" CHECK (char_length("title") <= 50)`,
            ],
          },
        ],
      ],
      [
        'integer to number',
        patch('d4', { type: 'number' }),
        [
          {
            kind: 'change_column_type',
            statements: [`ALTER TABLE ${T} ALTER COLUMN "qty" TYPE numeric USING "qty"::numeric`],
            rewritesTable: true,
          },
        ],
      ],
      [
        'change options',
        patch('d2', { options: options('lead', 'lost') }),
        [
          { kind: 'drop_check', statements: [`ALTER TABLE ${T} DROP CONSTRAINT "deal__stage__ck_options"`] },
          {
            kind: 'add_check',
            statements: [
              `ALTER TABLE ${T} ADD CONSTRAINT "deal__stage__ck_options" CHECK ("stage" IN ('lead', 'lost'))`,
            ],
          },
        ],
      ],
      [
        'add a range',
        patch('d4', { min: 0 }),
        [
          {
            kind: 'add_check',
            statements: [`ALTER TABLE ${T} ADD CONSTRAINT "deal__qty__ck_range" CHECK ("qty" >= 0)`],
          },
        ],
      ],
      [
        'make unique',
        patch('d1', { unique: true }),
        [
          {
            kind: 'add_index',
            statements: [
              `CREATE UNIQUE INDEX "deal__title__uq" ON ${T} ("title") WHERE "deleted_at" IS NULL`,
            ],
          },
        ],
      ],
      [
        'require a field',
        patch('d5', { required: true }),
        [
          {
            kind: 'set_not_null',
            statements: [`ALTER TABLE ${T} ALTER COLUMN "memo" SET NOT NULL`],
            rewritesTable: false,
          },
        ],
      ],
      [
        'rename line items',
        patch('d6', { key: 'lines' }),
        [
          { kind: 'rename_table', statements: [`ALTER TABLE "app_s"."deal__items" RENAME TO "deal__lines"`] },
          {
            kind: 'rename_index',
            statements: [
              `ALTER INDEX "app_s"."deal__items__parent_id__idx" RENAME TO "deal__lines__parent_id__idx"`,
            ],
          },
          {
            kind: 'rename_constraint',
            statements: [
              `ALTER TABLE "app_s"."deal__lines" RENAME CONSTRAINT "deal__items__parent_id__fk" TO "deal__lines__parent_id__fk"`,
            ],
          },
        ],
      ],
      [
        'delete line items',
        (f) => f.filter((x) => x.id !== 'd6'),
        [
          { kind: 'hide_table', statements: [] },
          { kind: 'hide_field', statements: [] },
        ],
      ],
      [
        'add a line-item field',
        (f) =>
          f.map((x) =>
            x.type === 'line_items'
              ? {
                  ...x,
                  fields: [...x.fields, { id: 'i2', key: 'qty', type: 'integer', label: label('Qty') }],
                }
              : x,
          ),
        [{ kind: 'add_column', statements: [`ALTER TABLE "app_s"."deal__items" ADD COLUMN "qty" bigint`] }],
      ],
    ];
  it.each(cases)('%s', (_name, edit, expected) => {
    const result = plan(edit);
    expect(result.refusals).toEqual([]);
    expect(
      result.actions.map((a) => ({
        kind: a.kind,
        statements: [...a.statements],
        rewritesTable: a.rewritesTable,
      })),
    ).toEqual(expected.map((e) => ({ rewritesTable: false, ...e })));
  });
});

describe('planFormChange: data checks', () => {
  it.each([
    [
      'option removal',
      patch('d2', { options: options('lead') }),
      `WHERE s."v" IS NOT NULL AND (NOT ("v" IN ('lead')))`,
    ],
    [
      'shrink varchar',
      patch('d1', { maxLength: 10 }),
      `WHERE "title" IS NOT NULL AND (char_length("title"::text) > 10)`,
    ],
    ['text to integer', patch('d5', { type: 'integer' }), `NOT ("memo" ~ '^(0|-?[1-9][0-9]{0,17})$')`],
    [
      'number to integer',
      (f: FieldDefinition[]) =>
        f.map((x) =>
          x.id === 'd3'
            ? ({ id: 'd3', key: 'amount', type: 'integer', label: x.label } as FieldDefinition)
            : x,
        ),
      `"amount" <> trunc("amount")`,
    ],
    ['require a field', patch('d5', { required: true }), `WHERE "memo" IS NULL`],
  ])('%s is checked against the data first', (_name, edit, fragment) => {
    const result = plan(edit);
    expect(result.ok).toBe(true);
    const checks = result.actions.flatMap((a) => (a.dataCheck ? [a.dataCheck.sql] : []));
    expect(checks.join('\n')).toContain(fragment);
  });
});

describe('planFormChange: refusals', () => {
  it.each([
    ['a form key change', (f: FieldDefinition[]) => f, { key: 'deals' }, 'form_key_changed'],
    ['text to date', patch('d5', { type: 'date' }), {}, 'unsupported_type_change'],
    [
      'a field becoming a formula',
      patch('d4', { type: 'formula', resultType: 'integer', expression: { var: 'x' } }),
      {},
      'unsupported_type_change',
    ],
    ['text to link', patch('d5', { type: 'link', form: 'other' }), {}, 'unsupported_type_change'],
    ['a reserved key', patch('d5', { key: 'version' }), {}, 'invalid_definition'],
    ['a key with "__"', patch('d5', { key: 'a__b' }), {}, 'invalid_definition'],
    ['a duplicate key', patch('d5', { key: 'title' }), {}, 'invalid_definition'],
    [
      'a rename cycle',
      (f: FieldDefinition[]) => patch('d1', { key: 'memo' })(patch('d5', { key: 'title' })(f)),
      {},
      'key_in_use',
    ],
  ] as const)('refuses %s', (_name, edit, formPatch, code) => {
    const result = plan(edit as Edit, formPatch as Partial<FormDefinition>);
    expect(result.ok).toBe(false);
    expect(result.refusals.map((r) => r.code)).toContain(code);
  });

  it('orders a rename chain so no name is taken twice', () => {
    const result = plan((f) => patch('d1', { key: 'headline' })(patch('d5', { key: 'title' })(f)));
    expect(result.refusals).toEqual([]);
    expect(result.actions.filter((a) => a.kind === 'rename_column').flatMap((a) => a.statements)).toEqual([
      `ALTER TABLE ${T} RENAME COLUMN "title" TO "headline"`,
      `ALTER TABLE ${T} RENAME COLUMN "memo" TO "title"`,
    ]);
  });

  it('carries a left-out field over as deleted and refuses a new field reusing its key', () => {
    const result = plan((f) => [
      ...f.filter((x) => x.id !== 'd5'),
      { id: 'd10', key: 'memo', type: 'text', label: label('Memo 2') },
    ]);
    expect(result.ok).toBe(false);
    expect(result.refusals[0]?.reason).toContain('duplicate field key "memo"');
  });
});

describe('planFormChange: a new form', () => {
  it('creates the schema, the table, then indexes and foreign keys', () => {
    const result = planFormChange({ appKey: 's', previous: null, next: base, schemaExists: false });
    expect(result.actions.map((a) => `${a.kind} ${a.table}`)).toEqual([
      'create_schema app_s',
      'create_table app_s.deal',
      'create_table app_s.deal__items',
      'add_index app_s.deal',
      'add_index app_s.deal',
      'add_index app_s.deal__items',
      'add_foreign_key app_s.deal__items',
    ]);
    expect(result.actions.every((a) => a.description.length > 10)).toBe(true);
  });

  it('names the CHECK constraints its CREATE TABLE adds', () => {
    const ranged: FormDefinition = {
      ...base,
      fields: base.fields.map((f) => (f.id === 'd3' ? ({ ...f, min: 0 } as FieldDefinition) : f)),
    };
    const result = planFormChange({ appKey: 's', previous: null, next: ranged, schemaExists: false });
    const create = result.actions.find((a) => a.kind === 'create_table' && a.table === 'app_s.deal')!;
    expect(create.statements[0]).toContain('CHECK ("stage" IN');
    expect(create.statements[0]).toContain('CHECK ("amount" >= 0)');
    expect(create.description).toContain('; checks deal__stage__ck_options (stage is one of lead, won)');
    expect(create.description).toContain('deal__amount__ck_range (amount between 0 and ∞)');
  });
});

describe('planFormChange: links, money and restoring deleted fields', () => {
  const withExtras: FormDefinition = {
    ...base,
    fields: [
      ...base.fields,
      { id: 'd7', key: 'account', type: 'link', label: label('Account'), form: 'account' },
      { id: 'd8', key: 'fee', type: 'money', label: label('Fee'), currency: 'CNY' },
      { id: 'd9', key: 'old_note', type: 'text', label: label('Old note'), deleted: true },
    ],
  };
  const planExtras = (edit: Edit) =>
    planFormChange({
      appKey: 's',
      previous: withExtras,
      next: { ...withExtras, fields: edit(withExtras.fields.map((f) => ({ ...f }))) },
      schemaExists: true,
    });

  it.each<[string, Edit, string[]]>([
    [
      'a new delete policy replaces the foreign key',
      patch('d7', { onDelete: 'cascade' }),
      [
        `ALTER TABLE ${T} DROP CONSTRAINT "deal__account__fk"`,
        `ALTER TABLE ${T} ADD CONSTRAINT "deal__account__fk" FOREIGN KEY ("account") REFERENCES "app_s"."account" ("id") ON DELETE CASCADE`,
      ],
    ],
    [
      'a money scale increase converts the amount (overflow-checked)',
      patch('d8', { scale: 4 }),
      [`ALTER TABLE ${T} ALTER COLUMN "fee" TYPE numeric(18, 4) USING "fee"::numeric(18, 4)`],
    ],
    ['restoring a deleted field keeps its column', patch('d9', { deleted: false }), []],
    [
      'renaming money renames both columns and the currency check',
      patch('d8', { key: 'charge' }),
      [
        `ALTER TABLE ${T} RENAME COLUMN "fee" TO "charge"`,
        `ALTER TABLE ${T} RENAME COLUMN "fee__currency" TO "charge__currency"`,
        `ALTER TABLE ${T} RENAME CONSTRAINT "deal__fee__currency__ck_currency" TO "deal__charge__currency__ck_currency"`,
      ],
    ],
  ])('%s', (_name, edit, statements) => {
    const result = planExtras(edit);
    expect(result.refusals).toEqual([]);
    expect(result.actions.flatMap((a) => a.statements)).toEqual(statements);
  });

  it('says "restore" for a deleted field brought back', () => {
    expect(planExtras(patch('d9', { deleted: false })).actions.map((a) => a.kind)).toEqual(['restore_field']);
  });

  it('refuses retargeting a link and turning a number into money', () => {
    expect(planExtras(patch('d7', { form: 'vendor' })).refusals[0]?.code).toBe('unsupported_type_change');
    const toMoney = planExtras((f) =>
      f.map((x) =>
        x.id === 'd3'
          ? ({ id: 'd3', key: 'amount', type: 'money', currency: 'CNY', label: x.label } as FieldDefinition)
          : x,
      ),
    );
    expect(toMoney.refusals[0]?.code).toBe('unsupported_type_change');
  });
});
