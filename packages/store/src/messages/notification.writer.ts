import { type Kysely, sql } from 'kysely';

/** A row of tessera.notifications: what a user sees in the in-app notification list. */
export interface NotificationInput {
  readonly userId: string;
  /** 'todo': a to-do the user marks done; 'info': a message. */
  readonly kind: 'todo' | 'info';
  readonly title: string;
  readonly body?: string | null;
  /** The record it is about (opened from the notification). */
  readonly link?: {
    readonly app: string;
    readonly form: string | null;
    readonly recordId: string | null;
  } | null;
  /** The rule action that wrote it (rules engine), for exactly-once bookkeeping. */
  readonly ruleActionId?: number | null;
  readonly dueAt?: Date | null;
  readonly at: Date;
}

/**
 * Writes an in-app notification on the caller's transaction, so it exists if and only if the
 * change that caused it (a rule action, a flow step) commits. Shared by the engines that notify.
 */
export async function insertNotification(executor: Kysely<any>, n: NotificationInput): Promise<number> {
  const r = await sql<{ id: number }>`insert into tessera.notifications
    (user_id, kind, title, body, app_key, form_key, record_id, rule_action_id, due_at, created_at)
    values (${n.userId}, ${n.kind}, ${n.title}, ${n.body ?? null}, ${n.link?.app ?? null}, ${n.link?.form ?? null},
      ${n.link?.recordId ?? null}, ${n.ruleActionId ?? null}, ${n.dueAt ?? null}, ${n.at}) returning id`.execute(
    executor,
  );
  return Number(r.rows[0]!.id);
}
