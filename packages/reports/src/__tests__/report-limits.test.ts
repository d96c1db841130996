import { createTestDatabase, type TestDatabase } from '@tessera/store/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishErpForms, seedErpData, TEST_CLOCK } from '../__fixtures__/erp-seed.fixture';
import { ReportError } from '../model/report.error';
import type { ReportLimits } from '../model/report-limits';
import { createReportService } from '../report.service';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await publishErpForms(t.db);
  await seedErpData(t.db, 1);
  // the planner's estimates need statistics (autovacuum gathers them on a server, not on PGlite)
  await sql`analyze`.execute(t.db);
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const service = (limits: Partial<ReportLimits>) =>
  createReportService({
    db: t.db,
    actor: { id: null },
    clock: { now: () => TEST_CLOCK.now },
    timeZone: TEST_CLOCK.timeZone,
    limits,
  });

const byTier = {
  source: 'sales_order',
  dimensions: [{ key: 'tier', field: 'customer.tier' }],
  measures: [{ key: 'orders', agg: 'count' }],
  filter: { '>': [{ var: 'total' }, 10] },
};
/** Every order × receivable × ticket × quote × order of a customer: rows multiply per customer. */
const fanOut = {
  source: 'customer',
  joins: [
    { as: 'o', form: 'sales_order', link: 'customer' },
    { as: 'r', form: 'receivable', link: 'customer' },
    { as: 't', form: 'service_ticket', link: 'customer' },
    { as: 'q', form: 'quote', link: 'customer' },
    { as: 'o2', form: 'sales_order', link: 'customer' },
  ],
  measures: [{ key: 'n', agg: 'count' }],
};

async function refusal(run: Promise<unknown>): Promise<ReportError> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ReportError);
  return error as ReportError;
}

describe('report limits', () => {
  it('runs a report whose estimated cost is within the limit (EXPLAIN with bound values)', async () => {
    const result = await service({ maxCost: 1e9 }).run('erp', byTier);
    expect(result.rows.length).toBeGreaterThan(0);
  });

  it('refuses a report whose estimated cost passes the limit, unrun, naming the limit', async () => {
    const error = await refusal(service({ maxCost: 1 }).run('erp', byTier));
    expect(error.code).toBe('REPORT_TOO_COMPLEX');
    expect(error.message).toMatch(/estimated cost [\d,]+ exceeds the limit 1 \(TESSERA_REPORT_MAX_COST\)/);
  });

  it('tells the reverse-join fan-out from an ordinary report by its estimated cost', async () => {
    // estimates here: byTier ≈ 40, fanOut ≈ 8 000 (≈ 460 000 rows counted)
    const limited = service({ maxCost: 1000, maxFanOutJoins: 8 });
    await expect(limited.run('erp', byTier)).resolves.toBeTruthy();
    const error = await refusal(limited.run('erp', fanOut));
    expect(error.code).toBe('REPORT_TOO_COMPLEX');
    expect(error.message).toContain('TESSERA_REPORT_MAX_COST');
  });

  it('refuses more one-to-many joins than allowed before planning, naming them (REPORT_FAN_OUT)', async () => {
    const error = await refusal(service({}).run('erp', fanOut));
    expect(error.code).toBe('REPORT_FAN_OUT');
    expect(error.errors).toEqual([
      {
        path: '/joins',
        message: expect.stringContaining(
          '5 one-to-many joins (/joins/0, /joins/1, /joins/2, /joins/3, /joins/4); at most 2',
        ),
      },
    ]);
    // two reverse joins (customers with their orders and tickets, counted distinct) still run,
    // and link paths never count: they read one record each
    const two = {
      source: 'customer',
      joins: [
        { as: 'o', form: 'sales_order', link: 'customer' },
        { as: 't', form: 'service_ticket', link: 'customer' },
      ],
      measures: [
        { key: 'orders', agg: 'count_distinct', field: 'o.id' },
        { key: 'tickets', agg: 'count_distinct', field: 't.id' },
      ],
    };
    await expect(service({}).run('erp', two)).resolves.toBeTruthy();
    await expect(service({}).run('erp', byTier)).resolves.toBeTruthy();
    expect((await refusal(service({ maxFanOutJoins: 1 }).run('erp', two))).code).toBe('REPORT_FAN_OUT');
  });

  it('refuses too many joins and too deep a filter before planning', async () => {
    const joins = await refusal(service({ maxJoins: 4 }).run('erp', fanOut));
    expect(joins.code).toBe('REPORT_TOO_COMPLEX');
    expect(joins.errors).toEqual([{ path: '/joins', message: expect.stringContaining('at most 4') }]);
    let filter: unknown = { '==': [{ var: 'name' }, 'x'] };
    for (let i = 0; i < 20_000; i++) filter = { '!': filter };
    const deep = await refusal(service({}).run('erp', { ...byTier, filter }));
    expect(deep.code).toBe('REPORT_TOO_COMPLEX');
    expect(deep.errors[0]?.path).toBe('/filter');
  });
});
