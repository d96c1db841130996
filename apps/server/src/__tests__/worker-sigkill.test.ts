import { createFlowDefinitionService } from '@tessera/flows';
import { publishForms } from '@tessera/forms/testing';
import type { FormDefinition } from '@tessera/schema';
import { type Database, startJobWorker } from '@tessera/store';
import { type RawBuilder, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobTasks } from '../jobs/job-tasks';
import { type ApiSession, loginTo, type ServerProcess, startServerProcess } from './server-process';
import { prepareServerProcessDatabase, type ServerProcessDatabase } from './server-process-database';

/**
 * Issue 4, "a worker process killed (SIGKILL) in the middle of steps": the real `tessera start`
 * runs flow instances (record created → service task → timer → service task → timer → update the
 * record) while records keep arriving over HTTP; it is killed with SIGKILL, a new process starts
 * on the same database, and afterwards every instance has completed with each step exactly once:
 * one history line per step, each timer fired once, each service task's record created once.
 * On the embedded PGlite the process owns the data folder (pid lock), so "restart" is exactly
 * what an operator does after a crash; on Postgres it is a new node on the same server.
 */

const APP = 'dur';
const ADMIN = { user: 'admin', password: 'sigkill test 42 password' };
const l = (en: string) => ({ en });

async function install(db: Database['db']): Promise<void> {
  await publishForms(db, APP, [
    {
      key: 'job',
      title: l('Job'),
      fields: [
        { id: 'j1', key: 'title', type: 'text', label: l('Title'), required: true },
        { id: 'j2', key: 'status', type: 'text', label: l('Status') },
      ],
    },
    {
      key: 'job_log',
      title: l('Job log'),
      fields: [
        { id: 'g1', key: 'job', type: 'link', label: l('Job'), form: 'job' },
        { id: 'g2', key: 'note', type: 'text', label: l('Note') },
      ],
    },
  ] as FormDefinition[]);
  const flows = createFlowDefinitionService({ db, clock: { now: () => new Date() } });
  const log = (note: string) => ({
    type: 'create_record',
    form: 'job_log',
    values: { note },
    linkBack: 'job',
  });
  const saved = await flows.saveDraft(APP, {
    key: 'job_flow',
    title: l('Job flow'),
    form: 'job',
    nodes: [
      { id: 'start', type: 'start', on: ['record_created'] },
      { id: 'log_a', type: 'service', action: log('a') },
      { id: 'wait_1', type: 'timer', duration: 'PT1S' },
      { id: 'log_b', type: 'service', action: log('b') },
      { id: 'wait_2', type: 'timer', duration: 'PT1S' },
      { id: 'finish', type: 'service', action: { type: 'update_record', set: { status: 'done' } } },
      { id: 'end', type: 'end', outcome: 'completed' },
    ],
    edges: [
      { from: 'start', to: 'log_a' },
      { from: 'log_a', to: 'wait_1' },
      { from: 'wait_1', to: 'log_b' },
      { from: 'log_b', to: 'wait_2' },
      { from: 'wait_2', to: 'finish' },
      { from: 'finish', to: 'end' },
    ],
  });
  if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
  const published = await flows.publish(APP, 'job_flow');
  if (!published.ok) throw new Error(JSON.stringify(published.errors));
}

const count = async (db: Database['db'], query: RawBuilder<{ n: number }>) =>
  Number((await query.execute(db)).rows[0]?.n ?? 0);

describe('a worker killed with SIGKILL in the middle of flow steps', () => {
  let target: ServerProcessDatabase;
  let server: ServerProcess | undefined;
  const acked: string[] = [];

  beforeAll(async () => {
    target = await prepareServerProcessDatabase('tessera-sigkill');
    const database = await target.open();
    try {
      await install(database.db);
    } finally {
      await database.close();
    }
  });

  afterAll(async () => {
    await server?.kill();
    await target?.discard();
  });

  const boot = () =>
    startServerProcess({
      ...target.env,
      WORKERS: '4',
      TESSERA_ADMIN_USER: ADMIN.user,
      TESSERA_ADMIN_PASSWORD: ADMIN.password,
    });
  const create = async (session: ApiSession, i: number) => {
    const answer = await session.request(server!.url, 'POST', `/api/apps/${APP}/forms/job/records`, {
      title: `job ${i}`,
    });
    if (answer.status === 201) acked.push(answer.body.id);
    return answer.status;
  };
  const total = async (session: ApiSession, form: string, filter: unknown) => {
    const q = new URLSearchParams({ filter: JSON.stringify(filter), count: 'exact', limit: '1' });
    const answer = await session.request(server!.url, 'GET', `/api/apps/${APP}/forms/${form}/records?${q}`);
    if (answer.status !== 200)
      throw new Error(`list ${form}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return Number(answer.body.total);
  };

  it('after a restart every instance completes, no step lost, none done twice', async () => {
    const t0 = Date.now();
    // TESSERA_DEBUG=1 shows the phases (boot, kill, restart) with their times.
    const mark = (what: string) => {
      if (process.env.TESSERA_DEBUG) process.stderr.write(`[sigkill] ${Date.now() - t0} ms ${what}\n`);
    };
    server = await boot();
    mark('booted');
    let session = await loginTo(server.url, ADMIN.user, ADMIN.password);
    let n = 0;
    // Records arrive two at a time; as soon as a timer has fired (a 'b' log exists), the
    // process is killed while the next requests and steps are in flight.
    const deadline = Date.now() + 30_000;
    for (;;) {
      await Promise.all([create(session, n++), create(session, n++)]);
      if (n >= 12 && (await total(session, 'job_log', { '==': [{ var: 'note' }, 'b'] })) > 0) break;
      if (Date.now() > deadline) throw new Error('no timer fired within 30 s');
    }
    mark(`kill after ${n} records`);
    const inFlight = create(session, n++).catch(() => 0);
    await server.kill();
    await inFlight;

    // What the kill left behind: instances mid-way.
    let database = await target.open();
    const atKill = {
      running: await count(
        database.db,
        sql`select count(*) as n from tessera.flow_instances where status = 'running'`,
      ),
      progressed: await count(
        database.db,
        sql`select count(*) as n from tessera.flow_instances where steps >= 2`,
      ),
    };
    await database.close();
    expect(atKill.running).toBeGreaterThan(0);
    expect(atKill.progressed).toBeGreaterThan(0);

    mark(`at kill ${JSON.stringify(atKill)}`);
    server = await boot();
    mark('rebooted');
    session = await loginTo(server.url, ADMIN.user, ADMIN.password);
    for (let i = 0; i < 4; i++) await Promise.all([create(session, n++), create(session, n++)]);
    // Jobs the dead process held come back after the reclaim delay (~10-15 s, see the store).
    const until = Date.now() + 45_000;
    let open = Number.POSITIVE_INFINITY;
    while (open > 0 && Date.now() < until) {
      open = await total(session, 'job', { '!=': [{ var: 'status' }, 'done'] });
      if (open > 0) await new Promise((r) => setTimeout(r, 250));
    }
    mark(`${open} jobs open`);
    expect(open).toBe(0); // the restarted process finished every instance
    expect(await server.stop()).toBe(0);
    server = undefined;

    database = await target.open();
    try {
      const { db } = database;
      // The flows' last record updates still have their record.event jobs queued when the
      // server stops (a graceful stop finishes running jobs, not queued ones): one more worker
      // — the server's own job tasks — drains the queue before the rows are checked.
      const worker = await startJobWorker({
        connectionString: database.connectionString,
        concurrency: 2,
        pollInterval: 100,
        tasks: jobTasks({ db }),
      });
      const drained = Date.now() + 20_000;
      while (
        Date.now() < drained &&
        (await count(
          db,
          sql`select count(*) as n from graphile_worker.jobs where task_identifier <> 'rules.tick'`,
        )) > 0
      )
        await new Promise((r) => setTimeout(r, 100));
      await worker.stop();
      const records = await sql<{ id: string; status: string | null }>`
        select id, status from app_dur.job`.execute(db);
      const ids = new Set(records.rows.map((r) => r.id));
      // Every acknowledged write is there; every record (acknowledged or not) ran its flow once.
      expect(acked.filter((id) => !ids.has(id))).toEqual([]);
      expect(records.rows.filter((r) => r.status !== 'done')).toEqual([]);
      const instances = await sql<{ record_id: string; n: number; status: string; steps: number }>`
        select record_id, count(*) over (partition by record_id) as n, status, steps
        from tessera.flow_instances where flow_key = 'job_flow'`.execute(db);
      expect(instances.rows).toHaveLength(ids.size);
      expect(instances.rows.filter((r) => Number(r.n) !== 1 || r.status !== 'completed')).toEqual([]);
      expect(instances.rows.filter((r) => Number(r.steps) !== 3)).toEqual([]);
      // One history step per instance step, each timer fired once, each log created once.
      const steps = await sql<{ wrong: number }>`
        select count(*) as wrong from (
          select instance_id from tessera.flow_history group by instance_id
          having array_agg(distinct step order by step) <> array[1, 2, 3]
             or count(*) filter (where kind = 'timer-fired') <> 2
             or count(*) filter (where kind = 'instance-started') <> 1) x`.execute(db);
      expect(Number(steps.rows[0]!.wrong)).toBe(0);
      const timers = await sql<{ status: string; n: number }>`
        select status, count(*) as n from tessera.flow_timers group by status`.execute(db);
      expect(timers.rows.map((r) => [r.status, Number(r.n)])).toEqual([['fired', 2 * ids.size]]);
      const logs = await sql<{ job: string; note: string; n: number }>`
        select job, note, count(*) as n from app_dur.job_log group by job, note`.execute(db);
      expect(logs.rows).toHaveLength(2 * ids.size);
      expect(logs.rows.filter((r) => Number(r.n) !== 1)).toEqual([]);
      // Every job is done: nothing left in the queue but the next run of the recurring jobs
      // (the rule engine's tick, the file sweep), each of which always schedules its successor.
      const left = await sql<{ task_identifier: string; last_error: string | null }>`
        select task_identifier, last_error from graphile_worker.jobs
        where task_identifier not in ('rules.tick', 'files.sweep')`.execute(db);
      expect(left.rows).toEqual([]);
    } finally {
      await database.close();
    }
  }, 180_000); // two server starts (~5-10 s each) and the reclaim delay (~10-15 s)
});
