import type { FormDefinition } from '@tessera/schema';
import { createTestDatabase, type TestDatabase } from '@tessera/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFormService } from '../../form.service';
import { NOW, publishForms, records } from '../__fixtures__/records-test-kit';
import { RecordsError } from '../records.error';

/**
 * `defaultFrom`: a quote line's unit price is its product's list price unless the writer gives
 * one — on create, on a line a PATCH sends without it, and on the quote itself when a PATCH picks
 * another product; never over a value the writer sent (a typed price, or an explicit null).
 */

const label = (en: string) => ({ en });
const product: FormDefinition = {
  key: 'product',
  title: label('Product'),
  fields: [
    { id: 'p1', key: 'name', type: 'text', label: label('Name'), required: true },
    { id: 'p2', key: 'list_price', type: 'money', label: label('List price'), currency: 'CNY' },
  ],
  titleField: 'p1',
};
const price = (id: string) => ({
  id,
  key: 'unit_price',
  type: 'money' as const,
  label: label('Unit price'),
  currency: 'CNY',
  required: true,
  defaultFrom: { link: 'product', field: 'list_price' },
});
const quote: FormDefinition = {
  key: 'quote',
  title: label('Quote'),
  fields: [
    { id: 'q1', key: 'product', type: 'link', label: label('Headline product'), form: 'product' },
    { ...price('q2'), required: false },
    {
      id: 'q3',
      key: 'items',
      type: 'line_items',
      label: label('Items'),
      fields: [
        { id: 'i1', key: 'product', type: 'link', label: label('Product'), form: 'product', required: true },
        { id: 'i2', key: 'quantity', type: 'integer', label: label('Quantity'), required: true },
        price('i3'),
      ],
    },
  ],
};

let t: TestDatabase;
const ids = {} as Record<'pump' | 'valve', string>;
const cny = (amount: string) => ({ amount, currency: 'CNY' });

beforeAll(async () => {
  t = await createTestDatabase();
  await publishForms(t.db, 'shop', [product, quote]);
  const svc = records(t.db);
  ids.pump = (await svc.create('shop', 'product', { name: 'Pump', list_price: { amount: '6200.00' } })).id;
  ids.valve = (await svc.create('shop', 'product', { name: 'Valve', list_price: { amount: '85.50' } })).id;
});
afterAll(async () => {
  await t?.close();
});

async function refusal(promise: Promise<unknown>): Promise<RecordsError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof RecordsError)) throw new Error(`expected a RecordsError, got ${String(error)}`);
  return error;
}

describe('a value taken from the linked record', () => {
  it("fills a line's left-out unit price from its product; a price the writer gives is kept", async () => {
    const created = await records(t.db).create('shop', 'quote', {
      items: [
        { product: ids.pump, quantity: 2 },
        { product: ids.valve, quantity: 10, unit_price: { amount: '80.00' } },
      ],
    });
    expect(created.items).toMatchObject([
      { product: ids.pump, unit_price: cny('6200.00') },
      { product: ids.valve, unit_price: cny('80.00') },
    ]);
  });

  it('an explicit null is the writer’s: not filled, so a required price is reported', async () => {
    const error = await refusal(
      records(t.db).create('shop', 'quote', {
        items: [{ product: ids.pump, quantity: 1, unit_price: null }],
      }),
    );
    expect(error.errors).toEqual([
      { path: 'items[0].unit_price', message: 'is required', code: 'FIELD_REQUIRED', params: {} },
    ]);
  });

  it('bulk creates and validateCreate fill the same way, one read for the lot', async () => {
    const svc = records(t.db);
    const items = [ids.valve, ids.pump].map((p) => ({ items: [{ product: p, quantity: 1 }] }));
    expect(await svc.validateCreate('shop', 'quote', items)).toEqual([]);
    const made = await svc.bulkCreate('shop', 'quote', items);
    expect(made.map((q) => (q.items as any[])[0].unit_price)).toEqual([cny('85.50'), cny('6200.00')]);
  });

  it('on an update: rows sent without a price are filled; the quote’s own price only when its product changes', async () => {
    const svc = records(t.db);
    const created = await svc.create('shop', 'quote', {
      product: ids.pump,
      items: [{ product: ids.pump, quantity: 1 }],
    });
    expect(created.unit_price).toEqual(cny('6200.00'));
    const typed = await svc.update('shop', 'quote', created.id, created.version, {
      unit_price: { amount: '5999.00' },
    });
    // re-sending the same product (a client PATCHing what it read) resets nothing
    const same = await svc.update('shop', 'quote', created.id, typed.version, {
      product: ids.pump,
      items: [{ product: ids.valve, quantity: 3 }],
    });
    expect(same.unit_price).toEqual(cny('5999.00'));
    expect(same.items).toMatchObject([{ product: ids.valve, quantity: 3, unit_price: cny('85.50') }]);
    const other = await svc.update('shop', 'quote', created.id, same.version, { product: ids.valve });
    expect(other.unit_price).toEqual(cny('85.50'));
  });

  it('a price the product does not have fills nothing', async () => {
    const bare = await records(t.db).create('shop', 'product', { name: 'Spare part' });
    const error = await refusal(
      records(t.db).create('shop', 'quote', { items: [{ product: bare.id, quantity: 1 }] }),
    );
    expect(error.errors).toEqual([
      { path: 'items[0].unit_price', message: 'is required', code: 'FIELD_REQUIRED', params: {} },
    ]);
  });

  it('a publish refuses defaultFrom through a field that is not a link', async () => {
    const forms = createFormService({ db: t.db, actor: { id: null }, clock: { now: () => NOW } });
    const draft = await forms.saveDraft('shop', {
      ...quote,
      key: 'quote_bad',
      fields: [
        { id: 'b1', key: 'name', type: 'text', label: label('Name') },
        { ...price('b2'), defaultFrom: { link: 'name', field: 'list_price' } },
      ],
    });
    expect(draft.ok).toBe(false);
    expect(draft.ok === false && draft.errors).toEqual([
      { path: '/fields/1/defaultFrom/link', message: '"name" is not a link field beside this one' },
    ]);
  });
});
