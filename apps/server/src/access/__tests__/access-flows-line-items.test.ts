import type { RoleDefinition } from '@tessera/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantRole } from '../../__tests__/access-kit';
import { addUser, type Client, createTestApp, login, type TestApp } from '../../__tests__/test-app';
import { keysDeep } from './erp-access.fixture';

/**
 * Access gaps closed: starting a flow on a record outside the caller's read scope, field limits
 * inside line items (`items.unit_cost`), and form definitions that named hidden fields. Members
 * act through the HTTP API only; what they would notice is asserted.
 */
const label = (en: string) => ({ en });
const orderForm = {
  key: 'order',
  title: label('Order'),
  fields: [
    { id: 'o1', key: 'title', type: 'text', label: label('Title'), required: true },
    { id: 'o2', key: 'margin', type: 'number', label: label('Secret margin') },
    {
      id: 'o3',
      key: 'items',
      type: 'line_items',
      label: label('Items'),
      fields: [
        { id: 'o3a', key: 'product', type: 'text', label: label('Product') },
        { id: 'o3b', key: 'qty', type: 'integer', label: label('Qty') },
        { id: 'o3c', key: 'unit_cost', type: 'number', label: label('Unit cost') },
        { id: 'o3d', key: 'unit_price', type: 'number', label: label('Unit price') },
      ],
    },
    { id: 'o4', key: 'note', type: 'text', label: label('Note') },
    {
      id: 'o5',
      key: 'hot',
      type: 'boolean',
      label: label('Hot'),
      visibleWhen: { '>': [{ var: 'margin' }, 0.3] },
    },
  ],
  layout: { sections: [{ rows: [{ fields: [{ field: 'o1' }, { field: 'o2' }] }] }] },
};
const flow = {
  key: 'order_approval',
  title: label('Order approval'),
  form: 'order',
  nodes: [
    { id: 'start', type: 'start' },
    {
      id: 'check',
      type: 'approval',
      label: label('Check'),
      assignees: [{ kind: 'role', role: 'approver' }],
      fields: { note: 'edit', items: 'edit', margin: 'edit' },
    },
    { id: 'end', type: 'end', outcome: 'approved' },
  ],
  edges: [
    { from: 'start', to: 'check' },
    { from: 'check', to: 'end' },
  ],
};
/** Clerks work on their own orders; they never see costs nor set prices. */
const clerk: RoleDefinition = {
  key: 'clerk',
  title: label('Clerk'),
  forms: {
    order: {
      actions: ['create', 'read', 'update', 'export'],
      scope: { type: 'own' },
      fields: { margin: 'hidden', 'items.unit_cost': 'hidden', 'items.unit_price': 'read_only' },
    },
  },
  flows: { order_approval: ['start'] },
};
/** Approvers read every order, without its costs. */
const approver: RoleDefinition = {
  key: 'approver',
  title: label('Approver'),
  forms: { order: { actions: ['read'], fields: { margin: 'hidden', 'items.unit_cost': 'hidden' } } },
};
const PASSWORD = 'correct horse 42 battery';
const base = '/api/apps/shop/forms/order/records';

let t: TestApp;
let admin: Client;
let sam: Client;
let sue: Client;
let dora: Client;
const orders = { sam: '', sue: '' };

async function ok(res: Awaited<ReturnType<Client['request']>>, status = 200) {
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
}

beforeAll(async () => {
  t = await createTestApp();
  await addUser(t, 'admin', PASSWORD, true);
  for (const name of ['sam', 'sue', 'dora']) await addUser(t, name, PASSWORD);
  [admin, sam, sue, dora] = (await Promise.all(
    ['admin', 'sam', 'sue', 'dora'].map((u) => login(t, u, PASSWORD)),
  )) as [Client, Client, Client, Client];
  await ok(await admin.request('POST', '/api/apps', { key: 'shop', title: label('Shop') }), 201);
  const draft = await ok(await admin.request('POST', '/api/apps/shop/forms/order/versions', orderForm), 201);
  await ok(await admin.request('POST', `/api/apps/shop/forms/order/versions/${draft.version}/publish`));
  await ok(await admin.request('POST', '/api/apps/shop/flows', flow));
  await ok(await admin.request('POST', '/api/apps/shop/flows/order_approval/publish'));
  await grantRole(t.database.db, 'shop', clerk, ['sam', 'sue'], 0);
  await grantRole(t.database.db, 'shop', approver, ['dora'], 1);
  for (const [who, client] of [
    ['sam', sam],
    ['sue', sue],
  ] as const) {
    const created = await ok(
      await client.request('POST', base, { title: `${who}'s order`, items: [{ product: 'bolt', qty: 2 }] }),
      201,
    );
    orders[who] = created.id;
    // the back office prices it: margin, cost and price are set by an admin
    await ok(
      await admin.request('PATCH', `${base}/${created.id}`, {
        version: created.version,
        margin: 0.4,
        items: [{ id: created.items[0].id, product: 'bolt', qty: 2, unit_cost: 7, unit_price: 10 }],
      }),
    );
  }
});
afterAll(() => t.close());

describe('starting a flow on a record', () => {
  it('a record outside the read scope answers 404 exactly like the records API (and like a missing id)', async () => {
    const start = (recordId: string) =>
      sam.request('POST', '/api/apps/shop/flows/order_approval/instances', { recordId });
    const viaRecords = await sam.request('GET', `${base}/${orders.sue}`);
    const viaFlow = await start(orders.sue);
    expect(viaRecords.statusCode).toBe(404);
    expect(viaFlow.statusCode).toBe(404);
    expect(viaFlow.json()).toEqual(viaRecords.json());
    const missing = '00000000-0000-4000-8000-000000000000';
    const none = await start(missing);
    expect(none.statusCode).toBe(404);
    expect(none.json()).toEqual({
      ...viaFlow.json(),
      detail: viaFlow.json().detail.replace(orders.sue, missing),
    });
    // nothing started: no instance, no task for the approver
    expect((await dora.request('GET', '/api/tasks?box=todo')).json().items).toEqual([]);
    expect(await ok(await start(orders.sam), 201)).toMatchObject({ status: 'running' });
  });
});

describe('a flow task and timeline under the assignee’s field limits', () => {
  let taskId: string;
  let instanceId: string;

  it('the task leaves out hidden fields and hidden row fields; line items with them are read-only', async () => {
    const [task] = (await ok(await dora.request('GET', '/api/tasks?box=todo'))).items;
    taskId = task.taskId;
    instanceId = task.instanceId;
    const { record } = await ok(await dora.request('GET', `/api/tasks/${taskId}`));
    expect(record.values).not.toHaveProperty('margin');
    expect(record.values.items).toEqual([
      expect.objectContaining({ product: 'bolt', qty: 2, unit_price: 10 }),
    ]);
    expect(keysDeep(record)).not.toContain('unit_cost');
    expect(record.access).toMatchObject({ note: 'edit', items: 'read' });
    expect(record.access).not.toHaveProperty('margin');
  });

  it('values the role may not write are refused with 403 naming the field; nothing is written', async () => {
    const hidden = await dora.request('POST', `/api/tasks/${taskId}/actions/approve`, {
      values: { margin: 0.9 },
    });
    expect(hidden.statusCode).toBe(403);
    expect(hidden.json().errors).toMatchObject([
      { path: 'margin', message: 'is hidden from you and cannot be written' },
    ]);
    const rows = await dora.request('POST', `/api/tasks/${taskId}/actions/approve`, {
      values: { items: [{ product: 'nut', qty: 1 }] },
    });
    expect(rows.statusCode).toBe(403);
    expect(rows.json().errors).toMatchObject([expect.objectContaining({ path: 'items' })]);
    const stored = await ok(await admin.request('GET', `${base}/${orders.sam}`));
    expect(stored).toMatchObject({ margin: 0.4, items: [expect.objectContaining({ unit_cost: 7 })] });
    expect(
      await ok(
        await dora.request('POST', `/api/tasks/${taskId}/actions/approve`, { values: { note: 'fine' } }),
      ),
    ).toMatchObject({ status: 'completed' });
  });

  it('the timeline shows the written values without the fields hidden from the viewer', async () => {
    // ann approves too and may see (so write) the margin: sam, the initiator, does not see it
    await addUser(t, 'ann', PASSWORD);
    const ann = await login(t, 'ann', PASSWORD);
    const reader: RoleDefinition = {
      key: 'reader',
      title: label('Reader'),
      forms: { order: { actions: ['read'] } },
    };
    await grantRole(t.database.db, 'shop', approver, ['ann'], 1);
    await grantRole(t.database.db, 'shop', reader, ['ann'], 2);
    const second = await ok(
      await sam.request('POST', '/api/apps/shop/flows/order_approval/instances', { recordId: orders.sam }),
      201,
    );
    const [task] = (await ok(await ann.request('GET', '/api/tasks?box=todo'))).items;
    await ok(
      await ann.request('POST', `/api/tasks/${task.taskId}/actions/approve`, {
        values: { margin: 0.5, note: 'ann' },
      }),
    );
    const seen = async (client: Client, id: string) =>
      (await ok(await client.request('GET', `/api/flow-instances/${id}`))).history.find(
        (h: { kind: string }) => h.kind === 'approved',
      ).detail.values;
    expect(await seen(sam, second.instanceId)).toEqual({ note: 'ann' });
    expect(await seen(ann, second.instanceId)).toEqual({ margin: 0.5, note: 'ann' });
    expect(await seen(sam, instanceId)).toEqual({ note: 'fine' });
  });
});

describe('field limits inside line items', () => {
  it('reads leave hidden row fields out: get, list, history, export', async () => {
    const own = await ok(await sam.request('GET', `${base}/${orders.sam}`));
    expect(own.items).toEqual([expect.objectContaining({ product: 'bolt', unit_price: 10 })]);
    expect(own).not.toHaveProperty('margin');
    expect(keysDeep(own)).not.toContain('unit_cost');
    const list = await ok(await sam.request('GET', `${base}?expand=items`));
    expect(list.items).toHaveLength(1);
    expect(keysDeep(list)).not.toContain('unit_cost');
    const history = await ok(await sam.request('GET', `${base}/${orders.sam}/history`));
    expect(keysDeep(history)).not.toContain('unit_cost');
    expect(JSON.stringify(history)).not.toContain('"margin"');
    const csv = await sam.request('GET', `${base}/export?format=csv&lang=en`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('unit_price');
    expect(csv.body).not.toContain('unit_cost');
    expect(csv.body).not.toContain('Secret margin');
  });

  it('filtering on a hidden row field is refused with 403 naming it', async () => {
    const filter = JSON.stringify({ some: [{ var: 'items' }, { '>': [{ var: 'unit_cost' }, 5] }] });
    const res = await sam.request('GET', `${base}?filter=${encodeURIComponent(filter)}`);
    expect(res.statusCode).toBe(403);
    expect(res.json().errors).toMatchObject([
      { path: 'filter', message: 'field "items.unit_cost" is hidden from you' },
    ]);
  });

  it('writes: a hidden row field is refused, a read-only one unless unchanged; rows sent back keep what the clerk cannot write', async () => {
    const read = async () => ok(await admin.request('GET', `${base}/${orders.sam}`));
    const before = await read();
    const rowId = before.items[0].id;
    const patch = (items: unknown[]) =>
      sam.request('PATCH', `${base}/${orders.sam}`, { version: before.version, items });

    const cost = await patch([{ id: rowId, product: 'bolt', qty: 3, unit_cost: 1 }]);
    expect(cost.statusCode).toBe(403);
    expect(cost.json().errors).toMatchObject([
      { path: 'items[0].unit_cost', message: 'is hidden from you and cannot be written' },
    ]);
    const price = await patch([{ id: rowId, product: 'bolt', qty: 3, unit_price: 1 }]);
    expect(price.statusCode).toBe(403);
    expect(price.json().errors).toMatchObject([
      { path: 'items[0].unit_price', message: 'is read-only for you' },
    ]);
    const newPrice = await patch([{ product: 'nut', qty: 1, unit_price: 5 }]);
    expect(newPrice.json().errors).toMatchObject([
      { path: 'items[0].unit_price', message: 'is read-only for you' },
    ]);
    expect(await read()).toEqual(before); // nothing written by the refusals

    // the row sent back as read (its id, its unchanged price) plus a new row: accepted
    const saved = await ok(
      await patch([
        { id: rowId, product: 'bolt', qty: 3, unit_price: 10 },
        { product: 'nut', qty: 1 },
      ]),
    );
    expect(keysDeep(saved)).not.toContain('unit_cost');
    const after = await read();
    expect(after.items).toEqual([
      expect.objectContaining({ product: 'bolt', qty: 3, unit_cost: 7, unit_price: 10 }),
      expect.objectContaining({ product: 'nut', qty: 1, unit_cost: null, unit_price: null }),
    ]);
    expect(after.margin).toBe(before.margin);

    const created = await sam.request('POST', base, { title: 'x', items: [{ product: 'a', unit_cost: 1 }] });
    expect(created.statusCode).toBe(403);
    expect(created.json().errors).toMatchObject([
      { path: 'items[0].unit_cost', message: 'is hidden from you and cannot be written' },
    ]);
  });
});

describe('form definitions served to members', () => {
  it('a member never learns hidden fields’ keys, labels or conditions; the admin sees everything', async () => {
    const forMember = await ok(await sam.request('GET', '/api/apps/shop/forms/order'));
    const text = JSON.stringify(forMember);
    for (const secret of ['margin', 'Secret margin', 'unit_cost', 'Unit cost', '"o2"', '"o3c"'])
      expect(text).not.toContain(secret);
    const items = forMember.definition.fields.find((f: { key: string }) => f.key === 'items');
    expect(items.fields.map((f: { key: string }) => f.key)).toEqual(['product', 'qty', 'unit_price']);
    expect(items.fields[2]).toMatchObject({ readOnly: true });
    expect(forMember.definition.fields.find((f: { key: string }) => f.key === 'hot')).not.toHaveProperty(
      'visibleWhen',
    );
    const versions = await ok(await sam.request('GET', '/api/apps/shop/forms/order/versions'));
    expect(JSON.stringify(versions)).not.toContain('unit_cost');
    const full = await ok(await admin.request('GET', '/api/apps/shop/forms/order'));
    expect(full.definition).toEqual(expect.objectContaining({ fields: expect.any(Array) }));
    expect(JSON.stringify(full)).toContain('unit_cost');
    expect(JSON.stringify(full)).toContain('Secret margin');
  });

  it('a flow’s BPMN (which names form fields): not for members without the flow, refused when fields are hidden', async () => {
    expect((await dora.request('GET', '/api/apps/shop/flows/order_approval/bpmn')).statusCode).toBe(404);
    expect((await sam.request('GET', '/api/apps/shop/flows/order_approval/bpmn')).statusCode).toBe(403);
    expect((await admin.request('GET', '/api/apps/shop/flows/order_approval/bpmn')).statusCode).toBe(200);
  });
});
