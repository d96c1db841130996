import { type Expression, type RawBuilder, sql } from 'kysely';
import type { EvalContext, LogicIssue } from '../logic.types';

/** The type of a column as the caller's metadata knows it. */
export type SqlValueType = 'text' | 'number' | 'date' | 'datetime' | 'boolean' | 'json' | 'array';

/** What the resolver returns for a field path: a typed column reference built from metadata. */
export interface ResolvedColumn {
  readonly sql: Expression<unknown>;
  readonly type: SqlValueType;
  /**
   * A set of rows (line items) rather than a value: `some` / `all` / `none` over this path
   * become EXISTS subqueries. `where(condition)` is `exists (select … where <link> and
   * <condition>)`; `resolver` resolves the fields of one row inside the condition.
   */
  readonly rows?: {
    readonly exists: (condition: RawBuilder<unknown> | null) => RawBuilder<unknown>;
    readonly resolver: ColumnResolver;
  };
}

/**
 * Maps a `var` path to a column. The only way identifiers enter SQL: logic never builds an
 * identifier from expression text. Return `{ error }` (or undefined) for unknown fields.
 */
export type ColumnResolver = (path: string) => ResolvedColumn | { readonly error: string } | undefined;

/**
 * A translated sub-expression: a literal still waiting for the type its context gives it, or
 * SQL with a known type. `unknown` marks a node that already failed (no follow-up errors).
 */
export type Operand =
  | { readonly kind: 'literal'; readonly value: unknown }
  | {
      readonly kind: 'sql';
      readonly sql: RawBuilder<unknown> | Expression<unknown>;
      readonly type: SqlValueType;
    }
  | { readonly kind: 'failed' };

/** Recursion and error reporting handed to every operator translator. */
export interface SqlScope {
  readonly ctx: EvalContext | undefined;
  operand(node: unknown, path: string): Operand;
  fail(path: string, message: string): Operand;
  readonly errors: LogicIssue[];
}

export const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export function isDateText(v: unknown): v is string {
  return typeof v === 'string' && DATE_RE.test(v) && !Number.isNaN(Date.parse(v));
}

export function isDatetimeText(v: unknown): v is string {
  return typeof v === 'string' && v.length > 10 && v[10] === 'T' && !Number.isNaN(Date.parse(v));
}

/** The type a literal has on its own (when no other side gives one). */
export function literalType(v: unknown): SqlValueType | null {
  if (typeof v === 'number') return Number.isFinite(v) ? 'number' : null;
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'string') return 'text';
  return null;
}

/** Whether literal `v` may stand where a value of type `type` is expected. */
export function literalFits(v: unknown, type: SqlValueType): boolean {
  switch (type) {
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'text':
      return typeof v === 'string';
    case 'boolean':
      return typeof v === 'boolean';
    case 'date':
      return isDateText(v);
    case 'datetime':
      return isDatetimeText(v);
    case 'json':
    case 'array':
      return false;
    default:
      return assertNever(type);
  }
}

const CASTS: Record<SqlValueType, RawBuilder<unknown>> = {
  number: sql`numeric`,
  text: sql`text`,
  boolean: sql`boolean`,
  date: sql`date`,
  datetime: sql`timestamptz`,
  json: sql`jsonb`,
  array: sql`text[]`,
};

/** A bound parameter, cast to the SQL type (`$1::numeric`). */
export function castParam(value: unknown, type: SqlValueType): RawBuilder<unknown> {
  return sql`${sql.val(value)}::${CASTS[type]}`;
}

/**
 * A bound parameter facing a typed expression. Its type is inferred from the other side, which
 * keeps column indexes usable — except numbers that an integer column could not hold (3.5,
 * 1e12): those are cast to numeric, so the comparison stays exact instead of failing.
 */
export function bareParam(value: unknown): RawBuilder<unknown> {
  if (typeof value === 'number' && !(Number.isInteger(value) && Math.abs(value) < 2 ** 31)) {
    return castParam(value, 'number');
  }
  return sql`${sql.val(value)}`;
}

export function describe(op: Operand): string {
  if (op.kind === 'literal') return `literal ${JSON.stringify(op.value)}`;
  if (op.kind === 'sql') return `a ${op.type} value`;
  return 'an invalid value';
}

export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${String(value)}`);
}
