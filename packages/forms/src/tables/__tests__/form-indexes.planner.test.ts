import type { FieldDefinition, FormDefinition } from '@tessera/schema';
import { describe, expect, it } from 'vitest';
import { validateFormDefinition } from '../../model/form-definition.validator';
import { planFormChange } from '../form-change.planner';
import { formTableModel } from '../table-model.mapper';

const label = (en: string) => ({ en });
const options = (...values: string[]) => values.map((value) => ({ value, label: label(value) }));

const base: FormDefinition = {
  key: 'ticket',
  title: label('Ticket'),
  fields: [
    { id: 't1', key: 'title', type: 'text', label: label('Title'), maxLength: 200 },
    {
      id: 't2',
      key: 'status',
      type: 'single_select',
      label: label('Status'),
      options: options('open', 'done'),
    },
    { id: 't3', key: 'amount', type: 'money', label: label('Amount'), currency: 'CNY' },
    { id: 't4', key: 'due', type: 'date', label: label('Due') },
    { id: 't5', key: 'notes', type: 'long_text', label: label('Notes') },
    { id: 't6', key: 'account', type: 'link', label: label('Account'), form: 'account' },
    { id: 't7', key: 'tags', type: 'multi_select', label: label('Tags'), options: options('a', 'b') },
    { id: 't8', key: 'team', type: 'department', label: label('Team'), multiple: true },
  ],
};
const T = '"app_s"."ticket"';

const plan = (previous: FormDefinition, next: FormDefinition, existingIndexes?: ReadonlySet<string>) =>
  planFormChange({
    appKey: 's',
    previous,
    next,
    schemaExists: true,
    ...(existingIndexes ? { existingIndexes } : {}),
  });
const withField = (form: FormDefinition, id: string, props: Record<string, unknown>): FormDefinition => ({
  ...form,
  fields: form.fields.map((f) => (f.id === id ? ({ ...f, ...props } as FieldDefinition) : f)),
});
const statements = (p: ReturnType<typeof plan>) => p.actions.flatMap((a) => a.statements);

describe('indexes: what a new form gets', () => {
  it('creates the system indexes, `indexed` fields and composite indexes, ascending or descending', () => {
    const form: FormDefinition = {
      ...withField(base, 't4', { indexed: true }),
      indexes: [{ fields: ['status', '-amount', 'title'] }, { fields: ['account', '-created_at'] }],
    };
    const result = planFormChange({ appKey: 's', previous: null, next: form, schemaExists: true });
    expect(result.ok).toBe(true);
    const indexes = result.actions.filter((a) => a.kind === 'add_index');
    expect(indexes.flatMap((a) => a.statements)).toEqual([
      `CREATE INDEX "ticket__created_by__idx" ON ${T} ("created_by")`,
      `CREATE INDEX "ticket__created_at__idx" ON ${T} ("created_at")`,
      `CREATE INDEX "ticket__due__idx" ON ${T} ("due")`,
      `CREATE INDEX "ticket__account__idx" ON ${T} ("account")`,
      `CREATE INDEX "ticket__status__amount__title__idx" ON ${T} ("status", "amount" DESC, "title")`,
      `CREATE INDEX "ticket__account__created_at__idx" ON ${T} ("account", "created_at" DESC)`,
    ]);
    expect(indexes[4]?.description).toBe(
      'Create index ticket__status__amount__title__idx on status, amount DESC, title',
    );
  });

  it('derives deterministic names within Postgres’s 63 characters from long keys', () => {
    const long = (n: string) => `${n}_${'x'.repeat(40)}`;
    const form: FormDefinition = {
      key: `a_form_with_a_rather_long_key_${'y'.repeat(20)}`,
      title: label('Long'),
      fields: [
        { id: 'l1', key: long('first'), type: 'integer', label: label('1'), indexed: true },
        { id: 'l2', key: long('second'), type: 'date', label: label('2') },
      ],
      indexes: [{ fields: [long('first'), `-${long('second')}`] }],
    };
    const names = formTableModel('s', form).indexes.map((i) => i.name);
    expect(names.every((n) => n.length <= 63 && /^[a-z][a-z0-9_]*$/.test(n))).toBe(true);
    expect(new Set(names).size).toBe(names.length);
    expect(formTableModel('s', form).indexes.map((i) => i.name)).toEqual(names);
  });
});

describe('indexes: changing a published form', () => {
  const indexed = withField(base, 't4', { indexed: true });
  const composite: FormDefinition = { ...base, indexes: [{ fields: ['status', '-amount'] }] };

  it.each<[string, FormDefinition, FormDefinition, string[]]>([
    ['indexed: true → create', base, indexed, [`CREATE INDEX "ticket__due__idx" ON ${T} ("due")`]],
    ['indexed removed → drop', indexed, base, [`DROP INDEX "app_s"."ticket__due__idx"`]],
    [
      'indexed: false is no index',
      indexed,
      withField(base, 't4', { indexed: false }),
      [`DROP INDEX "app_s"."ticket__due__idx"`],
    ],
    [
      'composite added',
      base,
      composite,
      [`CREATE INDEX "ticket__status__amount__idx" ON ${T} ("status", "amount" DESC)`],
    ],
    ['composite removed', composite, base, [`DROP INDEX "app_s"."ticket__status__amount__idx"`]],
    [
      'direction changed → rebuilt',
      composite,
      { ...base, indexes: [{ fields: ['status', 'amount'] }] },
      [
        `DROP INDEX "app_s"."ticket__status__amount__idx"`,
        `CREATE INDEX "ticket__status__amount__idx" ON ${T} ("status", "amount")`,
      ],
    ],
    [
      'field renamed → index renamed (catalogue only)',
      { ...indexed, indexes: composite.indexes ?? [] },
      {
        ...withField(withField(base, 't4', { indexed: true, key: 'due_on' }), 't3', { key: 'total' }),
        indexes: [{ fields: ['status', '-total'] }],
      },
      [
        `ALTER TABLE ${T} RENAME COLUMN "amount" TO "total"`,
        `ALTER TABLE ${T} RENAME COLUMN "amount__currency" TO "total__currency"`,
        `ALTER TABLE ${T} RENAME COLUMN "due" TO "due_on"`,
        `ALTER TABLE ${T} RENAME CONSTRAINT "ticket__amount__currency__ck_currency" TO "ticket__total__currency__ck_currency"`,
        `ALTER INDEX "app_s"."ticket__due__idx" RENAME TO "ticket__due_on__idx"`,
        `ALTER INDEX "app_s"."ticket__status__amount__idx" RENAME TO "ticket__status__total__idx"`,
      ],
    ],
    ['unchanged → nothing', composite, composite, []],
  ])('%s', (_, previous, next, expected) => {
    const result = plan(previous, next);
    expect(result.refusals).toEqual([]);
    expect(statements(result)).toEqual(expected);
  });

  it('says an index reads every row but rewrites nothing', () => {
    const [action] = plan(base, indexed).actions;
    expect(action).toMatchObject({
      kind: 'add_index',
      rewritesTable: false,
      scansTable: true,
      fieldId: 't4',
    });
  });

  it('creates the indexes a table published by an older version lacks, and only those', () => {
    const model = formTableModel('s', base);
    const all = new Set([...model.indexes, ...model.children.flatMap((c) => c.indexes)].map((i) => i.name));
    expect(statements(plan(base, base, all))).toEqual([]);
    const legacy = new Set([...all].filter((n) => !n.startsWith('ticket__created_')));
    expect(statements(plan(base, base, legacy))).toEqual([
      `CREATE INDEX "ticket__created_by__idx" ON ${T} ("created_by")`,
      `CREATE INDEX "ticket__created_at__idx" ON ${T} ("created_at")`,
    ]);
    // A missing index that this version renames or drops: nothing to rename or drop.
    const renamed = withField(base, 't6', { key: 'customer' });
    const noLinkIndex = new Set([...all].filter((n) => n !== 'ticket__account__idx'));
    expect(statements(plan(base, renamed, noLinkIndex))).toContain(
      `CREATE INDEX "ticket__customer__idx" ON ${T} ("customer")`,
    );
    expect(statements(plan(base, renamed, noLinkIndex)).some((s) => s.startsWith('ALTER INDEX'))).toBe(false);
  });
});

describe('indexes: validation', () => {
  const errorsOf = (form: FormDefinition) => {
    const result = validateFormDefinition(form);
    return result.ok ? [] : result.errors.map((e) => `${e.path}: ${e.message}`);
  };

  it.each<[string, FormDefinition, string[]]>([
    [
      'unknown, system-only and unindexable fields',
      { ...base, indexes: [{ fields: ['nope', 'id', 'notes', 'tags', 'team', 'updated_at'] }] },
      [
        '/indexes/0/fields/0: "nope" is not a field of this form',
        '/indexes/0/fields/1: "id" is not a field of this form',
        '/indexes/0/fields/2: field "notes" (long_text) cannot be indexed',
        '/indexes/0/fields/3: field "tags" (multi_select) cannot be indexed',
        '/indexes/0/fields/4: field "team" (department) cannot be indexed',
      ],
    ],
    [
      'a field twice, the same fields twice, an index the table has already',
      {
        ...withField(base, 't4', { indexed: true }),
        indexes: [
          { fields: ['status', 'status'] },
          { fields: ['status', '-due'] },
          { fields: ['due', 'status'] },
          { fields: ['status', 'due'] },
          { fields: ['-due'] },
          { fields: ['account'] },
          { fields: ['created_by'] },
        ],
      },
      [
        '/indexes/0/fields/1: names "status" twice',
        '/indexes/3: indexes the same fields as /indexes/1',
        '/indexes/4: is not needed: index ticket__due__idx covers these fields already',
        '/indexes/5: is not needed: index ticket__account__idx covers these fields already',
        '/indexes/6: is not needed: index ticket__created_by__idx covers these fields already',
      ],
    ],
    [
      'indexed on a unique field or a list',
      withField(withField(base, 't1', { unique: true, indexed: true }), 't8', { indexed: true }),
      [
        '/fields/0/indexed: is not needed: a unique field is indexed already',
        '/fields/7/indexed: a field with multiple values cannot be indexed',
      ],
    ],
    [
      'a deleted field',
      { ...withField(base, 't4', { deleted: true }), indexes: [{ fields: ['due'] }] },
      ['/indexes/0/fields/0: field "due" is deleted'],
    ],
  ])('%s', (_, form, expected) => {
    expect(errorsOf(form)).toEqual(expected);
  });

  it('refuses `indexed` where the JSON Schema does not offer it, and "-" anywhere but first', () => {
    expect(errorsOf(withField(base, 't5', { indexed: true })).join('\n')).toMatch(/fields\/4/);
    expect(errorsOf({ ...base, indexes: [{ fields: ['status-'] }] }).join('\n')).toMatch(
      /indexes\/0\/fields\/0: must be a field key/,
    );
    expect(errorsOf({ ...base, indexes: [{ fields: [] }] })).not.toEqual([]);
  });

  it('refuses a publish whose indexes are invalid, before any DDL', () => {
    const result = plan(base, { ...base, indexes: [{ fields: ['notes'] }] });
    expect(result.ok).toBe(false);
    expect(result.actions).toEqual([]);
    expect(result.refusals[0]).toMatchObject({ code: 'invalid_definition' });
    expect(result.refusals[0]?.reason).toContain('cannot be indexed');
  });
});
