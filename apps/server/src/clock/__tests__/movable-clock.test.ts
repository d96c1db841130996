import { createFormService } from '@tessera/forms';
import { localDate, shiftedClock } from '@tessera/logic';
import { createRuleService, scheduleRuleTick } from '@tessera/rules';
import { enqueue } from '@tessera/store';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, type Client, createTestApp, login, type TestApp } from '../../__tests__/test-app';
import { loadConfig } from '../../config/config';
import { jobTasks } from '../../jobs/job-tasks';
import { followClock, openServerClock } from '../server-clock';

const DAY = 86_400_000;

describe('TESSERA_CLOCK', () => {
  it('a production server refuses the movable clock with a clear error', () => {
    expect(loadConfig({ TESSERA_CLOCK: 'movable', NODE_ENV: 'production' })).toEqual({
      ok: false,
      errors: [
        'TESSERA_CLOCK=movable is for demos and tests: a production server (NODE_ENV=production) runs on the system clock',
      ],
    });
    expect(loadConfig({ TESSERA_CLOCK: 'movable', NODE_ENV: 'development' })).toMatchObject({
      ok: true,
      config: { TESSERA_CLOCK: 'movable' },
    });
    expect(loadConfig({ NODE_ENV: 'production' })).toMatchObject({
      ok: true,
      config: { TESSERA_CLOCK: 'system' },
    });
    expect(loadConfig({ TESSERA_CLOCK: 'frozen' })).toMatchObject({ ok: false });
  });
});

describe('POST /api/admin/clock on a server with TESSERA_CLOCK=movable', () => {
  let t: TestApp;
  let admin: Client;
  let user: Client;
  const clock = shiftedClock();

  beforeAll(async () => {
    t = await createTestApp({ TESSERA_CLOCK: 'movable' }, { clock });
    await addUser(t, 'root', 'Clock-admin-2026', true);
    await addUser(t, 'sam', 'Clock-user-2026x');
    admin = await login(t, 'root', 'Clock-admin-2026');
    user = await login(t, 'sam', 'Clock-user-2026x');
  });
  afterAll(() => t?.close());

  it('is for administrators only', async () => {
    expect((await user.request('GET', '/api/admin/clock')).statusCode).toBe(403);
    const refused = await user.request('POST', '/api/admin/clock', { advance: 'P1D' });
    expect(refused.statusCode).toBe(403);
    expect(Math.abs(clock.offsetMs())).toBeLessThan(1000);
  });

  it('moves every engine forward, releases the jobs it made due, is audited and survives a restart', async () => {
    // a flow timer due in two days (scheduled in clock time) and the next rule tick in a minute
    const inTwoDays = new Date(clock.now().getTime() + 2 * DAY);
    await enqueue(
      t.database.db,
      'flows.timer',
      { timerId: 'x' },
      { runAt: inTwoDays, jobKey: 'clock-test-timer' },
    );
    const farAway = new Date(clock.now().getTime() + 30 * DAY);
    await enqueue(
      t.database.db,
      'flows.timer',
      { timerId: 'y' },
      { runAt: farAway, jobKey: 'clock-test-later' },
    );

    const before = Date.now();
    const moved = await admin.request('POST', '/api/admin/clock', { advance: 'P3D' });
    expect(moved.statusCode).toBe(200);
    const body = moved.json();
    expect(body.movable).toBe(true);
    expect(Date.parse(body.now) - before).toBeGreaterThanOrEqual(3 * DAY);
    expect(Date.parse(body.now) - before).toBeLessThan(3 * DAY + 60_000);
    // the clock the engines were given is the one that moved
    expect(clock.now().getTime() - Date.now()).toBeGreaterThan(3 * DAY - 60_000);

    const jobs = await sql<{ key: string; due: boolean }>`
      select key, run_at <= now() as due from graphile_worker.jobs
      where key in ('clock-test-timer', 'clock-test-later') order by key`.execute(t.database.db);
    expect(jobs.rows).toEqual([
      { key: 'clock-test-later', due: false },
      { key: 'clock-test-timer', due: true },
    ]);

    const audit = await admin.request('GET', '/api/audit?action=clock.moved');
    expect(audit.statusCode).toBe(200);
    expect(audit.json().items).toEqual([
      expect.objectContaining({
        action: 'clock.moved',
        actor: expect.objectContaining({ username: 'root' }),
        detail: { from: expect.any(String), to: expect.any(String) },
      }),
    ]);
    const { from, to } = audit.json().items[0].detail;
    expect(Date.parse(to) - Date.parse(from)).toBe(3 * DAY);
    expect(Math.abs(Date.parse(to) - Date.parse(body.now))).toBeLessThan(1000);

    // a restarted server (or a second node) starts on the moved clock, and a running one follows it
    const reopened = await openServerClock(t.database.db, { TESSERA_CLOCK: 'movable' });
    expect(Math.abs(reopened.now().getTime() - Date.parse(body.now))).toBeLessThan(60_000);
    const otherNode = shiftedClock();
    const stop = followClock(t.database.db, otherNode, 20);
    await expect.poll(() => otherNode.offsetMs(), { timeout: 5000 }).toBeGreaterThan(3 * DAY - 60_000);
    await stop();
  });

  it('moves to an instant, forward only', async () => {
    const now = clock.now();
    const back = await admin.request('POST', '/api/admin/clock', {
      at: new Date(now.getTime() - DAY).toISOString(),
    });
    expect(back.statusCode).toBe(400);
    expect(back.json().errors).toEqual([{ path: 'at', message: expect.stringContaining('forward only') }]);
    expect(Math.abs(clock.now().getTime() - now.getTime())).toBeLessThan(60_000);

    const target = new Date(now.getTime() + 10 * DAY);
    const moved = await admin.request('POST', '/api/admin/clock', { at: target.toISOString() });
    expect(moved.statusCode).toBe(200);
    expect(Math.abs(Date.parse(moved.json().now) - target.getTime())).toBeLessThan(1000);

    expect((await admin.request('POST', '/api/admin/clock', { advance: '3 days' })).statusCode).toBe(400);
    expect((await admin.request('POST', '/api/admin/clock', { advance: 'P20Y' })).statusCode).toBe(400);
    expect((await admin.request('POST', '/api/admin/clock', {})).statusCode).toBe(400);
  });
});

describe('POST /api/admin/clock on a server with the system clock', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await addUser(t, 'root', 'Clock-admin-2026', true);
  });
  afterAll(() => t?.close());

  it('refuses to move it, saying how to enable it', async () => {
    const admin = await login(t, 'root', 'Clock-admin-2026');
    expect((await admin.request('GET', '/api/admin/clock')).json()).toMatchObject({ movable: false });
    const refused = await admin.request('POST', '/api/admin/clock', { advance: 'P1D' });
    expect(refused.json()).toMatchObject({ status: 409, code: 'CLOCK_NOT_MOVABLE' });
    expect(refused.json().detail).toContain('TESSERA_CLOCK=movable');
    const state = (await admin.request('GET', '/api/admin/clock')).json();
    expect(Math.abs(Date.parse(state.now) - Date.now())).toBeLessThan(60_000);
  });
});

describe('a date rule on a demo server, end to end', () => {
  let t: TestApp;
  const clock = shiftedClock();
  const zone = 'Asia/Shanghai';

  /** The worker, played by hand: every job the queue would run now (by the database's clock). */
  async function runDueJobs(): Promise<string[]> {
    const tasks = jobTasks({ db: t.database.db, clock, config: { TESSERA_TIME_ZONE: zone } });
    const ran: string[] = [];
    for (let i = 0; i < 50; i++) {
      const due = await sql<{ id: string; task: string; payload: unknown }>`
        select j.id, k.identifier as task, j.payload from graphile_worker._private_jobs j
        join graphile_worker._private_tasks k on k.id = j.task_id
        where j.run_at <= now() and j.locked_at is null order by j.run_at, j.id limit 1`.execute(
        t.database.db,
      );
      const job = due.rows[0];
      if (!job) break;
      await sql`delete from graphile_worker._private_jobs where id = ${job.id}`.execute(t.database.db);
      await tasks[job.task]?.(job.payload, { jobId: String(job.id), attempts: 1 });
      ran.push(job.task);
    }
    return ran;
  }

  beforeAll(async () => {
    t = await createTestApp({ TESSERA_CLOCK: 'movable', TESSERA_TIME_ZONE: zone }, { clock });
    await addUser(t, 'root', 'Clock-admin-2026', true);
    const db = t.database.db;
    const forms = createFormService({ db, actor: { id: null }, clock });
    await forms.ensureApp('demo', { en: 'Demo' });
    const draft = await forms.saveDraft('demo', {
      key: 'contract',
      title: { en: 'Contract' },
      fields: [
        { id: 'c1', key: 'name', type: 'text', label: { en: 'Name' } },
        { id: 'c2', key: 'ends_on', type: 'date', label: { en: 'Ends on' } },
      ],
    });
    if (!draft.ok || !(await forms.publish('demo', 'contract', draft.version)).ok) throw new Error('form');
    const rules = createRuleService({ db, actor: { id: null }, clock, timeZone: zone });
    const rule = {
      key: 'ends_soon',
      title: { en: 'Contract ends in 30 days' },
      form: 'contract',
      trigger: { type: 'date_relative', field: 'ends_on', direction: 'before', amount: 30, unit: 'days' },
      actions: [
        {
          type: 'notify',
          channels: ['in_app'],
          to: [{ kind: 'role', role: 'legal' }],
          body: { en: '{{ name }} ends in 30 days' },
        },
      ],
    };
    const saved = await rules.saveDraft('demo', rule);
    if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
    await rules.publish('demo', 'ends_soon', saved.version);
    const root = await sql<{ id: string }>`select id from tessera.users where username = 'root'`.execute(db);
    await sql`insert into tessera.role_members (role, user_id) values ('legal', ${root.rows[0]!.id})`.execute(
      db,
    );
  });
  afterAll(() => t?.close());

  it('fires when the admin moves the clock past the date, not before', async () => {
    const admin = await login(t, 'root', 'Clock-admin-2026');
    const today = localDate(clock.now(), zone);
    const endsOn = localDate(new Date(clock.now().getTime() + 40 * DAY), zone);
    const created = await admin.request('POST', '/api/apps/demo/forms/contract/records', {
      name: 'Lease 7',
      ends_on: endsOn,
    });
    expect(created.statusCode, created.body).toBe(201);
    const notes = async () =>
      (await admin.request('GET', '/api/notifications?status=all'))
        .json()
        .items.map((n: { title: string }) => n.title);
    // the server starts its tick; it sweeps today and schedules the next one a minute on
    await scheduleRuleTick(t.database.db);
    expect(await runDueJobs()).toContain('rules.tick');
    expect(await notes()).toEqual([]);
    expect(await runDueJobs()).toEqual([]); // nothing is due: the next tick is a real minute away

    const moved = await admin.request('POST', '/api/admin/clock', { advance: 'P11D' });
    expect(moved.statusCode).toBe(200);
    expect(localDate(new Date(moved.json().now), zone) > today).toBe(true);
    // the move released the next tick: it runs at once and sweeps the new today
    expect(await runDueJobs()).toContain('rules.tick');
    expect(await notes()).toEqual(['Lease 7 ends in 30 days']);
  });
});
