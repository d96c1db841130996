import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ErpHarness, startErp } from '../../__tests__/customer-erp-kit';

// Imported records are records like any other: the rules listening to their form fire once per
// imported row. The import enqueues one `record.events` job per chunk (not one job per row); the
// worker hands each of its records to the rule and flow engines as its own `record.event`.
let erp: ErpHarness;
beforeAll(async () => {
  erp = await startErp({ start: '2030-01-10T09:00:00+08:00' }); // after the jobs' run_at (the database's now)
}, 120_000);
afterAll(async () => {
  await erp?.close();
});

const csvOf = (rows: string[][]) => `\uFEFF${rows.map((r) => r.join(',')).join('\r\n')}\r\n`;

describe('rules on imported records', () => {
  it('the follow-up rule fires once for every imported follow-up (chunks of 2 → one job each)', async () => {
    const customers = ['导入事件甲', '导入事件乙', '导入事件丙'];
    const created = await upload(
      'customer',
      csvOf([['客户名称', '客户等级'], ...customers.map((c) => [c, '重点客户'])]),
    );
    expect(created.statusCode).toBe(202);
    await finished(created.json().id);
    await erp.drain();

    const visits = customers.map((c, i) => [c, `2026-11-0${i + 3}`, 'call', `跟进 ${i}`]);
    const res = await upload(
      'follow_up',
      csvOf([['客户', '跟进日期', '跟进方式', '跟进内容'], ...visits]),
      '?chunkSize=2',
    );
    expect(res.statusCode).toBe(202);
    const report = await finished(res.json().id);
    expect(report.counts).toMatchObject({ rowsCreated: 3, rowsFailed: 0 });

    const queued = await sql<{ task: string; n: number }>`select t.identifier as task, count(*)::int as n
      from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
      where t.identifier like 'record.event%' group by t.identifier`.execute(erp.db);
    expect(queued.rows).toEqual([{ task: 'record.events', n: 2 }]);

    const ran = await erp.drain();
    expect(ran.filter((task) => task === 'record.events')).toHaveLength(2);
    const after = await sql<{ name: string; last_follow_up: string; pool: string | null }>`
      select name, last_follow_up::text as last_follow_up, pool from app_customer_erp.customer
      where name = any(${customers}::text[]) order by name`.execute(erp.db);
    expect(after.rows).toEqual(
      customers
        .map((name, i) => ({ name, last_follow_up: `2026-11-0${i + 3}`, pool: 'active' }))
        .sort((a, b) => (a.name < b.name ? -1 : 1)),
    );
    const runs = await sql<{ n: number }>`select count(*)::int as n from tessera.rule_runs r
      join tessera.rules k on k.id = r.rule_id where k.key = 'follow_up_date' and r.outcome = 'fired'`.execute(
      erp.db,
    );
    expect(runs.rows[0]!.n).toBe(3);
  }, 120_000);
});

function upload(form: string, csv: string, query = '') {
  return erp.t.app.inject({
    method: 'POST',
    url: `/api/apps/customer_erp/forms/${form}/imports${query}`,
    headers: { cookie: erp.admin.cookie, 'x-csrf-token': erp.admin.csrfToken, 'content-type': 'text/csv' },
    payload: csv,
  });
}

async function finished(id: string) {
  for (let i = 0; i < 600; i++) {
    const body = (await erp.admin.request('GET', `/api/imports/${id}`)).json();
    if (body.status === 'done' || body.status === 'failed') return body;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('import did not finish');
}
