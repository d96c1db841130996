import type { Kysely } from 'kysely';

export interface AuditEntry {
  readonly action: string;
  readonly actorId?: string | null;
  readonly actorName?: string | null;
  readonly targetType?: string;
  readonly targetId?: string;
  readonly detail?: Record<string, unknown>;
  readonly ip?: string | null;
}

/** Appends to the audit log on `executor` — the transaction of the change it records, when there is one. */
export async function writeAudit(executor: Kysely<any>, entry: AuditEntry): Promise<void> {
  await executor
    .insertInto('tessera.audit_log')
    .values({
      action: entry.action,
      actor_id: entry.actorId ?? null,
      actor_name: entry.actorName ?? null,
      target_type: entry.targetType ?? null,
      target_id: entry.targetId ?? null,
      detail: JSON.stringify(entry.detail ?? {}),
      ip: entry.ip ?? null,
    })
    .execute();
}
