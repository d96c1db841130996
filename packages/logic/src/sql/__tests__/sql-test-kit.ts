import { type Expression, Kysely, PostgresDialect, type SqlBool, sql } from 'kysely';
import type { ColumnResolver, ResolvedColumn, SqlValueType } from '../sql-operand';

/** Compiles without a connection: `.compile()` never touches the (dummy) pool. */
export const compileOnly = new Kysely<any>({ dialect: new PostgresDialect({ pool: {} as never }) });

/** The columns of the test table `logic_t`, as form metadata would describe them. */
export const COLUMN_TYPES: Readonly<Record<string, SqlValueType>> = {
  name: 'text',
  n: 'number',
  qty: 'number',
  d: 'date',
  ts: 'datetime',
  b: 'boolean',
};

export const CREATE_TABLE = sql`create table logic_t (
  id integer primary key, name text, n numeric, qty integer, d date, ts timestamptz, b boolean)`;

/** Resolves metadata keys to `t.<key>`; anything else is an unknown field. */
export const resolver: ColumnResolver = (path): ResolvedColumn | { error: string } => {
  const type = Object.hasOwn(COLUMN_TYPES, path) ? COLUMN_TYPES[path] : undefined;
  if (!type) return { error: `unknown field "${path}"` };
  return { sql: sql.ref(`t.${path}`), type };
};

export interface TestRecord {
  readonly id: number;
  readonly name: string | null;
  readonly n: number | null;
  readonly qty: number | null;
  readonly d: string | null;
  readonly ts: string | null;
  readonly b: boolean | null;
}

export function selectIds(db: Kysely<any>, where: Expression<SqlBool>) {
  return db.selectFrom('logic_t as t').select('t.id').where(where).orderBy('t.id');
}

export async function matchingIds(db: Kysely<any>, where: Expression<SqlBool>): Promise<number[]> {
  const rows = await selectIds(db, where).execute();
  return rows.map((r) => Number(r.id));
}

export async function replaceRecords(db: Kysely<any>, records: readonly TestRecord[]): Promise<void> {
  await sql`delete from logic_t`.execute(db);
  if (records.length > 0)
    await db
      .insertInto('logic_t')
      .values(records.map((r) => ({ ...r })))
      .execute();
}
