import {
  type ColumnResolver,
  type ResolvedColumn,
  SQL_TYPE_OF_KIND,
  type SqlValueType,
} from '@tessera/logic';
import { fieldValueKind, hasCurrencyColumn } from '@tessera/schema';
import { sql } from 'kysely';
import { valueColumnType } from '../tables/field-columns.mapper';
import { ident, qualified } from '../tables/identifier';
import { currencyColumnName } from '../tables/physical-name';
import { FILTERABLE_SYSTEM_COLUMNS } from '../tables/system-columns';
import type { FormRuntime } from './form-runtime';
import { type AnyField, liveFields } from './record-field';

/**
 * The resolver `toSql` uses for a form: a field key becomes `<alias>."<column>"` — the column
 * comes from the published definition (metadata) ONLY and goes through `ident`; anything else is
 * an unknown field. Money filters on its amount (`price`) and on its currency (`price__currency`,
 * which expressions evaluated in memory see too, see logic-data). A line-items key is a row set for `some` / `all` / `none` (an order
 * having an item with product X: `{"some": [{"var": "items"}, {"==": [{"var": "product"}, "X"]}]}`),
 * translated to an EXISTS subquery on the child table (served by its parent_id index).
 * Lookups are not filterable here.
 */
export function fieldResolver(runtime: FormRuntime, alias: string): ColumnResolver {
  const columns = new Map<string, { column: string; type: SqlValueType }>();
  for (const [key, type] of Object.entries(FILTERABLE_SYSTEM_COLUMNS))
    columns.set(key, { column: key, type });
  const own = valueResolver(runtime.definition.fields, alias, columns);
  const rowSets = new Map<string, ResolvedColumn>();
  for (const [key, lineItems] of runtime.lineItems) {
    const child = sql.raw(qualified(lineItems.table.schema, lineItems.table.name));
    const rows = valueResolver(lineItems.field.fields, 'li', new Map());
    const parent = sql.raw(`${ident(alias)}."id"`);
    rowSets.set(key, {
      sql: sql`null`,
      type: 'array',
      rows: {
        resolver: rows,
        exists: (condition) =>
          sql`exists (select 1 from ${child} li where li."parent_id" = ${parent}${
            condition ? sql` and (${condition})` : sql``
          })`,
      },
    });
  }
  return (path) => rowSets.get(path) ?? own(path);
}

/** Field keys (and `<money>__currency`) of `fields` as columns of `alias`. */
function valueResolver(
  fields: readonly AnyField[],
  alias: string,
  columns: Map<string, { column: string; type: SqlValueType }>,
): ColumnResolver {
  for (const field of liveFields(fields)) {
    const kind = valueColumnType(field) === null ? null : fieldValueKind(field);
    if (kind === null) continue;
    columns.set(field.key, { column: field.key, type: SQL_TYPE_OF_KIND[kind] });
    if (hasCurrencyColumn(field)) {
      columns.set(currencyColumnName(field.key), { column: currencyColumnName(field.key), type: 'text' });
    }
  }
  return (path) => {
    const found = columns.get(path);
    if (!found) return { error: `unknown field "${path}"` };
    return { sql: sql.raw(`${ident(alias)}.${ident(found.column)}`), type: found.type };
  };
}
