import { enqueue } from '@tessera/store';
import { type Kysely, sql } from 'kysely';
import type { FlowCommand, TimelineEntry } from '../core/flow-command';
import { resolveRecipients } from './assignee.resolver';
import { FLOW_JOBS, type RecordGateway, type RecordRef } from './flow-context';

/** What a command runs with: the step's transaction and the instance it belongs to. */
export interface CommandEnv {
  readonly trx: Kysely<any>;
  readonly instanceId: string;
  readonly ref: RecordRef;
  readonly initiatorId: string | null;
  readonly at: Date;
  /** The instance's step number (timeline lines of one step share it). */
  readonly step: number;
  readonly records: RecordGateway;
  /** The record as the step sees it (updated by update-record). */
  readonly record: Record<string, unknown>;
  /** Adds a line to the step's timeline (written after the core's lines of the same event). */
  note(entry: TimelineEntry): void;
}

type Executable = Exclude<FlowCommand, { type: 'resolve-assignees' }>;
type Handler<T extends Executable['type']> = (
  env: CommandEnv,
  command: Extract<Executable, { type: T }>,
) => Promise<void>;

async function setTaskStatus(
  env: CommandEnv,
  taskKey: string,
  status: string,
  done = false,
  actorId: string | null = null,
  comment: string | null = null,
) {
  await sql`update tessera.flow_tasks set status = ${status},
              completed_at = ${done ? env.at : null}, completed_by = ${actorId}, comment = ${comment}
            where instance_id = ${env.instanceId} and task_key = ${taskKey}`.execute(env.trx);
}

/** One handler per command type: rows are written in the step's transaction, jobs enqueued in it. */
const HANDLERS: { readonly [T in Executable['type']]: Handler<T> } = {
  async 'create-task'(env, c) {
    await sql`insert into tessera.flow_tasks (instance_id, task_key, node_id, kind, assignee_id, status, created_at, due_at)
              values (${env.instanceId}, ${c.taskId}, ${c.nodeId}, ${c.kind}, ${c.userId}, ${c.status}, ${env.at}, ${c.dueAt ?? null})`.execute(
      env.trx,
    );
  },
  'activate-task': (env, c) => setTaskStatus(env, c.taskId, 'open'),
  'suspend-task': (env, c) => setTaskStatus(env, c.taskId, 'waiting'),
  'complete-task': (env, c) => setTaskStatus(env, c.taskId, c.status, true, c.actorId, c.comment ?? null),
  'cancel-task': (env, c) => setTaskStatus(env, c.taskId, 'cancelled', true),
  async 'schedule-timer'(env, c) {
    const row = await sql<{ id: string }>`
      insert into tessera.flow_timers (instance_id, timer_key, node_id, purpose, run_at, status)
      values (${env.instanceId}, ${c.timerId}, ${c.nodeId}, ${c.purpose}, ${c.runAt}, 'scheduled') returning id`.execute(
      env.trx,
    );
    const id = row.rows[0]!.id;
    await enqueue(
      env.trx,
      FLOW_JOBS.timer,
      { timerId: id },
      { runAt: new Date(c.runAt), jobKey: `flow-timer:${id}` },
    );
  },
  async 'cancel-timer'(env, c) {
    await sql`update tessera.flow_timers set status = 'cancelled'
              where instance_id = ${env.instanceId} and timer_key = ${c.timerId} and status = 'scheduled'`.execute(
      env.trx,
    );
  },
  async 'update-record'(env, c) {
    if (c.form) {
      await env.records.updateWhere(
        env.trx,
        { appKey: env.ref.appKey, formKey: c.form, where: c.where },
        c.set,
      );
    } else {
      await env.records.update(env.trx, env.ref, c.set, null);
      Object.assign(env.record, c.set);
    }
  },
  async 'create-record'(env, c) {
    const values = c.linkBack ? { ...c.values, [c.linkBack]: env.ref.recordId } : c.values;
    const id = await env.records.create(
      env.trx,
      { appKey: env.ref.appKey, formKey: c.form },
      values,
      c.lineItems,
    );
    env.note({ at: env.at.toISOString(), kind: 'record-created', detail: { form: c.form, recordId: id } });
  },
  async notify(env, c) {
    const resolved = await resolveRecipients(env.trx, c.to, {
      initiatorId: env.initiatorId,
      record: env.record,
    });
    const users = [...new Set([...resolved.userIds, ...c.userIds])];
    for (const channel of c.channels) {
      const targets = [
        ...users.map((u) => ({ user: u, address: null })),
        ...resolved.addresses.map((a) => ({ user: null, address: a })),
      ];
      for (const target of targets) {
        const row = await sql<{ id: string }>`
          insert into tessera.flow_notifications (instance_id, user_id, address, channel, reason, subject, body, created_at)
          values (${env.instanceId}, ${target.user}, ${target.address}, ${channel}, ${c.reason},
                  ${c.subject ? JSON.stringify(c.subject) : null}::jsonb, ${JSON.stringify(c.body)}::jsonb, ${env.at})
          returning id`.execute(env.trx);
        // In-app messages are the rows; other channels are delivered by a job.
        if (channel !== 'in_app')
          await enqueue(env.trx, FLOW_JOBS.notify, { notificationId: row.rows[0]!.id });
      }
    }
  },
  async cc(env, c) {
    const resolved = await resolveRecipients(env.trx, c.to, {
      initiatorId: env.initiatorId,
      record: env.record,
    });
    for (const userId of new Set([...resolved.userIds, ...c.userIds])) {
      await sql`insert into tessera.flow_cc (instance_id, node_id, user_id, by_user_id, created_at)
                values (${env.instanceId}, ${c.nodeId}, ${userId}, ${c.byUserId}, ${env.at})`.execute(
        env.trx,
      );
    }
  },
  async 'call-webhook'(env, c) {
    const payload = {
      instanceId: env.instanceId,
      url: c.url,
      method: c.method,
      headers: c.headers,
      body: c.body,
      secretEnv: c.secretEnv ?? null,
    };
    await enqueue(env.trx, FLOW_JOBS.webhook, payload, { maxAttempts: c.retries + 1 });
  },
  async 'start-flow'(env, c) {
    await enqueue(env.trx, FLOW_JOBS.startFlow, {
      appKey: env.ref.appKey,
      flowKey: c.flow,
      recordId: env.ref.recordId,
      initiatorId: env.initiatorId,
      parentInstanceId: env.instanceId,
    });
  },
  async 'complete-instance'() {
    // The instance row's status and outcome are written with the state at the end of the step.
  },
};

export async function executeCommand(env: CommandEnv, command: Executable): Promise<void> {
  const handler = HANDLERS[command.type] as (env: CommandEnv, command: Executable) => Promise<void>;
  await handler(env, command);
}
