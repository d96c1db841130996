import { type Kysely, sql } from 'kysely';

/**
 * `tessera.apps.published_stamp`: a number that changes with every change of an app's published
 * forms (a publish, a purge, a form deleted), kept by a trigger on tessera.forms in the changing
 * transaction. Record statements compare it with the stamp their cached form runtime was built
 * at — one primary-key read, where an md5 over the app's forms cost more than the record read itself.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table tessera.apps add column published_stamp bigint not null default 0`.execute(db);
  await sql`create or replace function tessera.bump_published_stamp() returns trigger language plpgsql as $$
    begin
      if tg_op <> 'INSERT' then
        update tessera.apps set published_stamp = published_stamp + 1 where id = old.app_id;
      end if;
      if tg_op <> 'DELETE' and (tg_op = 'INSERT' or new.app_id is distinct from old.app_id) then
        update tessera.apps set published_stamp = published_stamp + 1 where id = new.app_id;
      end if;
      return null;
    end $$`.execute(db);
  await sql`create trigger forms_published_stamp
    after insert or delete or update of published_version, app_id on tessera.forms
    for each row execute function tessera.bump_published_stamp()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists forms_published_stamp on tessera.forms`.execute(db);
  await sql`drop function if exists tessera.bump_published_stamp()`.execute(db);
  await sql`alter table tessera.apps drop column if exists published_stamp`.execute(db);
}
