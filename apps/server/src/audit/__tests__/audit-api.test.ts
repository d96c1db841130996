import { createFormService } from '@tessera/forms';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, type Client, createTestApp, login, type TestApp } from '../../__tests__/test-app';

const label = (en: string) => ({ en });
const customer = {
  key: 'customer',
  title: label('Customer'),
  fields: [
    { id: 'c1', key: 'name', type: 'text', label: label('Name'), required: true },
    { id: 'c2', key: 'city', type: 'text', label: label('City') },
  ],
};

const salesRole = {
  key: 'sales',
  title: label('Sales'),
  forms: { customer: { actions: ['create', 'read', 'update'] } },
};

let t: TestApp;
let admin: Client;
let clerk: Client;
let rootId: string;
let clerkId: string;

beforeAll(async () => {
  t = await createTestApp();
  await addUser(t, 'root', 'top-secret-01', true);
  await addUser(t, 'clerk', 'desk-work-2024');
  admin = await login(t, 'root', 'top-secret-01');
  clerk = await login(t, 'clerk', 'desk-work-2024');
  rootId = (await admin.request('GET', '/api/auth/me')).json().user.id;
  clerkId = (await clerk.request('GET', '/api/auth/me')).json().user.id;
});
afterAll(() => t?.close());

type Entry = {
  id: string;
  at: string;
  action: string;
  actor: { id: string | null; username: string | null } | null;
  target: { type: string; id: string | null } | null;
  app: string | null;
  form: string | null;
  ip: string | null;
  detail: Record<string, any>;
};
const audit = async (query: string): Promise<Entry[]> => {
  const res = await admin.request('GET', `/api/audit?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
};

describe('the audit log API', () => {
  it('is for administrators only', async () => {
    const res = await clerk.request('GET', '/api/audit');
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('FORBIDDEN');
    expect((await t.app.inject({ method: 'GET', url: '/api/audit' })).statusCode).toBe(401);
  });

  it('shows a failed login with the user name tried and the IP address, and the successful one after it', async () => {
    const failed = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'Clerk', password: 'wrong-guess-1' },
      remoteAddress: '203.0.113.7',
    });
    expect(failed.statusCode).toBe(401);
    const [entry] = await audit('action=auth.login_failed');
    expect(entry).toMatchObject({
      action: 'auth.login_failed',
      actor: null,
      target: { type: 'user', id: 'clerk' },
      ip: '203.0.113.7',
      detail: { username: 'Clerk', reason: 'wrong_password' },
    });
    const logins = await audit(`action=auth.login&actor=${clerkId}`);
    expect(logins[0]).toMatchObject({ actor: { id: clerkId, username: 'clerk' }, ip: '127.0.0.1' });
  });

  it('shows who changed a role membership and whose', async () => {
    expect((await admin.request('POST', '/api/apps', { key: 'crm', title: label('CRM') })).statusCode).toBe(
      201,
    );
    await sql`insert into tessera.app_roles (app_key, role_key, position, definition, updated_at)
      values ('crm', 'sales', 0, ${JSON.stringify(salesRole)}::jsonb, now())`.execute(t.database.db);
    await admin.request('PUT', `/api/apps/crm/roles/sales/members/${clerkId}`);
    await admin.request('DELETE', `/api/apps/crm/roles/sales/members/${clerkId}`);
    await admin.request('PUT', `/api/apps/crm/roles/sales/members/${clerkId}`);
    const entries = await audit('targetType=role&targetId=sales');
    expect(entries.map((e) => [e.action, e.actor?.username, e.detail.username, e.app])).toEqual([
      ['role.member_added', 'root', 'clerk', 'crm'],
      ['role.member_removed', 'root', 'clerk', 'crm'],
      ['role.member_added', 'root', 'clerk', 'crm'],
    ]);
    // permission changes on users too: who made whom an administrator
    await admin.request('PATCH', `/api/org/users/${clerkId}`, { isAdmin: true });
    const [promoted] = await audit(`action=user.updated&targetId=${clerkId}`);
    expect(promoted).toMatchObject({
      actor: { username: 'root' },
      detail: { username: 'clerk', changes: { isAdmin: { from: false, to: true } } },
    });
    await admin.request('PATCH', `/api/org/users/${clerkId}`, { isAdmin: false });
  });

  it("answers who changed what on a record and a form's schema, within a time window", async () => {
    const base = '/api/apps/crm/forms';
    const draft = await admin.request('POST', `${base}/customer/versions`, customer);
    await admin.request('POST', `${base}/customer/versions/${draft.json().version}/publish`);
    const before = new Date();
    const created = await clerk.request('POST', `${base}/customer/records`, { name: 'Acme', city: 'Wuxi' });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    await clerk.request('PATCH', `${base}/customer/records/${id}`, { version: 1, city: 'Suzhou' });
    await admin.request('DELETE', `${base}/customer/records/${id}`);
    const after = new Date(Date.now() + 1000);

    const record = await audit(`targetType=record&targetId=${id}`);
    expect(record.map((e) => [e.action, e.actor?.username, e.app, e.form])).toEqual([
      ['record.deleted', 'root', 'crm', 'customer'],
      ['record.updated', 'clerk', 'crm', 'customer'],
      ['record.created', 'clerk', 'crm', 'customer'],
    ]);
    expect(record[1]!.detail).toMatchObject({
      version: 2,
      changes: { city: { old: 'Wuxi', new: 'Suzhou' } },
    });

    const window = await audit(
      `app=crm&form=customer&from=${before.toISOString()}&to=${after.toISOString()}&action=record.*`,
    );
    expect(window).toHaveLength(3);
    const schema = await audit('app=crm&form=customer&action=form.*');
    expect(schema).toEqual([
      expect.objectContaining({
        action: 'form.published',
        actor: { id: rootId, username: 'root' },
        target: { type: 'form', id: 'crm.customer' },
        detail: expect.objectContaining({ version: 1 }),
      }),
    ]);
  });

  it('records a purge of a deleted field as form.purged', async () => {
    const forms = createFormService({
      db: t.database.db,
      actor: { id: rootId },
      clock: { now: () => new Date() },
    });
    const withoutCity = { ...customer, fields: customer.fields.filter((f) => f.key !== 'city') };
    const draft = await forms.saveDraft('crm', withoutCity);
    if (!draft.ok) throw new Error(JSON.stringify(draft.errors));
    expect((await forms.publish('crm', 'customer', draft.version)).ok).toBe(true);
    await forms.purgeField('crm', 'customer', 'c2');
    const entries = await audit('app=crm&form=customer&action=form.*');
    expect(entries.map((e) => [e.action, e.detail.version])).toEqual([
      ['form.purged', 3],
      ['form.published', 2],
      ['form.published', 1],
    ]);
    expect(entries[0]!.detail.changes.join(' ')).toMatch(/city/);
  });

  it('pages newest first with a cursor, without skipping or repeating entries', async () => {
    for (let i = 0; i < 4; i++) await login(t, 'clerk', 'desk-work-2024');
    await admin.request('POST', '/api/auth/logout');
    admin = await login(t, 'root', 'top-secret-01');
    const all = await audit('limit=200');
    expect(all.map((e) => e.action)).toContain('auth.logout');
    const paged: Entry[] = [];
    let cursor: string | null = null;
    do {
      const res = await admin.request('GET', `/api/audit?limit=4${cursor ? `&cursor=${cursor}` : ''}`);
      const page = res.json();
      paged.push(...page.items);
      cursor = page.next;
    } while (cursor);
    // entries written meanwhile (none) would only appear at the top; the pages match one full read
    expect(paged.map((e) => e.id)).toEqual(all.map((e) => e.id));
    expect(new Set(paged.map((e) => e.id)).size).toBe(paged.length);
    const times = paged.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('is described in the OpenAPI document with the organisation routes', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/audit',
        '/api/org/users',
        '/api/org/users/{id}/password',
        '/api/org/departments/{id}',
        '/api/apps/{app}/roles',
        '/api/apps/{app}/roles/{role}/members/{userId}',
      ]),
    );
    expect(doc.paths['/api/audit'].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['action', 'actor', 'targetType', 'targetId', 'from', 'to', 'cursor']),
    );
  });

  it('refuses a forged cursor and a bad filter with 400', async () => {
    const forged = await admin.request('GET', '/api/audit?cursor=bm9wZQ');
    expect(forged.statusCode).toBe(400);
    expect(forged.json().errors).toEqual([{ path: 'querystring/cursor', message: expect.any(String) }]);
    expect((await admin.request('GET', '/api/audit?from=yesterday')).statusCode).toBe(400);
    expect((await admin.request('GET', "/api/audit?action=x'%20or%201=1")).statusCode).toBe(400);
  });
});
