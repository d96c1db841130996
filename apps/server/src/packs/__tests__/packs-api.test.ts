import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ExportedFile, exportPackZip, loadPackZip, packZip } from '@tessera/packs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, type Client, createTestApp, login, type TestApp } from '../../__tests__/test-app';

const FIXTURE = join(
  dirname(fileURLToPath(import.meta.url)),
  '../../../../../packages/packs/src/__tests__/fixtures/valid-pack',
);
const APP = 'mini_crm';

/** The fixture pack's files, with `edit` applied to the parsed JSON of some of them. */
async function packFiles(edit: Record<string, (doc: any) => unknown> = {}): Promise<ExportedFile[]> {
  const files: ExportedFile[] = [];
  for (const entry of await readdir(FIXTURE, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const abs = join(entry.parentPath, entry.name);
    const path = abs.slice(FIXTURE.length + 1);
    let text = await readFile(abs, 'utf8');
    const change = edit[path];
    if (change) text = JSON.stringify(change(JSON.parse(text)), null, 2);
    files.push({ path, text });
  }
  return files;
}
const fixtureZip = async (edit?: Record<string, (doc: any) => unknown>) => packZip(await packFiles(edit));

let t: TestApp;
let admin: Client;
let member: Client;

/** POSTs a zip as the raw body (or as a multipart form), like `curl --data-binary` or a browser form. */
function upload(
  client: Client,
  url: string,
  zip: Buffer,
  options: { multipart?: Record<string, string> } = {},
) {
  const headers = { cookie: client.cookie, 'x-csrf-token': client.csrfToken };
  if (!options.multipart)
    return t.app.inject({
      method: 'POST',
      url,
      headers: { ...headers, 'content-type': 'application/zip' },
      payload: zip,
    });
  const boundary = '----tessera-test-boundary';
  const parts = Object.entries(options.multipart).map(
    ([name, value]) => `--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  const payload = Buffer.concat([
    Buffer.from(parts.join('')),
    Buffer.from(
      `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="pack.zip"\r\ncontent-type: application/zip\r\n\r\n`,
    ),
    zip,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return t.app.inject({
    method: 'POST',
    url,
    headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload,
  });
}

beforeAll(async () => {
  t = await createTestApp();
  await addUser(t, 'root', 'correct-horse-42', true);
  await addUser(t, 'mia', 'correct-horse-42');
  admin = await login(t, 'root', 'correct-horse-42');
  member = await login(t, 'mia', 'correct-horse-42');
});
afterAll(() => t?.close());

describe('packs over HTTP', () => {
  it('only administrators validate, plan, apply and export', async () => {
    const zip = await fixtureZip();
    for (const url of ['/api/packs/validate', '/api/packs/plan', '/api/packs/apply?installedHash=x']) {
      const res = await upload(member, url, zip);
      expect(res.statusCode, url).toBe(403);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    expect((await member.request('GET', `/api/apps/${APP}/export`)).statusCode).toBe(403);
  });

  it('validates a zip, listing every error by file and JSON path', async () => {
    const ok = await upload(admin, '/api/packs/validate', await fixtureZip());
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({
      valid: true,
      pack: { name: 'mini-crm', version: '0.1.0', app: APP },
      files: 11,
    });
    const broken = await fixtureZip({
      'forms/product.json': (d) => ({
        ...d,
        fields: [...d.fields, { ...d.fields[0], type: 'no_such_type' }],
      }),
      'reports/sales_by_month.json': (d) => ({ ...d, query: { ...d.query, source: 'nowhere' } }),
    });
    const res = await upload(admin, '/api/packs/validate', broken);
    expect(res.statusCode).toBe(400);
    const problem = res.json();
    expect(problem.code).toBe('VALIDATION_FAILED');
    const paths = problem.errors.map((e: { path: string }) => e.path);
    expect(paths.some((p: string) => p.startsWith('forms/product.json/fields/'))).toBe(true);
    expect(paths).toContain('reports/sales_by_month.json/query/source');
    expect(problem.detail).toMatch(/^The pack has \d+ error\(s\)\.$/);
  });

  it('plans, refuses a stale hash with 409, applies with the hash seen, audits, exports', async () => {
    const zip = await fixtureZip();
    const plan = await upload(admin, '/api/packs/plan', zip);
    expect(plan.statusCode).toBe(200);
    const seen = plan.json();
    expect(seen.app).toBe(APP);
    expect(seen.noop).toBe(false);
    expect(seen.text).toMatch(/customer/);
    expect(seen.plan.forms.map((f: { kind: string }) => f.kind)).toEqual(['new', 'new', 'new', 'new']);

    const missing = await upload(admin, '/api/packs/apply', zip);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors[0].path).toBe('installedHash');

    const applied = await upload(admin, `/api/packs/apply?installedHash=${seen.installedHash}`, zip);
    expect(applied.statusCode).toBe(200);
    const body = applied.json();
    expect(body.applied).toBe(true);
    expect(body.forms.map((f: { key: string }) => f.key).sort()).toEqual([
      'customer',
      'product',
      'receivable',
      'sales_order',
    ]);
    expect(body.installedHash).not.toBe(seen.installedHash);

    // the same plan again: the installed state moved on since it was made
    const stale = await upload(admin, `/api/packs/apply?installedHash=${seen.installedHash}`, zip);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('PACK_PLAN_STALE');

    const audit = await sql<{ action: string; target_id: string; detail: unknown }>`
      select action, target_id, detail from tessera.audit_log where action = 'pack.apply'`.execute(
      t.database.db,
    );
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]?.target_id).toBe(APP);
    const detail =
      typeof audit.rows[0]?.detail === 'string' ? JSON.parse(audit.rows[0].detail) : audit.rows[0]?.detail;
    expect(detail).toMatchObject({ pack: 'mini-crm', version: '0.1.0' });

    const exported = await admin.request('GET', `/api/apps/${APP}/export`);
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toBe('application/zip');
    expect(exported.headers['content-disposition']).toBe('attachment; filename="mini-crm-0.1.0.zip"');
    expect(exported.rawPayload.equals(await exportPackZip(t.database.db, APP))).toBe(true);
    const reloaded = await loadPackZip(exported.rawPayload);
    expect(reloaded.jsonFiles.map((f) => f.path)).toContain('forms/customer.json');

    // the export (sent multipart this time) plans every form unchanged; applying it publishes nothing,
    // and once it is the installed pack, planning it again is a no-op that applies nothing
    const again = await upload(admin, '/api/packs/plan', exported.rawPayload, { multipart: {} });
    expect(again.statusCode).toBe(200);
    expect(again.json().plan.forms.every((f: { kind: string }) => f.kind === 'unchanged')).toBe(true);
    const reapplied = await upload(admin, '/api/packs/apply', exported.rawPayload, {
      multipart: { installedHash: again.json().installedHash },
    });
    expect(reapplied.statusCode).toBe(200);
    expect(reapplied.json().forms).toEqual([]);
    const third = (await upload(admin, '/api/packs/plan', exported.rawPayload)).json();
    expect(third.noop).toBe(true);
    const noop = await upload(
      admin,
      `/api/packs/apply?installedHash=${third.installedHash}`,
      exported.rawPayload,
    );
    expect(noop.json().applied).toBe(false);
    const audits = await sql`select 1 from tessera.audit_log where action = 'pack.apply'`.execute(
      t.database.db,
    );
    expect(audits.rows).toHaveLength(2);
    expect((await admin.request('GET', '/api/apps/nothing_here/export')).statusCode).toBe(404);
  });

  it('a malicious zip is refused with each offending entry, and nothing is installed', async () => {
    const files = await packFiles();
    const safe = await packZip([...files, { path: 'xx/evil.json', text: '{}' }]);
    const evil = Buffer.from(safe);
    let at = evil.indexOf('xx/evil.json');
    while (at >= 0) {
      evil.write('../evil.json', at);
      at = evil.indexOf('xx/evil.json', at + 1);
    }
    const before = await sql`select count(*) as n from tessera.installed_packs`.execute(t.database.db);
    for (const url of ['/api/packs/validate', '/api/packs/plan', '/api/packs/apply?installedHash=x']) {
      const res = await upload(admin, url, evil);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().errors).toEqual([
        { path: '../evil.json', message: expect.stringMatching(/outside the pack/) },
      ]);
    }
    const notZip = await upload(admin, '/api/packs/plan', Buffer.from('just some text'));
    expect(notZip.statusCode).toBe(400);
    expect(notZip.json().detail).toMatch(/not a readable \.zip file/);
    const after = await sql`select count(*) as n from tessera.installed_packs`.execute(t.database.db);
    expect(after.rows).toEqual(before.rows);
  });

  it('requires: names the missing pack and the Tessera version', async () => {
    const zip = await fixtureZip({
      'pack.json': (d) => ({
        ...d,
        name: 'mini-extras',
        app: 'mini_extras',
        requires: { tessera: '>=9.0.0', packs: { 'base-org': '^1.0.0', 'mini-crm': '^0.1.0' } },
      }),
    });
    const res = await upload(admin, '/api/packs/plan', zip);
    expect(res.statusCode).toBe(400);
    const errors = res.json().errors as { path: string; message: string }[];
    expect(errors.map((e) => e.path)).toEqual([
      'pack.json/requires/tessera',
      'pack.json/requires/packs/base-org',
    ]);
    expect(errors[1]?.message).toMatch(/needs pack base-org \^1\.0\.0 installed first/);
  });

  it('OpenAPI describes the pack routes', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(Object.keys(doc.paths['/api/packs/plan'].post.requestBody.content).sort()).toEqual([
      'application/zip',
      'multipart/form-data',
    ]);
    expect(doc.paths['/api/apps/{app}/export'].get.responses['200'].content['application/zip']).toBeDefined();
    expect(doc.paths['/api/packs/apply'].post.responses['409']).toBeDefined();
  });
});
