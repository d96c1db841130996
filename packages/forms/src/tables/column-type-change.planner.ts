import { type ColumnType, renderColumnType, sameColumnType } from './column-type';
import { ident } from './identifier';

/**
 * How a column changes from one type to another, decided from the two types alone:
 * - `widen`: every value fits and Postgres only updates the catalogue (varchar(n) → longer or
 *   text, numeric(p,s) → numeric(p2 ≥ p, s) or unconstrained numeric);
 * - `convert`: Postgres rewrites the table; `lossPredicate` (over the column's current name)
 *   finds the rows whose value would not survive — they must be none;
 * - `refuse`: no conversion that cannot lose or garble data.
 */
export type ColumnTypeChange =
  | { readonly kind: 'same' }
  | { readonly kind: 'widen' }
  | { readonly kind: 'convert'; readonly using: string; readonly lossPredicate?: string }
  | { readonly kind: 'refuse'; readonly reason: string };

const BIGINT_TEXT = `'^(0|-?[1-9][0-9]{0,17})$'`;
const NUMERIC_TEXT = `'^-?(0|[1-9][0-9]*)([.][0-9]+)?$'`;

export function columnTypeChange(column: string, from: ColumnType, to: ColumnType): ColumnTypeChange {
  if (sameColumnType(from, to)) return { kind: 'same' };
  const col = ident(column);
  const target = renderColumnType(to);
  const cast = `${col}::${target}`;
  const refuse = (): ColumnTypeChange => ({
    kind: 'refuse',
    reason: `a ${renderColumnType(from)} column cannot be converted to ${target} without risk; add a new field and copy the values instead`,
  });

  switch (to.kind) {
    case 'text':
      if (from.kind === 'varchar') return { kind: 'widen' };
      if (from.kind === 'text_array' || from.kind === 'uuid_array') return refuse();
      return { kind: 'convert', using: `${col}::text` };
    case 'varchar':
      if (from.kind === 'varchar' && to.length >= from.length) return { kind: 'widen' };
      if (from.kind === 'text_array' || from.kind === 'uuid_array') return refuse();
      return { kind: 'convert', using: cast, lossPredicate: `char_length(${col}::text) > ${to.length}` };
    case 'numeric':
      return toNumeric(col, from, to, cast) ?? refuse();
    case 'smallint':
      // A rating's column: integers and decimals convert when every value is a small whole number.
      if (from.kind === 'bigint' || from.kind === 'integer' || from.kind === 'numeric') {
        return {
          kind: 'convert',
          using: cast,
          lossPredicate: `${col} <> trunc(${col}) OR abs(${col}) > 32767`,
        };
      }
      return refuse();
    case 'bigint':
      if (from.kind === 'smallint' || from.kind === 'integer') return { kind: 'convert', using: cast };
      if (from.kind === 'numeric') {
        return {
          kind: 'convert',
          using: cast,
          lossPredicate: `${col} <> trunc(${col}) OR abs(${col}) > 9223372036854775807`,
        };
      }
      if (isText(from))
        return { kind: 'convert', using: cast, lossPredicate: `NOT (${col} ~ ${BIGINT_TEXT})` };
      return refuse();
    case 'boolean':
      if (isText(from))
        return { kind: 'convert', using: cast, lossPredicate: `${col} NOT IN ('true', 'false')` };
      return refuse();
    case 'text_array':
      if (isText(from))
        return { kind: 'convert', using: `CASE WHEN ${col} IS NULL THEN NULL ELSE ARRAY[${col}::text] END` };
      return refuse();
    case 'uuid_array':
      if (from.kind === 'uuid')
        return { kind: 'convert', using: `CASE WHEN ${col} IS NULL THEN NULL ELSE ARRAY[${col}] END` };
      return refuse();
    case 'uuid':
      if (from.kind === 'uuid_array')
        return { kind: 'convert', using: `${col}[1]`, lossPredicate: `cardinality(${col}) > 1` };
      return refuse();
    case 'integer':
    case 'date':
    case 'timestamptz':
    case 'jsonb':
      return refuse();
    default: {
      const never: never = to;
      throw new Error(`unknown column type ${JSON.stringify(never)}`);
    }
  }
}

function isText(type: ColumnType): boolean {
  return type.kind === 'text' || type.kind === 'varchar';
}

function toNumeric(
  col: string,
  from: ColumnType,
  to: Extract<ColumnType, { kind: 'numeric' }>,
  cast: string,
): ColumnTypeChange | null {
  const bounded = to.precision !== undefined;
  const scale = to.scale ?? 0;
  const overflow = bounded ? `abs(${col}) >= 1e${to.precision! - scale}` : undefined;
  switch (from.kind) {
    case 'numeric': {
      if (!bounded) return { kind: 'widen' };
      if (from.precision !== undefined && (from.scale ?? 0) === scale && to.precision! >= from.precision) {
        return { kind: 'widen' };
      }
      return {
        kind: 'convert',
        using: cast,
        lossPredicate: `${overflow} OR ${col} <> round(${col}, ${scale})`,
      };
    }
    case 'bigint':
    case 'smallint':
      return { kind: 'convert', using: cast, ...(overflow ? { lossPredicate: overflow } : {}) };
    case 'text':
    case 'varchar': {
      const num = `${col}::numeric`;
      const fits = bounded
        ? `abs(${num}) >= 1e${to.precision! - scale} OR ${num} <> round(${num}, ${scale})`
        : 'false';
      return {
        kind: 'convert',
        using: cast,
        lossPredicate: `CASE WHEN ${col} ~ ${NUMERIC_TEXT} THEN (${fits}) ELSE true END`,
      };
    }
    default:
      return null;
  }
}
