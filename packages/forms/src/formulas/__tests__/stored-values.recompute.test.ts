import type { FormDefinition } from '@tessera/schema';
import { createTestDatabase, type TestDatabase } from '@tessera/store/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFormService } from '../../form.service';
import { publishForms, records } from '../../records/__fixtures__/records-test-kit';
import { customerForm, orderForm } from '../../records/__fixtures__/sales.forms';
import { publish } from '../../tables/form-publish.runner';
import { RECOMPUTE_TASK, runRecomputeJob } from '../stored-values.recompute';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await publishForms(t.db, 'sales', [customerForm, orderForm]);
});
afterAll(async () => {
  await t?.close();
});

const forms = () => createFormService({ db: t.db, actor: { id: null }, clock: { now: () => new Date() } });
const item = (qty: number, price: string) => ({
  product: 'P',
  qty,
  price: { amount: price, currency: 'CNY' },
});

/** Saves `next` as a draft and publishes it with the given inline limit. */
async function republish(
  next: FormDefinition,
  recomputeInlineLimit?: number,
  time: { clock: { now(): Date }; timeZone?: string } = { clock: { now: () => new Date() } },
) {
  const draft = await forms().saveDraft('sales', next);
  if (!draft.ok) throw new Error(JSON.stringify(draft.errors));
  const result = await publish(
    t.db,
    'sales',
    next.key,
    draft.version,
    { actor: { id: null }, ...time },
    {
      ...(recomputeInlineLimit === undefined ? {} : { recomputeInlineLimit }),
    },
  );
  if (!result.ok) throw new Error(JSON.stringify(result.plan.refusals));
  return result;
}

function withFormula(form: FormDefinition, key: string, expression: unknown): FormDefinition {
  const map = (fields: any[]): any[] =>
    fields.map((f) =>
      f.key === key && f.type === 'formula'
        ? { ...f, expression }
        : f.type === 'line_items'
          ? { ...f, fields: map(f.fields) }
          : f,
    );
  return { ...form, fields: map(form.fields as any[]) };
}

describe('a formula or rollup changed by a publish', () => {
  it('recomputes the stored values of existing records inside the publish (small table)', async () => {
    const svc = records(t.db);
    const customer = await svc.create('sales', 'customer', { name: 'Recompute Ltd' });
    const order = await svc.create('sales', 'order', {
      customer: customer.id,
      discount: 1,
      items: [item(2, '5.00')],
    });
    expect(order.total).toBe(9);
    // Row amount now includes a 10 % surcharge; the total no longer subtracts the discount.
    let next = withFormula(orderForm, 'amount', { '*': [{ var: 'qty' }, { var: 'price' }, 1.1] });
    next = withFormula(next, 'total', { sum: [{ var: 'items' }, { var: 'amount' }] });
    await republish(next);
    const after = await svc.get('sales', 'order', order.id);
    expect(after).toMatchObject({ total: 11, items: [{ amount: 11 }], version: 1 });
    expect(await svc.get('sales', 'customer', customer.id)).toMatchObject({ total_amount: 11 });
    // A rollup added by a publish gets its values too.
    const rollup = {
      ...customerForm,
      fields: [
        ...customerForm.fields,
        {
          id: 'c12',
          key: 'max_total',
          type: 'rollup',
          label: { en: 'Max' },
          source: { form: 'order', link: 'customer' },
          aggregate: 'max',
          field: 'total',
          scale: 2,
        },
      ],
    } as FormDefinition;
    await republish(rollup);
    expect(await svc.get('sales', 'customer', customer.id)).toMatchObject({ max_total: 11 });
  });

  it('hands a big table to the chunked forms.recompute job, and says so in the plan', async () => {
    const customers = await sql<{ id: string }>`select id from app_sales.customer limit 1`.execute(t.db);
    await sql`insert into app_sales."order" (customer, order_date, discount, total, status, created_at, updated_at)
      select ${customers.rows[0]!.id}::uuid, date '2026-03-01', g % 7, -1, 'draft', now(), now()
      from generate_series(1, 1200) g`.execute(t.db);
    const next = withFormula(orderForm, 'total', { '-': [100, { var: 'discount' }] });
    const result = await republish(next, 100);
    expect(result.plan.notices.map((n) => n.message).join()).toMatch(/recomputed in the background/);
    const stale = await sql<{
      n: number;
    }>`select count(*)::int as n from app_sales."order" where total = -1`.execute(t.db);
    expect(stale.rows[0]!.n).toBe(1200); // nothing done inside the publish
    for (let runs = 0; runs < 10; runs++) {
      const job = await sql<{
        id: string;
        payload: unknown;
      }>`select j.id, j.payload from graphile_worker._private_jobs j
        join graphile_worker._private_tasks k on k.id = j.task_id where k.identifier = ${RECOMPUTE_TASK} order by j.id limit 1`.execute(
        t.db,
      );
      if (!job.rows[0]) break;
      await sql`delete from graphile_worker._private_jobs where id = ${job.rows[0].id}`.execute(t.db);
      await runRecomputeJob(t.db, job.rows[0].payload, { clock: { now: () => new Date() }, timeZone: 'UTC' });
    }
    const wrong = await sql<{
      n: number;
    }>`select count(*)::int as n from app_sales."order" where total is distinct from 100 - discount`.execute(
      t.db,
    );
    expect(wrong.rows[0]!.n).toBe(0);
  });

  it("recomputes a formula reading today on the platform's calendar day, inline and in the job", async () => {
    // 17:00 UTC on 10 March is 01:00 on 11 March in Shanghai
    const time = { clock: { now: () => new Date('2026-03-10T17:00:00Z') }, timeZone: 'Asia/Shanghai' };
    const seen = (key: string, id: string) =>
      ({
        id,
        key,
        type: 'formula',
        label: { en: key },
        resultType: 'date',
        expression: { today: [] },
      }) as const;
    const withSeen = (...fields: ReturnType<typeof seen>[]) =>
      ({ ...orderForm, fields: [...orderForm.fields, ...fields] }) as FormDefinition;
    await republish(withSeen(seen('seen_on', 'o90')), undefined, time);
    const inline = await sql<{ day: string; n: number }>`
      select seen_on::text as day, count(*)::int as n from app_sales."order" group by 1`.execute(t.db);
    expect(inline.rows).toEqual([{ day: '2026-03-11', n: expect.any(Number) }]);

    await republish(withSeen(seen('seen_on', 'o90'), seen('checked_on', 'o91')), 100, time);
    for (let runs = 0; runs < 20; runs++) {
      const job = await sql<{
        id: string;
        payload: unknown;
      }>`select j.id, j.payload from graphile_worker._private_jobs j
        join graphile_worker._private_tasks k on k.id = j.task_id where k.identifier = ${RECOMPUTE_TASK} order by j.id limit 1`.execute(
        t.db,
      );
      if (!job.rows[0]) break;
      await sql`delete from graphile_worker._private_jobs where id = ${job.rows[0].id}`.execute(t.db);
      await runRecomputeJob(t.db, job.rows[0].payload, time);
    }
    const job = await sql<{ day: string | null; n: number }>`
      select checked_on::text as day, count(*)::int as n from app_sales."order" group by 1`.execute(t.db);
    expect(job.rows).toEqual([{ day: '2026-03-11', n: expect.any(Number) }]);
  });
});
