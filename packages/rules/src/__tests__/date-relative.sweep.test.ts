import { createTestDatabase, type TestDatabase } from '@tessera/store/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CRM_FORMS, receivableForm, salesOrderForm } from '../__fixtures__/crm-forms';
import {
  APP,
  addUser,
  count,
  insertRecord,
  movableClock,
  publishForms,
  publishRule,
  rowsOf,
} from '../__fixtures__/rules-test-kit';
import { runDueActions } from '../actions/action.runner';
import { runRuleTick } from '../jobs/rule-tick.job';
import { createRuleService } from '../rule.service';
import type { RulesDeps } from '../rules-context';
import { sweepIndexName } from '../triggers/date-relative.sweep';

let t: TestDatabase;
let deps: RulesDeps;
// 10:00 in Shanghai on 2026-03-10.
const clock = movableClock('2026-03-10T02:00:00Z');

async function firedRecords(ruleKey: string): Promise<string[]> {
  const r = await rowsOf<{ invoice_no: string }>(
    t.db,
    sql`select coalesce(rc.invoice_no, so.order_no) as invoice_no from tessera.rule_firings f
      join tessera.rules r on r.id = f.rule_id
      left join app_crm.receivable rc on rc.id::text = f.record_id
      left join app_crm.sales_order so on so.id::text = f.record_id
      where r.key = ${ruleKey} order by f.id`,
  );
  return r.map((x) => x.invoice_no);
}

async function tick(d: RulesDeps = deps): Promise<number> {
  const report = await runRuleTick(d);
  return Object.values(report).reduce((n, r) => n + ('fired' in r ? r.fired : 0), 0);
}

beforeAll(async () => {
  t = await createTestDatabase();
  deps = { db: t.db, clock, timeZone: 'Asia/Shanghai' };
  await publishForms(t.db, CRM_FORMS);
  await addUser(t.db, { username: 'fin', roles: ['finance'] });
  await publishRule(deps, {
    key: 'due_plus_two',
    title: { en: 'Two days overdue' },
    form: 'receivable',
    trigger: { type: 'date_relative', field: 'due_date', direction: 'after', amount: 2, unit: 'days' },
    condition: { '!=': [{ var: 'status' }, 'paid'] },
    actions: [
      {
        type: 'notify',
        channels: ['in_app'],
        to: [{ kind: 'role', role: 'finance' }],
        body: { en: '{{ invoice_no }} overdue' },
      },
    ],
  });
  const due = [
    ['A', '2026-03-07', 'open'],
    ['B', '2026-03-08', 'open'],
    ['C', '2026-03-08', 'paid'],
    ['D', '2026-03-09', 'open'],
    ['E', '2026-03-10', 'open'],
    ['F', null, 'open'],
  ] as const;
  for (const [no, date, status] of due)
    await insertRecord(deps, receivableForm, { invoice_no: no, due_date: date, status });
});
afterAll(async () => {
  await t?.close();
});

describe('date-relative sweep', () => {
  it('publishing the rule creates the index the sweep scans', async () => {
    const idx = await rowsOf<{ indexdef: string }>(
      t.db,
      sql`select indexdef from pg_indexes where schemaname = 'app_crm' and indexname = ${sweepIndexName('receivable', 'due_date')}`,
    );
    expect(idx[0]?.indexdef).toMatch(/\(due_date\) WHERE \(deleted_at IS NULL\)/);
  });

  it('dry run lists the due records without firing them', async () => {
    const service = createRuleService({ db: t.db, actor: { id: null }, clock, timeZone: 'Asia/Shanghai' });
    const result = await service.dryRun(APP, 'due_plus_two');
    expect(result.conditionInSql).toBe(true);
    expect(result.records.map((r) => r.occurrence)).toEqual(['date:2026-03-07', 'date:2026-03-08']);
    expect(await count(t.db, 'tessera.rule_firings')).toBe(0);
  });

  it('fires each due occurrence once; a second sweep fires nothing', async () => {
    expect(await tick()).toBe(2);
    expect(await firedRecords('due_plus_two')).toEqual(['A', 'B']);
    expect(await tick()).toBe(0);
  });

  it('the day boundary is the rule time zone midnight', async () => {
    const cases = [
      { at: '2026-03-10T15:59:00Z', fired: [] as string[] }, // 23:59 on 03-10 in Shanghai
      { at: '2026-03-10T16:00:00Z', fired: ['D'] }, //          00:00 on 03-11
    ];
    for (const c of cases) {
      clock.set(c.at);
      const before = await firedRecords('due_plus_two');
      await tick();
      expect((await firedRecords('due_plus_two')).slice(before.length), c.at).toEqual(c.fired);
    }
  });

  it('a late sweep (after downtime) catches up every missed occurrence once', async () => {
    clock.set('2026-03-20T02:00:00Z');
    expect(await tick()).toBe(1);
    expect(await firedRecords('due_plus_two')).toEqual(['A', 'B', 'D', 'E']);
    expect(await tick()).toBe(0);
  });

  it('a new date value is a new occurrence', async () => {
    await sql`update app_crm.receivable set due_date = '2026-03-15' where invoice_no = 'A'`.execute(t.db);
    expect(await tick()).toBe(1);
    expect(await firedRecords('due_plus_two')).toEqual(['A', 'B', 'D', 'E', 'A']);
  });

  it('does not fire twice across a restart', async () => {
    t = await t.restart();
    deps = { ...deps, db: t.db };
    expect(await tick()).toBe(0);
    expect(await count(t.db, 'tessera.rule_firings')).toBe(5);
  });

  it('two sweeps at once fire each occurrence once, with one set of actions', async () => {
    for (const no of ['G1', 'G2', 'G3', 'G4', 'G5', 'G6']) {
      await insertRecord(deps, receivableForm, { invoice_no: no, due_date: '2026-03-01', status: 'open' });
    }
    const results = await Promise.all([tick(), tick(), tick()]);
    expect(results.reduce((a, b) => a + b, 0)).toBe(6);
    expect(await count(t.db, 'tessera.rule_firings')).toBe(11);
    expect(await count(t.db, 'tessera.rule_actions')).toBe(11);
    const done = await runDueActions(deps);
    expect(done.done).toBe(11);
    expect(await count(t.db, 'tessera.notifications')).toBe(11);
  });

  it('datetime fields with hours; a condition outside SQL is evaluated in memory', async () => {
    await publishRule(deps, {
      key: 'promise_soon',
      title: { en: 'Promise soon' },
      form: 'sales_order',
      trigger: { type: 'date_relative', field: 'promised_at', direction: 'before', amount: 2, unit: 'hours' },
      condition: { '==': [{ substr: [{ var: 'order_no' }, 0, 2] }, 'VI'] },
      actions: [
        {
          type: 'notify',
          channels: ['in_app'],
          to: [{ kind: 'role', role: 'finance' }],
          body: { en: 'soon {{ order_no }}' },
        },
      ],
    });
    clock.set('2026-04-01T00:00:00Z');
    await insertRecord(deps, salesOrderForm, { order_no: 'VI-1', promised_at: '2026-04-01T01:30:00Z' });
    await insertRecord(deps, salesOrderForm, { order_no: 'VI-2', promised_at: '2026-04-01T03:00:00Z' });
    await insertRecord(deps, salesOrderForm, { order_no: 'NO-1', promised_at: '2026-04-01T01:00:00Z' });
    const report = await runRuleTick(deps);
    expect(report[`${APP}/promise_soon`]).toMatchObject({ fired: 1, conditionInSql: false });
    clock.set('2026-04-01T01:00:00Z');
    await runRuleTick(deps);
    expect(await firedRecords('promise_soon')).toEqual(['VI-1', 'VI-2']);
  });
});
