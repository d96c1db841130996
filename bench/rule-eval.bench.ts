/**
 * Rule engine benchmark.
 * 1. Conditions: the R13–R16 rule conditions compiled once by @tessera/logic and evaluated per
 *    record, vs json-logic-js `apply` where json-logic-js can run them (it has no platform date
 *    operators: those rows are compiled-only). The general compiled-vs-apply table is
 *    logic-eval.bench.ts — not repeated here.
 * 2. Event → action latency under load: N record writes, C at a time; each goes record insert
 *    (with its record.event) → handleRecordEvent (rule lookup, linked record, condition, the
 *    idempotency row + action enqueue) → runRuleAction (in-app notification, e-mail into the
 *    outbox). Measured in-process, without the queue's polling delay; p50 / p99 / events per s.
 *
 *   pnpm exec tsx bench/rule-eval.bench.ts           # full
 *   pnpm exec tsx bench/rule-eval.bench.ts --quick   # smoke test
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_rules pnpm exec tsx bench/rule-eval.bench.ts
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFormService, RECORD_EVENT_TASK, type RecordEvent } from '@tessera/forms';
import { compile } from '@tessera/logic';
import { createRuleService, handleRecordEvent, runRuleAction } from '@tessera/rules';
import type { FormDefinition } from '@tessera/schema';
import { enqueue, migrateToLatest, openDatabase } from '@tessera/store';
import { sql } from 'kysely';

const jsonLogic = createRequire(import.meta.url)('json-logic-js') as {
  apply(logic: unknown, data: unknown): unknown;
};
const quick = process.argv.includes('--quick');

/** The event a record insert enqueues, written here by the hand-made baseline insert. */
const createdEvent = (recordId: string): RecordEvent => ({
  app: 'crm',
  form: 'sales_order',
  recordId,
  kind: 'created',
  version: 1,
  changes: {},
  actorId: null,
  at: new Date().toISOString(),
});
const fixtures = join(import.meta.dirname, '../packages/rules/src/__fixtures__/rules');
const fixture = async (name: string) => JSON.parse(await readFile(join(fixtures, `${name}.json`), 'utf8'));

function opsPerSecond(fn: () => unknown, targetMs: number): number {
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < targetMs) {
    for (let i = 0; i < 1000; i++) fn();
    n += 1000;
  }
  return n / ((performance.now() - start) / 1000);
}

async function conditions(): Promise<string> {
  const ctx = { now: new Date('2026-03-10T02:00:00Z'), timeZone: 'Asia/Shanghai' };
  const data = {
    amount: 600000,
    status: 'open',
    pool: 'active',
    due_date: '2026-03-01',
    last_follow_up: '2025-12-01',
    expected_delivery: '2026-03-11',
    customer: { id: 'c', name: 'Acme', credit_level: 'general' },
  };
  const rows = [
    '| rule condition | compiled (evals/s) | json-logic-js apply (evals/s) | ratio |',
    '|---|---:|---:|---:|',
  ];
  const targetMs = quick ? 50 : 1000;
  for (const name of ['overdue-receivable', 'delivery-notice', 'large-order-risk', 'dormant-customer']) {
    const condition = (await fixture(name)).condition;
    const fn = compile(condition);
    const compiled = opsPerSecond(() => fn(data, ctx), targetMs);
    let applied: number | null = null;
    try {
      jsonLogic.apply(condition, data);
      applied = opsPerSecond(() => jsonLogic.apply(condition, data), targetMs);
    } catch {
      applied = null; // platform operators (days_since, today, date_add) are unknown to json-logic-js
    }
    const fmt = (v: number) => Math.round(v).toLocaleString('en');
    rows.push(
      `| ${name} | ${fmt(compiled)} | ${applied === null ? 'n/a (platform date operators)' : fmt(applied)} | ${applied === null ? '—' : `${(compiled / applied).toFixed(1)}×`} |`,
    );
  }
  return rows.join('\n');
}

const label = (en: string) => ({ en });
const customerForm: FormDefinition = {
  key: 'customer',
  title: label('Customer'),
  fields: [
    { id: 'c1', key: 'name', type: 'text', label: label('Name') },
    { id: 'c2', key: 'credit_level', type: 'text', label: label('Credit level') },
  ],
};
const orderForm: FormDefinition = {
  key: 'sales_order',
  title: label('Order'),
  fields: [
    { id: 'o1', key: 'order_no', type: 'text', label: label('No.') },
    { id: 'o2', key: 'customer', type: 'link', label: label('Customer'), form: 'customer' },
    { id: 'o3', key: 'amount', type: 'money', label: label('Amount'), currency: 'CNY' },
  ],
};

async function latency(): Promise<string> {
  const dir = process.env.DATABASE_URL ? null : await mkdtemp(join(tmpdir(), 'tessera-bench-rules-'));
  const database = await openDatabase({
    url: process.env.DATABASE_URL,
    dataDir: dir ?? undefined,
    poolSize: 12,
  });
  try {
    const { db } = database;
    await migrateToLatest(db, database.connectionString);
    const clock = { now: () => new Date() };
    const forms = createFormService({ db, actor: { id: null }, clock });
    await forms.ensureApp('crm');
    for (const form of [customerForm, orderForm]) {
      const draft = await forms.saveDraft('crm', form);
      if (!draft.ok) throw new Error(JSON.stringify(draft.errors));
      await forms.publish('crm', form.key, draft.version);
    }
    const user = await sql<{
      id: string;
    }>`insert into tessera.users (username, display_name, email, password_hash)
      values ('dir', 'Director', 'dir@example.com', 'x') returning id`.execute(db);
    await sql`insert into tessera.role_members (role, user_id) values ('sales_director', ${user.rows[0]!.id}), ('risk_control', ${user.rows[0]!.id})`.execute(
      db,
    );
    const rules = createRuleService({ db, actor: { id: null }, clock });
    const saved = await rules.saveDraft('crm', await fixture('large-order-risk'));
    if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
    await rules.publish('crm', 'large_order_risk', saved.version);
    const customer = await sql<{
      id: string;
    }>`insert into app_crm.customer (name, credit_level) values ('Acme', 'general') returning id`.execute(db);
    const customerId = customer.rows[0]!.id;
    const deps = { db, clock, timeZone: 'Asia/Shanghai' };

    const total = quick ? 40 : 1000;
    // On the embedded PGlite one at a time: concurrent statements from several pool connections
    // interleave inside the PGlite socket ("bind message supplies 2 parameters, but prepared
    // statement requires 3"), a store-level problem reported to the lead.
    const concurrency = database.kind === 'postgres' ? 8 : 1;
    const latencies: number[] = [];
    let next = 0;
    const one = async (i: number) => {
      const started = performance.now();
      const id = await db.transaction().execute(async (trx) => {
        const r = await sql<{ id: string }>`insert into app_crm.sales_order (order_no, customer, amount)
          values (${`SO-${i}`}, ${customerId}, 600000) returning id`.execute(trx);
        const recordId = r.rows[0]!.id;
        await enqueue(trx, RECORD_EVENT_TASK, createdEvent(recordId));
        return recordId;
      });
      await handleRecordEvent(deps, createdEvent(id));
      const actions = await sql<{
        id: number;
      }>`select a.id from tessera.rule_actions a join tessera.rule_firings f on f.id = a.firing_id
        where f.record_id = ${id}`.execute(db);
      for (const a of actions.rows) await runRuleAction(deps, Number(a.id));
      latencies.push(performance.now() - started);
    };
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < total) await one(next++);
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const done = await sql<{ n: number }>`select count(*) as n from tessera.notifications`.execute(db);
    latencies.sort((a, b) => a - b);
    const pct = (p: number) =>
      latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!.toFixed(1);
    return [
      `Database: ${database.kind}; ${total} order events, ${concurrency} at a time; ${Number(done.rows[0]!.n)} notifications written.`,
      '',
      '| path | p50 (ms) | p99 (ms) | events/s |',
      '|---|---:|---:|---:|',
      `| insert + record.event → condition (linked customer) → fire → in-app + e-mail outbox | ${pct(50)} | ${pct(99)} | ${(total / seconds).toFixed(0)} |`,
    ].join('\n');
  } finally {
    await database.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  }
}

console.log(`## Rule engine (rule-eval.bench.ts)\n\n${await conditions()}\n\n${await latency()}\n`);
