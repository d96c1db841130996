import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, createTestApp, login, type TestApp } from './test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await addUser(t, 'alice', 'correct-horse-1');
  await addUser(t, 'mallory', 'hunter-pass-1x');
});
afterAll(() => t?.close());

const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url, payload, headers });

describe('login, session and logout', () => {
  it('a protected route refuses a caller without a session with 401 problem+json', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/me' });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
  });

  it('wrong password and unknown user get the same 401 and are audited', async () => {
    const wrong = await post('/api/auth/login', { username: 'alice', password: 'nope-nope-1' });
    const unknown = await post('/api/auth/login', { username: 'nobody', password: 'nope-nope-1' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual({ ...wrong.json() });
    expect(wrong.json().code).toBe('INVALID_CREDENTIALS');
    const audit = await t.database.db
      .selectFrom('tessera.audit_log')
      .select(['action', 'target_id'])
      .where('action', '=', 'auth.login_failed')
      .execute();
    expect(audit).toEqual(
      expect.arrayContaining([
        { action: 'auth.login_failed', target_id: 'alice' },
        { action: 'auth.login_failed', target_id: 'nobody' },
      ]),
    );
  });

  it('a malformed login body is a 400 naming the missing field', async () => {
    const res = await post('/api/auth/login', { username: 'alice' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ path: 'body/password', message: 'is required' }],
    });
  });

  it('logs in with an httpOnly cookie, knows the user, and logs out', async () => {
    const res = await post('/api/auth/login', { username: 'ALICE', password: 'correct-horse-1' });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'tessera_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(res.json().user).toMatchObject({ username: 'alice', isAdmin: false });
    expect(JSON.stringify(res.json())).not.toMatch(/password/i);

    const client = await login(t, 'alice', 'correct-horse-1');
    const me = await client.request('GET', '/api/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ user: { username: 'alice' }, csrfToken: client.csrfToken });

    expect((await client.request('POST', '/api/auth/logout')).statusCode).toBe(204);
    expect((await client.request('GET', '/api/auth/me')).statusCode).toBe(401);
  });

  it('a state-changing request without the CSRF token is refused, with it accepted', async () => {
    const client = await login(t, 'alice', 'correct-horse-1');
    const forged = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: client.cookie },
    });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().code).toBe('CSRF_FAILED');
    expect((await client.request('GET', '/api/auth/me')).statusCode).toBe(200);
  });

  it('rotates the session at login: a cookie planted before login is not the one that gets authenticated', async () => {
    const first = await login(t, 'alice', 'correct-horse-1');
    const second = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'alice', password: 'correct-horse-1' },
      headers: { cookie: first.cookie },
    });
    const newCookie = second.cookies.find((c) => c.name === 'tessera_session')!;
    expect(`tessera_session=${newCookie.value}`).not.toBe(first.cookie);
    expect((await first.request('GET', '/api/auth/me')).statusCode).toBe(401);
  });

  it('throttles a user name after 5 failed logins from one client, even with the right password', async () => {
    for (let i = 0; i < 5; i++) {
      expect(
        (await post('/api/auth/login', { username: 'mallory', password: `guess-${i}-xx` })).statusCode,
      ).toBe(401);
    }
    const locked = await post('/api/auth/login', { username: 'mallory', password: 'hunter-pass-1x' });
    expect(locked.statusCode).toBe(429);
    expect(locked.json()).toMatchObject({ code: 'RATE_LIMITED' });
    // other users are not affected
    expect(
      (await post('/api/auth/login', { username: 'alice', password: 'correct-horse-1' })).statusCode,
    ).toBe(200);
  });
});
