/**
 * Flow engine benchmark: instance steps per second through the durable runner (load and lock
 * the instance, the pure core, assignee resolution, task / token / history rows, one transaction
 * per step) vs the same row writes as hand-written SQL (no core, no resolution, no checks).
 * Each instance is two steps: start (→ an approval task for the director) and approve (→ end).
 *
 *   pnpm exec tsx bench/flow-steps.bench.ts           # full
 *   pnpm exec tsx bench/flow-steps.bench.ts --quick   # smoke test
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_flows pnpm exec tsx bench/flow-steps.bench.ts
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFlowDefinitionService, createFlowRunner, type RecordGateway } from '@tessera/flows';
import { migrateToLatest, openDatabase } from '@tessera/store';
import { type Kysely, sql } from 'kysely';
import { median } from './bench-kit';

const quick = process.argv.includes('--quick');
const total = quick ? 20 : 300;
/** Alternating rounds of each path; the table shows the median of the rounds. */
const rounds = quick ? 3 : 5;

const noRecords: RecordGateway = {
  load: async () => null,
  update: async () => {},
  updateWhere: async () => {},
  create: async () => 'none',
};

const flow = {
  key: 'bench_approval',
  title: { en: 'Bench approval' },
  form: 'quote',
  nodes: [
    { id: 'start', type: 'start' },
    { id: 'director', type: 'approval', assignees: [{ kind: 'role', role: 'sales_director' }] },
    { id: 'end', type: 'end', outcome: 'approved' },
  ],
  edges: [
    { from: 'start', to: 'director' },
    { from: 'director', to: 'end' },
  ],
};

async function viaRunner(db: Kysely<any>, directorId: string): Promise<number> {
  const runner = createFlowRunner({ db, clock: { now: () => new Date() }, records: noRecords });
  const started = performance.now();
  for (let i = 0; i < total; i++) {
    const { instanceId } = await runner.start({
      appKey: 'bench',
      flowKey: 'bench_approval',
      recordId: null,
      initiatorId: null,
    });
    const task = await sql<{
      id: string;
    }>`select id from tessera.flow_tasks where instance_id = ${instanceId} and status = 'open'`.execute(db);
    await runner.act(task.rows[0]!.id, directorId, { action: 'approve' });
  }
  return (2 * total) / ((performance.now() - started) / 1000);
}

async function viaSql(db: Kysely<any>, versionId: string, directorId: string): Promise<number> {
  const history = async (trx: Kysely<any>, id: string, step: number, kinds: string[]) => {
    for (const kind of kinds) {
      await sql`insert into tessera.flow_history (instance_id, step, at, kind, detail) values (${id}, ${step}, now(), ${kind}, '{}'::jsonb)`.execute(
        trx,
      );
    }
  };
  const started = performance.now();
  for (let i = 0; i < total; i++) {
    const id = await db.transaction().execute(async (trx) => {
      const row = await sql<{
        id: string;
      }>`insert into tessera.flow_instances (flow_version_id, app_key, flow_key, version, form_key,
        status, state, started_at, updated_at) values (${versionId}, 'bench', 'bench_approval', 1, 'quote', 'running', '{}'::jsonb, now(), now())
        returning id`.execute(trx);
      const instanceId = row.rows[0]!.id;
      await sql`insert into tessera.flow_tasks (instance_id, task_key, node_id, kind, assignee_id, status, created_at)
        values (${instanceId}, 't1', 'director', 'approval', ${directorId}, 'open', now())`.execute(trx);
      await sql`insert into tessera.flow_tokens (instance_id, token_key, node_id, status) values (${instanceId}, 'k1', 'director', 'waiting')`.execute(
        trx,
      );
      await history(trx, instanceId, 1, [
        'instance-started',
        'node-entered',
        'node-left',
        'node-entered',
        'tasks-created',
      ]);
      await sql`update tessera.flow_instances set state = '{"status":"running"}'::jsonb, steps = 1 where id = ${instanceId}`.execute(
        trx,
      );
      return instanceId;
    });
    await db.transaction().execute(async (trx) => {
      await sql`select id from tessera.flow_instances where id = ${id} for update`.execute(trx);
      await sql`update tessera.flow_tasks set status = 'approved', completed_at = now() where instance_id = ${id} and task_key = 't1'`.execute(
        trx,
      );
      await sql`delete from tessera.flow_tokens where instance_id = ${id}`.execute(trx);
      await history(trx, id, 2, [
        'approved',
        'node-decided',
        'node-left',
        'node-entered',
        'instance-completed',
      ]);
      await sql`update tessera.flow_instances set state = '{"status":"completed"}'::jsonb, status = 'completed', steps = 2,
        ended_at = now() where id = ${id}`.execute(trx);
    });
  }
  return (2 * total) / ((performance.now() - started) / 1000);
}

async function main(): Promise<string> {
  const dir = process.env.DATABASE_URL ? null : await mkdtemp(join(tmpdir(), 'tessera-bench-flows-'));
  const database = await openDatabase({
    url: process.env.DATABASE_URL,
    dataDir: dir ?? undefined,
    poolSize: 4,
  });
  try {
    const { db } = database;
    await migrateToLatest(db, database.connectionString);
    const user = await sql<{ id: string }>`insert into tessera.users (username, display_name, password_hash)
      values ('bench_director', 'Director', 'x') returning id`.execute(db);
    const directorId = user.rows[0]!.id;
    await sql`insert into tessera.role_members (role, user_id) values ('sales_director', ${directorId})`.execute(
      db,
    );
    // the bench's records are rows of its own, without a published form to check the flow against
    const definitions = createFlowDefinitionService({
      db,
      clock: { now: () => new Date() },
      references: 'unchecked',
    });
    const saved = await definitions.saveDraft('bench', flow);
    if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
    const published = await definitions.publish('bench', 'bench_approval');
    if (!published.ok) throw new Error(JSON.stringify(published.errors));
    const sqlRounds: number[] = [];
    const engineRounds: number[] = [];
    for (let i = 0; i < rounds; i++) {
      // Alternate which path goes first, so neither always meets the warmer cache.
      if (i % 2 === 0) sqlRounds.push(await viaSql(db, published.versionId, directorId));
      engineRounds.push(await viaRunner(db, directorId));
      if (i % 2 === 1) sqlRounds.push(await viaSql(db, published.versionId, directorId));
    }
    const handSql = median(sqlRounds);
    const engine = median(engineRounds);
    return [
      `Database: ${database.kind}; ${total} instances × 2 steps (start → approval task; approve → end), one at a time; median of ${rounds} alternating rounds per path.`,
      '',
      '| path | steps/s | vs hand-written SQL |',
      '|---|---:|---:|',
      `| hand-written SQL: the same row writes, one transaction per step | ${handSql.toFixed(0)} | 1.00 |`,
      `| flow runner: lock, pure core, assignees by role, tasks/tokens/history | ${engine.toFixed(0)} | ${(engine / handSql).toFixed(2)} |`,
    ].join('\n');
  } finally {
    await database.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  }
}

console.log(`## Flow engine (flow-steps.bench.ts)\n\n${await main()}\n`);
