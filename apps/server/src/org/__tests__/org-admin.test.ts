import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, type Client, createTestApp, login, type TestApp } from '../../__tests__/test-app';

let t: TestApp;
let admin: Client;
let member: Client;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  await addUser(t, 'root', 'top-secret-01', true);
  await addUser(t, 'mia', 'm1a-password');
  admin = await login(t, 'root', 'top-secret-01');
  member = await login(t, 'mia', 'm1a-password');
  for (const u of (await admin.request('GET', '/api/org/users')).json().items) ids[u.username] = u.id;
  // an app with two roles, as a pack would write them
  await sql`insert into tessera.apps (key, title) values ('crm', '{"en":"CRM"}')`.execute(t.database.db);
  for (const [position, key] of ['sales', 'finance'].entries()) {
    const definition = {
      key,
      title: { en: key },
      forms: { customer: { actions: ['read'], scope: { type: 'own', field: 'owner' } } },
    };
    await sql`insert into tessera.app_roles (app_key, role_key, position, definition, updated_at)
      values ('crm', ${key}, ${position}, ${JSON.stringify(definition)}::jsonb, now())`.execute(
      t.database.db,
    );
  }
});
afterAll(() => t?.close());

const dept = async (code: string, parentId: string | null = null, managerId: string | null = null) => {
  const res = await admin.request('POST', '/api/org/departments', {
    code,
    name: code.toUpperCase(),
    parentId,
    managerId,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
};

describe('organisation admin: users', () => {
  it('a non-admin gets 403 on every admin route, and nothing changes', async () => {
    for (const [method, url, body] of [
      ['GET', '/api/org/users'],
      ['POST', '/api/org/users', { username: 'sneaky', password: 'sneaky-pass-1' }],
      ['GET', '/api/org/departments'],
      ['GET', '/api/apps/crm/roles'],
      ['PUT', `/api/apps/crm/roles/sales/members/${ids.mia}`],
    ] as const) {
      const res = await member.request(method, url, body);
      expect(res.statusCode, url).toBe(403);
      expect(res.json().code).toBe('FORBIDDEN');
    }
    const sneaky = await sql`select 1 from tessera.users where username = 'sneaky'`.execute(t.database.db);
    expect(sneaky.rows).toEqual([]);
  });

  it('creates a user in a department under a manager; the list and /me show department, manager and roles', async () => {
    const hq = await dept('hq', null, ids.root);
    const sales = await dept('sales', hq);
    const created = await admin.request('POST', '/api/org/users', {
      username: 'bob',
      password: 'b0b-password',
      displayName: 'Bob B.',
      departmentId: sales,
    });
    expect(created.statusCode, created.body).toBe(201);
    // no manager of his own nor in sales: the nearest department manager up the tree (hq's) approves
    expect(created.json()).toMatchObject({
      username: 'bob',
      displayName: 'Bob B.',
      status: 'active',
      department: { code: 'sales' },
      manager: null,
      effectiveManager: { username: 'root' },
      roles: [],
    });
    ids.bob = created.json().id;
    expect((await admin.request('PUT', `/api/apps/crm/roles/sales/members/${ids.bob}`)).statusCode).toBe(204);

    const list = await admin.request('GET', `/api/org/users?department=${sales}`);
    expect(
      list.json().items.map((u: { username: string; roles: string[] }) => [u.username, u.roles]),
    ).toEqual([['bob', ['sales']]]);
    const bob = await login(t, 'bob', 'b0b-password');
    const me = (await bob.request('GET', '/api/auth/me')).json();
    expect(me.user).toMatchObject({
      username: 'bob',
      department: { code: 'sales', name: 'SALES' },
      manager: { username: 'root' },
      roles: ['sales'],
    });
  });

  it('refuses a weak password and a taken user name with field errors, creating nothing', async () => {
    const weak = await admin.request('POST', '/api/org/users', { username: 'carol', password: 'short' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors).toEqual(
      expect.arrayContaining([{ path: '/password', message: 'must be at least 10 characters long' }]),
    );
    const taken = await admin.request('POST', '/api/org/users', {
      username: 'BOB',
      password: 'other-secret-1',
    });
    expect(taken.statusCode).toBe(400);
    expect(taken.json().errors).toEqual([{ path: '/username', message: "the user name 'BOB' is taken" }]);
    const badDept = await admin.request('POST', '/api/org/users', {
      username: 'carol',
      password: 'c4rol-password',
      departmentId: '00000000-0000-4000-8000-000000000000',
    });
    expect(badDept.statusCode).toBe(400);
    expect(badDept.json().errors).toEqual([{ path: '/departmentId', message: 'no such department' }]);
    const carol = await sql`select 1 from tessera.users where username = 'carol'`.execute(t.database.db);
    expect(carol.rows).toEqual([]);
  });

  it('sets a direct manager, which then wins over the department manager', async () => {
    const res = await admin.request('PATCH', `/api/org/users/${ids.bob}`, { managerId: ids.mia });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ manager: { username: 'mia' }, effectiveManager: { username: 'mia' } });
    const self = await admin.request('PATCH', `/api/org/users/${ids.bob}`, { managerId: ids.bob });
    expect(self.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path: '/managerId' }] });
  });

  it("keeps a user's mobile and DingTalk / WeCom / Feishu ids, for IM robots to @-mention them (audited)", async () => {
    const res = await admin.request('PATCH', `/api/org/users/${ids.bob}`, {
      mobile: '+86 138 0000 0001',
      imIds: { dingtalk: 'bob-ding', feishu: 'ou_bob' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      mobile: '+86 138 0000 0001',
      imIds: { dingtalk: 'bob-ding', feishu: 'ou_bob' },
    });
    const replaced = await admin.request('PATCH', `/api/org/users/${ids.bob}`, {
      imIds: { wecom: 'BobWang' },
    });
    expect(replaced.json().imIds).toEqual({ wecom: 'BobWang' });
    const bad = await admin.request('PATCH', `/api/org/users/${ids.bob}`, {
      mobile: 'call me',
      imIds: { slack: 'x' },
    });
    expect(bad.statusCode).toBe(400);
    const audit = await sql<{ detail: { changes: Record<string, unknown> } }>`
      select detail from tessera.audit_log where action = 'user.updated' and target_id = ${ids.bob}
      order by id desc limit 2`.execute(t.database.db);
    expect(audit.rows.map((r) => r.detail.changes)).toEqual([
      { imIds: { from: 'dingtalk: bob-ding, feishu: ou_bob', to: 'wecom: BobWang' } },
      {
        mobile: { from: null, to: '+86 138 0000 0001' },
        imIds: { from: null, to: 'dingtalk: bob-ding, feishu: ou_bob' },
      },
    ]);
  });

  it('resets a password under the policy: the old password and the old sessions stop working', async () => {
    const bob = await login(t, 'bob', 'b0b-password');
    const weak = await admin.request('POST', `/api/org/users/${ids.bob}/password`, {
      password: 'bob-is-cool-1',
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors).toEqual([{ path: '/password', message: 'must not contain the user name' }]);
    const ok = await admin.request('POST', `/api/org/users/${ids.bob}/password`, {
      password: 'fresh-secret-42',
    });
    expect(ok.statusCode).toBe(204);
    expect((await bob.request('GET', '/api/auth/me')).statusCode).toBe(401);
    await expect(login(t, 'bob', 'b0b-password')).rejects.toThrow(/401/);
    await login(t, 'bob', 'fresh-secret-42');
  });

  it('disabling a user logs them out and stops their logins; the last admin cannot be disabled or demoted', async () => {
    const bob = await login(t, 'bob', 'fresh-secret-42');
    const res = await admin.request('PATCH', `/api/org/users/${ids.bob}`, { status: 'disabled' });
    expect(res.json()).toMatchObject({ status: 'disabled' });
    expect((await bob.request('GET', '/api/auth/me')).statusCode).toBe(401);
    await expect(login(t, 'bob', 'fresh-secret-42')).rejects.toThrow(/401/);

    for (const patch of [{ status: 'disabled' }, { isAdmin: false }]) {
      const last = await admin.request('PATCH', `/api/org/users/${ids.root}`, patch);
      expect(last.statusCode).toBe(409);
      expect(last.json().code).toBe('LAST_ADMIN');
    }
    expect((await admin.request('GET', '/api/auth/me')).json().user.isAdmin).toBe(true);
  });
});

describe('organisation admin: departments', () => {
  it('lists the tree depth-first with managers and counts', async () => {
    const list = (await admin.request('GET', '/api/org/departments')).json();
    expect(list.map((d: { code: string; depth: number }) => `${'  '.repeat(d.depth)}${d.code}`)).toEqual([
      'hq',
      '  sales',
    ]);
    expect(list[0]).toMatchObject({ manager: { username: 'root' }, childCount: 1, memberCount: 0 });
    expect(list[1]).toMatchObject({ memberCount: 1, childCount: 0 });
  });

  it('refuses a move that would make a cycle, and a duplicate code', async () => {
    const list = (await admin.request('GET', '/api/org/departments')).json();
    const [hq, sales] = list.map((d: { id: string }) => d.id);
    const east = await dept('sales_east', sales);
    for (const parentId of [hq, east]) {
      const res = await admin.request('PATCH', `/api/org/departments/${hq}`, { parentId });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ code: 'DEPARTMENT_CYCLE', errors: [{ path: '/parentId' }] });
    }
    const dup = await admin.request('POST', '/api/org/departments', { code: 'SALES', name: 'Again' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'CONFLICT', errors: [{ path: '/code' }] });
    // a legal move: east goes directly under hq
    const moved = await admin.request('PATCH', `/api/org/departments/${east}`, {
      parentId: hq,
      name: 'East',
    });
    expect(moved.json()).toMatchObject({ parentId: hq, name: 'East', depth: 1 });
  });

  it('refuses to delete a department with members or sub-departments, deletes an empty one', async () => {
    const list = (await admin.request('GET', '/api/org/departments')).json();
    const byCode = Object.fromEntries(list.map((d: { code: string; id: string }) => [d.code, d.id]));
    const withMember = await admin.request('DELETE', `/api/org/departments/${byCode.sales}`);
    expect(withMember.statusCode).toBe(409);
    expect(withMember.json()).toMatchObject({ code: 'DEPARTMENT_NOT_EMPTY' });
    expect(withMember.json().detail).toMatch(/1 member/);
    const withChildren = await admin.request('DELETE', `/api/org/departments/${byCode.hq}`);
    expect(withChildren.json().detail).toMatch(/sub-department/);
    expect((await admin.request('DELETE', `/api/org/departments/${byCode.sales_east}`)).statusCode).toBe(204);
    expect((await admin.request('GET', '/api/org/departments')).json()).toHaveLength(2);
  });
});

describe('organisation admin: app roles', () => {
  it("lists an app's roles with their grants and members; adds and removes members idempotently", async () => {
    const roles = (await admin.request('GET', '/api/apps/crm/roles')).json();
    expect(roles.map((r: { key: string }) => r.key)).toEqual(['sales', 'finance']);
    expect(roles[0]).toMatchObject({ grants: { customer: { actions: ['read'] } } });
    await admin.request('PUT', `/api/apps/crm/roles/finance/members/${ids.mia}`);
    await admin.request('PUT', `/api/apps/crm/roles/finance/members/${ids.mia}`);
    const members = (await admin.request('GET', '/api/apps/crm/roles/finance/members')).json();
    expect(members.map((m: { username: string }) => m.username)).toEqual(['mia']);
    expect((await admin.request('DELETE', `/api/apps/crm/roles/finance/members/${ids.mia}`)).statusCode).toBe(
      204,
    );
    expect((await admin.request('GET', '/api/apps/crm/roles/finance/members')).json()).toEqual([]);
  });

  it('answers 404 for an unknown app, role or user', async () => {
    expect((await admin.request('GET', '/api/apps/nope/roles')).statusCode).toBe(404);
    expect((await admin.request('PUT', `/api/apps/crm/roles/boss/members/${ids.mia}`)).statusCode).toBe(404);
    const ghost = await admin.request(
      'PUT',
      '/api/apps/crm/roles/sales/members/00000000-0000-4000-8000-000000000000',
    );
    expect(ghost.statusCode).toBe(404);
  });
});
