import { describe, expect, it } from 'vitest';
import { planBatch } from '../demo/generator/demo-batch.planner.js';
import { dayOf, isoDay } from '../demo/generator/demo-calendar.js';
import { allocateOrders, seedCustomers } from '../demo/generator/demo-customer.generator.js';
import {
  DEMO_FORMS,
  type DemoPlan,
  type DemoProduct,
  type DemoRef,
  isRef,
} from '../demo/generator/demo-plan.js';
import { DemoRandom } from '../demo/generator/demo-random.js';
import { PRODUCTS } from '../demo/generator/demo-words.js';

const TODAY = dayOf(new Date('2026-11-27T04:00:00Z'), 'Asia/Shanghai');
const staff = {
  sales: ['u-sales1', 'u-sales2'],
  director: 'u-dir',
  warehouse: 'u-wh',
  purchasing: 'u-po',
  finance: 'u-fin',
  service: 'u-svc',
};
const products: DemoProduct[] = PRODUCTS.map((p, i) => ({
  id: `p${i}`,
  category: p.category,
  price: p.price,
  cost: p.cost,
  safety: p.safety,
}));

/** The whole plan of a seed, in batches of `batch` customers. */
function plans(seed: number, customers: number, orders: number, batch: number): DemoPlan[] {
  const rng = new DemoRandom(seed);
  const seeds = seedCustomers(rng, customers, TODAY);
  const counts = allocateOrders(rng, seeds, orders);
  const names = new Set<string>();
  const out: DemoPlan[] = [];
  for (let from = 0; from < customers; from += batch)
    out.push(
      planBatch(rng, {
        seeds,
        counts,
        from,
        to: Math.min(customers, from + batch),
        today: TODAY,
        staff,
        products,
        names,
      }),
    );
  return out;
}
const recordsOf = (list: DemoPlan[], form: (typeof DEMO_FORMS)[number]) =>
  list.flatMap((p) => p.records.get(form) ?? []);

describe('demo data plans (pure)', () => {
  it('the same seed gives the same plan, whatever the batch size; another seed other data', () => {
    const one = plans(42, 60, 300, 60);
    const same = plans(42, 60, 300, 7);
    for (const form of DEMO_FORMS) {
      // refs are batch-local indexes: compare what does not depend on the batching
      const strip = (r: { at: Date; values: Record<string, unknown> }) =>
        JSON.stringify({
          at: r.at,
          values: Object.fromEntries(Object.entries(r.values).filter(([, v]) => !isRef(v))),
        });
      expect(recordsOf(same, form).map(strip), form).toEqual(recordsOf(one, form).map(strip));
    }
    const other = plans(43, 60, 300, 60);
    const names = (list: DemoPlan[]) => recordsOf(list, 'customer').map((c) => c.values.name);
    expect(names(other)).not.toEqual(names(one));
  });

  it('shares out exactly the orders asked for, customers have unique names, nothing is dated after today', () => {
    const list = plans(1, 200, 800, 50);
    expect(recordsOf(list, 'sales_order')).toHaveLength(800);
    const names = recordsOf(list, 'customer').map((c) => c.values.name);
    expect(new Set(names).size).toBe(200);
    const today = isoDay(TODAY);
    for (const form of DEMO_FORMS)
      for (const r of recordsOf(list, form))
        for (const [key, v] of Object.entries(r.values))
          if (
            typeof v === 'string' &&
            /^\d{4}-\d{2}-\d{2}$/.test(v) &&
            !/next_date|valid_until|needed_by|due_date|expected|promised/.test(key)
          )
            expect(v <= today, `${form}.${key} ${v}`).toBe(true);
  });

  it('tiers, credit and behaviour are spread as a real customer base', () => {
    const list = plans(5, 400, 2000, 400);
    const customers = recordsOf(list, 'customer').map((c) => c.values);
    const share = (key: string, value: unknown) =>
      customers.filter((c) => c[key] === value).length / customers.length;
    expect(share('tier', 'strategic')).toBeGreaterThan(0.02);
    expect(share('tier', 'normal')).toBeGreaterThan(0.5);
    expect(share('pool', 'to_reactivate')).toBeGreaterThan(0.05);
    expect(share('pool', 'to_reactivate')).toBeLessThan(0.3);
    const orders = recordsOf(list, 'sales_order').map((o) => o.values.status);
    for (const status of ['paid', 'invoiced', 'shipped', 'cancelled'])
      expect(orders, status).toContain(status);
    // a receivable's status follows from its write-offs: overdue ones have none and are past due
    const receivables = recordsOf(list, 'receivable');
    const overdue = list.flatMap((plan) => {
      const paid = new Set(
        (plan.records.get('write_off') ?? []).map((w) => (w.values.receivable as DemoRef).index),
      );
      return (plan.records.get('receivable') ?? []).filter(
        (r, i) => !paid.has(i) && String(r.values.due_date) < isoDay(TODAY),
      );
    });
    expect(overdue.length / receivables.length).toBeGreaterThan(0.01);
    const shipments = recordsOf(list, 'shipment').map((s) => s.values);
    const late = shipments.filter(
      (s) => s.delivered_date && String(s.delivered_date) > String(s.promised_date),
    );
    expect(late.length / shipments.length).toBeGreaterThan(0.05);
    expect(late.length / shipments.length).toBeLessThan(0.25);
  });
});
