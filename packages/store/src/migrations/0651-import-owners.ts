import { type Kysely, sql } from 'kysely';

/**
 * Imports interrupted by a crash: each import row names the server process running it (`owner`,
 * a random id per process, whose liveness is a session advisory lock the process holds while it
 * runs imports), and an import whose owner is gone ends as `interrupted` instead of staying
 * `running` forever (see @tessera/sheets interruptOrphanedImports).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table tessera.imports add column owner text`.execute(db);
  await sql`alter table tessera.imports drop constraint imports_status_check`.execute(db);
  await sql`alter table tessera.imports add constraint imports_status_check
    check (status in ('queued', 'running', 'done', 'failed', 'interrupted'))`.execute(db);
  await sql`create index imports_unfinished_idx on tessera.imports (status) where status in ('queued', 'running')`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index tessera.imports_unfinished_idx`.execute(db);
  await sql`update tessera.imports set status = 'failed' where status = 'interrupted'`.execute(db);
  await sql`alter table tessera.imports drop constraint imports_status_check`.execute(db);
  await sql`alter table tessera.imports add constraint imports_status_check
    check (status in ('queued', 'running', 'done', 'failed'))`.execute(db);
  await sql`alter table tessera.imports drop column owner`.execute(db);
}
