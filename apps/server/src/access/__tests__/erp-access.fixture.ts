import { readFileSync } from 'node:fs';
import type { RoleDefinition } from '@tessera/schema';
import { expect } from 'vitest';
import { departments, grantRole, placeUser } from '../../__tests__/access-kit';
import { addUser, type Client, createTestApp, login, type TestApp } from '../../__tests__/test-app';

/**
 * A small Customer ERP for access tests: customer / sales_order / follow_up forms with the
 * field keys of the shipped pack, the pack's own roles (sales, sales_director, warehouse,
 * service) from examples/customer-erp/roles.json, two extra roles for the scopes the pack does
 * not use (department, filter), an org tree (sales → sales_east) and records owned by each user.
 */
const label = (en: string) => ({ en });
const select = (id: string, key: string, options: string[]) => ({
  id,
  key,
  type: 'single_select',
  label: label(key),
  options: options.map((value) => ({ value, label: label(value) })),
});
const owner = (id: string, key: string) => ({
  id,
  key,
  type: 'user',
  label: label(key),
  default: { expr: { var: '$user.id' } },
});

export const customerForm = {
  key: 'customer',
  title: label('Customer'),
  fields: [
    { id: 'c1', key: 'name', type: 'text', label: label('Name'), required: true },
    select('c2', 'tier', ['vip', 'normal']),
    select('c3', 'credit_level', ['A', 'B', 'C']),
    { id: 'c4', key: 'credit_limit', type: 'money', label: label('Credit limit'), currency: 'CNY' },
    { id: 'c5', key: 'payment_terms_days', type: 'integer', label: label('Terms') },
    owner('c6', 'owner'),
    { id: 'c7', key: 'notes', type: 'long_text', label: label('Notes') },
  ],
  searchFields: ['c1', 'c7'],
};
export const orderForm = {
  key: 'sales_order',
  title: label('Sales order'),
  fields: [
    { id: 'o1', key: 'customer', type: 'link', label: label('Customer'), form: 'customer', required: true },
    owner('o2', 'owner'),
    { id: 'o3', key: 'amount', type: 'number', label: label('Amount') },
    { id: 'o4', key: 'discount', type: 'percent', label: label('Discount') },
    {
      id: 'o5',
      key: 'items',
      type: 'line_items',
      label: label('Items'),
      fields: [
        { id: 'o5a', key: 'product', type: 'text', label: label('Product') },
        { id: 'o5b', key: 'qty', type: 'integer', label: label('Qty') },
      ],
    },
    {
      id: 'o6',
      key: 'customer_credit',
      type: 'lookup',
      label: label('Credit'),
      link: 'customer',
      field: 'credit_level',
    },
  ],
};
export const followUpForm = {
  key: 'follow_up',
  title: label('Follow-up'),
  fields: [
    { id: 'f1', key: 'customer', type: 'link', label: label('Customer'), form: 'customer', required: true },
    owner('f2', 'sales'),
    { id: 'f3', key: 'note', type: 'text', label: label('Note') },
  ],
};

const packRoles = (
  JSON.parse(
    readFileSync(new URL('../../../../../examples/customer-erp/roles.json', import.meta.url), 'utf8'),
  ) as {
    roles: RoleDefinition[];
  }
).roles;
export const erpRole = (key: string): RoleDefinition => packRoles.find((r) => r.key === key)!;

/** Rows owned by the members of the user's department (the pack itself has no such role). */
const deptViewer: RoleDefinition = {
  key: 'dept_viewer',
  title: label('Department viewer'),
  forms: { customer: { actions: ['read'], scope: { type: 'department', field: 'owner' } } },
};
/** VIP customers, and whatever the user owns: a JSON-Logic filter scope with $user.id. */
const vipDesk: RoleDefinition = {
  key: 'vip_desk',
  title: label('VIP desk'),
  forms: {
    customer: {
      actions: ['read', 'update'],
      scope: {
        type: 'filter',
        filter: {
          or: [{ '==': [{ var: 'tier' }, 'vip'] }, { '==': [{ var: 'owner' }, { var: '$user.id' }] }],
        },
      },
    },
  },
};

/** Exports VIP customers without their credit limit and notes. */
const vipAuditor: RoleDefinition = {
  key: 'vip_auditor',
  title: label('VIP auditor'),
  forms: {
    customer: {
      actions: ['read', 'export'],
      scope: { type: 'filter', filter: { '==': [{ var: 'tier' }, 'vip'] } },
      fields: { credit_limit: 'hidden', notes: 'hidden' },
    },
  },
};

export const PASSWORD = 'correct horse 42 battery';
export const APP = 'erp';
export const base = `/api/apps/${APP}/forms`;
const USERS = [
  'sales1',
  'sales2',
  'director1',
  'warehouse1',
  'service1',
  'deptview',
  'vipdesk',
  'auditor1',
  'outsider',
] as const;
export type UserName = (typeof USERS)[number] | 'admin';

export interface ErpWorld {
  readonly t: TestApp;
  readonly as: Record<UserName, Client>;
  readonly ids: Record<UserName, string>;
  /** Customer ids by name: s1a, s1b (sales1), s2 (sales2), d (director1), w (warehouse1). */
  readonly customers: Record<'s1a' | 's1b' | 's2' | 'd' | 'w', string>;
  readonly orders: Record<'o1' | 'o2', string>;
  readonly followUps: Record<'f1' | 'f2', string>;
}

export async function createErpWorld(): Promise<ErpWorld> {
  const t = await createTestApp();
  const db = t.database.db;
  await addUser(t, 'admin', PASSWORD, true);
  for (const name of USERS) await addUser(t, name, PASSWORD);
  const as = {} as Record<UserName, Client>;
  for (const name of ['admin', ...USERS] as UserName[]) as[name] = await login(t, name, PASSWORD);
  const ids = {} as Record<UserName, string>;
  for (const name of Object.keys(as) as UserName[]) {
    ids[name] = (await as[name].request('GET', '/api/auth/me')).json().user.id;
  }
  expect((await as.admin.request('POST', '/api/apps', { key: APP, title: label('ERP') })).statusCode).toBe(
    201,
  );
  for (const form of [customerForm, orderForm, followUpForm]) await publish(as.admin, form);

  const dept = await departments(db, [
    ['hq', null],
    ['sales', 'hq'],
    ['sales_east', 'sales'],
    ['warehouse', 'hq'],
  ]);
  for (const [user, d] of [
    ['sales1', 'sales'],
    ['sales2', 'sales_east'],
    ['director1', 'sales'],
    ['deptview', 'sales'],
    ['warehouse1', 'warehouse'],
  ] as const) {
    await placeUser(db, user, dept.get(d)!);
  }
  await grantRole(db, APP, erpRole('sales'), ['sales1', 'sales2'], 0);
  await grantRole(db, APP, erpRole('sales_director'), ['director1'], 1);
  await grantRole(db, APP, erpRole('warehouse'), ['warehouse1'], 2);
  await grantRole(db, APP, erpRole('service'), ['service1'], 3);
  await grantRole(db, APP, deptViewer, ['deptview'], 4);
  await grantRole(db, APP, vipDesk, ['vipdesk'], 5);
  await grantRole(db, APP, vipAuditor, ['auditor1'], 6);

  const create = async (form: string, values: object) => {
    const res = await as.admin.request('POST', `${base}/${form}/records`, values);
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const customer = (name: string, tier: string, by: UserName, credit = 'A') =>
    create('customer', {
      name,
      tier,
      credit_level: credit,
      credit_limit: { amount: '50000.00', currency: 'CNY' },
      payment_terms_days: 30,
      owner: ids[by],
      notes: `${name} secret-notes`,
    });
  const customers = {
    s1a: await customer('Alpha Ltd', 'normal', 'sales1', 'B'),
    s1b: await customer('Beta VIP', 'vip', 'sales1'),
    s2: await customer('Gamma East', 'normal', 'sales2', 'C'),
    d: await customer('Delta VIP', 'vip', 'director1'),
    w: await customer('Omega Storage', 'normal', 'warehouse1'),
  };
  const orders = {
    o1: await create('sales_order', {
      customer: customers.s1a,
      owner: ids.sales1,
      amount: 1000,
      discount: 0.15,
      items: [{ product: 'bolt', qty: 3 }],
    }),
    o2: await create('sales_order', {
      customer: customers.s2,
      owner: ids.sales2,
      amount: 700,
      discount: 0.05,
    }),
  };
  const followUps = {
    f1: await create('follow_up', {
      customer: customers.s2,
      sales: ids.sales1,
      note: 'called about the east deal',
    }),
    f2: await create('follow_up', { customer: customers.s1a, sales: ids.sales1, note: 'visited' }),
  };
  return { t, as, ids, customers, orders, followUps };
}

async function publish(admin: Client, form: { key: string }) {
  const draft = await admin.request('POST', `${base}/${form.key}/versions`, form);
  expect(draft.statusCode, draft.body).toBe(201);
  const { version } = draft.json();
  const published = await admin.request('POST', `${base}/${form.key}/versions/${version}/publish`);
  expect(published.statusCode, published.body).toBe(200);
}

/** Every key anywhere in a JSON value (to prove a field appears in no output). */
export function keysDeep(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) keysDeep(v, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.add(k);
      keysDeep(v, out);
    }
  }
  return out;
}
