import { createServer } from 'node:net';
import { createFormService } from '@tessera/forms';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, type Client, createTestApp, login, type TestApp } from '../../__tests__/test-app';

/**
 * REPORTS_DATABASE_URL naming a server that is not there (runs on PGlite and on Postgres; the
 * real replica is in reports-replica.test.ts): report routes answer 503, nothing else notices.
 */
const label = (en: string) => ({ en });
const noteForm = {
  key: 'note',
  title: label('Note'),
  fields: [{ id: 'n1', key: 'text', type: 'text', label: label('Text'), required: true }],
};
const count = { source: 'note', measures: [{ key: 'n', agg: 'count' }] };

/** A port nobody listens on: bound by us a moment ago, then released. */
const closedPort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

let t: TestApp;
let admin: Client;
beforeAll(async () => {
  t = await createTestApp({
    // the app runs on the test database; DATABASE_URL only satisfies the "a replica needs a primary" check
    DATABASE_URL: 'postgres://tessera@127.0.0.1:5432/primary',
    REPORTS_DATABASE_URL: `postgres://tessera:secret@127.0.0.1:${await closedPort()}/replica`,
  });
  const forms = createFormService({
    db: t.database.db,
    actor: { id: null },
    clock: { now: () => new Date() },
  });
  await forms.ensureApp('erp');
  const draft = await forms.saveDraft('erp', noteForm);
  if (!draft.ok) throw new Error(JSON.stringify(draft.errors));
  if (!(await forms.publish('erp', 'note', draft.version)).ok) throw new Error('publish refused');
  await sql`insert into app_erp.note (text) values ('kept')`.execute(t.database.db);
  await addUser(t, 'boss', 'correct horse 42 battery', true);
  admin = await login(t, 'boss', 'correct horse 42 battery');
});
afterAll(async () => {
  await t?.close();
});

describe('an unreachable reports database', () => {
  it.each([
    ['POST', '/api/apps/erp/reports/query', { query: count, chart: { type: 'kpi' } }],
    ['POST', '/api/apps/erp/reports/export?format=xlsx', { query: count }],
    ['POST', '/api/apps/erp/reports/drill', { query: count, point: {} }],
  ] as const)(
    '%s %s answers 503 REPORTS_UNREACHABLE without naming the server',
    async (method, url, body) => {
      const res = await admin.request(method, url, body);
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ code: 'REPORTS_UNREACHABLE', status: 503 });
      expect(res.body).not.toMatch(/127\.0\.0\.1|secret|ECONNREFUSED/);
    },
  );

  it('fails a whole dashboard at once with 503 instead of one error per widget', async () => {
    const widget = (id: string, y: number) => ({
      id,
      type: 'query',
      layout: { x: 0, y, w: 12, h: 4 },
      query: count,
      chart: { type: 'kpi' },
    });
    const definition = { key: 'home', title: label('Home'), widgets: [widget('a', 0), widget('b', 4)] };
    // saving checks the widgets against the catalog, which is read from the primary
    expect((await admin.request('PUT', '/api/apps/erp/dashboards/home', { definition })).statusCode).toBe(
      200,
    );
    const res = await admin.request('GET', '/api/apps/erp/dashboards/home');
    expect(res.statusCode).toBe(503);
    expect(res.json().code).toBe('REPORTS_UNREACHABLE');
  });

  it('leaves records, definitions and health answering; health names the outage', async () => {
    const created = await admin.request('POST', '/api/apps/erp/forms/note/records', { text: 'new' });
    expect(created.statusCode, created.body).toBe(201);
    const listed = await admin.request('GET', '/api/apps/erp/forms/note/records');
    expect(listed.statusCode).toBe(200);
    expect(listed.json().items).toHaveLength(2);
    const saved = await admin.request('PUT', '/api/apps/erp/reports/notes', {
      definition: { key: 'notes', title: label('Notes'), query: count },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await admin.request('GET', '/api/apps/erp/reports/notes/definition')).statusCode).toBe(200);
    const health = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({
      status: 'ok',
      database: t.database.kind,
      version: expect.any(String),
      reports: { status: 'unavailable' },
    });
  });
});
