import { enqueue, MESSAGE_SEND_TASK } from '@tessera/store';
import { type Kysely, sql } from 'kysely';
import { withoutSecrets } from './message-send.job';

export type RequeueResult =
  | {
      readonly ok: true;
      /** What the message was before: for the audit log. */
      readonly was: {
        readonly status: 'held' | 'dead';
        readonly attempts: number;
        readonly lastError: string | null;
      };
      readonly appKey: string;
      readonly messengerKey: string;
      readonly vendor: string;
    }
  | { readonly ok: false; readonly reason: 'not_found' }
  | { readonly ok: false; readonly reason: 'not_requeueable'; readonly status: string };

/**
 * Sends a held or dead message again (after its messenger's variable was set, or the vendor's
 * problem fixed): queued with a fresh count of attempts and its `message.send` job, in the
 * caller's transaction — so the caller's audit line and the re-queue commit together. A queued
 * or sent message is left alone (it would go out twice).
 */
export async function requeueMessage(trx: Kysely<any>, id: number): Promise<RequeueResult> {
  const r = await sql<{
    status: string;
    attempts: number;
    last_error: string | null;
    app_key: string;
    messenger_key: string;
    vendor: string;
  }>`select status, attempts, last_error, app_key, messenger_key, messenger ->> 'vendor' as vendor
    from tessera.message_outbox where id = ${id} for update`.execute(trx);
  const row = r.rows[0];
  if (!row) return { ok: false, reason: 'not_found' };
  if (row.status !== 'held' && row.status !== 'dead')
    return { ok: false, reason: 'not_requeueable', status: row.status };
  await sql`update tessera.message_outbox set status = 'queued', attempts = 0, last_error = null
    where id = ${id}`.execute(trx);
  await enqueue(trx, MESSAGE_SEND_TASK, { messageId: id }, { jobKey: `${MESSAGE_SEND_TASK}:${id}` });
  return {
    ok: true,
    was: {
      status: row.status,
      attempts: Number(row.attempts),
      lastError: row.last_error === null ? null : withoutSecrets(row.last_error),
    },
    appKey: row.app_key,
    messengerKey: row.messenger_key,
    vendor: row.vendor,
  };
}
