import type { ColumnType } from '@tessera/schema';

export type { ColumnType, ColumnTypeKind } from '@tessera/schema';

/** The SQL spelling of a column type (the only place that spells one). */
export function renderColumnType(type: ColumnType): string {
  switch (type.kind) {
    case 'varchar':
      return `varchar(${type.length})`;
    case 'numeric':
      if (type.precision === undefined) return 'numeric';
      return `numeric(${type.precision}, ${type.scale ?? 0})`;
    case 'text_array':
      return 'text[]';
    case 'uuid_array':
      return 'uuid[]';
    case 'text':
    case 'smallint':
    case 'bigint':
    case 'integer':
    case 'boolean':
    case 'date':
    case 'timestamptz':
    case 'uuid':
    case 'jsonb':
      return type.kind;
    default:
      return assertNever(type);
  }
}

export function sameColumnType(a: ColumnType, b: ColumnType): boolean {
  return renderColumnType(a) === renderColumnType(b);
}

export function assertNever(value: never): never {
  throw new Error(`unexpected variant: ${JSON.stringify(value)}`);
}
