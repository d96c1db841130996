import type { FieldDefinition, FormDefinition } from '@tessera/schema';
import { createTestDatabase, type TestDatabase } from '@tessera/store/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  columnsOf,
  constraintsOf,
  filenode,
  indexesOf,
  publishForm,
  testService,
} from '../../__fixtures__/forms-test-kit';
import type { FormService } from '../../form.service';

const label = (en: string) => ({ en });
const account: FormDefinition = {
  key: 'account',
  title: label('Account'),
  fields: [{ id: 'x1', key: 'name', type: 'text', label: label('Name') }],
};
const invoice: FormDefinition = {
  key: 'invoice',
  title: label('Invoice'),
  fields: [
    { id: 'v1', key: 'number', type: 'text', label: label('Number') },
    {
      id: 'v2',
      key: 'items',
      type: 'line_items',
      label: label('Items'),
      fields: [{ id: 'i1', key: 'sku', type: 'text', label: label('SKU') }],
    },
  ],
};

let t: TestDatabase;
let service: FormService;
let current = invoice;
beforeAll(async () => {
  t = await createTestDatabase();
  service = testService(t.db);
  await service.ensureApp('bill');
  await publishForm(service, 'bill', account);
  await publishForm(service, 'bill', invoice);
  await sql`insert into app_bill.invoice (number) select 'INV-' || (i % 500) from generate_series(1, 1000) i`.execute(
    t.db,
  );
  await sql`insert into app_bill.invoice__items (parent_id, position, sku) select id, 1, 'S' || number from app_bill.invoice`.execute(
    t.db,
  );
});
afterAll(async () => {
  await t?.close();
});

async function change(fields: FieldDefinition[]) {
  const draft = await service.saveDraft('bill', { ...current, fields });
  if (!draft.ok) throw new Error(JSON.stringify(draft.errors));
  const result = await service.publish('bill', 'invoice', draft.version);
  if (result.ok) current = result.plan.definition;
  else await service.discardDraft('bill', 'invoice');
  return result;
}
const live = () => current.fields.filter((f) => f.deleted !== true);

describe('line items and links evolve safely', () => {
  it('renames the line-items child table with its index and foreign key, without a rewrite', async () => {
    const before = await filenode(t.db, 'app_bill', 'invoice__items');
    const result = await change(live().map((f) => (f.id === 'v2' ? { ...f, key: 'lines' } : f)));
    expect(result.ok).toBe(true);
    expect(await filenode(t.db, 'app_bill', 'invoice__lines')).toBe(before);
    expect(Object.keys(await indexesOf(t.db, 'app_bill', 'invoice__lines'))).toContain(
      'invoice__lines__parent_id__idx',
    );
    expect(await constraintsOf(t.db, 'app_bill', 'invoice__lines')).toHaveProperty(
      'invoice__lines__parent_id__fk',
    );
    const rows = await sql`select 1 from app_bill.invoice__lines`.execute(t.db);
    expect(rows.rows).toHaveLength(1000);
  });

  it('adds a field inside line items and a link with its foreign key and index', async () => {
    const fields = live().map((f) =>
      f.type === 'line_items'
        ? {
            ...f,
            fields: [...f.fields, { id: 'i2', key: 'qty', type: 'integer' as const, label: label('Qty') }],
          }
        : f,
    );
    const result = await change([
      ...fields,
      {
        id: 'v3',
        key: 'account',
        type: 'link',
        label: label('Account'),
        form: 'account',
        onDelete: 'restrict',
      },
    ]);
    expect(result.ok).toBe(true);
    expect(await columnsOf(t.db, 'app_bill', 'invoice__lines')).toHaveProperty('qty', 'bigint');
    expect(await constraintsOf(t.db, 'app_bill', 'invoice')).toHaveProperty(
      'invoice__account__fk',
      'FOREIGN KEY (account) REFERENCES app_bill.account(id) ON DELETE RESTRICT',
    );
    expect(await indexesOf(t.db, 'app_bill', 'invoice')).toHaveProperty('invoice__account__idx');
  });

  it('refuses a unique rule while live records share values, listing them; ignores deleted records', async () => {
    const unique = () => live().map((f) => (f.id === 'v1' ? { ...f, unique: true } : f));
    const refused = await change(unique());
    expect(refused.ok).toBe(false);
    expect(refused.plan.refusals[0]).toMatchObject({ code: 'data_check_failed', fieldId: 'v1' });
    expect(refused.plan.refusals[0]?.offending?.[0]?.value).toMatch(/^INV-/);

    // soft-delete the second copy of every number: the partial unique index only covers live rows
    await sql`update app_bill.invoice set deleted_at = now() where id in (
      select id from (select id, row_number() over (partition by number order by id) as n from app_bill.invoice) d where n > 1)`.execute(
      t.db,
    );
    const accepted = await change(unique());
    expect(accepted.plan.refusals).toEqual([]);
    expect(await indexesOf(t.db, 'app_bill', 'invoice')).toHaveProperty('invoice__number__uq');
  });

  it('deletes line items by hiding the child table, and purges it only on request', async () => {
    const result = await change(live().filter((f) => f.id !== 'v2'));
    expect(result.plan.actions.map((a) => a.kind)).toContain('hide_table');
    expect(await columnsOf(t.db, 'app_bill', 'invoice__lines')).toHaveProperty('sku');
    const purge = await service.purgeField('bill', 'invoice', 'v2');
    expect(purge.actions.map((a) => a.kind)).toEqual(['drop_table']);
    const exists = await sql`select to_regclass('app_bill.invoice__lines') as r`.execute(t.db);
    expect(exists.rows[0]).toEqual({ r: null });
  });

  it('refuses a link to a form that is not published', async () => {
    const result = await change([
      ...live(),
      { id: 'v9', key: 'project', type: 'link', label: label('Project'), form: 'project' },
    ]);
    expect(result.ok).toBe(false);
    expect(result.plan.refusals[0]?.reason).toContain('not published');
  });

  it('publishes a draft exactly once when two admins publish it at the same time', async () => {
    const draft = await service.saveDraft('bill', {
      ...current,
      fields: [...live(), { id: 'v10', key: 'memo', type: 'text', label: label('Memo') }],
    });
    if (!draft.ok) throw new Error('draft refused');
    const outcomes = await Promise.allSettled([
      service.publish('bill', 'invoice', draft.version),
      service.publish('bill', 'invoice', draft.version),
    ]);
    const applied = outcomes.filter((o) => o.status === 'fulfilled' && o.value.ok);
    const rejected = outcomes.filter((o) => o.status === 'rejected');
    expect(applied).toHaveLength(1);
    expect(rejected.map((o) => (o as PromiseRejectedResult).reason.code)).toEqual(['VERSION_NOT_DRAFT']);
    expect((await service.getPublished('bill', 'invoice'))?.version).toBe(draft.version);
    expect(await columnsOf(t.db, 'app_bill', 'invoice')).toHaveProperty('memo', 'text');
  });
});
