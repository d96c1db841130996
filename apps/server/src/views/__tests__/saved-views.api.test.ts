import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP, type ErpHarness, ok, startErp } from '../../__tests__/customer-erp-kit';

/**
 * Saved list views over HTTP on the Customer ERP pack: private views stay with their owner,
 * shared ones need the form's design permission (here: the administrator) and are seen by every
 * reader, and what is stored is checked first (shape by ajv, field names against the form and
 * the caller's hidden fields, storable text).
 */
let erp: ErpHarness;
const views = (form = 'customer') => `/api/apps/${APP}/forms/${form}/views`;
const settings = {
  columns: [
    { key: 'name', width: 220 },
    { key: 'city', width: 120 },
  ],
  filter: { match: 'all', conditions: [{ field: 'city', op: 'eq', value: '杭州' }] },
  sort: { key: 'name', desc: true },
  q: '',
};

beforeAll(async () => {
  erp = await startErp({ start: '2027-03-01T01:00:00Z' });
});
afterAll(async () => {
  await erp?.close();
});

describe('saved views', () => {
  it('a private view is listed for its owner only and unknown to everyone else', async () => {
    const sales1 = await erp.as('sales1');
    const sales2 = await erp.as('sales2');
    const saved = await ok(sales1.request('POST', views(), { name: '杭州客户', settings }), 201);
    expect(saved).toMatchObject({
      name: '杭州客户',
      shared: false,
      mine: true,
      editable: true,
      version: 1,
      settings,
    });
    const list = await ok(sales1.request('GET', views()));
    expect(list.items.map((v: { name: string }) => v.name)).toEqual(['杭州客户']);
    expect(list.canShare).toBe(false);
    expect((await ok(sales2.request('GET', views()))).items).toEqual([]);
    for (const [method, body] of [
      ['PATCH', { version: 1, name: 'mine now' }],
      ['DELETE', undefined],
    ] as const)
      expect((await sales2.request(method, `${views()}/${saved.id}`, body)).statusCode).toBe(404);
    // the admin shares nothing of it either: a private view is its owner's
    expect((await ok(erp.admin.request('GET', views()))).items).toEqual([]);
  });

  it('renames and overwrites a view with optimistic locking; a name is unique per owner and form', async () => {
    const sales1 = await erp.as('sales1');
    const view = await ok(sales1.request('POST', views(), { name: 'Key accounts', settings: {} }), 201);
    const renamed = await ok(
      sales1.request('PATCH', `${views()}/${view.id}`, { version: 1, name: '重点客户', settings }),
    );
    expect(renamed).toMatchObject({ name: '重点客户', version: 2, settings });
    const stale = await sales1.request('PATCH', `${views()}/${view.id}`, { version: 1, name: 'again' });
    expect([stale.statusCode, stale.json().code]).toEqual([409, 'STALE_VERSION']);
    const taken = await sales1.request('POST', views(), { name: '杭州客户', settings });
    expect([taken.statusCode, taken.json().code, taken.json().errors]).toEqual([
      409,
      'CONFLICT',
      [{ path: 'name', message: 'is taken' }],
    ]);
    // another user may use the same name
    await ok((await erp.as('sales2')).request('POST', views(), { name: '杭州客户', settings }), 201);
    expect((await sales1.request('DELETE', `${views()}/${view.id}`)).statusCode).toBe(204);
    expect((await sales1.request('DELETE', `${views()}/${view.id}`)).statusCode).toBe(404);
  });

  it('sharing needs the design permission; a shared view is seen, not changed, by every reader', async () => {
    const sales1 = await erp.as('sales1');
    const refused = await sales1.request('POST', views(), { name: 'for all', shared: true, settings });
    expect(refused.statusCode).toBe(403);
    const own = (await ok(sales1.request('GET', views()))).items.find(
      (v: { name: string }) => v.name === '杭州客户',
    );
    const share = await sales1.request('PATCH', `${views()}/${own.id}`, {
      version: own.version,
      shared: true,
    });
    expect(share.statusCode).toBe(403);

    const adminList = await ok(erp.admin.request('GET', views()));
    expect(adminList.canShare).toBe(true);
    const shared = await ok(
      erp.admin.request('POST', views(), { name: '全员：华东客户', shared: true, settings }),
      201,
    );
    for (const user of ['sales1', 'director1', 'warehouse1']) {
      const list = await ok((await erp.as(user)).request('GET', views()));
      expect(list.items.find((v: { id: string }) => v.id === shared.id)).toMatchObject({
        name: '全员：华东客户',
        shared: true,
        mine: false,
        editable: false,
        owner: { displayName: 'erpadmin' },
      });
    }
    expect(
      (await sales1.request('PATCH', `${views()}/${shared.id}`, { version: 1, name: 'x' })).statusCode,
    ).toBe(403);
    expect((await sales1.request('DELETE', `${views()}/${shared.id}`)).statusCode).toBe(403);
    // shared views come first in the switcher
    expect((await ok(sales1.request('GET', views()))).items[0].id).toBe(shared.id);
    const unshared = await ok(
      erp.admin.request('PATCH', `${views()}/${shared.id}`, { version: 1, shared: false }),
    );
    expect(unshared.shared).toBe(false);
    expect(
      (await ok(sales1.request('GET', views()))).items.some((v: { id: string }) => v.id === shared.id),
    ).toBe(false);
  });

  it('refuses settings that name no field, a hidden field, unknown properties or unstorable text', async () => {
    const sales1 = await erp.as('sales1');
    const cases: [unknown, string][] = [
      [{ columns: [{ key: 'no_such_field', width: 100 }] }, 'settings.columns[0].key'],
      [{ sort: { key: 'nope', desc: false } }, 'settings.sort.key'],
      [
        { filter: { match: 'all', conditions: [{ field: 'city', op: 'eq', value: 'a\u0000b' }] } },
        'settings.filter.conditions[0].value',
      ],
    ];
    for (const [bad, path] of cases) {
      const res = await sales1.request('POST', views(), { name: `bad ${path}`, settings: bad });
      expect([res.statusCode, res.json().errors.map((e: { path: string }) => e.path)]).toEqual([400, [path]]);
    }
    for (const body of [
      { name: 'x', settings: { colour: 'red' } },
      { name: '', settings: {} },
      { name: 'line\nbreak', settings: {} },
      { name: 'narrow', settings: { columns: [{ key: 'name', width: 1 }] } },
    ])
      expect((await sales1.request('POST', views(), body)).statusCode).toBe(400);
    // the warehouse does not see credit limits: it may not save a view over them
    const hidden = await (await erp.as('warehouse1')).request('POST', views(), {
      name: 'by credit',
      settings: { sort: { key: 'credit_limit', desc: true } },
    });
    expect([hidden.statusCode, hidden.json().errors[0]?.path]).toEqual([400, 'settings.sort.key']);
  });

  it('a form the user may not read has no views for them', async () => {
    const sales1 = await erp.as('sales1');
    expect((await sales1.request('GET', views('purchase_order'))).statusCode).toBe(404);
    expect(
      (await sales1.request('POST', views('purchase_order'), { name: 'x', settings: {} })).statusCode,
    ).toBe(404);
  });
});
