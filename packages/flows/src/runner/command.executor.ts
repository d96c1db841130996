import { enqueue } from '@tessera/store';
import { type Kysely, sql } from 'kysely';
import type { FlowCommand, TimelineEntry } from '../core/flow-command';
import type { FlowGraph } from '../core/flow-graph';
import { resolveRecipients } from './assignee.resolver';
import { FLOW_JOBS, type RecordGateway, type RecordRef } from './flow-context';
import {
  ccMessage,
  type MessageText,
  outcomeMessage,
  type RecordName,
  reminderMessage,
  taskMessage,
  withdrawnMessage,
} from './flow-messages';
import { deliverMessage } from './message.delivery';
import { queueStepMessages } from './messenger.delivery';

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
  /** The instance's version (message texts name the flow and the node). */
  readonly graph: FlowGraph;
  /** Channels of the flow's own messages (new task, reminder, CC, outcome). */
  readonly channels: readonly string[];
  readonly smtpConfigured: boolean;
  /** The record as the step sees it (read again after the step's writes, see runStep). */
  readonly record: Record<string, unknown>;
  /** How people name the record (read once per step, on first use); null: messages name the flow. */
  recordName(): Promise<RecordName | null>;
  /** Adds a line to the step's timeline (written after the core's lines of the same event). */
  note(entry: TimelineEntry): void;
}

type Executable = Exclude<FlowCommand, { type: 'resolve-assignees' | 'reload-record' }>;
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

function link(env: CommandEnv) {
  return { app: env.ref.appKey, form: env.ref.formKey, recordId: env.ref.recordId };
}

/** A message of the flow itself to users, on the flow's channels (in-app + e-mail by default). */
async function tell(env: CommandEnv, userIds: readonly string[], text: MessageText): Promise<void> {
  if (userIds.length === 0) return;
  await deliverMessage(
    env.trx,
    { channels: env.channels, userIds, subject: text.subject, body: text.body, link: link(env), at: env.at },
    { smtpConfigured: env.smtpConfigured },
  );
}

/** One handler per command type: rows are written in the step's transaction, jobs enqueued in it. */
const HANDLERS: { readonly [T in Executable['type']]: Handler<T> } = {
  async 'create-task'(env, c) {
    await sql`insert into tessera.flow_tasks (instance_id, task_key, node_id, kind, assignee_id, status, created_at, due_at)
              values (${env.instanceId}, ${c.taskId}, ${c.nodeId}, ${c.kind}, ${c.userId}, ${c.status}, ${env.at}, ${c.dueAt ?? null})`.execute(
      env.trx,
    );
    if (c.status === 'open')
      await tell(env, [c.userId], taskMessage(env.graph, c.nodeId, c.kind, await env.recordName()));
  },
  async 'activate-task'(env, c) {
    // A sequential signer's turn, or a task back after 前加签: the assignee is told like a new task.
    const rows = await sql<{ assignee_id: string; node_id: string; kind: string }>`
      update tessera.flow_tasks set status = 'open', completed_at = null, completed_by = null, comment = null
      where instance_id = ${env.instanceId} and task_key = ${c.taskId} returning assignee_id, node_id, kind`.execute(
      env.trx,
    );
    const task = rows.rows[0];
    if (task)
      await tell(
        env,
        [task.assignee_id],
        taskMessage(env.graph, task.node_id, task.kind, await env.recordName()),
      );
  },
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
      await env.records.update(env.trx, env.ref, c.set, c.actorId ?? null);
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
    const userIds = [...new Set([...resolved.userIds, ...c.userIds])];
    if (c.reason !== 'action') {
      // 催办 and overdue reminders go out on the flow's own channels.
      await tell(env, userIds, reminderMessage(env.graph, c.nodeId, c.reason, await env.recordName()));
      return;
    }
    await deliverMessage(
      env.trx,
      {
        channels: c.channels,
        userIds,
        addresses: resolved.addresses,
        subject: c.subject,
        body: c.body,
        link: link(env),
        at: env.at,
      },
      { smtpConfigured: env.smtpConfigured },
    );
    // SMS / IM through a messenger of the app (`via`): the message outbox, on the step's transaction.
    const queued = await queueStepMessages(env, c, resolved.addresses, userIds);
    // Others go to a messaging adapter, outside the step (a job per message).
    for (const channel of c.channels.filter((ch) => (ch === 'sms' || ch === 'im') && !queued.has(ch))) {
      await enqueue(env.trx, FLOW_JOBS.notify, {
        instanceId: env.instanceId,
        channel,
        userIds,
        addresses: resolved.addresses,
        body: c.body,
      });
    }
  },
  async cc(env, c) {
    const resolved = await resolveRecipients(env.trx, c.to, {
      initiatorId: env.initiatorId,
      record: env.record,
    });
    const userIds = [...new Set([...resolved.userIds, ...c.userIds])];
    for (const userId of userIds) {
      await sql`insert into tessera.flow_cc (instance_id, node_id, user_id, by_user_id, created_at)
                values (${env.instanceId}, ${c.nodeId}, ${userId}, ${c.byUserId}, ${env.at})`.execute(
        env.trx,
      );
    }
    await tell(env, userIds, ccMessage(env.graph, c.nodeId, await env.recordName()));
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
      // One child per parent step and node, however often the job runs.
      startKey: `flow:${env.instanceId}:${env.step}:${c.nodeId}`,
    });
  },
  async 'complete-instance'(env, c) {
    // The instance row's status and outcome are written with the state at the end of the step;
    // the initiator hears how the request ended (with the last rejection's comment, if any).
    if (c.status === 'withdrawn') {
      // The people whose tasks the withdrawal (撤回) just cancelled hear that nothing is left to do.
      const cancelled = await sql<{ assignee_id: string }>`
        select distinct assignee_id from tessera.flow_tasks
        where instance_id = ${env.instanceId} and status = 'cancelled' and completed_at = ${env.at}`.execute(
        env.trx,
      );
      await tell(
        env,
        cancelled.rows.map((r) => r.assignee_id).filter((u) => u !== env.initiatorId),
        withdrawnMessage(env.graph, await env.recordName()),
      );
      return;
    }
    if (!env.initiatorId) return;
    const rejected = await sql<{ comment: string | null }>`
      select comment from tessera.flow_tasks where instance_id = ${env.instanceId} and status = 'rejected'
      order by completed_at desc, task_key desc limit 1`.execute(env.trx);
    const comment = c.outcome === 'rejected' ? (rejected.rows[0]?.comment ?? null) : null;
    await tell(
      env,
      [env.initiatorId],
      outcomeMessage(env.graph, c.status, c.outcome, comment, await env.recordName()),
    );
  },
};

export async function executeCommand(env: CommandEnv, command: Executable): Promise<void> {
  const handler = HANDLERS[command.type] as (env: CommandEnv, command: Executable) => Promise<void>;
  await handler(env, command);
}
