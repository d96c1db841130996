/**
 * A Postgres column type as data. `renderColumnType` is the only place that spells it in SQL.
 */
export type ColumnType =
  | { readonly kind: 'text' }
  | { readonly kind: 'varchar'; readonly length: number }
  | { readonly kind: 'numeric'; readonly precision?: number; readonly scale?: number }
  | { readonly kind: 'bigint' }
  | { readonly kind: 'integer' }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'date' }
  | { readonly kind: 'timestamptz' }
  | { readonly kind: 'uuid' }
  | { readonly kind: 'jsonb' }
  | { readonly kind: 'text_array' }
  | { readonly kind: 'uuid_array' };

export type ColumnTypeKind = ColumnType['kind'];

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
