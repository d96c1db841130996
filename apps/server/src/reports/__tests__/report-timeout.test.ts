import { createFormService } from '@tessera/forms';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, type Client, createTestApp, login, type TestApp } from '../../__tests__/test-app';

const label = (en: string) => ({ en });
const forms = [
  {
    key: 'customer',
    title: label('Customer'),
    fields: [{ id: 'c1', key: 'name', type: 'text', label: label('Name') }],
  },
  {
    key: 'sales_order',
    title: label('Order'),
    fields: [{ id: 'o1', key: 'customer', type: 'link', label: label('Customer'), form: 'customer' }],
  },
];
/** 60 orders of one customer joined to themselves five times: 60⁵ ≈ 7.8 × 10⁸ rows to count. */
const pathological = {
  source: 'customer',
  joins: Array.from({ length: 5 }, (_, i) => ({ as: `o${i}`, form: 'sales_order', link: 'customer' })),
  measures: [{ key: 'n', agg: 'count' }],
};
const TIMEOUT_MS = 1500;

let t: TestApp;
let admin: Client;
beforeAll(async () => {
  // the cost limit raised so the report runs and meets its time limit instead
  t = await createTestApp({
    TESSERA_REPORT_TIMEOUT_MS: String(TIMEOUT_MS),
    TESSERA_REPORT_MAX_COST: '1e15',
    TESSERA_REPORT_MAX_FAN_OUT_JOINS: '8',
  });
  const db = t.database.db;
  const service = createFormService({ db, actor: { id: null }, clock: { now: () => new Date() } });
  await service.ensureApp('erp');
  for (const form of forms) {
    const draft = await service.saveDraft('erp', form);
    if (!draft.ok || !(await service.publish('erp', form.key, draft.version)).ok) throw new Error('publish');
  }
  await sql`insert into app_erp.customer (name) values ('A')`.execute(db);
  await sql`insert into app_erp.sales_order (customer) select c.id from app_erp.customer c, generate_series(1, 60)`.execute(
    db,
  );
  await addUser(t, 'boss', 'correct horse 42 battery', true);
  admin = await login(t, 'boss', 'correct horse 42 battery');
}, 120_000);
afterAll(async () => {
  await t?.close();
}, 60_000);

describe('a pathological report', () => {
  it('gets 503 QUERY_TIMEOUT within its limit while /api/health keeps answering within 1 s', async () => {
    const started = Date.now();
    const report = admin
      .request('POST', '/api/apps/erp/reports/query', { query: pathological })
      .then((res) => ({
        res,
        ms: Date.now() - started,
      }));
    let done = false;
    void report.then(() => {
      done = true;
    });
    const health: { status: number; ms: number }[] = [];
    await new Promise((resolve) => setTimeout(resolve, 200));
    while (!done && Date.now() - started < 30_000) {
      const at = Date.now();
      const res = await t.app.inject({ method: 'GET', url: '/api/health' });
      health.push({ status: res.statusCode, ms: Date.now() - at });
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    const { res, ms } = await report;
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ code: 'QUERY_TIMEOUT' });
    expect(ms).toBeLessThan(TIMEOUT_MS + 10_000);
    expect(health.length).toBeGreaterThan(0);
    for (const h of health) {
      expect(h.status).toBe(200);
      expect(h.ms).toBeLessThanOrEqual(1000);
    }
    // and the database is free again once the statement is stopped (PGlite: its worker reopened)
    let after = await t.app.inject({ method: 'GET', url: '/api/health' });
    for (let i = 0; i < 100 && after.json().busy; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      after = await t.app.inject({ method: 'GET', url: '/api/health' });
    }
    expect(after.json()).toEqual(expect.objectContaining({ status: 'ok' }));
    expect(after.json().busy).toBeUndefined();
    const again = await admin.request('POST', '/api/apps/erp/reports/query', {
      query: { source: 'sales_order', measures: [{ key: 'n', agg: 'count' }] },
    });
    expect(again.json().rows).toEqual([{ n: 60 }]);
  }, 60_000);
});
