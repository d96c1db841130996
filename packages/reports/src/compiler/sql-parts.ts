import { ident } from '@tessera/forms';
import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type RawBuilder,
  sql,
} from 'kysely';

export type Sql = RawBuilder<unknown>;

/** A compiled statement: one SQL text, every value a parameter. */
export interface Statement {
  readonly sql: string;
  readonly parameters: readonly unknown[];
}

/** A kysely instance that only compiles (no connection): the compilers stay pure. */
const cold = new Kysely<unknown>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

export function compileStatement(query: Sql): Statement {
  const compiled = query.compile(cold);
  return { sql: compiled.sql, parameters: compiled.parameters };
}

/** An identifier from metadata, checked by the forms engine's one identifier function. */
export function id(name: string): Sql {
  return sql.raw(ident(name));
}

/** `alias.column`, both checked. */
export function column(alias: string, name: string): Sql {
  return sql`${id(alias)}.${id(name)}`;
}

export function joinSql(parts: readonly Sql[], separator: string): Sql {
  return sql.join(parts, sql.raw(separator));
}

/** The conjunction of conditions (`true` when there are none). */
export function and(conditions: readonly Sql[]): Sql {
  if (conditions.length === 0) return sql`true`;
  if (conditions.length === 1) return conditions[0] as Sql;
  return sql`(${joinSql(conditions, ') and (')})`;
}
