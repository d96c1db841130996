import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, type Client, createTestApp, login, type TestApp } from '../../__tests__/test-app';
import { DEFAULT_LOGIN_LIMITS, decideLogin } from '../login-throttle';
import { passwordProblems } from '../password';

let t: TestApp;
beforeAll(async () => {
  // a small per-user ceiling, so a distributed guess is cheap to play
  t = await createTestApp({ TESSERA_LOGIN_FAILURES_PER_USER: '8', TESSERA_LOGIN_SLOWDOWN_MS: '20' });
  await addUser(t, 'boss', 'keys-to-kingdom-7', true);
  await addUser(t, 'director', 'north-star-quote-9');
  await addUser(t, 'clerk', 'filing-cabinet-42');
  await addUser(t, 'walker', 'long-walk-home-8');
});
afterAll(() => t?.close());

/** A login from a given client address (the throttle counts per user name and address). */
const loginFrom = (ip: string, username: string, password: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
    remoteAddress: ip,
  });

describe('the password policy refuses common passwords (deny-list of @zxcvbn-ts/language-common)', () => {
  it.each([
    ['Password123', true],
    ['password1234', true],
    ['Summer2026!', true],
    ['123qwerty456', true],
    ['P@ssw0rd2026', true],
    ['Iloveyou1314', true],
    ['Admin123456', true],
    ['Tessera-Demo-2026', false],
    ['correct-horse-1', false],
    ['north-star-quote-9', false],
  ])('%s → common: %s', async (password, common) => {
    const problems = await passwordProblems(password, 'someone');
    expect(problems.some((p) => p.includes('too common'))).toBe(common);
  });

  it('an administrator cannot create a user with one (400 naming the field)', async () => {
    const admin = await login(t, 'boss', 'keys-to-kingdom-7');
    const res = await admin.request('POST', '/api/org/users', { username: 'weak', password: 'Password123' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { path: '/password', message: 'is too common: it is on the list of passwords attackers try first' },
    ]);
  });
});

describe('users change their own password', () => {
  let me: Client;
  let elsewhere: Client;
  beforeAll(async () => {
    me = await login(t, 'clerk', 'filing-cabinet-42');
    elsewhere = await login(t, 'clerk', 'filing-cabinet-42');
  });

  it('needs the current password, and a new one under the policy (400 naming the field)', async () => {
    const wrong = await me.request('POST', '/api/auth/password', {
      currentPassword: 'not-my-password-1',
      newPassword: 'paper-trail-2027',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors).toEqual([
      { path: '/currentPassword', message: 'is not your current password' },
    ]);
    const common = await me.request('POST', '/api/auth/password', {
      currentPassword: 'filing-cabinet-42',
      newPassword: 'Password123',
    });
    expect(common.statusCode).toBe(400);
    expect(common.json().errors.map((e: { path: string }) => e.path)).toEqual(['/newPassword']);
    expect((await loginFrom('10.1.0.1', 'clerk', 'filing-cabinet-42')).statusCode).toBe(200);
  });

  it('ends the other sessions, keeps this one; the old password stops working', async () => {
    const res = await me.request('POST', '/api/auth/password', {
      currentPassword: 'filing-cabinet-42',
      newPassword: 'paper-trail-2027',
    });
    expect(res.statusCode).toBe(204);
    expect((await me.request('GET', '/api/auth/me')).statusCode).toBe(200);
    expect((await elsewhere.request('GET', '/api/auth/me')).statusCode).toBe(401);
    expect((await loginFrom('10.1.0.2', 'clerk', 'filing-cabinet-42')).statusCode).toBe(401);
    expect((await loginFrom('10.1.0.2', 'clerk', 'paper-trail-2027')).statusCode).toBe(200);
  });

  it('is throttled: five wrong current passwords, then 429 even with the right one', async () => {
    const walker = await login(t, 'walker', 'long-walk-home-8');
    for (let i = 0; i < 5; i++) {
      const res = await walker.request('POST', '/api/auth/password', {
        currentPassword: `guess-${i}-password`,
        newPassword: 'short-walk-home-9',
      });
      expect(res.statusCode).toBe(400);
    }
    const right = await walker.request('POST', '/api/auth/password', {
      currentPassword: 'long-walk-home-8',
      newPassword: 'short-walk-home-9',
    });
    expect(right.statusCode).toBe(429);
    expect(right.json().code).toBe('RATE_LIMITED');
  });

  it('needs a session and the CSRF token', async () => {
    const body = { currentPassword: 'paper-trail-2027', newPassword: 'paper-trail-2028' };
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/auth/password', payload: body })).statusCode,
    ).toBe(401);
    const forged = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      payload: body,
      headers: { cookie: me.cookie },
    });
    expect(forged.statusCode).toBe(403);
  });
});

describe('wrong passwords throttle a user name per client, never lock it for everyone', () => {
  it("five wrong passwords from the attacker's address lock that address only: the director logs in from elsewhere", async () => {
    for (let i = 0; i < 5; i++)
      expect((await loginFrom('203.0.113.9', 'director', `guess-${i}-nope`)).statusCode).toBe(401);
    const attacker = await loginFrom('203.0.113.9', 'director', 'north-star-quote-9');
    expect(attacker.statusCode).toBe(429);
    expect(attacker.json().code).toBe('RATE_LIMITED');
    expect(Number(attacker.headers['retry-after'])).toBeGreaterThan(800);
    expect((await loginFrom('198.51.100.4', 'director', 'north-star-quote-9')).statusCode).toBe(200);
  });

  it('a guess spread over many addresses passes the per-user ceiling: attempts are slowed, the user still gets in', async () => {
    for (let i = 0; i < 10; i++)
      expect((await loginFrom(`203.0.113.${100 + i}`, 'director', `spread-${i}-nope`)).statusCode).toBe(401);
    expect((await loginFrom('198.51.100.5', 'director', 'north-star-quote-9')).statusCode).toBe(200);
  });

  it.each([
    // failures from this client, from everyone → decision
    [
      { fromClient: 4, fromAll: 4 },
      { kind: 'allow', delayMs: 0 },
    ],
    [
      { fromClient: 5, fromAll: 5 },
      { kind: 'refuse', retryAfterSeconds: 600 },
    ],
    [
      { fromClient: 0, fromAll: 49 },
      { kind: 'allow', delayMs: 0 },
    ],
    [
      { fromClient: 0, fromAll: 50 },
      { kind: 'allow', delayMs: 1000 },
    ],
    [
      { fromClient: 4, fromAll: 5000 },
      { kind: 'allow', delayMs: 1000 },
    ],
  ])('decideLogin(%j) → %j', (failures, decision) => {
    const now = new Date('2027-01-01T10:00:00Z');
    const clientClearsAt = new Date('2027-01-01T10:10:00Z');
    expect(decideLogin({ ...failures, clientClearsAt }, DEFAULT_LOGIN_LIMITS, now)).toEqual(decision);
  });
});
