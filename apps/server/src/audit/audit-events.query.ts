import { type Kysely, type RawBuilder, sql } from 'kysely';

/**
 * The audit trail as one newest-first stream, read from where each change is written in its own
 * transaction (so no change can commit without its entry):
 *  - `tessera.audit_log` (source `a`): logins, failed logins, logouts, users, departments, role
 *    members, pack applies (with the roles and grants they changed);
 *  - `tessera.record_history` (source `r`): record created / updated / deleted / restored, with
 *    every changed field old → new;
 *  - `tessera.form_versions` (source `f`): form schema publishes, and purges (a version whose plan
 *    drops a column or table).
 * Entries are ordered by (at, source, key), which is total, so a keyset cursor never skips or
 * repeats an entry even when one transaction wrote several at the same instant.
 */
export interface AuditFilter {
  /** Exact action, or a prefix ending in `.*` (e.g. `record.*`). */
  readonly action?: string;
  /** A user id: what they did. */
  readonly actorId?: string;
  /** A user name (for failed logins and actors since deleted: the name recorded at the time). */
  readonly actorName?: string;
  readonly targetType?: string;
  readonly targetId?: string;
  readonly app?: string;
  readonly form?: string;
  readonly from?: Date;
  readonly to?: Date;
  readonly after?: AuditCursor;
  readonly limit: number;
}

/** Position after the last entry of a page: its time (microseconds, UTC text), source and key. */
export type AuditCursor = readonly [at: string, source: string, key: string];

export interface AuditRow {
  readonly source: 'a' | 'r' | 'f';
  readonly key: string;
  readonly at: Date;
  readonly atText: string;
  readonly actorId: string | null;
  readonly actorName: string | null;
  readonly action: string;
  readonly targetType: string | null;
  readonly targetId: string | null;
  readonly app: string | null;
  readonly form: string | null;
  readonly detail: Record<string, unknown>;
  readonly ip: string | null;
}

const PURGE_KINDS = sql`('drop_column', 'drop_table')`;

const events = sql`(
  select 'a' as source, lpad(a.id::text, 20, '0') as key, a.at, a.actor_id,
    coalesce(a.actor_name, u.username) as actor_name, a.action, a.target_type, a.target_id,
    coalesce(a.detail ->> 'app', case when a.target_type = 'app' then a.target_id end) as app,
    null::text as form, a.detail, a.ip
  from tessera.audit_log a left join tessera.users u on u.id = a.actor_id
  union all
  select 'r', lpad(h.id::text, 20, '0'), h.at, h.actor_id, u.username, 'record.' || h.operation,
    'record', h.record_id::text, p.key, f.key,
    jsonb_build_object('version', h.version, 'changes', h.changes), null
  from tessera.record_history h join tessera.forms f on f.id = h.form_id join tessera.apps p on p.id = f.app_id
  left join tessera.users u on u.id = h.actor_id
  union all
  select 'f', v.id::text, v.published_at, v.published_by, u.username,
    case when exists (select 1 from jsonb_array_elements(coalesce(v.plan -> 'actions', '[]'::jsonb)) x
                      where x ->> 'kind' in ${PURGE_KINDS}) then 'form.purged' else 'form.published' end,
    'form', p.key || '.' || f.key, p.key, f.key,
    jsonb_build_object('version', v.version, 'changes',
      coalesce((select jsonb_agg(x ->> 'description') from jsonb_array_elements(coalesce(v.plan -> 'actions', '[]'::jsonb)) x), '[]'::jsonb)),
    null
  from tessera.form_versions v join tessera.forms f on f.id = v.form_id join tessera.apps p on p.id = f.app_id
  left join tessera.users u on u.id = v.published_by
  where v.published_at is not null
) e`;

export async function queryAuditEvents(db: Kysely<any>, filter: AuditFilter): Promise<AuditRow[]> {
  const where: RawBuilder<unknown>[] = [sql`true`];
  if (filter.action?.endsWith('.*')) {
    const prefix = filter.action.slice(0, -1).replace(/[\\%_]/g, (c) => `\\${c}`);
    where.push(sql`e.action like ${`${prefix}%`}`);
  } else if (filter.action) where.push(sql`e.action = ${filter.action}`);
  if (filter.actorId) where.push(sql`e.actor_id = ${filter.actorId}::uuid`);
  if (filter.actorName) where.push(sql`lower(e.actor_name) = ${filter.actorName.toLowerCase()}`);
  if (filter.targetType) where.push(sql`e.target_type = ${filter.targetType}`);
  if (filter.targetId) where.push(sql`e.target_id = ${filter.targetId}`);
  if (filter.app) where.push(sql`e.app = ${filter.app}`);
  if (filter.form) where.push(sql`e.form = ${filter.form}`);
  if (filter.from) where.push(sql`e.at >= ${filter.from}`);
  if (filter.to) where.push(sql`e.at < ${filter.to}`);
  if (filter.after) {
    const [at, source, key] = filter.after;
    where.push(sql`(e.at, e.source, e.key) < (${at}::timestamptz, ${source}, ${key})`);
  }
  const result = await sql<{
    source: 'a' | 'r' | 'f';
    key: string;
    at: Date;
    at_text: string;
    actor_id: string | null;
    actor_name: string | null;
    action: string;
    target_type: string | null;
    target_id: string | null;
    app: string | null;
    form: string | null;
    detail: Record<string, unknown> | string;
    ip: string | null;
  }>`
    select e.source, e.key, e.at, e.actor_id, e.actor_name, e.action, e.target_type, e.target_id, e.app, e.form,
      e.detail, e.ip, to_char(e.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at_text
    from ${events}
    where ${sql.join(where, sql` and `)}
    order by e.at desc, e.source desc, e.key desc
    limit ${filter.limit}`.execute(db);
  return result.rows.map((r) => ({
    source: r.source,
    key: r.key,
    at: new Date(r.at),
    atText: r.at_text,
    actorId: r.actor_id,
    actorName: r.actor_name,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    app: r.app,
    form: r.form,
    detail: typeof r.detail === 'string' ? JSON.parse(r.detail) : r.detail,
    ip: r.ip,
  }));
}
