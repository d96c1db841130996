import { createTestDatabase, type TestDatabase } from '@tessera/store/testing';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERP_CATALOG, publishErpForms, seedErpData, TEST_CLOCK } from '../../__fixtures__/erp-seed.fixture';
import { runModel } from '../../__fixtures__/report-test-kit';
import { compileReport } from '../../compiler/report.compiler';
import { ReportError } from '../../model/report.error';
import { runStatement } from '../report.runner';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await publishErpForms(t.db);
  await seedErpData(t.db, 0.2);
});
afterAll(async () => {
  await t?.close();
});

describe('the runner', () => {
  it('cancels a statement that runs past the timeout with a typed error', async () => {
    const error = await runStatement(
      t.db,
      { sql: 'select pg_sleep(3) as slept', parameters: [] },
      [{ key: 'slept', role: 'measure', type: 'text' }],
      { timeoutMs: 100 },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReportError);
    expect((error as ReportError).code).toBe('QUERY_TIMEOUT');
    expect((error as ReportError).message).toMatch(/longer than 100 ms/);
  });

  it('sets the timeout for the report transaction only', async () => {
    await runModel(t.db, { source: 'sales_order', measures: [{ key: 'n', agg: 'count' }] });
    const after = await sql<{ t: string }>`select current_setting('statement_timeout') as t`.execute(t.db);
    expect(after.rows[0]?.t).toBe('0');
  });

  it('runs a report in three round trips: BEGIN READ ONLY + SET LOCAL as one batch, the statement, COMMIT', async () => {
    const sent: string[] = [];
    const logged = new Kysely<any>({
      dialect: new PostgresDialect({ pool: t.pool }),
      log: (event) => {
        sent.push(event.query.sql);
      },
    });
    const compiled = compileReport(
      ERP_CATALOG,
      { source: 'sales_order', measures: [{ key: 'n', agg: 'count' }] },
      { clock: TEST_CLOCK },
    );
    if (!compiled.ok) throw new Error('compile failed');
    const result = await runStatement(logged, compiled.statement, compiled.columns, { timeoutMs: 1234 });
    expect(result.rows[0]?.n).toBeGreaterThan(0);
    expect(sent).toEqual([
      'start transaction read only; set local statement_timeout = 1234',
      compiled.statement.sql,
      'commit',
    ]);
  });

  it('refuses writes (read only) and leaves the connection usable', async () => {
    const before = await sql<{ n: number }>`select count(*)::int as n from app_erp.customer`.execute(t.db);
    const error = await runStatement(
      t.db,
      { sql: 'delete from app_erp.customer returning id', parameters: [] },
      [{ key: 'id', role: 'dimension', type: 'text' }],
    ).catch((e: unknown) => e);
    expect((error as ReportError).code).toBe('REPORT_QUERY_FAILED');
    expect((error as ReportError).message).toMatch(/read-only transaction/);
    const after = await sql<{ n: number }>`select count(*)::int as n from app_erp.customer`.execute(t.db);
    expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
    const again = await runModel(t.db, { source: 'customer', measures: [{ key: 'n', agg: 'count' }] });
    expect(again.rows[0]?.n).toBe(before.rows[0]?.n);
  });

  it("refuses to run inside a caller's transaction (its COMMIT would end the caller's)", async () => {
    const error = await t.db
      .transaction()
      .execute((trx) => runStatement(trx, { sql: 'select 1 as one', parameters: [] }, []))
      .catch((e: unknown) => e);
    expect(String(error)).toMatch(/not a transaction/);
  });

  it('returns counts as numbers, money sums as exact strings, averages as numbers, dates as text', async () => {
    const result = await runModel(t.db, {
      source: 'sales_order',
      dimensions: [
        { key: 'y', field: 'order_date', bucket: 'year' },
        { key: 'big', expr: { '>': [{ var: 'total' }, 5000] } },
      ],
      measures: [
        { key: 'n', agg: 'count' },
        { key: 'total', agg: 'sum', field: 'total', format: 'money' },
        { key: 'avg', agg: 'avg', field: 'total' },
        { key: 'last_ship', agg: 'max', field: 'shipped_at' },
      ],
      filter: { '!': [{ is_empty: [{ var: 'total' }] }] },
    });
    const row = result.rows[0]!;
    expect(result.columns.find((c) => c.key === 'total')).toEqual({
      key: 'total',
      role: 'measure',
      type: 'decimal',
      format: 'money',
    });
    expect(typeof row.n).toBe('number');
    expect(row.total).toMatch(/^\d+\.\d{2}$/);
    expect(typeof row.avg).toBe('number');
    expect(row.y).toMatch(/^\d{4}-01-01$/);
    expect(typeof row.big).toBe('boolean');
    expect(row.last_ship).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it('binds crafted filter values and they match nothing instead of running', async () => {
    const crafted = [
      "x'; drop table app_erp.customer; --",
      'Robert"); drop table app_erp.product;--',
      "O'Brien",
    ];
    for (const value of crafted) {
      const result = await runModel(t.db, {
        source: 'customer',
        measures: [{ key: 'n', agg: 'count', where: { '==': [{ var: 'name' }, value] } }],
        filter: { '!=': [{ var: 'name' }, value] },
        dimensions: [
          { key: 'label', cases: [{ when: { '==': [{ var: 'tier' }, value] }, value }], else: value },
        ],
      });
      expect(result.rows.map((r) => r.label)).toEqual([value]);
      expect(result.rows[0]?.n).toBe(0);
    }
    const still = await sql<{ n: number }>`select count(*)::int as n from app_erp.customer`.execute(t.db);
    expect(still.rows[0]?.n).toBeGreaterThan(0);
  });

  it('refuses to compile crafted field names, so nothing reaches the database', () => {
    const models = [
      { source: 'sales_order', dimensions: [{ key: 'x', field: 'total; drop table app_erp.customer' }] },
      {
        source: 'sales_order',
        measures: [{ key: 'n', agg: 'count', where: { '==': [{ var: 'x"; drop table y; --' }, 1] } }],
      },
      { source: 'sales_order"; drop table x; --', measures: [{ key: 'n', agg: 'count' }] },
    ];
    for (const model of models) {
      const compiled = compileReport(ERP_CATALOG, model, { clock: TEST_CLOCK });
      expect(compiled.ok).toBe(false);
    }
  });
});
