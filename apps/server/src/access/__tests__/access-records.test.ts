import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP, base, createErpWorld, type ErpWorld, keysDeep } from './erp-access.fixture';

let w: ErpWorld;
beforeAll(async () => {
  w = await createErpWorld();
});
afterAll(() => w?.t.close());

const names = (items: Record<string, any>[]) => items.map((r) => String(r.name)).sort();
const CREDIT = ['credit_level', 'credit_limit', 'payment_terms_days'];

async function listAll(user: keyof ErpWorld['as'], form: string, query = '') {
  const res = await w.as[user].request('GET', `${base}/${form}/records?count=exact${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: Record<string, any>[]; total: number };
}

async function historyCount(id: string) {
  const r = await sql<{
    n: number;
  }>`select count(*)::int as n from tessera.record_history where record_id = ${id}::uuid`.execute(
    w.t.database.db,
  );
  return Number(r.rows[0]!.n);
}

describe('row scope: own (the pack’s sales role, owner field)', () => {
  it('reading another sales user’s customer by id is a 404, exactly like a missing id', async () => {
    const other = await w.as.sales1.request('GET', `${base}/customer/records/${w.customers.s2}`);
    const missing = await w.as.sales1.request(
      'GET',
      `${base}/customer/records/00000000-0000-4000-8000-000000000000`,
    );
    expect(other.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(other.json().code).toBe(missing.json().code);
    expect((await w.as.sales1.request('GET', `${base}/customer/records/${w.customers.s1a}`)).statusCode).toBe(
      200,
    );
    expect(
      (await w.as.sales1.request('GET', `${base}/customer/records/${w.customers.s2}/history`)).statusCode,
    ).toBe(404);
  });

  it('lists (and counts) only their own customers, also when filtering, searching and paging', async () => {
    const page = await listAll('sales1', 'customer');
    expect(names(page.items)).toEqual(['Alpha Ltd', 'Beta VIP']);
    expect(page.total).toBe(2);
    expect((await listAll('sales2', 'customer')).total).toBe(1);
    const searched = await listAll('sales1', 'customer', `&q=${encodeURIComponent('a')}`);
    expect(names(searched.items)).toEqual(['Alpha Ltd', 'Beta VIP']);
    const filtered = await listAll(
      'sales1',
      'customer',
      `&filter=${encodeURIComponent('{"==":[{"var":"tier"},"normal"]}')}`,
    );
    expect(names(filtered.items)).toEqual(['Alpha Ltd']);
    const first = await w.as.sales1.request('GET', `${base}/customer/records?limit=1&sort=name`);
    const next = await w.as.sales1.request(
      'GET',
      `${base}/customer/records?limit=1&sort=name&cursor=${first.json().nextCursor}`,
    );
    expect([first.json().items[0].name, next.json().items[0].name]).toEqual(['Alpha Ltd', 'Beta VIP']);
    expect(next.json().nextCursor).toBeNull();
  });

  it('updates and deletes outside the scope are 404 and change nothing', async () => {
    const before = await historyCount(w.customers.s2);
    const patch = await w.as.sales1.request('PATCH', `${base}/customer/records/${w.customers.s2}`, {
      version: 1,
      notes: 'x',
    });
    expect(patch.statusCode).toBe(404);
    expect(
      (await w.as.sales1.request('DELETE', `${base}/customer/records/${w.customers.s2}`)).statusCode,
    ).toBe(403); // sales may not delete at all
    expect(await historyCount(w.customers.s2)).toBe(before);
  });

  it('a write that would move the row out of the writer’s scope is 403 and rolled back', async () => {
    const before = (await w.as.sales1.request('GET', `${base}/customer/records/${w.customers.s1a}`)).json();
    const history = await historyCount(w.customers.s1a);
    const moved = await w.as.sales1.request('PATCH', `${base}/customer/records/${w.customers.s1a}`, {
      version: before.version,
      owner: w.ids.sales2,
      notes: 'handing over',
    });
    expect(moved.statusCode, moved.body).toBe(403);
    const after = (await w.as.admin.request('GET', `${base}/customer/records/${w.customers.s1a}`)).json();
    expect(after).toMatchObject({ version: before.version, owner: w.ids.sales1, notes: before.notes });
    expect(await historyCount(w.customers.s1a)).toBe(history);
  });

  it('a new record must be inside the creator’s scope (else 403, nothing written)', async () => {
    const count = async () => (await listAll('admin', 'customer')).total;
    const n = await count();
    const outside = await w.as.sales1.request('POST', `${base}/customer/records`, {
      name: 'Not mine',
      owner: w.ids.sales2,
    });
    expect(outside.statusCode, outside.body).toBe(403);
    expect(await count()).toBe(n);
    const mine = await w.as.sales1.request('POST', `${base}/customer/records`, { name: 'Mine' });
    expect(mine.statusCode, mine.body).toBe(201);
    expect(mine.json().owner).toBe(w.ids.sales1);
    expect(await count()).toBe(n + 1);
    await w.as.admin.request('DELETE', `${base}/customer/records/${mine.json().id}`);
  });

  it('an expanded link outside the scope of its form is its id only; lookups through it read null', async () => {
    const res = await w.as.sales1.request(
      'GET',
      `${base}/follow_up/records/${w.followUps.f1}?expand=customer`,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().customer).toEqual({ id: w.customers.s2 });
    const own = await w.as.sales1.request(
      'GET',
      `${base}/follow_up/records/${w.followUps.f2}?expand=customer`,
    );
    expect(own.json().customer).toMatchObject({ id: w.customers.s1a, name: 'Alpha Ltd' });
    const listed = await listAll('sales1', 'follow_up', '&expand=customer');
    const byId = new Map(listed.items.map((r) => [r.id, r]));
    expect(byId.get(w.followUps.f1)!.customer).toEqual({ id: w.customers.s2 });
    // a reverse list (the customer's orders) is the order list, scoped the same way
    const reverse = await listAll(
      'sales1',
      'sales_order',
      `&filter=${encodeURIComponent(JSON.stringify({ '==': [{ var: 'customer' }, w.customers.s2] }))}`,
    );
    expect(reverse.items).toEqual([]);
    const mineOrder = (await w.as.sales1.request('GET', `${base}/sales_order/records/${w.orders.o1}`)).json();
    expect(mineOrder.customer_credit).toBe('B');
  });
});

describe('row scope: department, department tree, filter', () => {
  it('department: rows owned by members of my department (not of the department below)', async () => {
    expect(names((await listAll('deptview', 'customer')).items)).toEqual([
      'Alpha Ltd',
      'Beta VIP',
      'Delta VIP',
    ]);
  });

  it('department tree (the pack’s sales director): my department and every one below it', async () => {
    expect(names((await listAll('director1', 'customer')).items)).toEqual([
      'Alpha Ltd',
      'Beta VIP',
      'Delta VIP',
      'Gamma East',
    ]);
    expect(
      (await w.as.director1.request('GET', `${base}/customer/records/${w.customers.w}`)).statusCode,
    ).toBe(404);
  });

  it('filter: JSON-Logic with $user.id, as SQL', async () => {
    expect(names((await listAll('vipdesk', 'customer')).items)).toEqual(['Beta VIP', 'Delta VIP']);
    expect(
      (await w.as.vipdesk.request('GET', `${base}/customer/records/${w.customers.s1a}`)).statusCode,
    ).toBe(404);
    // turning a VIP into a normal customer would take it out of the desk's scope
    const vip = (await w.as.vipdesk.request('GET', `${base}/customer/records/${w.customers.d}`)).json();
    const res = await w.as.vipdesk.request('PATCH', `${base}/customer/records/${w.customers.d}`, {
      version: vip.version,
      tier: 'normal',
    });
    expect(res.statusCode).toBe(403);
    expect((await w.as.admin.request('GET', `${base}/customer/records/${w.customers.d}`)).json().tier).toBe(
      'vip',
    );
  });
});

describe('field level', () => {
  it('a hidden field appears in no output: get, list, expand, lookups, history, export', async () => {
    const outputs: unknown[] = [];
    const get = await w.as.warehouse1.request('GET', `${base}/customer/records/${w.customers.s1a}`);
    expect(get.statusCode).toBe(200);
    outputs.push(get.json());
    outputs.push((await listAll('warehouse1', 'customer')).items);
    const order = await w.as.warehouse1.request(
      'GET',
      `${base}/sales_order/records/${w.orders.o1}?expand=customer`,
    );
    expect(order.statusCode, order.body).toBe(200);
    expect(order.json().customer.name).toBe('Alpha Ltd');
    expect(order.json().customer_credit).toBeNull(); // a lookup of a field hidden on its form
    expect(order.json().items).toEqual([expect.objectContaining({ product: 'bolt', qty: 3 })]);
    outputs.push(order.json().customer);
    outputs.push(
      (await listAll('warehouse1', 'sales_order', '&expand=customer,items')).items.map((o) => o.customer),
    );
    const history = await w.as.warehouse1.request(
      'GET',
      `${base}/customer/records/${w.customers.s1a}/history`,
    );
    expect(history.statusCode).toBe(200);
    expect(history.json().length).toBeGreaterThan(0);
    outputs.push(history.json());
    for (const output of outputs)
      for (const key of CREDIT) expect(keysDeep(output).has(key), key).toBe(false);
    // the order's discount is hidden from the warehouse, its other fields are not
    expect(order.json()).not.toHaveProperty('discount');
    expect(order.json().amount).toBe(1000);
    // service sees payment terms but not the credit level or limit
    const service = (
      await w.as.service1.request('GET', `${base}/customer/records/${w.customers.s1a}`)
    ).json();
    expect(service.payment_terms_days).toBe(30);
    expect(service).not.toHaveProperty('credit_level');
  });

  it('the export of a list is the scoped, masked list', async () => {
    expect(
      (await w.as.warehouse1.request('GET', `${base}/customer/records/export?format=csv`)).statusCode,
    ).toBe(403);
    const csv = await w.as.auditor1.request('GET', `${base}/customer/records/export?format=csv&lang=en`);
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.body).toContain('Beta VIP');
    expect(csv.body).toContain('Delta VIP');
    expect(csv.body).not.toContain('Alpha Ltd'); // not VIP: outside the auditor's scope
    expect(csv.body).not.toContain('secret-notes');
    expect(csv.body).not.toContain('50000');
  });

  it('filtering, sorting or expanding by a hidden field is refused with its path', async () => {
    const filter = await w.as.warehouse1.request(
      'GET',
      `${base}/customer/records?filter=${encodeURIComponent('{"==":[{"var":"credit_level"},"A"]}')}`,
    );
    expect(filter.statusCode).toBe(403);
    expect(filter.json().errors[0].message).toContain('credit_level');
    const sort = await w.as.warehouse1.request('GET', `${base}/customer/records?sort=-credit_limit`);
    expect(sort.statusCode).toBe(403);
    expect(sort.json().errors).toMatchObject([
      { path: 'sort[0]', message: expect.stringContaining('credit_limit') },
    ]);
    const expand = await w.as.warehouse1.request('GET', `${base}/sales_order/records?expand=discount`);
    expect(expand.statusCode).toBe(403);
  });

  it('writing a read-only field is refused with its path and writes nothing; its stored value passes', async () => {
    const current = (await w.as.sales1.request('GET', `${base}/customer/records/${w.customers.s1b}`)).json();
    const history = await historyCount(w.customers.s1b);
    const res = await w.as.sales1.request('PATCH', `${base}/customer/records/${w.customers.s1b}`, {
      version: current.version,
      notes: 'raise it',
      credit_level: 'C',
    });
    expect(res.statusCode, res.body).toBe(403);
    expect(res.json().errors).toMatchObject([{ path: 'credit_level', message: 'is read-only for you' }]);
    const after = (await w.as.admin.request('GET', `${base}/customer/records/${w.customers.s1b}`)).json();
    expect(after).toMatchObject({ version: current.version, credit_level: 'A', notes: current.notes });
    expect(await historyCount(w.customers.s1b)).toBe(history);
    const { id: _id, created_at, created_by, updated_at, updated_by, deleted_at, ...values } = current;
    const same = await w.as.sales1.request('PATCH', `${base}/customer/records/${w.customers.s1b}`, {
      ...values,
      notes: 'visited again',
    });
    expect(same.statusCode, same.body).toBe(200);
    const created = await w.as.sales1.request('POST', `${base}/customer/records`, {
      name: 'Rich',
      credit_level: 'A',
    });
    expect(created.statusCode).toBe(403);
    expect(created.json().errors).toMatchObject([{ path: 'credit_level', message: 'is read-only for you' }]);
  });
});

describe('actions', () => {
  it('a restricted user cannot design; a user without a role on the app does not see it', async () => {
    const draft = await w.as.sales1.request('POST', `${base}/customer/versions`, { key: 'customer' });
    expect(draft.statusCode).toBe(403);
    expect((await w.as.outsider.request('GET', `${base}/customer/records`)).statusCode).toBe(404);
    expect((await w.as.outsider.request('GET', '/api/apps/erp/forms')).statusCode).toBe(404);
    const visible = (await w.as.vipdesk.request('GET', '/api/apps/erp/forms')).json();
    expect(visible.map((f: { key: string }) => f.key)).toEqual(['customer']);
    // a form the role does not name does not exist for it; an action it lacks is 403
    expect((await w.as.vipdesk.request('GET', `${base}/sales_order/records`)).statusCode).toBe(404);
    expect(
      (await w.as.warehouse1.request('POST', `${base}/customer/records`, { name: 'x' })).statusCode,
    ).toBe(403);
    expect((await w.as.sales1.request('GET', `${base}/customer/records/export`)).statusCode).toBe(403);
  });
});

describe('apps a user holds no role on', () => {
  it('do not exist for them: absent from the app list, 404 on their forms', async () => {
    const listed = (who: keyof ErpWorld['as']) =>
      w.as[who].request('GET', '/api/apps').then((r) => (r.json() as { key: string }[]).map((a) => a.key));
    expect(await listed('admin')).toContain(APP);
    expect(await listed('sales1')).toContain(APP);
    expect(await listed('outsider')).not.toContain(APP);
    expect((await w.as.outsider.request('GET', `/api/apps/${APP}/forms`)).statusCode).toBe(404);
  });
});
