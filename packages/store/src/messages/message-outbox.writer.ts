import type { Messaging, Messenger } from '@tessera/schema';
import { type Kysely, sql } from 'kysely';
import { enqueue } from '../queue/job-queue';

/** The job that sends one queued IM / SMS message (handled by the rules engine's messenger sender). */
export const MESSAGE_SEND_TASK = 'message.send';

/** A message as rendered by the engine that wrote it; the vendor adapter shapes the request. */
export interface OutboxMessage {
  readonly format: 'text' | 'markdown' | 'card';
  readonly title: string;
  readonly text: string;
  /** IM: people to @-mention by mobile; SMS: the destination numbers. */
  readonly mobiles: readonly string[];
  /** IM: the vendor's user ids to @-mention. */
  readonly userIds: readonly string[];
  readonly mentionAll: boolean;
  readonly buttons: readonly { readonly title: string; readonly url: string }[];
  /** SMS: the template (default: the messenger's) and its parameters. */
  readonly templateCode?: string;
  readonly params?: Readonly<Record<string, string>>;
}

export interface MessageInput {
  readonly appKey: string;
  readonly channel: 'im' | 'sms';
  readonly messengerKey: string;
  readonly messenger: Messenger;
  readonly message: OutboxMessage;
  /** Who wrote it: a rule action, or a flow instance's step. */
  readonly ruleActionId?: number;
  readonly flowInstanceId?: string;
  readonly at: Date;
}

/**
 * Puts an IM / SMS message in tessera.message_outbox in the caller's transaction, with its
 * `message.send` job: the message exists, and is sent, if and only if the caller commits.
 */
export async function queueMessage(trx: Kysely<any>, input: MessageInput): Promise<number> {
  const r = await sql<{ id: number }>`insert into tessera.message_outbox
    (app_key, channel, messenger_key, messenger, message, status, rule_action_id, flow_instance_id, created_at)
    values (${input.appKey}, ${input.channel}, ${input.messengerKey}, ${JSON.stringify(input.messenger)}::jsonb,
      ${JSON.stringify(input.message)}::jsonb, 'queued', ${input.ruleActionId ?? null},
      ${input.flowInstanceId ?? null}, ${input.at}) returning id`.execute(trx);
  const id = Number(r.rows[0]!.id);
  await enqueue(trx, MESSAGE_SEND_TASK, { messageId: id }, { jobKey: `${MESSAGE_SEND_TASK}:${id}` });
  return id;
}

/**
 * The app's messenger `key` from the pack.json it was installed with (`messaging`), or
 * undefined when the app has none of that name.
 */
export async function readAppMessenger(
  executor: Kysely<any>,
  appKey: string,
  key: string,
): Promise<Messenger | undefined> {
  const r = await sql<{ messenger: Messenger | null }>`
    select manifest -> 'messaging' -> ${key}::text as messenger from tessera.installed_packs
    where app_key = ${appKey} order by id desc limit 1`.execute(executor);
  return r.rows[0]?.messenger ?? undefined;
}

/** Every messenger of the app (pack.json `messaging` as installed); none when no pack installed it. */
export async function readAppMessaging(executor: Kysely<any>, appKey: string): Promise<Messaging> {
  const r = await sql<{ messaging: Messaging | null }>`
    select manifest -> 'messaging' as messaging from tessera.installed_packs
    where app_key = ${appKey} order by id desc limit 1`.execute(executor);
  return r.rows[0]?.messaging ?? {};
}

const PHONE = /^\+?\d[\d\s-]{4,}\d$/;

/** The phone numbers among literal addresses (e-mail addresses and others left out), spaces and dashes dropped. */
export function phoneNumbersOf(addresses: readonly string[]): string[] {
  return [
    ...new Set(addresses.filter((a) => PHONE.test(a.trim())).map((a) => a.trim().replace(/[\s-]/g, ''))),
  ];
}

/** A title for a message without a subject: its first line, cut to 60 characters. */
export function titleOf(subject: string | null | undefined, text: string): string {
  if (subject) return subject;
  const line = text.split('\n')[0] ?? '';
  return line.length > 60 ? `${line.slice(0, 59)}…` : line;
}
