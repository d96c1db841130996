import { type Kysely, sql } from 'kysely';

/**
 * The history's form reference checked once per statement instead of once per row. A foreign
 * key runs a trigger and a look-up for every history row — as much as the row's own insert in
 * a set-based import of thousands of records, all naming the same form. The same guarantees,
 * per statement (transition tables): the forms an insert or update names are locked FOR KEY
 * SHARE (as the foreign key locks them, so a form cannot be deleted under the new rows) and
 * must exist; deleting forms deletes their history (the foreign key's ON DELETE CASCADE).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table tessera.record_history drop constraint record_history_form_id_fkey`.execute(db);
  await sql`create function tessera.record_history_forms_exist() returns trigger language plpgsql as $$
    begin
      perform 1 from tessera.forms f where f.id in (select distinct n.form_id from new_rows n) for key share of f;
      if exists (select 1 from new_rows n where not exists (select 1 from tessera.forms f where f.id = n.form_id)) then
        raise foreign_key_violation using
          message = 'record history names a form that does not exist',
          constraint = 'record_history_form_id_fkey', table = 'record_history', schema = 'tessera';
      end if;
      return null;
    end $$`.execute(db);
  for (const event of ['insert', 'update'])
    await sql
      .raw(`create trigger record_history_forms_exist_on_${event} after ${event} on tessera.record_history
      referencing new table as new_rows for each statement execute function tessera.record_history_forms_exist()`)
      .execute(db);
  await sql`create function tessera.record_history_forms_deleted() returns trigger language plpgsql as $$
    begin
      delete from tessera.record_history h using old_forms o where h.form_id = o.id;
      return null;
    end $$`.execute(db);
  await sql`create trigger record_history_forms_deleted after delete on tessera.forms
    referencing old table as old_forms for each statement execute function tessera.record_history_forms_deleted()`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger record_history_forms_deleted on tessera.forms`.execute(db);
  await sql`drop function tessera.record_history_forms_deleted()`.execute(db);
  await sql`drop trigger record_history_forms_exist_on_insert on tessera.record_history`.execute(db);
  await sql`drop trigger record_history_forms_exist_on_update on tessera.record_history`.execute(db);
  await sql`drop function tessera.record_history_forms_exist()`.execute(db);
  await sql`alter table tessera.record_history add constraint record_history_form_id_fkey
    foreign key (form_id) references tessera.forms (id) on delete cascade`.execute(db);
}
