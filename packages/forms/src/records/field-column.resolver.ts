import type { ColumnResolver, SqlValueType } from '@tessera/logic';
import { sql } from 'kysely';
import type { ColumnType } from '../tables/column-type';
import { valueColumnType } from '../tables/field-columns.mapper';
import { ident } from '../tables/identifier';
import type { FormRuntime } from './form-runtime';
import { liveFields } from './record-field';

/** System columns a filter or sort may use, with their types. */
const SYSTEM: Readonly<Record<string, SqlValueType>> = {
  id: 'text',
  created_at: 'datetime',
  updated_at: 'datetime',
  created_by: 'text',
  updated_by: 'text',
  version: 'number',
};

/** The logic type of a column type, or null when it cannot be filtered on. */
export function sqlValueType(type: ColumnType): SqlValueType {
  switch (type.kind) {
    case 'text':
    case 'varchar':
    case 'uuid':
      return 'text';
    case 'numeric':
    case 'bigint':
    case 'integer':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'date':
      return 'date';
    case 'timestamptz':
      return 'datetime';
    case 'jsonb':
      return 'json';
    case 'text_array':
    case 'uuid_array':
      return 'array';
    default:
      return 'json';
  }
}

/**
 * The resolver `toSql` uses for a form: a field key becomes `<alias>."<column>"` — the column
 * comes from the published definition (metadata) ONLY and goes through `ident`; anything else is
 * an unknown field. Money filters on its amount. Lookups and line items are not filterable here.
 */
export function fieldResolver(runtime: FormRuntime, alias: string): ColumnResolver {
  const columns = new Map<string, { column: string; type: SqlValueType }>();
  for (const [key, type] of Object.entries(SYSTEM)) columns.set(key, { column: key, type });
  for (const field of liveFields(runtime.definition.fields)) {
    const type = valueColumnType(field);
    if (type) columns.set(field.key, { column: field.key, type: sqlValueType(type) });
  }
  return (path) => {
    const found = columns.get(path);
    if (!found) return { error: `unknown field "${path}"` };
    return { sql: sql.raw(`${ident(alias)}.${ident(found.column)}`), type: found.type };
  };
}
