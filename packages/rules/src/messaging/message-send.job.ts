import { randomUUID } from 'node:crypto';
import type { Messenger } from '@tessera/schema';
import { enqueue, MESSAGE_SEND_TASK, type OutboxMessage, systemTables } from '@tessera/store';
import { type Kysely, sql } from 'kysely';
import { logRun, type RunOutcome } from '../firing/run-log';
import { backoffMs, type RulesDeps, retryPolicy } from '../rules-context';
import { adapterOf } from './messenger.registry';

export type MessageOutcome = 'sent' | 'retry' | 'dead' | 'held' | 'skipped';

interface Row {
  id: number;
  channel: string;
  messenger_key: string;
  messenger: Messenger;
  message: OutboxMessage;
  status: string;
  attempts: number;
  rule_action_id: number | null;
}

/** A line in the run log of the rule whose action wrote the message (flow messages: the row is the log). */
async function logForRule(trx: Kysely<any>, row: Row, outcome: RunOutcome, reason: string, at: Date) {
  if (row.rule_action_id === null) return;
  const r = await sql<{ rule_id: string; record_id: string; occurrence: string }>`
    select f.rule_id, f.record_id, f.occurrence from tessera.rule_actions a
    join tessera.rule_firings f on f.id = a.firing_id where a.id = ${row.rule_action_id}`.execute(trx);
  const firing = r.rows[0];
  if (!firing) return;
  await logRun(trx, {
    ruleId: firing.rule_id,
    recordId: firing.record_id || null,
    occurrence: firing.occurrence,
    outcome,
    reason,
    at,
  });
}

/**
 * Sends one queued IM / SMS message through its vendor's adapter. The vendor's refusal
 * (`errcode` ≠ 0, `Code` ≠ "OK"), an HTTP error, a timeout or a missing secret is a failure:
 * retried with backoff (a new job at that instant), then `dead`. A messenger whose webhook / key
 * variable is unset holds the message, as mail is held without SMTP.
 */
export async function sendQueuedMessage(deps: RulesDeps, messageId: number): Promise<MessageOutcome> {
  const { db, clock } = deps;
  const r =
    await sql<Row>`select id, channel, messenger_key, messenger, message, status, attempts, rule_action_id
    from tessera.message_outbox where id = ${messageId}`.execute(db);
  const row = r.rows[0];
  if (row?.status !== 'queued') return 'skipped';
  const env = deps.env ?? process.env;
  const adapter = adapterOf(row.messenger);
  const label = `${row.channel} through ${row.messenger.vendor} messenger "${row.messenger_key}"`;
  const now = clock.now();
  const addressEnv = adapter.addressEnv(row.messenger);
  if (!env[addressEnv]) {
    await db.transaction().execute(async (trx) => {
      await sql`update tessera.message_outbox set status = 'held',
        last_error = ${`${addressEnv} is not set: the message is held`} where id = ${messageId}`.execute(trx);
      await logForRule(trx, row, 'skipped', `${label} held: ${addressEnv} is not set`, now);
    });
    return 'held';
  }
  try {
    const request = adapter.build(
      row.messenger,
      row.message,
      (name) => {
        const value = env[name];
        if (!value) throw new Error(`the environment variable ${name} is not set`);
        return value;
      },
      { now, nonce: randomUUID() },
    );
    const doFetch = deps.fetch ?? fetch;
    let response: Response;
    try {
      response = await doFetch(request.url, {
        method: 'POST',
        headers: request.headers,
        body: request.body,
        signal: AbortSignal.timeout(deps.httpTimeoutMs ?? 10_000),
      });
    } catch (error) {
      throw new Error(`request to ${row.messenger.vendor} failed: ${(error as Error).message}`);
    }
    const refusal = adapter.refusal(response.status, await response.text());
    if (refusal) throw new Error(refusal);
    await db.transaction().execute(async (trx) => {
      await sql`update tessera.message_outbox set status = 'sent', sent_at = ${now}, attempts = attempts + 1,
        last_error = null where id = ${messageId}`.execute(trx);
      await logForRule(trx, row, 'done', `${label} sent`, now);
    });
    return 'sent';
  } catch (error) {
    const message = (error as Error).message;
    const policy = retryPolicy(deps);
    const attempts = Number(row.attempts) + 1;
    const dead = attempts >= policy.maxAttempts;
    const next = new Date(now.getTime() + backoffMs(policy, attempts));
    await db.transaction().execute(async (trx) => {
      await sql`update tessera.message_outbox set attempts = ${attempts}, last_error = ${message},
        status = ${dead ? 'dead' : 'queued'} where id = ${messageId}`.execute(trx);
      if (!dead)
        await enqueue(
          trx,
          MESSAGE_SEND_TASK,
          { messageId },
          { runAt: next, jobKey: `${MESSAGE_SEND_TASK}:${messageId}` },
        );
      await logForRule(
        trx,
        row,
        dead ? 'dead' : 'failed',
        dead
          ? `${label} failed ${attempts} times, dead-lettered: ${message}`
          : `${label} failed (attempt ${attempts} of ${policy.maxAttempts}), retry at ${next.toISOString()}: ${message}`,
        now,
      );
    });
    return dead ? 'dead' : 'retry';
  }
}

export interface OutboxMessageRow {
  readonly id: number;
  readonly appKey: string;
  readonly channel: 'im' | 'sms';
  readonly messengerKey: string;
  readonly vendor: string;
  /** Where it goes, never a secret: the group robot (the messenger's key), or SMS numbers masked. */
  readonly destination: string;
  readonly title: string;
  readonly text: string;
  readonly status: 'held' | 'queued' | 'sent' | 'dead';
  readonly attempts: number;
  readonly lastError: string | null;
  readonly createdAt: string;
  readonly sentAt: string | null;
}

/** 13900000002 → 139****0002: enough to tell numbers apart, not to call them. */
const maskPhone = (phone: string) => {
  const digits = phone.replace(/\D/g, '');
  return digits.length < 8 ? '****' : `${digits.slice(0, 3)}****${digits.slice(-4)}`;
};

function destinationOf(channel: string, messengerKey: string, message: OutboxMessage): string {
  if (channel !== 'sms') return messengerKey;
  return (message.mobiles ?? []).map(maskPhone).join(', ');
}

/** A webhook address in an error keeps its path, never its token, key or signature. */
export const withoutSecrets = (text: string) => text.replace(/([?&][A-Za-z_]+=)[^&\s"']+/g, '$1…');

/** The newest messages first (the admins' view of the outbox and its dead letters). */
export async function listMessages(
  db: Kysely<any>,
  options: { limit?: number; status?: OutboxMessageRow['status']; appKey?: string } = {},
): Promise<OutboxMessageRow[]> {
  let query = systemTables(db)
    .selectFrom('tessera.message_outbox')
    .select([
      'id',
      'app_key',
      'channel',
      'messenger_key',
      'messenger',
      'message',
      'status',
      'attempts',
      'last_error',
      'created_at',
      'sent_at',
    ])
    .orderBy('id', 'desc')
    .limit(options.limit ?? 100);
  if (options.status != null) query = query.where('status', '=', options.status);
  if (options.appKey != null) query = query.where('app_key', '=', options.appKey);
  const rows = await query.execute();
  return rows.map((m) => {
    // The json columns hold what queueMessage wrote.
    const message = m.message as unknown as OutboxMessage;
    return {
      id: Number(m.id),
      appKey: m.app_key,
      channel: m.channel as OutboxMessageRow['channel'],
      messengerKey: m.messenger_key,
      vendor: (m.messenger as { vendor: string }).vendor,
      destination: destinationOf(m.channel, m.messenger_key, message),
      title: message.title,
      text: message.text,
      status: m.status as OutboxMessageRow['status'],
      attempts: Number(m.attempts),
      lastError: m.last_error === null ? null : withoutSecrets(m.last_error),
      createdAt: new Date(m.created_at).toISOString(),
      sentAt: m.sent_at ? new Date(m.sent_at).toISOString() : null,
    };
  });
}
