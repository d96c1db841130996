import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing';
import { TEST_DATABASE_KEY } from '../testing/test-database-info';

// The history's form reference, checked per statement (migration 0710), keeps what the foreign
// key guaranteed: no history row names a missing form, a form's history goes with it, and a
// form cannot be deleted under history rows still being written.
let t: TestDatabase;
let formId: string;
beforeAll(async () => {
  t = await createTestDatabase({ poolSize: 2 });
  const app = await sql<{
    id: string;
  }>`insert into tessera.apps (key) values ('history_check') returning id`.execute(t.db);
  const form = await sql<{ id: string }>`insert into tessera.forms (app_id, key)
    values (${app.rows[0]!.id}, 'kept') returning id`.execute(t.db);
  formId = form.rows[0]!.id;
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const insertHistory = (form: string, rows: number) => sql`insert into tessera.record_history
  (form_id, record_id, operation, version, changes, actor_id, at)
  select ${form}::uuid, gen_random_uuid(), 'created', 1, '{}'::jsonb, null, now() from generate_series(1, ${rows}::int)`;

const historyOf = async (form: string) =>
  Number(
    (
      await sql<{
        n: number;
      }>`select count(*)::int as n from tessera.record_history where form_id = ${form}::uuid`.execute(t.db)
    ).rows[0]!.n,
  );

describe('record history names existing forms (checked per statement)', () => {
  it('writes many rows of an existing form in one statement', async () => {
    await insertHistory(formId, 500).execute(t.db);
    expect(await historyOf(formId)).toBe(500);
    // no foreign key: its trigger would run once per history row
    const keys = await sql<{ n: number }>`select count(*)::int as n from pg_constraint
      where conrelid = 'tessera.record_history'::regclass and contype = 'f'`.execute(t.db);
    expect(keys.rows[0]!.n).toBe(0);
  });

  it('refuses a statement with one row naming a missing form, as the foreign key did (23503), writing none', async () => {
    const missing = '00000000-0000-4000-8000-000000000001';
    const refused =
      await sql`insert into tessera.record_history (form_id, record_id, operation, version, changes, at)
      values (${formId}, gen_random_uuid(), 'created', 1, '{}', now()),
             (${missing}, gen_random_uuid(), 'created', 1, '{}', now())`
        .execute(t.db)
        .then(
          () => null,
          (error: { code?: string }) => error.code,
        );
    expect(refused).toBe('23503');
    expect(await historyOf(missing)).toBe(0);
    const moved = await sql`update tessera.record_history set form_id = ${missing}::uuid
      where id = (select min(id) from tessera.record_history where form_id = ${formId}::uuid)`
      .execute(t.db)
      .then(
        () => null,
        (error: { code?: string }) => error.code,
      );
    expect(moved).toBe('23503');
    expect(await historyOf(formId)).toBe(500);
  });

  // one backend on PGlite: a second transaction would wait for the first to end, not for a lock
  it.skipIf(inject(TEST_DATABASE_KEY).kind === 'pglite')(
    'locks the forms it names: deleting one waits for the writing transaction',
    async () => {
      const outcome = await t.db.transaction().execute(async (trx) => {
        await insertHistory(formId, 3).execute(trx);
        return t.db
          .transaction()
          .execute(async (other) => {
            await sql`set local lock_timeout = '300ms'`.execute(other);
            await sql`delete from tessera.forms where id = ${formId}::uuid`.execute(other);
            return 'deleted';
          })
          .catch((error: { code?: string }) => error.code);
      });
      expect(outcome).toBe('55P03'); // lock_not_available
      expect(await historyOf(formId)).toBe(503);
    },
  );

  it("deletes a form's history with the form", async () => {
    const app = await sql<{
      id: string;
    }>`select app_id as id from tessera.forms where id = ${formId}::uuid`.execute(t.db);
    const other = await sql<{ id: string }>`insert into tessera.forms (app_id, key)
      values (${app.rows[0]!.id}, 'dropped') returning id`.execute(t.db);
    const dropped = other.rows[0]!.id;
    await insertHistory(dropped, 20).execute(t.db);
    expect(await historyOf(dropped)).toBe(20);
    await sql`delete from tessera.forms where id = ${dropped}::uuid`.execute(t.db);
    expect(await historyOf(dropped)).toBe(0);
    expect(await historyOf(formId)).toBeGreaterThanOrEqual(500); // the other form's history stays
  });
});
