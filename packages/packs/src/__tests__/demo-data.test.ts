import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDashboardService, createReportService } from '@tessera/reports';
import { createTestDatabase, type TestDatabase } from '@tessera/store/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_FORMS, type DemoGenerationResult, installDemo } from '../index.js';

const PACK_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../../../examples/customer-erp');
const APP = 'customer_erp';
const NOW = new Date('2026-11-27T04:00:00Z');
const TODAY = '2026-11-27';
const clock = { now: () => NOW };
const SIZE = { customers: 12, orders: 48, seed: 7 };

let a: TestDatabase;
let b: TestDatabase;
let first: DemoGenerationResult;
let second: DemoGenerationResult;

/** What each transaction of the generator found when `pace` let it go: products and customers so far. */
const paced: { products: number; customers: number }[] = [];

async function generate(
  t: TestDatabase,
  seed = SIZE.seed,
  pace?: () => Promise<void>,
): Promise<DemoGenerationResult> {
  const result = await installDemo(t.db, {
    dir: PACK_DIR,
    clock,
    generate: { ...SIZE, seed, ...(pace ? { pace } : {}) },
  });
  if (!result.generated) throw new Error('nothing generated');
  return result.generated;
}
/** A row's business content: its values without ids and links (those differ between databases). */
const BUSINESS_COLUMNS = `(select string_agg(e.value, ',' order by e.key) from jsonb_each_text(to_jsonb(t)) e
  where e.key not in ('id', 'created_by', 'updated_by', 'updated_at') and e.value !~ '^[0-9a-f]{8}-[0-9a-f]{4}-')`;
const rows = async <T>(t: TestDatabase, query: ReturnType<typeof sql<T>>) => (await query.execute(t.db)).rows;
const n = (v: unknown) => Number(v);

beforeAll(async () => {
  [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  const pace = async () => {
    const [row] = await rows<{ products: number; customers: number }>(
      a,
      sql`select (select count(*) from app_customer_erp.product) as products,
                 (select count(*) from app_customer_erp.customer) as customers`,
    );
    paced.push({ products: n(row!.products), customers: n(row!.customers) });
  };
  [first, second] = await Promise.all([generate(a, SIZE.seed, pace), generate(b)]);
}, 300_000);
afterAll(async () => {
  await a?.close();
  await b?.close();
});

describe('the demo data generator', () => {
  it('writes every Customer ERP form, the same counts and values for the same seed', async () => {
    if (first.kind !== 'generated' || second.kind !== 'generated') throw new Error('skipped');
    expect(first.rows).toEqual(second.rows);
    for (const form of DEMO_FORMS) expect(first.rows[form], form).toBeGreaterThan(0);
    expect(first.rows.customer).toBe(12);
    expect(first.rows.sales_order).toBe(48);
    const sample = (t: TestDatabase) =>
      rows(
        t,
        sql`select c.code, c.name, c.tier, c.credit_level, c.order_count, c.order_total, c.last_follow_up::text, c.pool,
                   o.number, o.total, o.status, o.order_date::text
            from app_customer_erp.sales_order o join app_customer_erp.customer c on c.id = o.customer
            order by o.number`,
      );
    const [x, y] = await Promise.all([sample(a), sample(b)]);
    expect(x).toHaveLength(48);
    expect(x).toEqual(y);
    // every document, not only the orders: the same business values in both databases
    const digest = async (t: TestDatabase) =>
      Object.fromEntries(
        await Promise.all(
          DEMO_FORMS.map(async (form) => {
            const [row] = await rows<{ d: string }>(
              t,
              sql`select md5(coalesce(string_agg(x, '|' order by x), '')) as d from (select ${sql.raw(BUSINESS_COLUMNS)} as x from ${sql.raw(`app_customer_erp.${form}`)} t) s`,
            );
            return [form, row!.d];
          }),
        ),
      );
    expect(await digest(a)).toEqual(await digest(b));
    // numbered by the month the document belongs to, not by the day it was generated
    expect(new Set(x.map((r: any) => String(r.number).slice(0, 9))).size).toBeGreaterThan(6);
    expect(
      x.every((r: any) => /^[\u4e00-\u9fa5]+(有限公司|股份有限公司|集团有限公司|有限责任公司)$/.test(r.name)),
    ).toBe(true);
  });

  it('leaves planner statistics: EXPLAIN estimates the rows written, not a guess from empty pages', async () => {
    // the report cost check (EXPLAIN) relies on them; PGlite has no autovacuum to gather them
    for (const [form, count] of [
      ['customer', 12],
      ['sales_order', 48],
    ] as const) {
      const [plan] = await rows<{ 'QUERY PLAN': unknown }>(
        a,
        sql`explain (format json) select * from ${sql.raw(`app_customer_erp.${form}`)}`,
      );
      const parsed = plan!['QUERY PLAN'];
      const json = (typeof parsed === 'string' ? JSON.parse(parsed) : parsed) as {
        Plan: { 'Plan Rows': number };
      }[];
      expect(json[0]!.Plan['Plan Rows'], form).toBe(count);
    }
  });

  it('writes through the records service: auto-numbers by document month, formulas, rollups, line items', async () => {
    const customers = await rows(
      a,
      sql`select c.code, c.order_count, c.order_total, c.last_order_date::text,
                 (select count(*) from app_customer_erp.sales_order o where o.customer = c.id and o.status <> 'cancelled') as orders,
                 (select coalesce(sum(o.total), 0) from app_customer_erp.sales_order o where o.customer = c.id and o.status <> 'cancelled') as total,
                 (select max(o.order_date)::text from app_customer_erp.sales_order o where o.customer = c.id) as last
          from app_customer_erp.customer c`,
    );
    for (const c of customers as any[]) {
      expect(c.code).toMatch(/^CUS-20\d\d-\d{5}$/);
      expect(n(c.order_count ?? 0)).toBe(n(c.orders));
      expect(n(c.order_total ?? 0)).toBe(n(c.total));
      expect(c.last_order_date).toBe(c.last);
    }
    const lines = await rows(
      a,
      sql`select o.number, o.order_date::text as day, o.total, o.discount,
                 (select sum(l.amount) from app_customer_erp.sales_order__items l where l.parent_id = o.id) as lines
          from app_customer_erp.sales_order o`,
    );
    for (const o of lines as any[]) {
      expect(o.number.slice(3, 9)).toBe(o.day.slice(0, 7).replace('-', ''));
      expect(n(o.total)).toBeCloseTo(n(o.lines) - n(o.discount ?? 0), 2);
    }
    const contacts = await rows(
      a,
      sql`select distinct contact_role from app_customer_erp.customer__contacts order by 1`,
    );
    expect((contacts as any[]).map((r) => r.contact_role)).toContain('decision_maker');
  });

  it('awaits pace before each transaction (the server holds batches back while the API is busy)', () => {
    // the catalogue, the stock history, then the customers' batch (12 customers: one batch)
    expect(paced.map((p) => p.customers)).toEqual([0, 0, 0]);
    expect(paced[0]!.products).toBe(0);
    expect(paced[1]!.products).toBeGreaterThan(0);
    expect(paced[2]!.products).toBe(paced[1]!.products);
  });

  it('a second run into the same app is skipped', async () => {
    const again = await installDemo(a.db, { dir: PACK_DIR, clock, generate: SIZE });
    expect(again.generated).toMatchObject({ kind: 'skipped' });
    const count = await rows(a, sql`select count(*) as n from app_customer_erp.customer`);
    expect(n((count[0] as any).n)).toBe(12);
  });

  it('is consistent across forms', async () => {
    const one = async (query: ReturnType<typeof sql>) =>
      n(Object.values((await rows(a, query))[0] as object)[0]);
    // invoices bill their order's total; receivables are for their invoice's amount
    expect(
      await one(
        sql`select count(*) from app_customer_erp.invoice i join app_customer_erp.sales_order o on o.id = i.sales_order where i.amount <> o.total or i.customer <> o.customer`,
      ),
    ).toBe(0);
    expect(
      await one(
        sql`select count(*) from app_customer_erp.receivable r join app_customer_erp.invoice i on i.id = r.invoice where r.amount <> i.amount or r.customer <> i.customer`,
      ),
    ).toBe(0);
    expect(await one(sql`select count(*) from app_customer_erp.receivable where invoice is null`)).toBe(0);
    // what was received is what the write-offs booked, each write-off its payment's amount
    expect(
      await one(
        sql`select count(*) from app_customer_erp.receivable r where r.received_amount <> coalesce((select sum(w.amount) from app_customer_erp.write_off w where w.receivable = r.id), 0)`,
      ),
    ).toBe(0);
    expect(
      await one(
        sql`select count(*) from app_customer_erp.write_off w join app_customer_erp.payment p on p.id = w.payment where w.amount <> p.amount`,
      ),
    ).toBe(0);
    // payments never exceed what is owed: a receivable's received amount (its write-offs) is at most its amount
    expect(
      await one(
        sql`select count(*) from app_customer_erp.receivable r where r.received_amount > r.amount or r.outstanding < 0`,
      ),
    ).toBe(0);
    expect(
      await one(
        sql`select count(*) from app_customer_erp.payment p where p.amount > (select sum(r.amount) from app_customer_erp.write_off w join app_customer_erp.receivable r on r.id = w.receivable where w.payment = p.id)`,
      ),
    ).toBe(0);
    expect(
      await one(
        sql`select count(*) from app_customer_erp.payment p where not exists (select 1 from app_customer_erp.write_off w where w.payment = p.id)`,
      ),
    ).toBe(0);
    // the receivable's status and paid date follow from its write-offs
    expect(
      await one(
        sql`select count(*) from app_customer_erp.receivable r where (r.status = 'paid') <> (r.received_amount = r.amount)
              or (r.status = 'paid' and r.paid_date is distinct from (select max(w.written_off_on) from app_customer_erp.write_off w where w.receivable = r.id))`,
      ),
    ).toBe(0);
    expect(
      await one(
        sql`select count(*) from app_customer_erp.receivable where status not in ('open', 'partially_paid', 'paid')`,
      ),
    ).toBe(0);
    // invoices match shipments: an invoiced order left the warehouse on or before the invoice date
    expect(
      await one(
        sql`select count(*) from app_customer_erp.invoice i where not exists (select 1 from app_customer_erp.shipment s
              where s.sales_order = i.sales_order and s.shipped_date <= i.invoice_date)`,
      ),
    ).toBe(0);
    // orders reference existing customers and products; the outbound slip lists the order's lines
    expect(
      await one(
        sql`select count(*) from app_customer_erp.sales_order o where not exists (select 1 from app_customer_erp.customer c where c.id = o.customer)
              or not exists (select 1 from app_customer_erp.sales_order__items l where l.parent_id = o.id)`,
      ),
    ).toBe(0);
    expect(
      await one(
        sql`select count(*) from app_customer_erp.sales_order__items l where not exists (select 1 from app_customer_erp.product p where p.id = l.product)`,
      ),
    ).toBe(0);
    expect(
      await one(
        sql`select count(*) from app_customer_erp.outbound_slip s where
              (select string_agg(l.product::text || 'x' || l.quantity, ',' order by l.product, l.quantity) from app_customer_erp.outbound_slip__items l where l.parent_id = s.id)
              is distinct from
              (select string_agg(l.product::text || 'x' || l.quantity, ',' order by l.product, l.quantity) from app_customer_erp.sales_order__items l where l.parent_id = s.sales_order)`,
      ),
    ).toBe(0);
    // dates in order along each story
    for (const [what, query] of [
      [
        'quote before order',
        sql`select count(*) from app_customer_erp.sales_order o join app_customer_erp.quote q on q.id = o.quote
              where q.quote_date > o.order_date or q.customer <> o.customer or q.expected_delivery_date <> o.expected_delivery_date`,
      ],
      [
        'delivered after shipped',
        sql`select count(*) from app_customer_erp.shipment where delivered_date < shipped_date`,
      ],
      [
        'due after invoiced',
        sql`select count(*) from app_customer_erp.receivable r join app_customer_erp.invoice i on i.id = r.invoice where r.due_date < r.invoice_date or r.invoice_date <> i.invoice_date`,
      ],
      [
        'paid after invoiced, written off when paid',
        sql`select count(*) from app_customer_erp.write_off w join app_customer_erp.payment p on p.id = w.payment join app_customer_erp.receivable r on r.id = w.receivable
              where p.received_date < r.invoice_date or w.written_off_on <> p.received_date or p.customer <> r.customer`,
      ],
      [
        'returned after delivery',
        sql`select count(*) from app_customer_erp.sales_return t join app_customer_erp.shipment s on s.sales_order = t.sales_order where t.return_date < s.delivered_date`,
      ],
      [
        'purchase arrives after it is ordered',
        sql`select count(*) from app_customer_erp.purchase_order where expected_arrival < order_date`,
      ],
      [
        'ticket after the order',
        sql`select count(*) from app_customer_erp.service_ticket t join app_customer_erp.sales_order o on o.id = t.sales_order where t.opened_at::date < o.order_date or t.first_response_at < t.opened_at or t.resolved_at < t.first_response_at`,
      ],
      [
        'shipping notice only for orders ready to ship',
        sql`select count(*) from app_customer_erp.shipment s join app_customer_erp.sales_order o on o.id = s.sales_order where (s.status = 'notified') <> (o.status = 'ready_to_ship')`,
      ],
    ] as const)
      expect(await one(query), what).toBe(0);
    // order status follows its documents; shipments, returns and tickets belong to the order's customer
    expect(
      await one(
        sql`select count(*) from app_customer_erp.sales_order o where (o.status = 'paid') <> exists (select 1 from app_customer_erp.receivable r where r.sales_order = o.id and r.status = 'paid')`,
      ),
    ).toBe(0);
    expect(
      await one(
        sql`select count(*) from app_customer_erp.shipment s join app_customer_erp.sales_order o on o.id = s.sales_order where s.customer <> o.customer or s.shipped_date < o.order_date`,
      ),
    ).toBe(0);
    expect(
      await one(
        sql`select count(*) from app_customer_erp.service_ticket s join app_customer_erp.sales_order o on o.id = s.sales_order where s.customer <> o.customer`,
      ),
    ).toBe(0);
    // a customer's last follow-up is its latest visit; dormant ones were last visited > 91 days ago
    expect(
      await one(
        sql`select count(*) from app_customer_erp.customer c where c.last_follow_up is distinct from (select max(f.visit_date) from app_customer_erp.follow_up f where f.customer = c.id)`,
      ),
    ).toBe(0);
    expect(
      await one(
        sql`select count(*) from app_customer_erp.customer where (pool = 'to_reactivate') <> (last_follow_up < ${TODAY}::date - 91)`,
      ),
    ).toBe(0);
    // nothing lies in the future; everything within the 18 months before today
    for (const [form, column] of [
      ['sales_order', 'order_date'],
      ['invoice', 'invoice_date'],
      ['payment', 'received_date'],
      ['follow_up', 'visit_date'],
      ['shipment', 'shipped_date'],
    ] as const)
      expect(
        await one(
          sql`select count(*) from ${sql.raw(`app_customer_erp.${form}`)} where ${sql.ref(column)} > ${TODAY}::date or ${sql.ref(column)} < ${TODAY}::date - 570`,
        ),
        form,
      ).toBe(0);
    // the stories the dashboard and the rules are about
    expect(
      await one(sql`select count(*) from app_customer_erp.shipment where on_time = false`),
    ).toBeGreaterThan(0);
    expect(
      await one(sql`select count(*) from app_customer_erp.shipment where on_time = true`),
    ).toBeGreaterThan(0);
    expect(
      await one(
        sql`select count(*) from app_customer_erp.receivable where status in ('open', 'partially_paid') and due_date < ${TODAY}::date`,
      ),
    ).toBeGreaterThan(0);
    expect(
      await one(sql`select count(*) from app_customer_erp.customer where pool = 'to_reactivate'`),
    ).toBeGreaterThan(0);
    expect(await one(sql`select count(distinct owner) from app_customer_erp.customer`)).toBe(2);
  });

  it('writes history but enqueues no record event: rules and flows ignore generated data', async () => {
    const history = await rows(a, sql`select count(*) as n from tessera.record_history`);
    expect(n((history[0] as any).n)).toBeGreaterThan(first.kind === 'generated' ? first.total - 1 : 0);
    const events = await rows(
      a,
      sql`select count(*) as n from graphile_worker.jobs where task_identifier = 'record.event'`,
    );
    expect(n((events[0] as any).n)).toBe(0);
  });

  it('every Customer ERP report returns rows, and the customer health dashboard has figures in every widget', async () => {
    const context = { db: a.db, actor: { id: null }, clock, timeZone: 'Asia/Shanghai' };
    const reports = createReportService(context);
    const dir = join(PACK_DIR, 'reports');
    for (const file of (await readdir(dir)).sort()) {
      const report = JSON.parse(await readFile(join(dir, file), 'utf8'));
      const result = await reports.run(APP, report.query);
      expect(result.rows.length, file).toBeGreaterThan(0);
      const values = result.rows.flatMap((r) => Object.values(r));
      expect(
        values.some((v) => v !== null && v !== 0 && v !== '0'),
        file,
      ).toBe(true);
    }
    // the satisfaction rating (1–5 stars) grouped by its stars: what the table holds, best last
    const stars = JSON.parse(await readFile(join(dir, 'satisfaction_distribution.json'), 'utf8'));
    const byStars = (await reports.run(APP, stars.query)).rows.map((r) => [n(r.stars), n(r.tickets)]);
    expect(byStars).toEqual(
      (
        await rows<{ stars: number; tickets: number }>(
          a,
          sql`select satisfaction as stars, count(*) as tickets from app_customer_erp.service_ticket
            where deleted_at is null and satisfaction is not null group by 1 order by 1`,
        )
      ).map((r) => [n(r.stars), n(r.tickets)]),
    );
    expect(byStars.every(([s]) => s! >= 1 && s! <= 5)).toBe(true);
    const view = await createDashboardService(context, reports).runDashboard(APP, 'customer_health', {});
    for (const widget of view.widgets as any[]) {
      expect(widget.error, widget.id).toBeUndefined();
      expect(widget.result?.rows?.length ?? widget.rows?.length, widget.id).toBeGreaterThan(0);
    }
  });
});
