import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP, type ErpHarness, money, ok, records, startErp } from './customer-erp-kit';
import type { Client } from './test-app';

/**
 * R23 / R24 on the shipped pack: the `customer_360` dashboard (one customer picked by its code:
 * sales, operations, service, its segment and preferred products) and the segmentation report,
 * checked against hand-written SQL over the same tables. Two customers with a known history:
 * A buys a lot, early in each quarter, and rarely needs service; B buys little, pays late and
 * keeps service busy.
 */

// Tuesday 2027-06-15, 10:00 in Shanghai.
const TODAY = '2027-06-15';
let erp: ErpHarness;
let admin: Client;
const ids = {} as Record<'pump' | 'valve' | 'seal' | 'a' | 'b', string>;
const codes = {} as Record<'a' | 'b', string>;

async function create(form: string, values: object): Promise<any> {
  return ok(admin.request('POST', records(form), values), 201);
}

async function order(
  customer: 'a' | 'b',
  date: string,
  items: ['pump' | 'valve' | 'seal', number, number][],
  status = 'shipped',
) {
  const created = await create('sales_order', {
    customer: ids[customer],
    order_date: date,
    items: items.map(([product, quantity, price]) => ({
      product: ids[product],
      quantity,
      unit_price: money(price),
    })),
    owner: erp.ids[customer === 'a' ? 'sales1' : 'sales2'],
  });
  // an order's stage is the flows' to set (a read-only field): put here as they would leave it
  await sql`update app_customer_erp.sales_order set status = ${status} where id = ${created.id}`.execute(
    erp.db,
  );
  return { ...created, status };
}

beforeAll(async () => {
  erp = await startErp({ start: `${TODAY}T02:00:00Z` });
  admin = erp.admin;
  for (const [key, name, price] of [
    ['pump', 'Industrial pump', 6000],
    ['valve', 'Control valve', 800],
    ['seal', 'Seal kit', 50],
  ] as const) {
    ids[key] = (await create('product', { name, list_price: money(price), active: true })).id;
  }
  for (const [key, name, credit, owner] of [
    ['a', 'Alpha Precision 阿尔法精密', 'good', 'sales1'],
    ['b', 'Beta Trading 贝塔贸易', 'general', 'sales2'],
  ] as const) {
    const customer = await create('customer', {
      name,
      tier: key === 'a' ? 'strategic' : 'normal',
      credit_level: credit,
      payment_terms_days: 30,
      owner: erp.ids[owner],
    });
    ids[key] = customer.id;
    codes[key] = customer.code;
  }
  // A: 3 orders (2 in the first 15 days of a quarter) + 1 cancelled; B: 2 orders.
  const a1 = await order('a', '2027-01-05', [['pump', 50, 6000]], 'paid');
  const a2 = await order(
    'a',
    '2027-04-03',
    [
      ['pump', 30, 6000],
      ['valve', 100, 800],
    ],
    'paid',
  );
  const a3 = await order('a', '2027-05-20', [['seal', 200, 50]], 'invoiced');
  await order('a', '2027-02-01', [['valve', 10, 800]], 'cancelled');
  const b1 = await order('b', '2027-02-20', [['valve', 50, 800]], 'invoiced');
  await order('b', '2027-03-25', [['seal', 100, 50]], 'shipped');

  const ship = (o: any, customer: 'a' | 'b', promised: string, delivered: string | null) =>
    create('shipment', {
      sales_order: o.id,
      customer: ids[customer],
      promised_date: promised,
      shipped_date: promised,
      delivered_date: delivered,
      status: delivered ? 'delivered' : 'shipped',
    });
  await ship(a1, 'a', '2027-01-20', '2027-01-18');
  await ship(a2, 'a', '2027-04-15', '2027-04-18');
  await ship(a3, 'a', '2027-05-30', null);
  await ship(b1, 'b', '2027-03-05', '2027-03-01');

  const ret = (o: any, customer: 'a' | 'b', reason: string) =>
    create('sales_return', {
      sales_order: o.id,
      customer: ids[customer],
      product: ids.valve,
      quantity: 1,
      reason,
      status: 'received',
    });
  await ret(a2, 'a', 'quality');
  await ret(b1, 'b', 'damaged');

  // A receivable's received amount, status and paid date follow from the payments written off against it.
  const receivable = async (
    o: any,
    customer: 'a' | 'b',
    r: Record<string, unknown>,
    paid?: { amount: number; on: string },
  ) => {
    const created = await create('receivable', { sales_order: o.id, customer: ids[customer], ...r });
    if (!paid) return created;
    const payment = await create('payment', {
      customer: ids[customer],
      amount: money(paid.amount),
      received_date: paid.on,
      status: 'confirmed',
    });
    await create('write_off', {
      payment: payment.id,
      receivable: created.id,
      amount: money(paid.amount),
      written_off_on: paid.on,
    });
    return created;
  };
  await receivable(
    a1,
    'a',
    { amount: money(300_000), invoice_date: '2027-01-18', due_date: '2027-02-17' },
    { amount: 300_000, on: '2027-02-10' },
  );
  await receivable(
    a2,
    'a',
    { amount: money(260_000), invoice_date: '2027-04-18', due_date: '2027-05-18' },
    { amount: 260_000, on: '2027-05-25' },
  );
  await receivable(a3, 'a', { amount: money(10_000), invoice_date: '2027-05-25', due_date: '2027-06-24' });
  await receivable(
    b1,
    'b',
    { amount: money(40_000), invoice_date: '2027-03-01', due_date: '2027-03-31' },
    { amount: 10_000, on: '2027-04-02' },
  );
  const ticket = (customer: 'a' | 'b', opened: string, hours: [number, number] | null, nps: number | null) =>
    create('service_ticket', {
      customer: ids[customer],
      subject: 'Pump noise',
      opened_at: opened,
      ...(hours
        ? {
            first_response_at: new Date(Date.parse(opened) + hours[0] * 3_600_000).toISOString(),
            resolved_at: new Date(Date.parse(opened) + hours[1] * 3_600_000).toISOString(),
            status: 'resolved',
          }
        : { status: 'open' }),
      satisfaction: nps === null ? null : Math.max(1, Math.round(nps / 2)),
      nps_score: nps,
    });
  await ticket('a', '2027-02-01T01:00:00Z', [2, 26], 10);
  await ticket('b', '2027-03-02T01:00:00Z', [5, 50], 3);
  await ticket('b', '2027-03-10T01:00:00Z', [1, 8], 7);
  await ticket('b', '2027-06-10T01:00:00Z', null, null);
}, 90_000);

afterAll(async () => {
  await erp?.close();
});

const num = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v) * 1e6) / 1e6);
const numbers = (row: Record<string, unknown>, keys: readonly string[]) =>
  Object.fromEntries(
    keys.map((k) => [k, typeof row[k] === 'string' && /^\d{4}-/.test(row[k]) ? row[k] : num(row[k])]),
  );

async function dashboard(
  client: Client,
  customer?: string,
): Promise<(id: string) => Record<string, unknown>[]> {
  const query = customer === undefined ? '' : `?customer=${encodeURIComponent(customer)}`;
  const view = await ok<any>(client.request('GET', `/api/apps/${APP}/dashboards/customer_360${query}`));
  return (id) => {
    const widget = view.widgets.find((w: any) => w.id === id);
    if (!widget?.result) throw new Error(`widget ${id}: ${JSON.stringify(widget?.error ?? widget)}`);
    return widget.result.rows;
  };
}

async function rows(query: ReturnType<typeof sql>): Promise<Record<string, unknown>[]> {
  return (await query.execute(erp.db)).rows as Record<string, unknown>[];
}

/** The 360° figures of one customer, computed by hand from the tables. */
async function expected360(customerId: string) {
  const c = customerId;
  return {
    sales: await rows(sql`select count(*) as orders, sum(total) as order_total, avg(total) as average_order,
      max(order_date)::text as last_order
      from app_customer_erp.sales_order where deleted_at is null and status <> 'cancelled' and customer = ${c}`),
    products: await rows(sql`select p.name as product, sum(i.quantity) as quantity, sum(i.amount) as amount
      from app_customer_erp.sales_order o join app_customer_erp.sales_order__items i on i.parent_id = o.id
      join app_customer_erp.product p on p.id = i.product and p.deleted_at is null
      where o.deleted_at is null and o.status <> 'cancelled' and o.customer = ${c}
      group by p.name order by 2 desc, 1`),
    delivery: await rows(sql`select count(*) as delivered,
      count(*) filter (where s.delivered_date <= s.promised_date) as on_time,
      (count(*) filter (where s.delivered_date <= s.promised_date))::float8 / nullif(count(*), 0) as otd,
      avg(s.delivered_date - o.order_date) as cycle_days
      from app_customer_erp.shipment s left join app_customer_erp.sales_order o on o.id = s.sales_order
      where s.deleted_at is null and s.delivered_date is not null and s.customer = ${c}`),
    returns:
      await rows(sql`select count(distinct o.id) as orders, count(distinct r.sales_order) as returned_orders,
      count(distinct r.sales_order)::float8 / nullif(count(distinct o.id), 0) as return_rate,
      count(distinct r.id) filter (where r.reason = 'quality')::float8 / nullif(count(distinct r.id), 0) as quality_share
      from app_customer_erp.sales_order o
      left join app_customer_erp.sales_return r on r.sales_order = o.id and r.deleted_at is null
      where o.deleted_at is null and o.status <> 'cancelled' and o.customer = ${c}`),
    payment: await rows(sql`select count(*) filter (where status = 'paid') as paid,
      avg(paid_date - invoice_date) filter (where status = 'paid') as days_to_pay,
      (count(*) filter (where status = 'paid' and paid_date > due_date))::float8
        / nullif(count(*) filter (where status = 'paid'), 0) as late_share,
      sum(outstanding) filter (where status in ('open', 'partially_paid')) as outstanding,
      sum(outstanding) filter (where status in ('open', 'partially_paid') and due_date < ${TODAY}::date) as overdue
      from app_customer_erp.receivable where deleted_at is null and status <> 'written_off' and customer = ${c}`),
    service: await rows(sql`select count(*) as tickets,
      avg(extract(epoch from first_response_at - opened_at) / 3600) as first_response,
      avg(extract(epoch from resolved_at - opened_at) / 3600) as resolution,
      avg(satisfaction) as satisfaction,
      (count(*) filter (where nps_score >= 9))::float8 / nullif(count(nps_score), 0)
        - (count(*) filter (where nps_score <= 6))::float8 / nullif(count(nps_score), 0) as nps
      from app_customer_erp.service_ticket where deleted_at is null and customer = ${c}`),
  };
}

/** Segments by hand: the report's rules written as SQL over the customers and their records. */
async function expectedSegments() {
  return rows(sql`with f as (
      select c.name, c.code, c.credit_level,
        coalesce((select sum(total) from app_customer_erp.sales_order o
                  where o.customer = c.id and o.deleted_at is null and o.status <> 'cancelled'), 0) as value,
        (select count(*) from app_customer_erp.service_ticket t where t.customer = c.id and t.deleted_at is null)
          + (select count(*) from app_customer_erp.sales_return r where r.customer = c.id and r.deleted_at is null) as cost,
        coalesce((select sum(outstanding) from app_customer_erp.receivable r where r.customer = c.id
                  and r.deleted_at is null and r.status in ('open', 'partially_paid')), 0) as open_amount
      from app_customer_erp.customer c where c.deleted_at is null)
    select segment[2] as segment, name as customer, code from (
      select case
        when value >= 500000 and cost <= 2 then array['1', 'high value, low maintenance']
        when (credit_level in ('general', 'poor') or open_amount > value * 0.5) and cost >= 3
          then array['2', 'high risk, high cost']
        when value >= 500000 then array['3', 'high value, high maintenance']
        else array['4', 'standard'] end as segment, name, code, value
      from f) s
    order by segment[1], value desc`);
}

describe('the 360° customer page and segmentation (R23, R24)', () => {
  it('the receivables got their received amount, status and paid date from the write-offs (R11)', async () => {
    const stored =
      await rows(sql`select amount, received_amount, outstanding, status, paid_date::text as paid_date
      from app_customer_erp.receivable order by invoice_date`);
    expect(
      stored.map((r) => [num(r.amount), num(r.received_amount), num(r.outstanding), r.status, r.paid_date]),
    ).toEqual([
      [300_000, 300_000, 0, 'paid', '2027-02-10'],
      [40_000, 10_000, 30_000, 'partially_paid', null],
      [260_000, 260_000, 0, 'paid', '2027-05-25'],
      [10_000, 0, 10_000, 'open', null],
    ]);
  });

  it("customer A's page: sales, operations and service figures equal hand-written SQL", async () => {
    const widget = await dashboard(await erp.as('manager1'), codes.a);
    const want = await expected360(ids.a!);
    const keys = (r: Record<string, unknown>[]) => Object.keys(r[0] ?? {});
    expect(widget('sales').map((r) => numbers(r, keys(want.sales)))).toEqual(
      want.sales.map((r) => numbers(r, keys(want.sales))),
    );
    expect(widget('products').map((r) => numbers(r, ['product', 'quantity', 'amount']))).toEqual(
      want.products.map((r) => numbers(r, ['product', 'quantity', 'amount'])),
    );
    for (const id of ['delivery', 'returns', 'payment', 'service'] as const) {
      const expectedRow = want[id][0]!;
      expect(numbers(widget(id)[0]!, Object.keys(expectedRow)), id).toEqual(
        numbers(expectedRow, Object.keys(expectedRow)),
      );
    }
    // The story, so the comparison above is not between two empty results.
    expect(numbers(widget('sales')[0]!, ['orders', 'order_total', 'last_order'])).toEqual({
      orders: 3,
      order_total: 570_000,
      last_order: '2027-05-20',
    });
    expect(widget('products')[0]).toMatchObject({ product: 'Seal kit', quantity: 200 });
    expect(numbers(widget('delivery')[0]!, ['otd', 'cycle_days'])).toEqual({ otd: 0.5, cycle_days: 14 });
    expect(numbers(widget('returns')[0]!, ['return_rate'])).toEqual({ return_rate: num(1 / 3) });
    expect(numbers(widget('payment')[0]!, ['days_to_pay', 'late_share', 'outstanding', 'overdue'])).toEqual({
      days_to_pay: 30,
      late_share: 0.5,
      outstanding: 10_000,
      overdue: null,
    });
    expect(widget('segment').map((r) => r.segment)).toEqual(['high value, low maintenance']);
    expect(widget('quarter_start').map((r) => [r.customer, r.orders, r.early_orders])).toEqual([
      ['Alpha Precision 阿尔法精密', 3, 2],
    ]);
  });

  it("customer B's page: a late payer that keeps service busy", async () => {
    const widget = await dashboard(await erp.as('manager1'), codes.b);
    const want = await expected360(ids.b!);
    for (const id of ['delivery', 'returns', 'payment', 'service'] as const) {
      const expectedRow = want[id][0]!;
      expect(numbers(widget(id)[0]!, Object.keys(expectedRow)), id).toEqual(
        numbers(expectedRow, Object.keys(expectedRow)),
      );
    }
    expect(numbers(widget('payment')[0]!, ['overdue', 'overdue_share'])).toEqual({
      overdue: 30_000,
      overdue_share: 1,
    });
    expect(widget('segment').map((r) => r.segment)).toEqual(['high risk, high cost']);
    expect(widget('quarter_start')).toEqual([]);
  });

  it('the segmentation places every customer as the hand-written rules do', async () => {
    const widget = await dashboard(await erp.as('manager1'));
    expect(widget('segment').map((r) => [r.segment, r.customer, r.code])).toEqual(
      (await expectedSegments()).map((r) => [r.segment, r.customer, r.code]),
    );
  });

  it("a salesperson's 360° page shows only their own customers' records", async () => {
    const mine = await dashboard(await erp.as('sales1'), codes.a);
    expect(numbers(mine('sales')[0]!, ['orders', 'order_total'])).toEqual({
      orders: 3,
      order_total: 570_000,
    });
    const theirs = await dashboard(await erp.as('sales1'), codes.b);
    expect(num(theirs('sales')[0]?.orders ?? 0)).toBe(0);
  });
});
