import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, createTestApp, login, type TestApp } from '../../__tests__/test-app';

/** The built web app at `/`, beside the API: a build folder made here stands in for apps/web/dist. */
let t: TestApp;
let root: string;
const INDEX =
  '<!doctype html><html><head><script type="module" src="/assets/index-abc123.js"></script></head><body><div id="root"></div></body></html>';

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'tessera-web-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), INDEX);
  writeFileSync(join(root, 'assets', 'index-abc123.js'), 'console.log("app")');
  t = await createTestApp({}, { webRoot: root });
  await addUser(t, 'alice', 'correct-horse-1');
});
afterAll(async () => {
  await t?.close();
  rmSync(root, { recursive: true, force: true });
});

const get = (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers });

describe('the web app at /', () => {
  it.each(['/', '/login', '/apps/customer_erp/forms/sales_order', '/apps/x/forms/y/records/123?tab=history'])(
    '%s serves index.html without a session, never cached (client routes fall back to it)',
    async (url) => {
      const res = await get(url);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.body).toBe(INDEX);
    },
  );

  it('serves hashed assets with immutable caching and a CSP that allows them (helmet)', async () => {
    const res = await get('/assets/index-abc123.js');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toMatch(/immutable/);
    expect(res.headers['cache-control']).toMatch(/max-age=31536000/);
    const csp = String((await get('/')).headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    // the print preview frames the PDF it fetched as an object URL; plugins stay off
    expect(csp).toContain("frame-src 'self' blob:");
    expect(csp).toContain("object-src 'none'");
  });

  it('a missing asset is a 404, and paths cannot climb out of the build folder', async () => {
    expect((await get('/assets/nope-1.js')).statusCode).toBe(404);
    const climb = await get('/assets/..%2F..%2Fetc%2Fpasswd');
    expect(climb.statusCode).toBeGreaterThanOrEqual(400);
    expect(climb.body).not.toContain('root:');
  });

  it('leaves the API alone: unknown /api paths are problem+json (401 without a session, 404 with one)', async () => {
    const anonymous = await get('/api/nope');
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['content-type']).toMatch(/^application\/problem\+json/);
    const alice = await login(t, 'alice', 'correct-horse-1');
    const known = await alice.request('GET', '/api/nope');
    expect(known.statusCode).toBe(404);
    expect(known.json()).toMatchObject({ code: 'NOT_FOUND' });
    expect((await alice.request('GET', '/api/auth/me')).statusCode).toBe(200);
    expect((await get('/api/health')).headers['content-type']).toMatch(/json/);
  });
});
