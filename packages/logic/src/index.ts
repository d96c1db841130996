/**
 * @tessera/logic — JSON-Logic with platform operators: validate an expression, compile it to a
 * closure for fast in-memory evaluation, run a form's rules (visible-when, required-when,
 * formulas), translate a filter to a kysely SQL expression. `./browser` is the part without SQL.
 */
// everything the browser may load (compiler, validator, form rules), then the SQL side
export * from './browser';
export { type SqlTranslation, toSql, toSqlOrThrow } from './sql/logic-sql.translator';
export type { ColumnResolver, ResolvedColumn, SqlValueType } from './sql/sql-operand';
export { SQL_TYPE_OF_KIND } from './sql/value-kind.sql-type';
