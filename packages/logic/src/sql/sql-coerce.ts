import { type RawBuilder, sql } from 'kysely';
import {
  bareParam,
  castParam,
  describe,
  isDateText,
  isDatetimeText,
  literalFits,
  literalType,
  type Operand,
  type SqlScope,
  type SqlValueType,
} from './sql-operand';

export type Sql = RawBuilder<unknown>;

/** Wrap any operand's SQL as a raw builder (columns arrive as kysely expressions). */
export function raw(op: Operand & { kind: 'sql' }): Sql {
  return sql`${op.sql}`;
}

/** The operand as SQL of exactly `type` (a literal becomes a cast parameter), or an error. */
export function expectType(scope: SqlScope, op: Operand, type: SqlValueType, path: string): Sql | null {
  if (op.kind === 'failed') return null;
  if (op.kind === 'literal') {
    if (literalFits(op.value, type)) return castParam(op.value, type);
    scope.fail(path, `expected a ${type} value, got ${describe(op)}`);
    return null;
  }
  if (op.type !== type) {
    scope.fail(path, `expected a ${type} value, got ${describe(op)}`);
    return null;
  }
  return raw(op);
}

/** A boolean condition (boolean column, comparison, or literal true/false). */
export function expectCondition(scope: SqlScope, op: Operand, path: string): Sql | null {
  if (op.kind === 'failed') return null;
  if (
    (op.kind === 'literal' && typeof op.value !== 'boolean') ||
    (op.kind === 'sql' && op.type !== 'boolean')
  ) {
    scope.fail(path, `expected a condition, got ${describe(op)}`);
    return null;
  }
  return expectType(scope, op, 'boolean', path);
}

/** A date or datetime operand; a literal is a date when `YYYY-MM-DD`, a datetime when ISO. */
export function expectTemporal(
  scope: SqlScope,
  op: Operand,
  path: string,
): { sql: Sql; type: 'date' | 'datetime' } | null {
  if (op.kind === 'failed') return null;
  if (op.kind === 'literal') {
    if (isDateText(op.value)) return { sql: castParam(op.value, 'date'), type: 'date' };
    if (isDatetimeText(op.value)) return { sql: castParam(op.value, 'datetime'), type: 'datetime' };
  } else if (op.type === 'date' || op.type === 'datetime') {
    return { sql: raw(op), type: op.type };
  }
  scope.fail(path, `expected a date or datetime, got ${describe(op)}`);
  return null;
}

/**
 * Bring comparable operands to one type: the type of the first SQL operand (or of the first
 * literal). Literals facing a column stay bare parameters so the column's index stays usable.
 */
export function unify(
  scope: SqlScope,
  ops: readonly Operand[],
  paths: readonly string[],
  literals: 'bare' | 'cast' = 'bare',
): { parts: Sql[]; type: SqlValueType } | null {
  if (ops.some((o) => o.kind === 'failed')) return null;
  const anchor = ops.find((o) => o.kind === 'sql') as (Operand & { kind: 'sql' }) | undefined;
  const firstLiteral = ops.find((o) => o.kind === 'literal') as (Operand & { kind: 'literal' }) | undefined;
  const type = anchor ? anchor.type : firstLiteral ? literalType(firstLiteral.value) : null;
  if (!type) {
    scope.fail(paths[0] ?? '', `cannot compare ${ops.map(describe).join(' with ')}`);
    return null;
  }
  if (type === 'json' || type === 'array') {
    scope.fail(paths[0] ?? '', `${type} values cannot be compared in SQL filters`);
    return null;
  }
  const parts: Sql[] = [];
  let ok = true;
  ops.forEach((op, i) => {
    const path = paths[i] ?? '';
    if (op.kind === 'sql') {
      if (op.type !== type) {
        scope.fail(path, `cannot compare a ${op.type} value with a ${type} value`);
        ok = false;
      } else parts.push(raw(op));
    } else if (op.kind === 'literal') {
      if (!literalFits(op.value, type)) {
        scope.fail(path, `expected a ${type} value, got ${describe(op)}`);
        ok = false;
      } else parts.push(anchor && literals === 'bare' ? bareParam(op.value) : castParam(op.value, type));
    }
  });
  return ok ? { parts, type } : null;
}

export function boolSql(x: Sql): Operand {
  return { kind: 'sql', sql: x, type: 'boolean' };
}
