import { type Expression, type SqlBool, sql } from 'kysely';
import { LogicValidationError } from '../logic.error';
import type { EvalContext, LogicIssue } from '../logic.types';
import { validate } from '../validate/logic.validator';
import { argumentPath, argumentsOf, isOperatorNode, operatorOf } from '../validate/logic-node';
import { operatorSpec } from '../validate/operator.registry';
import { expectCondition } from './sql-coerce';
import { COMPARISON_TRANSLATORS, type SqlTranslator } from './sql-comparison.translators';
import { DATE_TRANSLATORS } from './sql-date.translators';
import type { ColumnResolver, Operand, SqlScope } from './sql-operand';
import { VALUE_TRANSLATORS } from './sql-value.translators';

export type SqlTranslation =
  | { readonly ok: true; readonly expression: Expression<SqlBool> }
  | { readonly ok: false; readonly errors: readonly LogicIssue[] };

const TRANSLATORS: Readonly<Record<string, SqlTranslator>> = {
  ...COMPARISON_TRANSLATORS,
  ...VALUE_TRANSLATORS,
  ...DATE_TRANSLATORS,
};

/**
 * Translate a filter expression into a kysely boolean expression for a WHERE clause. Field
 * paths go through `resolver` (the only source of identifiers); every literal is a bound
 * parameter; `today`/`now` are parameters from `ctx`. Operators outside the SQL subset, type
 * mismatches and unknown fields come back as `{ ok: false, errors }` — never as wrong SQL.
 */
export function toSql(expr: unknown, resolver: ColumnResolver, ctx?: EvalContext): SqlTranslation {
  const checked = validate(expr);
  if (!checked.ok) return { ok: false, errors: checked.errors };
  const errors: LogicIssue[] = [];
  const scope: SqlScope = {
    ctx,
    errors,
    fail(path, message) {
      errors.push({ path, message });
      return { kind: 'failed' };
    },
    operand: (node, path) => operand(node, path, scope, resolver),
  };
  const root = scope.operand(expr, '');
  const condition = expectCondition(scope, root, '');
  if (!condition || errors.length > 0) return { ok: false, errors };
  return { ok: true, expression: sql<SqlBool>`${condition}` };
}

function operand(node: unknown, path: string, scope: SqlScope, resolver: ColumnResolver): Operand {
  if (Array.isArray(node))
    return scope.fail(path || '(root)', 'arrays are only allowed as "in" lists in SQL filters');
  if (!isOperatorNode(node)) {
    if (typeof node === 'object' && node !== null)
      return scope.fail(path || '(root)', 'objects are not SQL values');
    return { kind: 'literal', value: node };
  }
  const op = operatorOf(node);
  const here = path ? `${path}.${op}` : op;
  const args = argumentsOf(node, op);
  const paths = args.map((_, i) => argumentPath(path, op, i));
  if (op === 'var') return column(args, here, scope, resolver);
  if (op === 'some' || op === 'all' || op === 'none')
    return quantifier(op, args, paths, here, scope, resolver);
  const translator = Object.hasOwn(TRANSLATORS, op) ? TRANSLATORS[op] : undefined;
  if (!translator || !operatorSpec(op)?.sql) {
    return scope.fail(here, `operator "${op}" is not supported in SQL filters`);
  }
  return translator(args, paths.length ? paths : [here], scope);
}

function column(args: readonly unknown[], here: string, scope: SqlScope, resolver: ColumnResolver): Operand {
  if (args.length > 1) return scope.fail(here, '"var" defaults are not supported in SQL filters');
  const path = args[0];
  if (typeof path !== 'string' && typeof path !== 'number') {
    return scope.fail(here, '"var" needs a literal field path in SQL filters');
  }
  const key = String(path);
  if (key === '') return scope.fail(here, '"var" needs a field path in SQL filters');
  const resolved = resolver(key);
  if (!resolved) return scope.fail(here, `unknown field "${key}"`);
  if ('error' in resolved) return scope.fail(here, resolved.error);
  return { kind: 'sql', sql: resolved.sql, type: resolved.type };
}

/** `toSql` for callers that validated earlier: throws `LogicValidationError` instead. */
export function toSqlOrThrow(
  expr: unknown,
  resolver: ColumnResolver,
  ctx?: EvalContext,
): Expression<SqlBool> {
  const result = toSql(expr, resolver, ctx);
  if (!result.ok) throw new LogicValidationError(result.errors);
  return result.expression;
}

/**
 * `some` / `all` / `none` over a row set of the resolver (line items): the condition is
 * translated with the rows' own resolver and becomes an EXISTS subquery, with the in-memory
 * semantics — a NULL condition counts as false; `all` is false for no rows.
 */
function quantifier(
  op: 'some' | 'all' | 'none',
  args: readonly unknown[],
  paths: readonly string[],
  here: string,
  scope: SqlScope,
  resolver: ColumnResolver,
): Operand {
  const source = args[0];
  const key =
    isOperatorNode(source) && operatorOf(source) === 'var' ? argumentsOf(source, 'var')[0] : undefined;
  const resolved = typeof key === 'string' ? resolver(key) : undefined;
  if (!resolved || 'error' in resolved || !resolved.rows) {
    return scope.fail(here, `operator "${op}" is only supported over line items in SQL filters`);
  }
  const rows = resolved.rows;
  const inner: SqlScope = {
    ctx: scope.ctx,
    errors: scope.errors,
    fail: scope.fail,
    operand: (node, path) => operand(node, path, inner, rows.resolver),
  };
  const condition = expectCondition(inner, inner.operand(args[1], paths[1] ?? here), paths[1] ?? here);
  if (!condition) return { kind: 'failed' };
  const some = rows.exists(condition);
  const sqlText =
    op === 'some'
      ? some
      : op === 'none'
        ? sql`not ${some}`
        : sql`(${rows.exists(null)} and not ${rows.exists(sql`not coalesce((${condition}), false)`)})`;
  return { kind: 'sql', sql: sqlText, type: 'boolean' };
}
