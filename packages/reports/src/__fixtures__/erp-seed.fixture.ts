import { createFormService } from '@tessera/forms';
import type { FormDefinition } from '@tessera/schema';
import { type Kysely, sql } from 'kysely';
import type { ReportCatalog, ReportClock } from '../model/report-context';
import { ERP_APP, ERP_FORMS } from './erp-forms.fixture';

/** The clock every report test runs with: late November 2026 in Shanghai. */
export const TEST_CLOCK: ReportClock = { now: new Date('2026-11-27T05:00:00Z'), timeZone: 'Asia/Shanghai' };

export const ERP_CATALOG: ReportCatalog = {
  appKey: ERP_APP,
  forms: Object.fromEntries(ERP_FORMS.map((f) => [f.key, f])) as Record<string, FormDefinition>,
};

/** Publishes the ERP forms (creating their tables) through the forms engine. */
export async function publishErpForms(db: Kysely<any>): Promise<void> {
  const service = createFormService({ db, actor: { id: null }, clock: { now: () => TEST_CLOCK.now } });
  await service.ensureApp(ERP_APP, { en: 'ERP' });
  for (const form of ERP_FORMS) {
    const draft = await service.saveDraft(ERP_APP, form);
    if (!draft.ok) throw new Error(`draft refused: ${JSON.stringify(draft.errors)}`);
    const published = await service.publish(ERP_APP, form.key, draft.version);
    if (!published.ok) throw new Error(`publish refused: ${JSON.stringify(published.plan.refusals)}`);
  }
}

/**
 * Seeded random ERP data, set-based (generate_series, one statement per table): `setseed` makes
 * `random()` repeat, nulls and soft-deleted rows are sprinkled in so reports must handle them.
 */
export async function seedErpData(db: Kysely<any>, scale = 1): Promise<void> {
  const n = (x: number) => Math.max(1, Math.round(x * scale));
  await db.transaction().execute(async (trx) => {
    const run = (text: string) => sql.raw(text).execute(trx);
    await run('select setseed(0.42)');
    await run(`insert into app_erp.customer (name, tier, region, since, deleted_at)
      select 'Customer ' || g,
             (array['strategic','key','normal','normal'])[1 + floor(random() * 4)::int],
             case when random() < 0.05 then null else (array['east','west','north','south'])[1 + floor(random() * 4)::int] end,
             date '2020-01-01' + floor(random() * 2000)::int,
             case when g % 29 = 0 then timestamptz '2026-06-01' end
      from generate_series(1, ${n(60)}) g`);
    await run(`insert into app_erp.product (name, category)
      select 'Product ' || g, (array['hardware','software','service'])[1 + g % 3] from generate_series(1, 20) g`);
    await run(`insert into app_erp.sales_order (order_no, customer, order_date, status, total, shipped_at, discount, item_count, deleted_at, created_at)
      select 'SO-' || g, c.a[1 + floor(random() * cardinality(c.a))::int], d,
             (array['confirmed','shipped','shipped','cancelled'])[1 + floor(random() * 4)::int],
             case when random() < 0.05 then null else round((random() * 10000)::numeric, 2) end,
             case when random() < 0.8 then (d::timestamp + make_interval(hours => floor(random() * 400)::int)) at time zone 'Asia/Shanghai' end,
             round(random()::numeric, 2), floor(random() * 5)::int,
             case when g % 37 = 0 then timestamptz '2026-07-01' end,
             d::timestamptz
      from generate_series(1, ${n(600)}) g,
           lateral (select date '2025-01-01' + floor(random() * 690)::int as d where g > 0) dd,
           (select array_agg(id order by name) a from app_erp.customer) c`);
    await run(`insert into app_erp.sales_order__items (parent_id, position, product, quantity, amount)
      select o.id, k, p.a[1 + floor(random() * 20)::int], 1 + floor(random() * 9)::int, round((random() * 3000)::numeric, 2)
      from app_erp.sales_order o, generate_series(1, 3) k, (select array_agg(id order by name) a from app_erp.product) p
      where random() < 0.7`);
    await run(`insert into app_erp.receivable (customer, amount, paid_amount, invoice_date, due_date, paid_date, status)
      select c.a[1 + floor(random() * cardinality(c.a))::int], amount,
             case when paid then amount else round(amount * random()::numeric, 2) end,
             inv, inv + 30, case when paid then inv + floor(random() * 80)::int end,
             case when paid then 'paid' else 'open' end
      from generate_series(1, ${n(400)}) g,
           lateral (select round((100 + random() * 20000)::numeric, 2) as amount, random() < 0.6 as paid,
                           date '2025-06-01' + floor(random() * 540)::int as inv where g > 0) x,
           (select array_agg(id order by name) a from app_erp.customer) c`);
    await run(`insert into app_erp.service_ticket (customer, channel, opened_at, first_response_at, resolved_at, nps_score)
      select c.a[1 + floor(random() * cardinality(c.a))::int], (array['phone','email','portal'])[1 + floor(random() * 3)::int],
             o, o + make_interval(mins => floor(random() * 600)::int),
             case when random() < 0.85 then o + make_interval(hours => floor(random() * 120)::int) end,
             case when random() < 0.7 then floor(random() * 11)::int end
      from generate_series(1, ${n(300)}) g,
           lateral (select timestamptz '2026-01-01 00:00+08' + make_interval(hours => floor(random() * 7800)::int) as o where g > 0) x,
           (select array_agg(id order by name) a from app_erp.customer) c`);
    await run(`insert into app_erp.shipment ("order", promised_date, delivered_date, returned, return_reason)
      select o.id, o.order_date + 7, case when random() < 0.9 then o.order_date + floor(random() * 12)::int end,
             r, case when r then (array['quality','damaged','wrong_item'])[1 + floor(random() * 3)::int] end
      from app_erp.sales_order o, lateral (select random() < 0.12 as r where o.id is not null) x
      where o.status = 'shipped'`);
    await run(`insert into app_erp.quality_check (shipment, result, defect)
      select s.id, case when random() < 0.9 then 'pass' else 'fail' end,
             (array['none','none','cosmetic','functional'])[1 + floor(random() * 4)::int]
      from app_erp.shipment s`);
    await run(`insert into app_erp.quote (customer, submitted_at, approved_at, amount)
      select c.a[1 + floor(random() * cardinality(c.a))::int], s,
             case when random() < 0.8 then s + make_interval(mins => floor(random() * 4000)::int) end,
             round((random() * 50000)::numeric, 2)
      from generate_series(1, ${n(150)}) g,
           lateral (select timestamptz '2026-01-01 09:00+08' + make_interval(hours => floor(random() * 7000)::int) as s where g > 0) x,
           (select array_agg(id order by name) a from app_erp.customer) c`);
  });
}
