import { createTestDatabase, type TestDatabase } from '@tessera/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, publishForms, records } from '../__fixtures__/records-test-kit';
import { customerForm, orderForm } from '../__fixtures__/sales.forms';

let t: TestDatabase;
let customer: string;
beforeAll(async () => {
  t = await createTestDatabase();
  await publishForms(t.db, 'sales', [customerForm, orderForm]);
  customer = (await records(t.db).create('sales', 'customer', { name: 'Acme' })).id;
});
afterAll(async () => {
  await t?.close();
});

const good = (i: number) => ({
  customer,
  items: [{ product: `P${i}`, qty: 1, price: { amount: '10.00', currency: 'CNY' } }],
});

describe('validateCreate', () => {
  it('reports every invalid item of a chunk with its index and field paths, and writes nothing', async () => {
    const items: unknown[] = Array.from({ length: 10 }, (_, i) => good(i));
    items[2] = { ...good(2), customer: '00000000-0000-4000-8000-000000000000' }; // no such customer
    items[5] = { ...good(5), items: [{ product: 'P', qty: 0, price: { amount: '1', currency: 'CNY' } }] };
    items[7] = 'not an object';
    items[9] = { ...good(9), status: 'cancelled' }; // cancel_reason required when cancelled
    const before = await countRows(t.db, 'app_sales."order"');
    const refused = await records(t.db).validateCreate('sales', 'order', items);
    expect(refused.map((e) => e.index)).toEqual([2, 5, 7, 9]);
    expect(refused.map((e) => e.code)).toEqual([
      'RECORD_INVALID',
      'RECORD_INVALID',
      'RECORD_INVALID',
      'RECORD_INVALID',
    ]);
    expect(refused[0]!.errors).toMatchObject([{ path: '[2].customer', message: expect.any(String) }]);
    expect(refused[1]!.errors.map((e) => e.path)).toEqual(['[5].items[0].qty']);
    expect(refused[3]!.errors.map((e) => e.path)).toEqual(['[9].cancel_reason']);
    expect(await countRows(t.db, 'app_sales."order"')).toBe(before);
    // The valid rest goes through bulkCreate as one chunk.
    const rest = items.filter((_, i) => !refused.some((e) => e.index === i));
    expect(await records(t.db).validateCreate('sales', 'order', rest)).toEqual([]);
    expect((await records(t.db).bulkCreate('sales', 'order', rest)).length).toBe(6);
  });
});
