import { createTestDatabase, type TestDatabase } from '@tessera/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CRM_FORMS } from '../__fixtures__/crm-forms';
import {
  addUser,
  fireOnNewCustomer,
  mailText,
  movableClock,
  publishForms,
  queuedJobs,
  sendQueued,
  startSmtpServer,
} from '../__fixtures__/rules-test-kit';
import { runDueActions } from '../actions/action.runner';
import { listMail } from '../mail/mail-outbox.repository';
import { sendQueuedMail } from '../mail/mail-send.job';
import { closeSmtpTransports } from '../mail/smtp.sender';
import type { RulesDeps } from '../rules-context';

let t: TestDatabase;
let deps: RulesDeps;
const clock = movableClock('2026-05-01T02:00:00Z');
/** A record_created rule on customers with these actions, fired by a new customer. */
const fire = (actions: unknown[], values?: Record<string, unknown>, d: RulesDeps = deps) =>
  fireOnNewCustomer(d, clock, actions, values);

beforeAll(async () => {
  t = await createTestDatabase();
  deps = {
    db: t.db,
    clock,
    timeZone: 'Asia/Shanghai',
    retry: { maxAttempts: 3, baseMs: 60_000, maxMs: 600_000 },
  };
  await publishForms(t.db, CRM_FORMS);
  await addUser(t.db, { username: 'li', email: 'li@example.cn', locale: 'zh-CN', roles: ['finance'] });
  await addUser(t.db, { username: 'ann', email: 'ann@example.com', locale: 'en', roles: ['finance'] });
});
afterAll(async () => {
  closeSmtpTransports();
  await t?.close();
});

describe('e-mail action', () => {
  it('e-mail without SMTP: held in the outbox, one per recipient in their language', async () => {
    await fire([
      {
        type: 'notify',
        channels: ['email'],
        to: [
          { kind: 'role', role: 'finance' },
          { kind: 'address', address: 'ext@example.org' },
        ],
        subject: { en: 'New customer {{ name }}', 'zh-CN': '新客户 {{ name }}' },
        body: { en: 'Hello {{ recipient.displayName }}', 'zh-CN': '{{ recipient.displayName }}您好' },
      },
    ]);
    await runDueActions(deps);
    const mail = await listMail(t.db);
    expect(mail.map((m) => [m.to, m.locale, m.subject, m.body, m.status]).sort()).toEqual([
      ['ann@example.com', 'en', 'New customer Acme', 'Hello ANN', 'held'],
      ['ext@example.org', 'zh-CN', '新客户 Acme', '您好', 'held'],
      ['li@example.cn', 'zh-CN', '新客户 Acme', 'LI您好', 'held'],
    ]);
  });

  it('e-mail over SMTP: received by a real SMTP server', async () => {
    const smtp = await startSmtpServer();
    try {
      const d = { ...deps, smtpUrl: smtp.url };
      await fire(
        [
          {
            type: 'notify',
            channels: ['email'],
            to: [{ kind: 'user', user: 'li' }],
            subject: { en: 'S', 'zh-CN': '主题 {{ name }}' },
            body: { en: 'B', 'zh-CN': '客户 {{ name }} 已创建' },
          },
        ],
        { name: 'Bolt' },
        d,
      );
      await runDueActions(d);
      expect((await queuedJobs(t.db, 'mail.send')).length).toBeGreaterThan(0);
      await sendQueued(d);
      expect(smtp.received.map((m) => m.to)).toEqual([['li@example.cn']]);
      expect(mailText(smtp.received[0]!.raw)).toContain('客户 Bolt 已创建');
      expect((await listMail(t.db, { status: 'sent' })).map((m) => m.to)).toEqual(['li@example.cn']);
    } finally {
      await smtp.close();
    }
  });

  it('an SMTP failure is retried by a later mail.send job, then the mail is marked dead', async () => {
    const smtp = await startSmtpServer();
    await smtp.close(); // nothing listens on its port any more
    const d = { ...deps, smtpUrl: smtp.url };
    await fire(
      [{ type: 'notify', channels: ['email'], to: [{ kind: 'user', user: 'ann' }], body: { en: 'x' } }],
      { name: 'Down' },
      d,
    );
    await runDueActions(d);
    const [mail] = await listMail(t.db, { status: 'queued' });
    const outcomes = [];
    for (let i = 0; i < 3; i++) outcomes.push(await sendQueuedMail(d, mail!.id));
    expect(outcomes).toEqual(['retry', 'retry', 'dead']);
    const retries = (await queuedJobs(t.db, 'mail.send')).filter((j) => j.payload.mailId === mail!.id);
    expect(retries).toHaveLength(1); // one pending job per mail (job key), due at the backoff instant
    expect(new Date(retries[0]!.run_at).getTime()).toBeGreaterThan(clock.now().getTime());
    const [dead] = await listMail(t.db, { status: 'dead' });
    expect([dead?.to, dead?.attempts, dead?.lastError]).toEqual([
      'ann@example.com',
      3,
      expect.stringMatching(/ECONNREFUSED/),
    ]);
  });
});
