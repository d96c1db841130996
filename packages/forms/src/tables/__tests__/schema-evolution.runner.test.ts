import type { FieldDefinition, FormDefinition } from '@tessera/schema';
import { createTestDatabase, type TestDatabase } from '@tessera/store/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { columnsOf, filenode, publishForm, testService } from '../../__fixtures__/forms-test-kit';
import type { FormService } from '../../form.service';

const ROWS = 100_000;
const label = (en: string) => ({ en });
const options = (...values: string[]) => values.map((value) => ({ value, label: label(value) }));

const base: FormDefinition = {
  key: 'ledger',
  title: label('Ledger'),
  fields: [
    { id: 'a1', key: 'title', type: 'text', label: label('Title'), maxLength: 20 },
    { id: 'a2', key: 'amount', type: 'integer', label: label('Amount') },
    {
      id: 'a3',
      key: 'status',
      type: 'single_select',
      label: label('Status'),
      options: options('open', 'closed'),
    },
    { id: 'a4', key: 'note', type: 'text', label: label('Note') },
    { id: 'a5', key: 'price', type: 'number', label: label('Price'), precision: 10, scale: 2 },
  ],
};

let t: TestDatabase;
let service: FormService;
let current: FormDefinition = base;

beforeAll(async () => {
  t = await createTestDatabase();
  service = testService(t.db);
  await service.ensureApp('books');
  await publishForm(service, 'books', base);
  await sql`insert into app_books.ledger (title, amount, status, note, price)
    select 'T' || i, i, case when i % 2 = 0 then 'open' else 'closed' end, i::text, i * 1.25
    from generate_series(1, ${ROWS}) as i`.execute(t.db);
});
afterAll(async () => {
  await t?.close();
});

/** Edits the current definition's fields and tries to publish; returns the result. */
async function change(edit: (fields: FieldDefinition[]) => FieldDefinition[]) {
  const next = { ...current, fields: edit(current.fields.map((f) => ({ ...f }))) };
  const draft = await service.saveDraft('books', next);
  if (!draft.ok) throw new Error(JSON.stringify(draft.errors));
  const result = await service.publish('books', 'ledger', draft.version);
  if (result.ok) current = result.plan.definition;
  return result;
}
const patch = (id: string, props: Record<string, unknown>) => (fields: FieldDefinition[]) =>
  fields.map((f) => (f.id === id ? ({ ...f, ...props } as FieldDefinition) : f));

async function count(where: ReturnType<typeof sql>) {
  const r = await sql<{
    n: string | number;
  }>`select count(*) as n from app_books.ledger where ${where}`.execute(t.db);
  return Number(r.rows[0]!.n);
}

describe(`schema evolution on ${ROWS} rows`, () => {
  const catalogueOnly: Array<[string, (fields: FieldDefinition[]) => FieldDefinition[], string]> = [
    [
      'add a field',
      (fields) => [...fields, { id: 'a6', key: 'phone', type: 'phone', label: label('Phone') }],
      'add_column',
    ],
    ['rename a field', patch('a1', { key: 'name' }), 'rename_column'],
    ['widen varchar(20) to varchar(40)', patch('a1', { maxLength: 40 }), 'widen_column'],
    ['widen numeric(10,2) to numeric(14,2)', patch('a5', { precision: 14 }), 'widen_column'],
    ['add an option', patch('a3', { options: options('open', 'closed', 'void') }), 'add_check'],
    ['delete (hide) a field', (fields) => fields.filter((f) => f.id !== 'a2'), 'hide_field'],
  ];
  it.each(catalogueOnly)('%s without rewriting the table', async (_name, edit, kind) => {
    const before = await filenode(t.db, 'app_books', 'ledger');
    const result = await change(edit);
    expect(result.plan.refusals).toEqual([]);
    expect(result.plan.actions.map((a) => a.kind)).toContain(kind);
    expect(result.plan.actions.every((a) => !a.rewritesTable)).toBe(true);
    expect(await filenode(t.db, 'app_books', 'ledger')).toBe(before);
  });

  it('kept every value through the renames and the delete', async () => {
    expect(await count(sql`name = 'T' || amount::text`)).toBe(ROWS);
    const deleted = current.fields.find((f) => f.id === 'a2');
    expect(deleted).toMatchObject({ key: 'amount', deleted: true });
    expect(await columnsOf(t.db, 'app_books', 'ledger')).toMatchObject({
      amount: 'bigint',
      name: 'character varying(40)',
    });
  });

  it('refuses an option removal that existing rows use, naming them, and changes nothing', async () => {
    const before = await filenode(t.db, 'app_books', 'ledger');
    const published = await service.getPublished('books', 'ledger');
    const result = await change(patch('a3', { options: options('open', 'void') }));
    expect(result.ok).toBe(false);
    const refusal = result.plan.refusals[0]!;
    expect(refusal.code).toBe('data_check_failed');
    expect(refusal.fieldId).toBe('a3');
    expect(refusal.offending).toHaveLength(20);
    expect(refusal.offending!.every((row) => row.value === 'closed')).toBe(true);
    expect(await filenode(t.db, 'app_books', 'ledger')).toBe(before);
    expect((await service.getPublished('books', 'ledger'))?.version).toBe(published?.version);
    expect(await count(sql`status = 'closed'`)).toBe(ROWS / 2);
  });

  it('refuses a type change that one row cannot survive, naming it', async () => {
    await sql`update app_books.ledger set note = 'n/a' where amount = 77`.execute(t.db);
    const before = await filenode(t.db, 'app_books', 'ledger');
    const result = await change(patch('a4', { type: 'integer' }));
    expect(result.ok).toBe(false);
    expect(result.plan.refusals).toEqual([
      expect.objectContaining({
        code: 'data_check_failed',
        fieldId: 'a4',
        offending: [{ id: expect.any(String), value: 'n/a' }],
      }),
    ]);
    expect(await filenode(t.db, 'app_books', 'ledger')).toBe(before);
    expect(await columnsOf(t.db, 'app_books', 'ledger')).toMatchObject({ note: 'text' });
  });

  it('converts the type once the data allows it (a rewrite, announced in the plan)', async () => {
    await sql`update app_books.ledger set note = '77' where amount = 77`.execute(t.db);
    const before = await filenode(t.db, 'app_books', 'ledger');
    const result = await change(patch('a4', { type: 'integer' }));
    expect(result.plan.refusals).toEqual([]);
    expect(result.plan.actions).toEqual([
      expect.objectContaining({ kind: 'change_column_type', rewritesTable: true }),
    ]);
    expect(await filenode(t.db, 'app_books', 'ledger')).not.toBe(before);
    expect(await count(sql`note = amount`)).toBe(ROWS);
  });

  it('requires a field: NOT NULL when every row has a value, otherwise a notice and validation only', async () => {
    const filled = await change(patch('a3', { required: true }));
    expect(filled.plan.refusals).toEqual([]);
    expect(filled.plan.actions.map((a) => a.kind)).toEqual(['set_not_null']);
    expect(await columnsOf(t.db, 'app_books', 'ledger')).toMatchObject({ status: 'text not null' });

    const empty = await change(patch('a6', { required: true }));
    expect(empty.ok).toBe(true);
    expect(empty.plan.actions).toEqual([]);
    expect(empty.plan.notices).toEqual([
      expect.objectContaining({
        fieldId: 'a6',
        message: expect.stringContaining('required for new and edited records only'),
      }),
    ]);
    expect(empty.plan.notices[0]?.offending).toHaveLength(20);
    expect(await columnsOf(t.db, 'app_books', 'ledger')).toMatchObject({ phone: 'text' });
    expect(current.fields.find((f) => f.id === 'a6')).toMatchObject({ required: true });
  });

  it('adds a new required field to a populated table without refusing it', async () => {
    const before = await filenode(t.db, 'app_books', 'ledger');
    const result = await change((fields) => [
      ...fields,
      { id: 'a7', key: 'region', type: 'text', label: label('Region'), required: true },
    ]);
    expect(result.ok).toBe(true);
    expect(result.plan.actions.map((a) => a.kind)).toEqual(['add_column']);
    expect(result.plan.notices).toHaveLength(1);
    expect(await filenode(t.db, 'app_books', 'ledger')).toBe(before);
  });

  it('purges a deleted field only when asked, dropping its column', async () => {
    expect(await service.saveDraft('books', current)).toMatchObject({ ok: true });
    await expect(service.purgeField('books', 'ledger', 'a2')).rejects.toMatchObject({
      code: 'PUBLISH_CONFLICT',
    });
    expect(await service.discardDraft('books', 'ledger')).toBe(true);
    await expect(service.purgeField('books', 'ledger', 'a1')).rejects.toMatchObject({
      code: 'FIELD_NOT_DELETED',
    });
    const result = await service.purgeField('books', 'ledger', 'a2');
    expect(result.actions.map((a) => a.kind)).toEqual(['drop_column']);
    expect(await columnsOf(t.db, 'app_books', 'ledger')).not.toHaveProperty('amount');
    const published = await service.getPublished('books', 'ledger');
    expect(published?.definition.fields.map((f) => f.id)).not.toContain('a2');
  });
});
