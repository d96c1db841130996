import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, createTestApp, login, type TestApp } from './test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await addUser(t, 'alice', 'correct-horse-1');
  await addUser(t, 'bob', 'battery-staple-2');
});
afterAll(() => t?.close());

describe('PATCH /api/auth/me: the user saves their UI language', () => {
  it('saves it on the user: the next login and /me return it', async () => {
    const alice = await login(t, 'alice', 'correct-horse-1');
    const res = await alice.request('PATCH', '/api/auth/me', { locale: 'zh-CN' });
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ username: 'alice', locale: 'zh-CN' });
    expect((await alice.request('GET', '/api/auth/me')).json().user.locale).toBe('zh-CN');
    const again = await login(t, 'alice', 'correct-horse-1');
    expect((await again.request('GET', '/api/auth/me')).json().user.locale).toBe('zh-CN');
    // nobody else's language changed
    const bob = await login(t, 'bob', 'battery-staple-2');
    expect((await bob.request('GET', '/api/auth/me')).json().user.locale).toBe('en');
  });

  it.each([
    [{ locale: 'fr' }, '/locale'],
    [{ locale: 'en', isAdmin: true }, '/isAdmin'],
    [{}, '/locale'],
  ])('refuses %j with a 400 naming %s, changing nothing', async (body, path) => {
    const bob = await login(t, 'bob', 'battery-staple-2');
    const res = await bob.request('PATCH', '/api/auth/me', body);
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .errors.map((e: { path: string }) => e.path)
        .join(' '),
    ).toContain(path);
    const me = (await bob.request('GET', '/api/auth/me')).json().user;
    expect(me).toMatchObject({ locale: 'en', isAdmin: false });
  });

  it('needs a session and the CSRF token', async () => {
    expect(
      (await t.app.inject({ method: 'PATCH', url: '/api/auth/me', payload: { locale: 'en' } })).statusCode,
    ).toBe(401);
    const bob = await login(t, 'bob', 'battery-staple-2');
    const noToken = await t.app.inject({
      method: 'PATCH',
      url: '/api/auth/me',
      payload: { locale: 'zh-CN' },
      headers: { cookie: bob.cookie },
    });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().code).toBe('CSRF_FAILED');
  });
});

describe('GET /api/directory: names for everyone signed in', () => {
  it('lists active users by name (no e-mail, roles or password data) and departments', async () => {
    const bob = await login(t, 'bob', 'battery-staple-2');
    const res = await bob.request('GET', '/api/directory');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.users.map((u: { username: string }) => u.username)).toEqual(
      expect.arrayContaining(['alice', 'bob']),
    );
    for (const user of body.users)
      expect(Object.keys(user).sort()).toEqual(['displayName', 'id', 'username']);
    expect(Array.isArray(body.departments)).toBe(true);
  });

  it('leaves disabled users out, and refuses anonymous callers', async () => {
    await t.database.db
      .updateTable('tessera.users')
      .set({ status: 'disabled' })
      .where('username', '=', 'alice')
      .execute();
    const bob = await login(t, 'bob', 'battery-staple-2');
    const names = (await bob.request('GET', '/api/directory'))
      .json()
      .users.map((u: { username: string }) => u.username);
    expect(names).not.toContain('alice');
    expect((await t.app.inject({ method: 'GET', url: '/api/directory' })).statusCode).toBe(401);
  });
});
