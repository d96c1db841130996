import type { FormDefinition } from '@tessera/schema';
import { openDatabase } from '@tessera/store';
import { createTestDatabase, type TestDatabase } from '@tessera/store/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFormService } from '../../form.service';
import { countRows, publishForms, recordEvents, records } from '../__fixtures__/records-test-kit';
import { countStatements } from '../__fixtures__/statement-counter';
import { RecordsError } from '../records.error';

const l = (en: string) => ({ en });
const product: FormDefinition = {
  key: 'product',
  title: l('Product'),
  fields: [
    { id: 'p1', key: 'name', type: 'text', label: l('Name'), required: true },
    { id: 'p2', key: 'unit', type: 'text', label: l('Unit') },
  ],
};
const ticket: FormDefinition = {
  key: 'ticket',
  title: l('Ticket'),
  fields: [
    { id: 't1', key: 'title', type: 'text', label: l('Title'), required: true, maxLength: 100 },
    { id: 't2', key: 'email', type: 'email', label: l('E-mail'), unique: true },
    { id: 't3', key: 'code', type: 'auto_number', label: l('Code'), pattern: 'T-{seq:4}' },
    { id: 't4', key: 'fee', type: 'money', label: l('Fee'), currency: 'CNY' },
    {
      id: 't5',
      key: 'lines',
      type: 'line_items',
      label: l('Lines'),
      fields: [
        { id: 'l1', key: 'line_no', type: 'auto_number', label: l('Line'), pattern: 'L{seq:3}' },
        { id: 'l2', key: 'product', type: 'link', label: l('Product'), form: 'product' },
        { id: 'l3', key: 'unit', type: 'lookup', label: l('Unit'), link: 'product', field: 'unit' },
        { id: 'l4', key: 'qty', type: 'integer', label: l('Qty') },
        {
          id: 'l5',
          key: 'double',
          type: 'formula',
          label: l('Double'),
          resultType: 'number',
          expression: { '*': [{ var: 'qty' }, 2] },
        },
      ],
    },
    {
      id: 't6',
      key: 'total_qty',
      type: 'formula',
      label: l('Total qty'),
      resultType: 'number',
      expression: { sum: [{ var: 'lines' }, { var: 'qty' }] },
    },
  ],
};

/** No rollups, links or row numbers: a create is one statement. */
const note: FormDefinition = {
  key: 'note',
  title: l('Note'),
  fields: [
    { id: 'n1', key: 'title', type: 'text', label: l('Title'), required: true, maxLength: 100 },
    { id: 'n2', key: 'code', type: 'auto_number', label: l('Code'), pattern: 'N-{seq:4}' },
    { id: 'n3', key: 'fee', type: 'money', label: l('Fee'), currency: 'CNY' },
    {
      id: 'n4',
      key: 'lines',
      type: 'line_items',
      label: l('Lines'),
      fields: [
        { id: 'm1', key: 'qty', type: 'integer', label: l('Qty') },
        {
          id: 'm2',
          key: 'double',
          type: 'formula',
          label: l('Double'),
          resultType: 'number',
          expression: { '*': [{ var: 'qty' }, 2] },
        },
      ],
    },
    {
      id: 'n5',
      key: 'total_qty',
      type: 'formula',
      label: l('Total qty'),
      resultType: 'number',
      expression: { sum: [{ var: 'lines' }, { var: 'qty' }] },
    },
  ],
};

let t: TestDatabase;
let bolt: string;
let nut: string;
beforeAll(async () => {
  t = await createTestDatabase();
  await publishForms(t.db, 'desk', [product, ticket, note]);
  [bolt, nut] = (
    await records(t.db).bulkCreate('desk', 'product', [
      { name: 'Bolt', unit: 'pcs' },
      { name: 'Nut', unit: 'box' },
    ])
  ).map((p) => p.id) as [string, string];
});
afterAll(async () => {
  await t?.close();
});

const statements = <T>(run: () => Promise<T>) => countStatements(t, run);

describe('round trips', () => {
  it('creates a record of a form without rollups in ONE statement, and returns it as stored', async () => {
    const svc = records(t.db);
    await svc.create('desk', 'note', { title: 'warm-up' }); // loads the runtime once
    const { result, count, texts } = await statements(() =>
      svc.create('desk', 'note', { title: 'One trip', fee: { amount: '9.9' }, lines: [{ qty: 2 }] }),
    );
    expect(count, texts.join('\n')).toBe(1);
    expect(result).toMatchObject({
      title: 'One trip',
      code: expect.stringMatching(/^N-\d{4}$/),
      fee: { amount: '9.90', currency: 'CNY' },
      total_qty: 2,
      lines: [{ qty: 2, double: 4 }],
    });
    expect(await svc.get('desk', 'note', result.id)).toEqual(result);
  });

  it('creates a chunk of 500 with a handful of statements, one event and one history row each, in order', async () => {
    const svc = records(t.db);
    const events = (await recordEvents(t.db)).length;
    const items = Array.from({ length: 500 }, (_, i) => ({ title: `Bulk ${i}`, fee: { amount: String(i) } }));
    const { result, count } = await statements(() => svc.bulkCreate('desk', 'note', items));
    expect(count).toBeLessThanOrEqual(2);
    expect(result.map((r) => r.title)).toEqual(items.map((i) => i.title));
    const numbers = result.map((r) => Number(String(r.code).slice(2)));
    expect(numbers).toEqual(numbers.map((_, i) => numbers[0]! + i)); // consecutive, in index order
    const queued = (await recordEvents(t.db)).slice(events);
    expect(queued.map((e) => e.recordId)).toEqual(result.map((r) => r.id));
    expect(queued[0]).toMatchObject({
      kind: 'created',
      changes: { code: { old: null, new: result[0]!.code } },
    });
    const history = await sql<{ n: number }>`select count(*)::int as n from tessera.record_history
      where record_id = any(${result.map((r) => r.id)}::uuid[]) and operation = 'created'`.execute(t.db);
    expect(history.rows[0]!.n).toBe(500);
  });

  it('names the item a database refusal comes from and writes nothing of the chunk', async () => {
    const before = await countRows(t.db, 'app_desk.ticket');
    const events = (await recordEvents(t.db)).length;
    const error = await records(t.db)
      .bulkCreate('desk', 'ticket', [
        { title: 'a', email: 'same@x.test' },
        { title: 'b' },
        { title: 'c', email: 'same@x.test' },
      ])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RecordsError);
    expect(error).toMatchObject({ index: 2, errors: [{ path: '[2].email', message: 'must be unique' }] });
    expect(await countRows(t.db, 'app_desk.ticket')).toBe(before);
    expect((await recordEvents(t.db)).length).toBe(events);
  });

  it('updates a chunk with one locked select and one statement; a stale item names its index', async () => {
    const svc = records(t.db);
    const made = await svc.bulkCreate(
      'desk',
      'ticket',
      Array.from({ length: 50 }, (_, i) => ({ title: `U${i}`, lines: [{ qty: 1 }] })),
    );
    const { result, count } = await statements(() =>
      svc.bulkUpdate(
        'desk',
        'ticket',
        made.map((r, i) => ({
          id: r.id,
          version: 1,
          values: i % 2 ? { title: `U${i}!` } : { lines: [{ qty: 3 }] },
        })),
      ),
    );
    // for 50 items: begin, runtime, locked select, row lookups, line numbers, savepoint, the write,
    // release, read back ×2, commit — a constant, not one per item
    expect(count).toBeLessThanOrEqual(11);
    expect(result.map((r) => r.version)).toEqual(made.map(() => 2));
    expect(result[0]).toMatchObject({ total_qty: 3, lines: [{ qty: 3, double: 6 }] });
    expect(result[1]).toMatchObject({ title: 'U1!', total_qty: 1 });
    const stale = await svc
      .bulkUpdate('desk', 'ticket', [
        { id: made[0]!.id, version: 2, values: { title: 'ok' } },
        { id: made[1]!.id, version: 1, values: { title: 'stale' } },
      ])
      .catch((e: unknown) => e);
    expect(stale).toMatchObject({ code: 'STALE_VERSION', index: 1 });
    expect((await svc.get('desk', 'ticket', made[0]!.id)).title).toBe('U0');
  });
});

describe('line items', () => {
  it('numbers rows, reads row lookups through the row link, and filters on rows and on currency', async () => {
    const svc = records(t.db);
    const a = await svc.create('desk', 'ticket', {
      title: 'Rows A',
      fee: { amount: '1', currency: 'USD' },
      lines: [
        { product: bolt, qty: 5 },
        { product: nut, qty: 1 },
      ],
    });
    const b = await svc.create('desk', 'ticket', { title: 'Rows B', lines: [{ product: nut, qty: 7 }] });
    expect(a.lines).toMatchObject([
      { unit: 'pcs', qty: 5 },
      { unit: 'box', qty: 1 },
    ]);
    const [first, second] = (a.lines as Array<{ line_no: string }>).map((r) => Number(r.line_no.slice(1)));
    expect(second).toBe(first! + 1);
    const titles = async (filter: unknown) =>
      (await svc.list('desk', 'ticket', { filter, limit: 500 })).items
        .map((r) => r.title)
        .filter((x) => String(x).startsWith('Rows'));
    const withBolt = { some: [{ var: 'lines' }, { '==': [{ var: 'product' }, bolt] }] };
    expect(await titles(withBolt)).toEqual(['Rows A']);
    expect(await titles({ none: [{ var: 'lines' }, { '==': [{ var: 'product' }, bolt] }] })).toEqual([
      'Rows B',
    ]);
    expect(await titles({ all: [{ var: 'lines' }, { '>=': [{ var: 'qty' }, 5] }] })).toEqual(['Rows B']);
    expect(await titles({ '==': [{ var: 'fee__currency' }, 'USD'] })).toEqual(['Rows A']);
    expect(b.id).toBeDefined();
  });
});

describe('runtime cache', () => {
  it('a second server process with a cached runtime validates against the newly published version', async () => {
    const other = await openDatabase({ url: t.connectionString, poolSize: 2 });
    try {
      const a = records(t.db);
      const b = records(other.db);
      await b.create('desk', 'product', { name: 'cached in b' }); // b caches version 1
      const forms = createFormService({ db: t.db, actor: { id: null }, clock: { now: () => new Date() } });
      const next: FormDefinition = {
        ...product,
        fields: [
          { id: 'p1', key: 'title', type: 'text', label: l('Title'), required: true },
          product.fields[1]!,
          { id: 'p3', key: 'sku', type: 'text', label: l('SKU'), required: true },
        ],
      };
      const draft = await forms.saveDraft('desk', next);
      if (!draft.ok) throw new Error(JSON.stringify(draft.errors));
      expect((await forms.publish('desk', 'product', draft.version)).ok).toBe(true);

      const refused = await b.create('desk', 'product', { name: 'old shape' }).catch((e: unknown) => e);
      expect(refused).toMatchObject({ code: 'RECORD_INVALID' });
      expect((refused as RecordsError).errors.map(({ path, message }) => ({ path, message }))).toEqual(
        expect.arrayContaining([
          { path: 'title', message: 'is required' },
          { path: 'sku', message: 'is required' },
        ]),
      );
      const fresh = await b.create('desk', 'product', { title: 'new shape', sku: 'S-1' });
      expect(fresh).toMatchObject({ title: 'new shape', sku: 'S-1' });
      expect(await a.get('desk', 'product', bolt)).toMatchObject({ title: 'Bolt', sku: null });
    } finally {
      await other.close();
    }
  });

  it('a first write naming a field added since the cache was built is not refused (publish by another handle)', async () => {
    const other = await openDatabase({ url: t.connectionString, poolSize: 2 });
    try {
      const b = records(other.db);
      const before = await b.list('desk', 'product');
      expect(before.items.length).toBeGreaterThan(0); // b caches the published version
      const forms = createFormService({ db: t.db, actor: { id: null }, clock: { now: () => new Date() } });
      const published = await forms.getPublished('desk', 'product');
      const current = published!.definition as FormDefinition;
      const next: FormDefinition = {
        ...current,
        fields: [...current.fields, { id: 'p9', key: 'colour', type: 'text', label: l('Colour') }],
      };
      const draft = await forms.saveDraft('desk', next);
      if (!draft.ok) throw new Error(JSON.stringify(draft.errors));
      expect((await forms.publish('desk', 'product', draft.version)).ok).toBe(true);

      // nothing else has touched b since: its very first write with the new field must pass
      const made = await b.create('desk', 'product', { title: 'Red bolt', sku: 'S-9', colour: 'red' });
      expect(made).toMatchObject({ title: 'Red bolt', colour: 'red' });
      const refused = await b
        .create('desk', 'product', { title: 'x', sku: 'S-10', shade: 'red' })
        .catch((e: unknown) => e);
      expect((refused as RecordsError).errors).toMatchObject([
        { path: 'shade', message: 'is not a field of this form', code: 'FIELD_UNKNOWN' },
      ]);
    } finally {
      await other.close();
    }
  });
});
