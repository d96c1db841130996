import { renderColumnType } from './column-type';
import { ident, qualified } from './identifier';
import { literal, textArrayLiteral } from './sql-literal';
import type { CheckSpec, ColumnModel, ForeignKeyModel, IndexModel, TableModel } from './table-model';

/**
 * DDL text of the physical model. Identifiers pass through `ident` (the one check); the only
 * literals are option values, numbers and currency codes through `literal`.
 */
export function columnDefinitionSql(column: ColumnModel, withNotNull = true): string {
  const parts = [ident(column.name), renderColumnType(column.type)];
  if (column.primaryKey) parts.push('PRIMARY KEY');
  if (column.defaultSql !== undefined) parts.push(`DEFAULT ${column.defaultSql}`);
  if (withNotNull && column.notNull && !column.primaryKey) parts.push('NOT NULL');
  return parts.join(' ');
}

/** The boolean expression a CHECK constraint enforces (true or NULL = allowed). */
export function checkExpressionSql(column: string, spec: CheckSpec): string {
  const col = ident(column);
  switch (spec.kind) {
    case 'options':
      return spec.multi
        ? `${col} <@ ${textArrayLiteral(spec.values)}`
        : `${col} IN (${spec.values.map(literal).join(', ')})`;
    case 'range': {
      const parts: string[] = [];
      if (spec.min !== undefined) parts.push(`${col} >= ${literal(spec.min)}`);
      if (spec.max !== undefined) parts.push(`${col} <= ${literal(spec.max)}`);
      return parts.join(' AND ');
    }
    case 'length': {
      const parts: string[] = [];
      if (spec.min !== undefined) parts.push(`char_length(${col}) >= ${literal(spec.min)}`);
      if (spec.max !== undefined) parts.push(`char_length(${col}) <= ${literal(spec.max)}`);
      return parts.join(' AND ');
    }
    case 'currency':
      return `${col} ~ '^[A-Z]{3}$'`;
    case 'max_items':
      return `cardinality(${col}) <= ${literal(spec.max)}`;
    default: {
      const never: never = spec;
      throw new Error(`unknown check ${JSON.stringify(never)}`);
    }
  }
}

export function addCheckSql(
  schema: string,
  table: string,
  name: string,
  column: string,
  spec: CheckSpec,
): string {
  return `ALTER TABLE ${qualified(schema, table)} ADD CONSTRAINT ${ident(name)} CHECK (${checkExpressionSql(column, spec)})`;
}

export function dropConstraintSql(schema: string, table: string, name: string): string {
  return `ALTER TABLE ${qualified(schema, table)} DROP CONSTRAINT ${ident(name)}`;
}

export function createIndexSql(schema: string, table: string, index: IndexModel): string {
  const columns = index.columns
    .map((c, i) => `${index.lower ? `lower(${ident(c)})` : ident(c)}${index.descending?.[i] ? ' DESC' : ''}`)
    .join(', ');
  const where = index.partial ? ' WHERE "deleted_at" IS NULL' : '';
  return `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${ident(index.name)} ON ${qualified(schema, table)} (${columns})${where}`;
}

export function dropIndexSql(schema: string, name: string): string {
  return `DROP INDEX ${qualified(schema, name)}`;
}

const ON_DELETE = { restrict: 'RESTRICT', set_null: 'SET NULL', cascade: 'CASCADE' } as const;

export function addForeignKeySql(schema: string, table: string, fk: ForeignKeyModel): string {
  return (
    `ALTER TABLE ${qualified(schema, table)} ADD CONSTRAINT ${ident(fk.name)} FOREIGN KEY (${ident(fk.column)}) ` +
    `REFERENCES ${qualified(schema, fk.targetTable)} ("id") ON DELETE ${ON_DELETE[fk.onDelete]}`
  );
}

/** CREATE TABLE with columns, primary key and CHECK constraints (indexes and FKs come after). */
export function createTableSql(table: TableModel): string {
  const lines = [
    ...table.columns.map((c) => columnDefinitionSql(c)),
    ...table.checks.map((c) => `CONSTRAINT ${ident(c.name)} CHECK (${checkExpressionSql(c.column, c.spec)})`),
  ];
  return `CREATE TABLE ${qualified(table.schema, table.name)} (\n  ${lines.join(',\n  ')}\n)`;
}

/** `SELECT id::text AS id, <column>::text AS value FROM t WHERE <column> IS NOT NULL AND <predicate>`. */
export function offendingRowsSql(schema: string, table: string, column: string, predicate: string): string {
  const col = ident(column);
  return (
    `SELECT "id"::text AS "id", ${col}::text AS "value" FROM ${qualified(schema, table)} ` +
    `WHERE ${col} IS NOT NULL AND (${predicate}) ORDER BY "id"`
  );
}

/**
 * Rows of `table` whose value `valueSql` (an expression over the table's current columns)
 * matches `predicate`, written over the column "v": used to check a constraint against data
 * that will be renamed or converted by the same plan.
 */
export function projectedRowsSql(schema: string, table: string, valueSql: string, predicate: string): string {
  return (
    `SELECT s."id"::text AS "id", s."v"::text AS "value" FROM ` +
    `(SELECT "id", ${valueSql} AS "v" FROM ${qualified(schema, table)}) AS s ` +
    `WHERE s."v" IS NOT NULL AND (${predicate}) ORDER BY s."id"`
  );
}
