import type { RecordEvent } from '@tessera/forms';
import { createRecordService } from '@tessera/forms';
import { createTestDatabase, type TestDatabase } from '@tessera/store/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CRM_FORMS, customerForm, salesOrderForm } from '../__fixtures__/crm-forms';
import {
  APP,
  addUser,
  insertRecord,
  movableClock,
  publishForms,
  publishRule,
  queuedJobs,
  rowsOf,
} from '../__fixtures__/rules-test-kit';
import { runDueActions } from '../actions/action.runner';
import type { RulesDeps } from '../rules-context';
import { handleRecordEvent } from '../triggers/record-event.handler';

let t: TestDatabase;
let deps: RulesDeps;
const clock = movableClock('2026-03-10T02:00:00Z');
const users: Record<string, string> = {};

function event(
  form: string,
  recordId: string,
  kind: RecordEvent['kind'],
  changes: RecordEvent['changes'] = {},
  actorId: string | null = null,
): RecordEvent {
  const version = kind === 'created' ? 1 : 2;
  return { app: APP, form, recordId, kind, version, changes, actorId, at: clock.now().toISOString() };
}

async function notificationsOf(username: string) {
  return rowsOf<{ kind: string; title: string; record_id: string }>(
    t.db,
    sql`select kind, title, record_id from tessera.notifications where user_id = ${users[username]} order by id`,
  );
}

beforeAll(async () => {
  t = await createTestDatabase();
  deps = { db: t.db, clock, timeZone: 'Asia/Shanghai' };
  await publishForms(t.db, CRM_FORMS);
  users.owner = await addUser(t.db, { username: 'owner', locale: 'zh-CN' });
  users.boss = await addUser(t.db, { username: 'boss', roles: ['sales_director'] });
  users.clerk = await addUser(t.db, { username: 'clerk', roles: ['clerk'] });
});
afterAll(async () => {
  await t?.close();
});

describe('record-event triggers', () => {
  it('record_created fires when the condition over a linked record holds, once per event', async () => {
    await publishRule(deps, {
      key: 'big_general_order',
      title: { en: 'Big order' },
      form: 'sales_order',
      trigger: { type: 'record_created' },
      condition: {
        and: [{ '>': [{ var: 'amount' }, 1000] }, { '==': [{ var: 'customer.credit_level' }, 'general'] }],
      },
      actions: [
        {
          type: 'notify',
          channels: ['in_app'],
          to: [{ kind: 'role', role: 'sales_director' }],
          body: { en: 'Order {{ order_no }} of {{ customer.name }}' },
        },
      ],
    });
    const general = await insertRecord(deps, customerForm, { name: 'Acme', credit_level: 'general' });
    const good = await insertRecord(deps, customerForm, { name: 'Bolt', credit_level: 'good' });
    const cases = [
      { no: 'SO-1', customer: general, amount: 5000, fires: true },
      { no: 'SO-2', customer: good, amount: 5000, fires: false },
      { no: 'SO-3', customer: general, amount: 10, fires: false },
    ];
    for (const c of cases) {
      const id = await insertRecord(deps, salesOrderForm, {
        order_no: c.no,
        customer: c.customer,
        amount: c.amount,
      });
      const first = await handleRecordEvent(deps, event('sales_order', id, 'created'));
      expect(first.fired.includes('big_general_order'), c.no).toBe(c.fires);
      // The same job retried: nothing new fires.
      const again = await handleRecordEvent(deps, event('sales_order', id, 'created'));
      expect(again.fired).toEqual([]);
    }
    await runDueActions(deps);
    expect((await notificationsOf('boss')).map((n) => n.title)).toEqual(['Order SO-1 of Acme']);
  });

  it('field_changed sees old and new values and the acting user; from/to narrow it', async () => {
    await publishRule(deps, {
      key: 'downgrade_alert',
      title: { en: 'Downgrade' },
      form: 'customer',
      trigger: { type: 'field_changed', field: 'credit_level', to: 'general' },
      condition: {
        and: [
          { '==': [{ var: 'old.credit_level' }, 'excellent'] },
          { '==': [{ var: 'user.username' }, 'clerk'] },
        ],
      },
      actions: [
        {
          type: 'create_todo',
          assignees: [{ kind: 'field', field: 'owner' }],
          title: {
            en: 'Check {{ name }}',
            'zh-CN': '核查 {{ name }}（{{ old.credit_level }} → {{ credit_level }}）',
          },
        },
      ],
    });
    const id = await insertRecord(deps, customerForm, {
      name: 'Corp',
      credit_level: 'general',
      owner: users.owner,
    });
    const cases: { changes: RecordEvent['changes']; actor: string | undefined; fires: boolean }[] = [
      { changes: { credit_level: { old: 'excellent', new: 'general' } }, actor: users.clerk, fires: true },
      { changes: { credit_level: { old: 'good', new: 'general' } }, actor: users.clerk, fires: false },
      { changes: { credit_level: { old: 'excellent', new: 'general' } }, actor: users.boss, fires: false },
      { changes: { name: { old: 'C', new: 'Corp' } }, actor: users.clerk, fires: false },
    ];
    for (const [i, c] of cases.entries()) {
      clock.advance(1000);
      const report = await handleRecordEvent(
        deps,
        event('customer', id, 'updated', c.changes, c.actor ?? null),
      );
      expect(report.fired.includes('downgrade_alert'), `case ${i}`).toBe(c.fires);
    }
    await runDueActions(deps);
    const todos = await notificationsOf('owner');
    expect(todos.map((n) => [n.kind, n.title, n.record_id])).toEqual([
      ['todo', '核查 Corp（excellent → general）', id],
    ]);
  });

  it('record_updated with fields fires only when one of them changed, and updates another form by a filter', async () => {
    await publishRule(deps, {
      key: 'cancel_orders_of_blocked',
      title: { en: 'Cancel orders' },
      form: 'customer',
      trigger: { type: 'record_updated', fields: ['credit_level'] },
      condition: { '==': [{ var: 'credit_level' }, 'good'] },
      actions: [
        {
          type: 'update_record',
          form: 'sales_order',
          where: { '==': [{ var: 'customer.name' }, 'Dyn'] },
          set: { status: 'cancelled' },
        },
      ],
    });
    const dyn = await insertRecord(deps, customerForm, { name: 'Dyn', credit_level: 'good' });
    const other = await insertRecord(deps, customerForm, { name: 'Eve', credit_level: 'good' });
    const o1 = await insertRecord(deps, salesOrderForm, { order_no: 'D-1', customer: dyn, status: 'open' });
    const o2 = await insertRecord(deps, salesOrderForm, { order_no: 'E-1', customer: other, status: 'open' });
    clock.advance(1000);
    expect(
      (await handleRecordEvent(deps, event('customer', dyn, 'updated', { name: { old: 'D', new: 'Dyn' } })))
        .fired,
    ).toEqual([]);
    expect(
      (
        await handleRecordEvent(
          deps,
          event('customer', dyn, 'updated', { credit_level: { old: 'x', new: 'good' } }),
        )
      ).fired,
    ).toEqual(['cancel_orders_of_blocked']);
    await runDueActions(deps);
    const rows = await rowsOf<{ id: string; status: string; version: number }>(
      t.db,
      sql`select id, status, version from app_crm.sales_order where id in (${o1}, ${o2}) order by order_no`,
    );
    expect(rows.map((r) => [r.id, r.status, Number(r.version)])).toEqual([
      [o1, 'cancelled', 2],
      [o2, 'open', 1],
    ]);
    // The change is a record change like any other: a record.event job for it is queued.
    const events = (await queuedJobs(t.db, 'record.event')).filter(
      (j) => j.payload.recordId === o1 && j.payload.kind === 'updated',
    );
    expect(events.map((j) => j.payload.changes)).toEqual([{ status: { old: 'open', new: 'cancelled' } }]);
  });

  it('update_record over many rows writes each one version, one history row and one event, exactly once', async () => {
    await publishRule(deps, {
      key: 'cancel_all_orders',
      title: { en: 'Cancel all orders' },
      form: 'customer',
      trigger: { type: 'record_updated', fields: ['pool'] },
      condition: { '==': [{ var: 'name' }, 'Bulk'] },
      actions: [
        {
          type: 'update_record',
          form: 'sales_order',
          where: { '==': [{ var: 'customer.name' }, 'Bulk'] },
          set: { status: 'cancelled', order_no: { cat: [{ var: 'name' }, '-x'] } },
        },
      ],
    });
    const bulk = await insertRecord(deps, customerForm, { name: 'Bulk', credit_level: 'good' });
    const records = createRecordService({ db: t.db, actor: { id: null }, clock, timeZone: deps.timeZone });
    // More than one statement's worth (UPDATE_CHUNK), one already cancelled, one deleted.
    const created = await records.bulkCreate(
      APP,
      'sales_order',
      Array.from({ length: 1105 }, (_, i) => ({
        order_no: `B-${i}`,
        customer: bulk,
        status: i === 7 ? 'cancelled' : 'open',
      })),
    );
    const ids = created.map((r) => r.id);
    await records.delete(APP, 'sales_order', ids[9]!);
    const live = ids.filter((_, i) => i !== 9);
    clock.advance(1000);
    const changed = event('customer', bulk, 'updated', { pool: { old: 'active', new: 'dormant' } });
    expect((await handleRecordEvent(deps, changed)).fired).toEqual(['cancel_all_orders']);
    expect((await handleRecordEvent(deps, changed)).fired).toEqual([]);
    await runDueActions(deps);
    await runDueActions(deps);

    const rows = await rowsOf<{ id: string; order_no: string; status: string; version: number }>(
      t.db,
      sql`select id, order_no, status, version from app_crm.sales_order where customer = ${bulk}`,
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(ids[9]!)).toMatchObject({ status: 'open', order_no: 'B-9' });
    expect(
      live.every((id) => byId.get(id)!.status === 'cancelled' && byId.get(id)!.order_no === 'Bulk-x'),
    ).toBe(true);
    expect(live.every((id) => Number(byId.get(id)!.version) === 2)).toBe(true);
    const history = await rowsOf<{ record_id: string; version: number; changes: Record<string, unknown> }>(
      t.db,
      sql`select record_id, version, changes from tessera.record_history
        where record_id = any(${ids}::uuid[]) and operation = 'updated' order by id`,
    );
    expect(history.map((h) => h.record_id).sort()).toEqual([...live].sort());
    expect(history.every((h) => Number(h.version) === 2)).toBe(true);
    const historyOf = new Map(history.map((h) => [h.record_id, h.changes]));
    expect(historyOf.get(ids[0]!)).toEqual({
      order_no: { old: 'B-0', new: 'Bulk-x' },
      status: { old: 'open', new: 'cancelled' },
    });
    expect(historyOf.get(ids[7]!)).toEqual({ order_no: { old: 'B-7', new: 'Bulk-x' } });
    const events = (await queuedJobs(t.db, 'record.event'))
      .map((j) => j.payload)
      .filter((p) => p.kind === 'updated' && p.form === 'sales_order' && ids.includes(p.recordId));
    expect(events.map((p) => p.recordId).sort()).toEqual([...live].sort());
    expect(events.find((p) => p.recordId === ids[7])).toMatchObject({
      app: APP,
      version: 2,
      actorId: null,
      changes: { order_no: { old: 'B-7', new: 'Bulk-x' } },
    });
  });

  it('record_deleted fires with the deleted record data; the run log says why others were skipped', async () => {
    await publishRule(deps, {
      key: 'deleted_order',
      title: { en: 'Deleted' },
      form: 'sales_order',
      trigger: { type: 'record_deleted' },
      condition: { '!=': [{ var: 'status' }, 'cancelled'] },
      actions: [
        {
          type: 'notify',
          channels: ['in_app'],
          to: [{ kind: 'user', user: 'boss' }],
          body: { en: 'Deleted {{ order_no }}' },
        },
      ],
    });
    const a = await insertRecord(deps, salesOrderForm, { order_no: 'X-1', status: 'open' });
    const b = await insertRecord(deps, salesOrderForm, { order_no: 'X-2', status: 'cancelled' });
    await sql`update app_crm.sales_order set deleted_at = now() where id in (${a}, ${b})`.execute(t.db);
    expect((await handleRecordEvent(deps, event('sales_order', a, 'deleted'))).fired).toEqual([
      'deleted_order',
    ]);
    expect((await handleRecordEvent(deps, event('sales_order', b, 'deleted'))).fired).toEqual([]);
    await runDueActions(deps);
    expect((await notificationsOf('boss')).map((n) => n.title)).toContain('Deleted X-1');
    const runs = await rowsOf<{ record_id: string; outcome: string; reason: string }>(
      t.db,
      sql`select record_id, outcome, reason from tessera.rule_runs r join tessera.rules x on x.id = r.rule_id
        where x.key = 'deleted_order' order by r.id`,
    );
    expect(runs.map((r) => [r.record_id, r.outcome, r.reason])).toEqual([
      [a, 'fired', 'record deleted'],
      [b, 'skipped', 'condition is false'],
      [a, 'done', expect.stringContaining('notify')],
    ]);
  });

  it('a disabled rule does not fire; enabling it again does', async () => {
    const { createRuleService } = await import('../rule.service');
    const service = createRuleService({ db: t.db, actor: { id: null }, clock });
    await service.disable(APP, 'deleted_order');
    const c = await insertRecord(deps, salesOrderForm, { order_no: 'X-3', status: 'open' });
    expect((await handleRecordEvent(deps, event('sales_order', c, 'deleted'))).fired).toEqual([]);
    await service.enable(APP, 'deleted_order');
    clock.advance(1);
    expect((await handleRecordEvent(deps, event('sales_order', c, 'deleted'))).fired).toEqual([
      'deleted_order',
    ]);
  });
});
