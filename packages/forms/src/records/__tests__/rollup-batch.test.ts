import type { FormDefinition } from '@tessera/schema';
import { createTestDatabase, type TestDatabase } from '@tessera/store/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishForms, records } from '../__fixtures__/records-test-kit';
import { customerForm, orderForm } from '../__fixtures__/sales.forms';
import { countStatements } from '../__fixtures__/statement-counter';

/** Stored rollups of a chunk are recomputed once per chunk, set-based, and equal one-by-one writes. */
let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await publishForms(t.db, 'bulk', [customerForm, orderForm]);
  await publishForms(t.db, 'single', [customerForm, orderForm]);
  await publishForms(t.db, 'tree', [region, account, deal]);
});
afterAll(async () => {
  await t?.close();
});

const l = (en: string) => ({ en });
const NAMES = ['Acme', 'Globex', 'Initech', 'Umbrella'];
/** Order i of a seeded spread: parents, totals, dates and statuses (some cancelled) vary. */
function order(customer: string, i: number) {
  const cancelled = i % 7 === 0;
  return {
    customer,
    order_date: `2026-0${1 + (i % 3)}-${String(1 + (i % 28)).padStart(2, '0')}`,
    discount: i % 5,
    status: cancelled ? 'cancelled' : 'confirmed',
    ...(cancelled ? { cancel_reason: 'test' } : {}),
    items: [
      { product: 'P', qty: 1 + (i % 4), price: { amount: String(100 + ((i * 37) % 900)), currency: 'CNY' } },
    ],
  };
}
const ROLLUPS = ['order_count', 'total_amount', 'last_order_date', 'big_orders'] as const;

async function customersOf(app: string): Promise<{ ids: string[]; rollups: () => Promise<unknown[]> }> {
  const created = await records(t.db).bulkCreate(
    app,
    'customer',
    NAMES.map((name) => ({ name })),
  );
  const ids = created.map((c) => c.id);
  const rollups = async () => {
    const list = await Promise.all(ids.map((id) => records(t.db).get(app, 'customer', id)));
    return list.map((c) => Object.fromEntries(ROLLUPS.map((k) => [k, c[k]])));
  };
  return { ids, rollups };
}

describe('rollups of a bulk chunk', () => {
  it('a 500-row bulk create across parents gives the rollups one-by-one creates give, in O(1) statements', async () => {
    const bulk = await customersOf('bulk');
    const single = await customersOf('single');
    const items = (ids: string[], from: number, n: number) =>
      Array.from({ length: n }, (_, k) => order(ids[(from + k) % ids.length]!, from + k));
    const svc = records(t.db);
    const small = await countStatements(t, () => svc.bulkCreate('bulk', 'order', items(bulk.ids, 0, 20)));
    const large = await countStatements(t, () => svc.bulkCreate('bulk', 'order', items(bulk.ids, 20, 480)));
    // Same statements for 20 rows and 480: the rollups are not recomputed per row.
    expect(large.count, large.texts.join('\n')).toBe(small.count);
    expect(large.count).toBeLessThanOrEqual(8); // link check, insert, lock, ONE rollup update, tx/savepoint
    for (const item of items(single.ids, 0, 500)) await svc.create('single', 'order', item);
    const expected = await single.rollups();
    expect(await bulk.rollups()).toEqual(expected);
    expect(expected.map((r: any) => r.order_count)).toEqual([125, 125, 125, 125]);
    expect(expected.every((r: any) => r.last_order_date !== null)).toBe(true);
    expect(expected.map((r: any) => r.big_orders > 0)).toEqual([false, true, true, true]); // qty 1 at the first
  });

  it('a bulk update re-linking orders recomputes old and new parents once per chunk', async () => {
    const svc = records(t.db);
    const app = await customersOf('bulk');
    const created = await svc.bulkCreate(
      'bulk',
      'order',
      Array.from({ length: 60 }, (_, i) => order(app.ids[i % 2]!, i)),
    );
    const move = (list: typeof created) =>
      list.map((o) => ({ id: o.id, version: o.version as number, values: { customer: app.ids[3] } }));
    const a = created.filter((o) => o.customer === app.ids[0]);
    const small = await countStatements(t, () => svc.bulkUpdate('bulk', 'order', move(a.slice(0, 3))));
    const large = await countStatements(t, () => svc.bulkUpdate('bulk', 'order', move(a.slice(3))));
    expect(large.count, large.texts.join('\n')).toBe(small.count);
    const truth = await sql<{ id: string; n: number; total: string; big: number }>`select c.id,
      count(o.id)::int as n, coalesce(sum(o.total), 0)::text as total, count(o.id) filter (where o.total > 1000)::int as big
      from app_bulk.customer c left join app_bulk."order" o on o.customer = c.id and o.deleted_at is null
      where c.id = any(${app.ids}::uuid[]) group by c.id`.execute(t.db);
    const byId = new Map(truth.rows.map((r) => [r.id, r]));
    const stored = (await app.rollups()) as Array<Record<string, unknown>>;
    expect(stored[0]).toMatchObject({
      order_count: 0,
      total_amount: 0,
      last_order_date: null,
      big_orders: 0,
    });
    expect(stored[3]!.order_count).toBe(30);
    stored.forEach((r, i) => {
      const row = byId.get(app.ids[i]!)!;
      expect(r).toMatchObject({ order_count: row.n, total_amount: Number(row.total), big_orders: row.big });
    });
  });

  it('rollups over rollups follow in dependency order (deal → account → region)', async () => {
    const svc = records(t.db);
    const [north, south] = await svc.bulkCreate('tree', 'region', [{ name: 'North' }, { name: 'South' }]);
    const accounts = await svc.bulkCreate(
      'tree',
      'account',
      [0, 1, 2].map((i) => ({ name: `A${i}`, region: i < 2 ? north!.id : south!.id })),
    );
    const deals = await svc.bulkCreate(
      'tree',
      'deal',
      Array.from({ length: 30 }, (_, i) => ({ account: accounts[i % 3]!.id, amount: i + 1 })),
    );
    const region = async (id: string) => (await svc.get('tree', 'region', id)).total;
    // accounts 0,1 (north) get deals i%3 ∈ {0,1}: Σ(i+1) over those = 465 − Σ over i%3 = 2 (165)
    expect(await region(north!.id)).toBe(300);
    expect(await region(south!.id)).toBe(165);
    const moved = deals.filter((d) => d.account === accounts[0]!.id);
    await svc.bulkUpdate(
      'tree',
      'deal',
      moved.map((d) => ({ id: d.id, version: d.version as number, values: { account: accounts[2]!.id } })),
    );
    expect(await region(north!.id)).toBe(300 - 145);
    expect(await region(south!.id)).toBe(165 + 145);
  });
});

const region: FormDefinition = {
  key: 'region',
  title: l('Region'),
  fields: [
    { id: 'r1', key: 'name', type: 'text', label: l('Name'), required: true },
    {
      id: 'r2',
      key: 'total',
      type: 'rollup',
      label: l('Total'),
      source: { form: 'account', link: 'region' },
      aggregate: 'sum',
      field: 'deal_total',
    },
  ],
};
const account: FormDefinition = {
  key: 'account',
  title: l('Account'),
  fields: [
    { id: 'a1', key: 'name', type: 'text', label: l('Name'), required: true },
    { id: 'a2', key: 'region', type: 'link', label: l('Region'), form: 'region' },
    {
      id: 'a3',
      key: 'deal_total',
      type: 'rollup',
      label: l('Deals'),
      source: { form: 'deal', link: 'account' },
      aggregate: 'sum',
      field: 'amount',
    },
  ],
};
const deal: FormDefinition = {
  key: 'deal',
  title: l('Deal'),
  fields: [
    { id: 'd1', key: 'account', type: 'link', label: l('Account'), form: 'account', required: true },
    { id: 'd2', key: 'amount', type: 'number', label: l('Amount') },
  ],
};
