import { randomUUID } from 'node:crypto';
import { type MovableClock, movableClock } from '@tessera/logic';
import { createTestDatabase, type TestDatabase } from '@tessera/store/testing';
import { type Kysely, sql } from 'kysely';
import { createFlowDefinitionService } from '../../definitions/flow-definition.service';
import { createFlowRunner, type FlowRunner } from '../flow.runner';
import type { FlowContext, RecordGateway } from '../flow-context';

/**
 * Records as JSON rows of a test table, written in the step's transaction: enough to watch what
 * flows do to records without the form engine (its own tests cover the real tables).
 */
export const jsonRecords: RecordGateway = {
  async load(executor, ref) {
    const rows = await sql<{ data: Record<string, unknown> }>`
      select data from flow_test_records where id = ${ref.recordId}`.execute(executor);
    return rows.rows[0]?.data ?? null;
  },
  async update(executor, ref, set) {
    await sql`update flow_test_records set data = data || ${JSON.stringify(set)}::jsonb where id = ${ref.recordId}`.execute(
      executor,
    );
  },
  async updateWhere(executor, target, set) {
    await sql`update flow_test_records set data = data || ${JSON.stringify(set)}::jsonb where form = ${target.formKey}`.execute(
      executor,
    );
  },
  async create(executor, target, values, lineItems) {
    const id = randomUUID();
    await sql`insert into flow_test_records (id, form, data) values (${id}, ${target.formKey}, ${JSON.stringify({ ...values, ...lineItems })}::jsonb)`.execute(
      executor,
    );
    return id;
  },
};

export async function addRecord(
  db: Kysely<any>,
  form: string,
  data: Record<string, unknown>,
): Promise<string> {
  const id = randomUUID();
  await sql`insert into flow_test_records (id, form, data) values (${id}, ${form}, ${JSON.stringify(data)}::jsonb)`.execute(
    db,
  );
  return id;
}

export async function recordData(db: Kysely<any>, id: string): Promise<Record<string, unknown>> {
  const rows = await sql<{
    data: Record<string, unknown>;
  }>`select data from flow_test_records where id = ${id}`.execute(db);
  return rows.rows[0]!.data;
}

export async function recordsOf(db: Kysely<any>, form: string): Promise<Record<string, unknown>[]> {
  const rows = await sql<{
    data: Record<string, unknown>;
  }>`select data from flow_test_records where form = ${form}`.execute(db);
  return rows.rows.map((r) => r.data);
}

/** Adds users (and their roles) and returns username → id. */
export async function addUsers(
  db: Kysely<any>,
  users: Record<string, { roles?: string[]; admin?: boolean }>,
) {
  const ids: Record<string, string> = {};
  for (const [username, spec] of Object.entries(users)) {
    const row = await sql<{ id: string }>`
      insert into tessera.users (username, display_name, password_hash, is_admin)
      values (${username}, ${username}, 'x', ${spec.admin ?? false}) returning id`.execute(db);
    ids[username] = row.rows[0]!.id;
    for (const role of spec.roles ?? []) {
      await sql`insert into tessera.role_members (role, user_id) values (${role}, ${ids[username]})`.execute(
        db,
      );
    }
  }
  return ids;
}

export interface FlowTestEnv {
  t: TestDatabase;
  db: Kysely<any>;
  clock: MovableClock;
  runner: FlowRunner;
  context: FlowContext;
  publish(appKey: string, flow: object): Promise<number>;
  /** Reopens the database (a process restart) and builds a new runner on it. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function createFlowTestEnv(): Promise<FlowTestEnv> {
  const clock = movableClock('2026-01-05T09:00:00Z'); // a Monday morning; stands still until moved
  const t = await createTestDatabase();
  await sql`create table if not exists flow_test_records (id text primary key, form text not null, data jsonb not null)`.execute(
    t.db,
  );
  const env: FlowTestEnv = {
    t,
    db: t.db,
    clock,
    context: { db: t.db, clock, records: jsonRecords },
    runner: createFlowRunner({ db: t.db, clock, records: jsonRecords }),
    async publish(appKey, flow) {
      const defs = createFlowDefinitionService({ db: env.db, clock, references: 'unchecked' });
      const saved = await defs.saveDraft(appKey, flow);
      if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
      const published = await defs.publish(appKey, (flow as { key: string }).key);
      if (!published.ok) throw new Error(JSON.stringify(published.errors));
      return published.version;
    },
    async restart() {
      env.t = await env.t.restart();
      env.db = env.t.db;
      env.context = { db: env.db, clock, records: jsonRecords };
      env.runner = createFlowRunner(env.context);
    },
    close: () => env.t.close(),
  };
  return env;
}

/** Open tasks as "node:username", sorted. */
export async function openTasks(db: Kysely<any>, instanceId: string): Promise<string[]> {
  const rows = await sql<{ node_id: string; username: string }>`
    select t.node_id, u.username from tessera.flow_tasks t join tessera.users u on u.id = t.assignee_id
    where t.instance_id = ${instanceId} and t.status = 'open' order by t.node_id, u.username`.execute(db);
  return rows.rows.map((r) => `${r.node_id}:${r.username}`);
}

export async function taskId(
  db: Kysely<any>,
  instanceId: string,
  nodeId: string,
  userId: string,
): Promise<string> {
  const rows = await sql<{ id: string }>`
    select id from tessera.flow_tasks where instance_id = ${instanceId} and node_id = ${nodeId}
    and assignee_id = ${userId} and status = 'open'`.execute(db);
  const id = rows.rows[0]?.id;
  if (!id) throw new Error(`no open task at ${nodeId} for ${userId}`);
  return id;
}

export async function instanceRow(db: Kysely<any>, id: string) {
  const rows = await sql<{ status: string; outcome: string | null; version: number; steps: number }>`
    select status, outcome, version, steps from tessera.flow_instances where id = ${id}`.execute(db);
  return rows.rows[0]!;
}
