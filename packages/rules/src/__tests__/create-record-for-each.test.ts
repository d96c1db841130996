import type { FormDefinition } from '@tessera/schema';
import { createTestDatabase, type TestDatabase } from '@tessera/store/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  insertRecord,
  movableClock,
  publishForms,
  publishRule,
  rowsOf,
} from '../__fixtures__/rules-test-kit';
import { runDueActions } from '../actions/action.runner';
import { createRuleService } from '../rule.service';
import type { RulesDeps } from '../rules-context';
import { handleRecordEvent } from '../triggers/record-event.handler';

/**
 * `create_record` with `forEach`: a new order makes one purchase suggestion per line whose
 * quantity exceeds its product's stock (a lookup of the row), for the shortfall only.
 */
const APP = 'shop';
let t: TestDatabase;
let deps: RulesDeps;
const clock = movableClock('2026-05-01T02:00:00Z');
const l = (en: string) => ({ en });

beforeAll(async () => {
  t = await createTestDatabase();
  deps = { db: t.db, clock, timeZone: 'Asia/Shanghai', retry: { maxAttempts: 1, baseMs: 1000, maxMs: 1000 } };
  await publishForms(t.db, [product, order, suggestion], APP);
  await publishRule(
    deps,
    {
      key: 'suggest_purchases',
      title: l('Suggest purchases'),
      form: 'order',
      trigger: { type: 'record_created' },
      actions: [
        {
          type: 'create_record',
          form: 'suggestion',
          forEach: { from: 'items', where: { '>': [{ var: 'quantity' }, { var: 'stock' }] } },
          values: {
            product: { var: 'product' },
            shortage: { '-': [{ var: 'quantity' }, { max: [{ var: 'stock' }, 0] }] },
            note: { cat: [{ var: '_record.ref' }, ' @ ', { var: 'price' }] },
          },
          linkBack: 'order',
        },
      ],
    },
    APP,
  );
});
afterAll(async () => {
  await t?.close();
});

async function newOrder(ref: string, items: { product: string; quantity: number; price: number }[]) {
  const id = await insertRecord(
    deps,
    order,
    { ref, items: items.map((i) => ({ ...i, price: { amount: String(i.price) } })) },
    APP,
  );
  clock.advance(1000);
  await handleRecordEvent(deps, {
    app: APP,
    form: 'order',
    recordId: id,
    kind: 'created',
    version: 1,
    changes: {},
    actorId: null,
    at: clock.now().toISOString(),
  });
  return { id, outcome: await runDueActions(deps) };
}

const suggestionsOf = (orderId: string) =>
  rowsOf<{ product: string; shortage: number; note: string }>(
    t.db,
    sql`select product, shortage, note from app_shop.suggestion where "order" = ${orderId} order by shortage`,
  );

describe('create_record forEach', () => {
  it('one record per line item that matches `where`, valued from the row (numbers as numbers) and `_record`', async () => {
    const [pump, valve, bolt] = await Promise.all(
      [
        ['pump', 20],
        ['valve', 0],
        ['bolt', 500],
      ].map(([name, on_hand]) => insertRecord(deps, product, { name, on_hand }, APP)),
    );
    const { id, outcome } = await newOrder('SO-1', [
      { product: pump!, quantity: 100, price: 6000 },
      { product: bolt!, quantity: 10, price: 1.5 },
      { product: valve!, quantity: 8, price: 800 },
    ]);
    expect(outcome).toMatchObject({ done: 1 });
    expect(await suggestionsOf(id)).toEqual([
      { product: valve, shortage: 8, note: 'SO-1 @ 800' },
      { product: pump, shortage: 80, note: 'SO-1 @ 6000' },
    ]);
  });

  it('publishing refuses a forEach over a field that is not line items, or with an invalid filter', async () => {
    const service = createRuleService({ db: t.db, actor: { id: null }, clock, timeZone: 'Asia/Shanghai' });
    const saved = await service.saveDraft(APP, {
      key: 'bad_for_each',
      title: l('Bad'),
      form: 'order',
      trigger: { type: 'record_created' },
      actions: [
        {
          type: 'create_record',
          form: 'suggestion',
          forEach: { from: 'ref', where: { method: ['x'] } },
          values: { product: { var: 'product' } },
        },
      ],
    });
    expect(saved.ok).toBe(false);
    if (!saved.ok)
      expect(saved.errors.map((e) => e.path)).toEqual([
        '/actions/0/forEach/from',
        '/actions/0/forEach/where/method',
      ]);
  });

  it('no line short: nothing is created and the action is done', async () => {
    const [nut] = await Promise.all([insertRecord(deps, product, { name: 'nut', on_hand: 9 }, APP)]);
    const { id, outcome } = await newOrder('SO-2', [{ product: nut!, quantity: 9, price: 1 }]);
    expect(outcome).toMatchObject({ done: 1 });
    expect(await suggestionsOf(id)).toEqual([]);
  });
});

const product: FormDefinition = {
  key: 'product',
  title: l('Product'),
  fields: [
    { id: 'p1', key: 'name', type: 'text', label: l('Name'), required: true },
    { id: 'p2', key: 'on_hand', type: 'integer', label: l('On hand') },
  ],
};
const order: FormDefinition = {
  key: 'order',
  title: l('Order'),
  fields: [
    { id: 'o1', key: 'ref', type: 'text', label: l('Ref'), required: true },
    {
      id: 'o2',
      key: 'items',
      type: 'line_items',
      label: l('Items'),
      fields: [
        { id: 'i1', key: 'product', type: 'link', label: l('Product'), form: 'product', required: true },
        { id: 'i2', key: 'quantity', type: 'integer', label: l('Quantity'), required: true },
        { id: 'i3', key: 'price', type: 'money', label: l('Price'), currency: 'CNY' },
        { id: 'i4', key: 'stock', type: 'lookup', label: l('Stock'), link: 'product', field: 'on_hand' },
      ],
    },
  ],
};
const suggestion: FormDefinition = {
  key: 'suggestion',
  title: l('Purchase suggestion'),
  fields: [
    { id: 's1', key: 'order', type: 'link', label: l('Order'), form: 'order' },
    { id: 's2', key: 'product', type: 'link', label: l('Product'), form: 'product', required: true },
    { id: 's3', key: 'shortage', type: 'integer', label: l('Shortage'), min: 1 },
    { id: 's4', key: 'note', type: 'text', label: l('Note') },
  ],
};
