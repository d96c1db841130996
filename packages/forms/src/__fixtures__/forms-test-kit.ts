import type { FormDefinition } from '@tessera/schema';
import { type Kysely, sql } from 'kysely';
import { createFormService, type FormService } from '../form.service';

/** A forms service on a test database, with a fixed clock and the system as actor. */
export function testService(db: Kysely<any>): FormService {
  return createFormService({
    db,
    actor: { id: null },
    clock: { now: () => new Date('2026-01-02T03:04:05Z') },
  });
}

/** Saves a draft and publishes it; throws when either step fails (use for setup). */
export async function publishForm(
  service: FormService,
  appKey: string,
  form: FormDefinition,
): Promise<number> {
  const draft = await service.saveDraft(appKey, form);
  if (!draft.ok) throw new Error(`draft refused: ${JSON.stringify(draft.errors)}`);
  const result = await service.publish(appKey, form.key, draft.version);
  if (!result.ok) throw new Error(`publish refused: ${JSON.stringify(result.plan.refusals)}`);
  return result.version;
}

/** Columns of a table: name → SQL type as Postgres formats it, and nullability. */
export async function columnsOf(db: Kysely<any>, schema: string, table: string) {
  const r = await sql<{ name: string; type: string; not_null: boolean }>`
    select a.attname as name, format_type(a.atttypid, a.atttypmod) as type, a.attnotnull as not_null
    from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = ${schema} and c.relname = ${table} and a.attnum > 0 and not a.attisdropped
    order by a.attnum`.execute(db);
  return Object.fromEntries(r.rows.map((row) => [row.name, `${row.type}${row.not_null ? ' not null' : ''}`]));
}

/** Constraints of a table: name → definition as pg_get_constraintdef prints it. */
export async function constraintsOf(db: Kysely<any>, schema: string, table: string) {
  const r = await sql<{ name: string; def: string }>`
    select con.conname as name, pg_get_constraintdef(con.oid) as def
    from pg_constraint con join pg_class c on c.oid = con.conrelid join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = ${schema} and c.relname = ${table} and con.contype <> 'n' order by con.conname`.execute(
    db,
  );
  return Object.fromEntries(r.rows.map((row) => [row.name, row.def]));
}

/** Indexes of a table: name → definition. */
export async function indexesOf(db: Kysely<any>, schema: string, table: string) {
  const r = await sql<{ name: string; def: string }>`
    select indexname as name, indexdef as def from pg_indexes where schemaname = ${schema} and tablename = ${table}
    order by indexname`.execute(db);
  return Object.fromEntries(r.rows.map((row) => [row.name, row.def]));
}

/** The file node of a table: it changes exactly when Postgres rewrites the table. */
export async function filenode(db: Kysely<any>, schema: string, table: string): Promise<string> {
  const r = await sql<{
    node: string;
  }>`select pg_relation_filenode(${`${schema}.${table}`}::regclass)::text as node`.execute(db);
  return r.rows[0]!.node;
}
