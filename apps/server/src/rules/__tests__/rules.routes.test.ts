import { createFormService } from '@tessera/forms';
import { runDueActions, runRuleTick } from '@tessera/rules';
import type { FormDefinition } from '@tessera/schema';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, type Client, createTestApp, login, type TestApp } from '../../__tests__/test-app';
import { jobTasks } from '../../jobs/job-tasks';

const invoiceForm: FormDefinition = {
  key: 'invoice',
  title: { en: 'Invoice' },
  fields: [
    { id: 'i1', key: 'no', type: 'text', label: { en: 'No.' }, required: true },
    { id: 'i2', key: 'due_date', type: 'date', label: { en: 'Due' } },
  ],
};

const overdueRule = {
  key: 'overdue',
  title: { en: 'Overdue' },
  form: 'invoice',
  trigger: { type: 'date_relative', field: 'due_date', direction: 'after', amount: 3, unit: 'days' },
  actions: [
    { type: 'create_todo', assignees: [{ kind: 'role', role: 'finance' }], title: { en: 'Chase {{ no }}' } },
    {
      type: 'notify',
      channels: ['email'],
      to: [{ kind: 'role', role: 'finance' }],
      subject: { en: 'Overdue {{ no }}' },
      body: { en: '{{ no }} is overdue' },
    },
  ],
};

let t: TestApp;
let admin: Client;
let alice: Client;
let bob: Client;
const now = new Date('2026-07-01T04:00:00Z');

beforeAll(async () => {
  t = await createTestApp({ TESSERA_TIME_ZONE: 'UTC' });
  await addUser(t, 'root', 'Kq7-long-secret-1', true);
  await addUser(t, 'alice', 'Zx9-long-secret-2');
  await addUser(t, 'bob', 'Wv3-long-secret-3');
  const db = t.database.db;
  await sql`update tessera.users set email = username || '@example.com'`.execute(db);
  await sql`insert into tessera.role_members (role, user_id) select 'finance', id from tessera.users where username = 'alice'`.execute(
    db,
  );
  const forms = createFormService({ db, actor: { id: null }, clock: { now: () => now } });
  await forms.ensureApp('acc');
  const draft = await forms.saveDraft('acc', invoiceForm);
  if (!draft.ok) throw new Error('draft');
  await forms.publish('acc', 'invoice', draft.version);
  for (const [no, due] of [
    ['I-1', '2026-06-01'],
    ['I-2', '2026-06-30'],
  ]) {
    await sql`insert into app_acc.invoice (no, due_date) values (${no}, ${due})`.execute(db);
  }
  admin = await login(t, 'root', 'Kq7-long-secret-1');
  alice = await login(t, 'alice', 'Zx9-long-secret-2');
  bob = await login(t, 'bob', 'Wv3-long-secret-3');
});
afterAll(async () => {
  await t?.close();
});

describe('rule and notification API', () => {
  it('only admins design rules; invalid rules are refused with paths', async () => {
    expect((await alice.request('POST', '/api/apps/acc/rules', overdueRule)).statusCode).toBe(403);
    const bad = await admin.request('POST', '/api/apps/acc/rules', {
      ...overdueRule,
      trigger: { ...overdueRule.trigger, field: 'no' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([
      {
        path: '/trigger/field',
        message:
          "'no' is a text field; expected a date or datetime field, or a formula, rollup or lookup whose value is a date",
      },
    ]);
    const saved = await admin.request('POST', '/api/apps/acc/rules', overdueRule);
    expect(saved.statusCode).toBe(201);
    expect(saved.json()).toEqual({ version: 1 });
    expect((await admin.request('POST', '/api/apps/acc/rules/overdue/versions/1/publish')).json()).toEqual({
      version: 1,
    });
    expect((await admin.request('POST', '/api/apps/acc/rules/nope/versions/1/publish')).statusCode).toBe(404);
    const list = (await admin.request('GET', '/api/apps/acc/rules')).json();
    expect(
      list.items.map((r: { key: string; enabled: boolean; publishedVersion: number }) => [
        r.key,
        r.enabled,
        r.publishedVersion,
      ]),
    ).toEqual([['overdue', true, 1]]);
  });

  it('dry run lists what would fire; runs shows what fired and why', async () => {
    const dry = await admin.request('POST', '/api/apps/acc/rules/overdue/dry-run');
    expect(dry.statusCode).toBe(200);
    // The server clock is real (today is after both due dates + 3 days).
    expect(dry.json().records.map((r: { occurrence: string }) => r.occurrence)).toEqual([
      'date:2026-06-01',
      'date:2026-06-30',
    ]);
    const deps = { db: t.database.db, clock: { now: () => now }, timeZone: 'UTC' };
    await runRuleTick(deps);
    await runDueActions(deps);
    const runs = (await admin.request('GET', '/api/apps/acc/rules/overdue/runs')).json();
    expect(runs.items.map((r: { outcome: string }) => r.outcome).sort()).toEqual(['done', 'done', 'fired']);
    expect((await alice.request('GET', '/api/apps/acc/rules/overdue/runs')).statusCode).toBe(403);
  });

  it('each user sees and completes only their own to-dos', async () => {
    const mine = (await alice.request('GET', '/api/notifications')).json();
    expect(mine.items.map((n: { kind: string; title: string }) => [n.kind, n.title])).toEqual([
      ['todo', 'Chase I-1'],
    ]);
    expect((await bob.request('GET', '/api/notifications')).json().items).toEqual([]);
    const id = mine.items[0].id;
    expect((await bob.request('POST', `/api/notifications/${id}/done`)).statusCode).toBe(404);
    expect((await alice.request('POST', `/api/notifications/${id}/done`)).statusCode).toBe(204);
    expect((await alice.request('GET', '/api/notifications')).json().items).toEqual([]);
    expect((await alice.request('GET', '/api/notifications?status=done')).json().items).toHaveLength(1);
  });

  it('without SMTP_URL e-mails are held in the outbox: admins read all of it, a user their own mail', async () => {
    const outbox = (await admin.request('GET', '/api/mail-outbox')).json();
    const lines = (o: { items: { to: string; subject: string; status: string }[] }) =>
      o.items.map((m) => [m.to, m.subject, m.status]);
    expect(lines(outbox)).toEqual([['alice@example.com', 'Overdue I-1', 'held']]);
    expect(outbox.scope).toBe('all');
    const own = (await alice.request('GET', '/api/mail-outbox')).json();
    expect([lines(own), own.scope]).toEqual([[['alice@example.com', 'Overdue I-1', 'held']], 'mine']);
    // bob may not read alice's mail
    expect((await bob.request('GET', '/api/mail-outbox')).json()).toEqual({ items: [], scope: 'mine' });
  });

  it('the server registers the rule engine job tasks and the record.event dispatcher', () => {
    expect(Object.keys(jobTasks({ db: t.database.db }))).toEqual(
      expect.arrayContaining(['mail.send', 'record.event', 'rules.action', 'rules.tick']),
    );
  });
});
