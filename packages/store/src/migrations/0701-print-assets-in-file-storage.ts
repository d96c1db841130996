import { type Kysely, sql } from 'kysely';

/**
 * Print images (a pack's prints/assets/: logos, stamps) keep their bytes in the file storage, as
 * attachments do — so every server node reads them from the one shared store (disk or S3) — and
 * their row names the storage key. `content` stays only as the fallback of a pack applied without
 * a file storage (a library caller with a database alone). No code wrote rows before this.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table tessera.print_assets
    alter column content drop not null,
    add column storage_key text,
    add column size integer not null default 0 check (size >= 0),
    add constraint print_assets_bytes_somewhere check (storage_key is not null or content is not null)`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from tessera.print_assets where content is null`.execute(db);
  await sql`alter table tessera.print_assets
    drop constraint print_assets_bytes_somewhere,
    drop column storage_key, drop column size,
    alter column content set not null`.execute(db);
}
