import { type Kysely, sql } from 'kysely';

/** A stored file as `tessera.files` holds it (migration 0112-forms-files). */
export interface FileRow {
  readonly id: string;
  readonly storageKey: string;
  readonly size: number;
  readonly sha256: string;
  /** The type sniffed from the bytes (never the client's claim). */
  readonly contentType: string;
  /** The original file name. */
  readonly name: string;
  readonly uploadedBy: string | null;
  readonly formId: string;
  /** The attachment field it was uploaded for: `files`, or `items.photo` inside line items. */
  readonly field: string;
  readonly recordId: string | null;
  readonly createdAt: Date;
  readonly attachedAt: Date | null;
  readonly detachedAt: Date | null;
  readonly deletedAt: Date | null;
  readonly purgedAt: Date | null;
}

/** A new upload, before any record holds it. */
export type NewFile = Pick<
  FileRow,
  'id' | 'storageKey' | 'size' | 'sha256' | 'contentType' | 'name' | 'uploadedBy' | 'formId' | 'field'
> & { readonly createdAt: Date };

const COLUMNS = sql`id, storage_key, size, sha256, content_type, name, uploaded_by, form_id, field,
  record_id, created_at, attached_at, detached_at, deleted_at, purged_at`;

interface Raw {
  id: string;
  storage_key: string;
  size: string | number;
  sha256: string;
  content_type: string;
  name: string;
  uploaded_by: string | null;
  form_id: string;
  field: string;
  record_id: string | null;
  created_at: Date | string;
  attached_at: Date | string | null;
  detached_at: Date | string | null;
  deleted_at: Date | string | null;
  purged_at: Date | string | null;
}

const date = (v: Date | string | null): Date | null => (v === null ? null : new Date(v));

function toRow(r: Raw): FileRow {
  return {
    id: String(r.id),
    storageKey: r.storage_key,
    size: Number(r.size),
    sha256: r.sha256,
    contentType: r.content_type,
    name: r.name,
    uploadedBy: r.uploaded_by === null ? null : String(r.uploaded_by),
    formId: String(r.form_id),
    field: r.field,
    recordId: r.record_id === null ? null : String(r.record_id),
    createdAt: new Date(r.created_at),
    attachedAt: date(r.attached_at),
    detachedAt: date(r.detached_at),
    deletedAt: date(r.deleted_at),
    purgedAt: date(r.purged_at),
  };
}

export async function insertFile(db: Kysely<any>, file: NewFile): Promise<FileRow> {
  const r = await sql<Raw>`insert into tessera.files
      (id, storage_key, size, sha256, content_type, name, uploaded_by, form_id, field, created_at)
    values (${file.id}::uuid, ${file.storageKey}, ${file.size}, ${file.sha256}, ${file.contentType},
      ${file.name}, ${file.uploadedBy}::uuid, ${file.formId}::uuid, ${file.field}, ${file.createdAt.toISOString()}::timestamptz)
    returning ${COLUMNS}`.execute(db);
  return toRow(r.rows[0]!);
}

/** A file by id (purged ones included: the caller decides). */
export async function readFile(db: Kysely<any>, id: string): Promise<FileRow | undefined> {
  if (!UUID.test(id)) return undefined;
  const r = await sql<Raw>`select ${COLUMNS} from tessera.files where id = ${id}::uuid`.execute(db);
  return r.rows[0] ? toRow(r.rows[0]) : undefined;
}

/** Files by id, locked for the write that attaches them (id order: no deadlock between writes). */
export async function lockFiles(trx: Kysely<any>, ids: readonly string[]): Promise<Map<string, FileRow>> {
  const valid = [...new Set(ids.filter((id) => UUID.test(id)))].sort();
  if (valid.length === 0) return new Map();
  const r = await sql<Raw>`select ${COLUMNS} from tessera.files
    where id = any(${valid}::uuid[]) order by id for update`.execute(trx);
  return new Map(r.rows.map((raw) => [String(raw.id), toRow(raw)]));
}

/**
 * After a write: the files each record's values hold are attached to it (kept, re-attached or
 * newly attached), the files it held before and holds no longer are detached (swept after the
 * grace period). One statement per call.
 */
export async function syncRecordFiles(
  trx: Kysely<any>,
  formId: string,
  records: ReadonlyArray<{ readonly recordId: string; readonly fileIds: readonly string[] }>,
  at: Date,
): Promise<void> {
  if (records.length === 0) return;
  const recordIds = records.map((r) => r.recordId);
  const pairs = records.flatMap((r) => r.fileIds.map((id) => ({ id, recordId: r.recordId })));
  await sql`with held as (
      select * from unnest(${pairs.map((p) => p.id)}::uuid[], ${pairs.map((p) => p.recordId)}::uuid[])
        as h(file_id, record_id)
    ), attached as (
      update tessera.files f
         set record_id = h.record_id, attached_at = coalesce(f.attached_at, ${at.toISOString()}::timestamptz), detached_at = null
        from held h where f.id = h.file_id
      returning f.id
    )
    update tessera.files f set detached_at = ${at.toISOString()}::timestamptz
     where f.form_id = ${formId}::uuid and f.record_id = any(${recordIds}::uuid[])
       and f.detached_at is null and f.purged_at is null
       and not exists (select 1 from held h where h.file_id = f.id)`.execute(trx);
}

/** A soft delete keeps the record's files (`deleted_at` set); a restore brings them back (null). */
export async function markRecordFilesDeleted(
  trx: Kysely<any>,
  formId: string,
  recordId: string,
  at: Date | null,
): Promise<void> {
  await sql`update tessera.files set deleted_at = ${at?.toISOString() ?? null}::timestamptz
    where form_id = ${formId}::uuid and record_id = ${recordId}::uuid and purged_at is null`.execute(trx);
}

/** The files of purged records (or of a purged field, `field` and fields inside it) go to the sweep. */
export async function purgeFiles(
  trx: Kysely<any>,
  formId: string,
  where: { readonly recordIds: readonly string[] } | { readonly field: string },
  at: Date,
): Promise<number> {
  const match =
    'recordIds' in where
      ? sql`record_id = any(${where.recordIds}::uuid[])`
      : sql`(field = ${where.field} or starts_with(field, ${`${where.field}.`}))`;
  const r = await sql`update tessera.files set purged_at = ${at.toISOString()}::timestamptz
    where form_id = ${formId}::uuid and purged_at is null and ${match}`.execute(trx);
  return Number(r.numAffectedRows ?? 0);
}

/** Files whose bytes are to be deleted: purged, never attached since `before`, detached since `before`. */
export interface SweepCandidate {
  readonly id: string;
  readonly storageKey: string;
}

/**
 * Claims up to `limit` files for deletion: marks them purged (so no write can attach them any
 * more) in a short transaction of its own, skipping rows a concurrent write holds. The caller
 * deletes their bytes, then `deleteFileRows`; a crash in between leaves purged rows that the next
 * sweep claims again (deleting bytes twice is harmless).
 */
export async function claimSweepable(
  db: Kysely<any>,
  options: { readonly before: Date; readonly at: Date; readonly limit: number },
): Promise<SweepCandidate[]> {
  const before = sql`${options.before.toISOString()}::timestamptz`;
  const r = await sql<{ id: string; storage_key: string }>`with picked as (
      (select id from tessera.files where purged_at is not null order by purged_at limit ${options.limit})
      union
      (select id from tessera.files where record_id is null and purged_at is null and created_at < ${before}
        order by created_at limit ${options.limit})
      union
      (select id from tessera.files where detached_at < ${before} and purged_at is null
        order by detached_at limit ${options.limit})
    ), locked as (
      select f.id from tessera.files f join picked p on p.id = f.id
       where f.purged_at is not null
          or (f.record_id is null and f.created_at < ${before})
          or f.detached_at < ${before}
       limit ${options.limit}
       for update of f skip locked
    )
    update tessera.files f set purged_at = coalesce(f.purged_at, ${options.at.toISOString()}::timestamptz)
      from locked l where f.id = l.id
    returning f.id, f.storage_key`.execute(db);
  return r.rows.map((row) => ({ id: String(row.id), storageKey: row.storage_key }));
}

/** Removes the rows of purged files whose bytes are gone. */
export async function deleteFileRows(db: Kysely<any>, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await sql`delete from tessera.files where id = any(${ids}::uuid[]) and purged_at is not null`.execute(db);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
