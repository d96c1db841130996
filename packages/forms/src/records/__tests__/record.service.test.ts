import { createTestDatabase, type TestDatabase } from '@tessera/store/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addUser,
  countRows,
  publishForms,
  recordEvents,
  records,
  testClock,
} from '../__fixtures__/records-test-kit';
import { customerForm, orderForm } from '../__fixtures__/sales.forms';
import { RecordsError } from '../records.error';

let t: TestDatabase;
let userId: string;
beforeAll(async () => {
  t = await createTestDatabase();
  await publishForms(t.db, 'sales', [customerForm, orderForm]);
  userId = await addUser(t.db, 'li');
});
afterAll(async () => {
  await t?.close();
});

const item = (product: string, qty: number, price: string) => ({
  product,
  qty,
  price: { amount: price, currency: 'CNY' },
});

async function rejection(promise: Promise<unknown>): Promise<RecordsError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof RecordsError)) throw new Error(`expected a RecordsError, got ${String(error)}`);
  return error;
}

describe('create and get', () => {
  it('applies defaults, numbers, formulas and reads everything back', async () => {
    const svc = records(t.db, userId);
    const customer = await svc.create('sales', 'customer', { name: 'Acme', email: 'buy@acme.test' });
    expect(customer).toMatchObject({
      name: 'Acme',
      code: 'CUS-2026-00001',
      credit_level: 'general',
      created_on: '2026-03-09',
      owner: userId,
      segment: 'new',
      order_count: 0,
      total_amount: 0,
      last_order_date: null,
      version: 1,
      created_by: userId,
      deleted_at: null,
    });

    const order = await svc.create('sales', 'order', {
      customer: customer.id,
      discount: 5,
      items: [item('Bolt', 3, '2.50'), item('Nut', 10, '0.35')],
    });
    expect(order).toMatchObject({
      number: 'SO2603-0001',
      customer: customer.id,
      customer_credit: 'general',
      order_date: '2026-03-09',
      total: 6,
      status: 'draft',
      items: [
        { product: 'Bolt', qty: 3, price: { amount: '2.50', currency: 'CNY' }, amount: 7.5 },
        { product: 'Nut', qty: 10, price: { amount: '0.35', currency: 'CNY' }, amount: 3.5 },
      ],
    });
    const expanded = await svc.get('sales', 'order', order.id, { expand: ['customer'] });
    expect(expanded.customer).toMatchObject({
      id: customer.id,
      name: 'Acme',
      order_count: 1,
      total_amount: 6,
    });
  });

  it('refuses an invalid record with every error by path and writes nothing', async () => {
    const before = await countRows(t.db, 'app_sales.order');
    const events = (await recordEvents(t.db)).length;
    const error = await rejection(
      records(t.db).create('sales', 'order', {
        customer: '11111111-1111-4111-8111-111111111111',
        status: 'nope',
        items: [item('Bolt', 1, '1.00'), { qty: 0, price: { amount: 'x' } }],
      }),
    );
    expect(error.code).toBe('RECORD_INVALID');
    expect(error.errors.map(({ path, message }) => ({ path, message }))).toEqual(
      expect.arrayContaining([
        { path: 'status', message: 'must be one of: draft, confirmed, cancelled' },
        { path: 'items[1].qty', message: 'must be at least 1' },
        { path: 'items[1].product', message: 'is required' },
      ]),
    );
    expect(await countRows(t.db, 'app_sales.order')).toBe(before);
    expect((await recordEvents(t.db)).length).toBe(events);
  });

  it('maps a unique violation and a missing link target to field errors', async () => {
    const svc = records(t.db);
    const dup = await rejection(svc.create('sales', 'customer', { name: 'Copy', email: 'buy@acme.test' }));
    expect(dup.errors).toEqual([
      { path: 'email', message: 'must be unique', code: 'FIELD_NOT_UNIQUE', params: {} },
    ]);
    const orphan = await rejection(
      svc.create('sales', 'order', {
        customer: '11111111-1111-4111-8111-111111111111',
        items: [item('a', 1, '1')],
      }),
    );
    expect(orphan.errors).toMatchObject([
      { path: 'customer', message: 'refers to a record that does not exist', code: 'FIELD_LINK_MISSING' },
    ]);
    const gone = await svc.create('sales', 'customer', { name: 'Gone' });
    await svc.delete('sales', 'customer', gone.id);
    const deleted = await rejection(
      svc.create('sales', 'order', { customer: gone.id, items: [item('a', 1, '1')] }),
    );
    expect(deleted.errors).toMatchObject([
      { path: 'customer', message: 'refers to a deleted record', code: 'FIELD_LINK_DELETED' },
    ]);
  });

  it('gives 50 parallel creates 50 distinct numbers', async () => {
    const svc = records(t.db);
    const created = await Promise.all(
      Array.from({ length: 50 }, (_, i) => svc.create('sales', 'customer', { name: `Parallel ${i}` })),
    );
    const codes = new Set(created.map((c) => c.code));
    expect(codes.size).toBe(50);
    expect([...codes].every((c) => /^CUS-2026-\d{5}$/.test(String(c)))).toBe(true);
  });

  it('restarts a yearly sequence in a new year', async () => {
    const clock = testClock(new Date('2027-01-01T00:00:01Z'));
    const c = await records(t.db, null, clock).create('sales', 'customer', { name: 'New year' });
    expect(c.code).toBe('CUS-2027-00001');
  });
});

describe('events and history', () => {
  it('a committed create leaves exactly one event and one history row with the changes', async () => {
    const before = await recordEvents(t.db);
    const c = await records(t.db, userId).create('sales', 'customer', { name: 'Evented' });
    const after = await recordEvents(t.db);
    expect(after.length).toBe(before.length + 1);
    expect(after.at(-1)).toMatchObject({
      app: 'sales',
      form: 'customer',
      recordId: c.id,
      kind: 'created',
      actorId: userId,
      at: '2026-03-09T10:00:00.000Z',
      changes: { name: { old: null, new: 'Evented' }, code: { old: null, new: c.code } },
    });
    const history = await records(t.db).history('sales', 'customer', c.id);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ operation: 'created', version: 1, actorId: userId });
  });

  it('a rolled-back write leaves no event, no history and no number used up', async () => {
    const events = (await recordEvents(t.db)).length;
    const history = await countRows(t.db, 'tessera.record_history');
    const customers = await countRows(t.db, 'app_sales.customer');
    await rejection(records(t.db).bulkCreate('sales', 'customer', [{ name: 'Ok' }, { name: 7 }]));
    expect((await recordEvents(t.db)).length).toBe(events);
    expect(await countRows(t.db, 'tessera.record_history')).toBe(history);
    expect(await countRows(t.db, 'app_sales.customer')).toBe(customers);
  });
});

describe('update', () => {
  it('PATCHes only the given fields, bumps the version and records old → new', async () => {
    const svc = records(t.db, userId);
    const c = await svc.create('sales', 'customer', { name: 'Patch me', credit_level: 'good' });
    const updated = await svc.update('sales', 'customer', c.id, 1, { credit_level: 'excellent' });
    expect(updated).toMatchObject({ name: 'Patch me', credit_level: 'excellent', version: 2 });
    const events = await recordEvents(t.db);
    expect(events.at(-1)).toMatchObject({
      kind: 'updated',
      version: 2,
      changes: { credit_level: { old: 'good', new: 'excellent' } },
    });
    expect(Object.keys(events.at(-1)!.changes)).toEqual(['credit_level']);
    const history = await svc.history('sales', 'customer', c.id);
    expect(history.map((h) => h.operation)).toEqual(['created', 'updated']);
  });

  it('two PATCHes with the same version: exactly one wins, the other is STALE_VERSION', async () => {
    const svc = records(t.db);
    const c = await svc.create('sales', 'customer', { name: 'Race' });
    const results = await Promise.allSettled([
      svc.update('sales', 'customer', c.id, 1, { name: 'Race A' }),
      svc.update('sales', 'customer', c.id, 1, { name: 'Race B' }),
    ]);
    const ok = results.filter((r) => r.status === 'fulfilled');
    const stale = results.filter(
      (r) => r.status === 'rejected' && (r.reason as RecordsError).code === 'STALE_VERSION',
    );
    expect(ok).toHaveLength(1);
    expect(stale).toHaveLength(1);
    expect((await svc.get('sales', 'customer', c.id)).version).toBe(2);
  });

  it('requires a version', async () => {
    const c = await records(t.db).create('sales', 'customer', { name: 'No version' });
    const error = await rejection(
      records(t.db).update('sales', 'customer', c.id, undefined as never, { name: 'x' }),
    );
    expect(error.errors).toMatchObject([
      { path: 'version', message: expect.stringContaining('is required') },
    ]);
  });
});

describe('line items, formulas and rollups', () => {
  it('keeps the order total and the customer rollups right as items and orders change', async () => {
    const svc = records(t.db);
    const a = await svc.create('sales', 'customer', { name: 'Roll A' });
    const b = await svc.create('sales', 'customer', { name: 'Roll B' });
    const o1 = await svc.create('sales', 'order', { customer: a.id, items: [item('x', 2, '300.00')] });
    const clock = testClock(new Date('2026-04-01T08:00:00Z'));
    const o2 = await records(t.db, null, clock).create('sales', 'order', {
      customer: a.id,
      items: [item('y', 1, '2000.00')],
    });
    const customer = (id: string) => svc.get('sales', 'customer', id);
    expect(await customer(a.id)).toMatchObject({
      order_count: 2,
      total_amount: 2600,
      last_order_date: '2026-04-01',
      big_orders: 1,
    });

    // change line items: total and rollups follow
    const o1b = await svc.update('sales', 'order', o1.id, 1, {
      items: [item('x', 2, '300.00'), item('z', 1, '0.99')],
      discount: 0.99,
    });
    expect(o1b.total).toBe(600);
    expect(o1b.items).toHaveLength(2);
    expect(await customer(a.id)).toMatchObject({ total_amount: 2600 });
    await svc.update('sales', 'order', o1.id, 2, { items: [item('x', 5, '300.00')] });
    expect(await customer(a.id)).toMatchObject({ total_amount: 3499.01, big_orders: 2 });

    // re-link to B: both customers change
    await svc.update('sales', 'order', o2.id, 1, { customer: b.id });
    expect(await customer(a.id)).toMatchObject({
      order_count: 1,
      total_amount: 1499.01,
      last_order_date: '2026-03-09',
    });
    expect(await customer(b.id)).toMatchObject({
      order_count: 1,
      total_amount: 2000,
      last_order_date: '2026-04-01',
    });

    // soft delete and restore
    await svc.delete('sales', 'order', o2.id);
    expect(await customer(b.id)).toMatchObject({ order_count: 0, total_amount: 0, last_order_date: null });
    await svc.restore('sales', 'order', o2.id);
    expect(await customer(b.id)).toMatchObject({ order_count: 1, total_amount: 2000 });
  });

  it('shows the linked customer credit level as it is now (lookup at read)', async () => {
    const svc = records(t.db);
    const c = await svc.create('sales', 'customer', { name: 'Lookup' });
    const o = await svc.create('sales', 'order', { customer: c.id, items: [item('x', 1, '1.00')] });
    expect(o.customer_credit).toBe('general');
    await svc.update('sales', 'customer', c.id, 1, { credit_level: 'excellent' });
    expect((await svc.get('sales', 'order', o.id)).customer_credit).toBe('excellent');
  });

  it('names the row of a line-item error and keeps the rows in order', async () => {
    const svc = records(t.db);
    const c = await svc.create('sales', 'customer', { name: 'Rows' });
    const error = await rejection(
      svc.create('sales', 'order', {
        customer: c.id,
        items: [
          item('a', 1, '1'),
          item('b', 1, '1'),
          item('c', 1, '1'),
          { product: 'd', qty: -2, price: { amount: '1' } },
        ],
      }),
    );
    expect(error.errors).toMatchObject([{ path: 'items[3].qty', message: 'must be at least 1' }]);
    const o = await svc.create('sales', 'order', {
      customer: c.id,
      items: ['a', 'b', 'c'].map((p) => item(p, 1, '1')),
    });
    const rows = await sql<{
      product: string;
      position: number;
    }>`select product, position from app_sales.order__items
      where parent_id = ${o.id} order by position`.execute(t.db);
    expect(rows.rows).toEqual([
      { product: 'a', position: 1 },
      { product: 'b', position: 2 },
      { product: 'c', position: 3 },
    ]);
  });
});

describe('delete and restore', () => {
  it('hides a deleted record, restores it, and keeps the history', async () => {
    const svc = records(t.db);
    const c = await svc.create('sales', 'customer', { name: 'Trash' });
    await svc.delete('sales', 'customer', c.id);
    expect((await rejection(svc.get('sales', 'customer', c.id))).code).toBe('RECORD_NOT_FOUND');
    expect((await rejection(svc.delete('sales', 'customer', c.id))).code).toBe('RECORD_NOT_FOUND');
    const back = await svc.restore('sales', 'customer', c.id);
    expect(back).toMatchObject({ version: 3, deleted_at: null });
    const history = await svc.history('sales', 'customer', c.id);
    expect(history.map((h) => h.operation)).toEqual(['created', 'deleted', 'restored']);
  });

  it('refuses to restore a record whose unique value was taken meanwhile', async () => {
    const svc = records(t.db);
    const first = await svc.create('sales', 'customer', { name: 'Old', email: 'same@x.test' });
    await svc.delete('sales', 'customer', first.id);
    await svc.create('sales', 'customer', { name: 'New', email: 'same@x.test' });
    const error = await rejection(svc.restore('sales', 'customer', first.id));
    expect(error.errors).toMatchObject([{ path: 'email', message: 'must be unique' }]);
  });
});

describe('bulk', () => {
  it('creates all or nothing and names the failing item', async () => {
    const svc = records(t.db);
    const before = await countRows(t.db, 'app_sales.customer');
    const error = await rejection(
      svc.bulkCreate('sales', 'customer', [{ name: 'B1' }, { name: 'B2' }, { email: 'x' }]),
    );
    expect(error.index).toBe(2);
    expect(error.errors.map(({ path, message }) => ({ path, message }))).toEqual(
      expect.arrayContaining([
        { path: '[2].name', message: 'is required' },
        { path: '[2].email', message: 'must be an e-mail address' },
      ]),
    );
    expect(await countRows(t.db, 'app_sales.customer')).toBe(before);
    const created = await svc.bulkCreate('sales', 'customer', [{ name: 'B1' }, { name: 'B2' }]);
    expect(created.map((c) => c.name)).toEqual(['B1', 'B2']);
    const updated = await svc.bulkUpdate('sales', 'customer', [
      { id: created[0]!.id, version: 1, values: { credit_level: 'good' } },
      { id: created[1]!.id, version: 1, values: { credit_level: 'excellent' } },
    ]);
    expect(updated.map((c) => [c.credit_level, c.version])).toEqual([
      ['good', 2],
      ['excellent', 2],
    ]);
    const stale = await rejection(
      svc.bulkUpdate('sales', 'customer', [
        { id: created[0]!.id, version: 2, values: { name: 'B1x' } },
        { id: created[1]!.id, version: 1, values: { name: 'B2x' } },
      ]),
    );
    expect([stale.code, stale.index]).toEqual(['STALE_VERSION', 1]);
    expect((await svc.get('sales', 'customer', created[0]!.id)).name).toBe('B1');
  });
});

describe("inside a caller's transaction", () => {
  it('writes commit or roll back with the caller, events and history included', async () => {
    const before = await countRows(t.db, 'app_sales.customer');
    await t.db
      .transaction()
      .execute(async (trx) => {
        const created = await records(trx, userId).create('sales', 'customer', { name: 'Rolled Back Ltd' });
        // the caller's transaction sees its own write through the service
        expect((await records(trx, userId).get('sales', 'customer', created.id)).name).toBe(
          'Rolled Back Ltd',
        );
        throw new Error('the caller gives up');
      })
      .catch(() => undefined);
    expect(await countRows(t.db, 'app_sales.customer')).toBe(before);
    const rolledBack = await sql<{ n: number }>`
      select count(*) as n from tessera.record_history where changes::text like '%Rolled Back Ltd%'`.execute(
      t.db,
    );
    expect(rolledBack.rows[0]!.n).toBe(0);

    const kept = await t.db
      .transaction()
      .execute((trx) => records(trx, userId).create('sales', 'customer', { name: 'Committed Co' }));
    expect((await records(t.db, userId).get('sales', 'customer', kept.id)).name).toBe('Committed Co');
    expect(await countRows(t.db, 'app_sales.customer')).toBe(before + 1);
  });
});
