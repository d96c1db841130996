import { sql } from 'kysely';
import { boolSql, expectCondition, expectType, type Sql, unify } from './sql-coerce';
import { bareParam, describe, literalFits, type Operand, type SqlScope } from './sql-operand';

/** Translates one operator from its raw arguments and their paths. */
export type SqlTranslator = (args: readonly unknown[], paths: readonly string[], scope: SqlScope) => Operand;

const isNullLiteral = (op: Operand) => op.kind === 'literal' && (op.value === null || op.value === undefined);

/** `==`/`===` (negate = false) and `!=`/`!==` (negate = true): `== null` is IS NULL; never NULL. */
function equality(negate: boolean): SqlTranslator {
  return (args, paths, scope) => {
    const [a, b] = args.map((arg, i) => scope.operand(arg, paths[i]!)) as [Operand, Operand];
    if (isNullLiteral(a) || isNullLiteral(b)) {
      const other = isNullLiteral(a) ? b : a;
      if (other.kind === 'failed') return other;
      if (other.kind === 'literal') {
        const equal = isNullLiteral(other);
        return boolSql(equal !== negate ? sql`true` : sql`false`);
      }
      return boolSql(negate ? sql`(${other.sql} is not null)` : sql`(${other.sql} is null)`);
    }
    const u = unify(scope, [a, b], paths);
    if (!u) return { kind: 'failed' };
    const [x, y] = u.parts as [Sql, Sql];
    const oneLiteral = a.kind === 'literal' || b.kind === 'literal';
    if (negate) return boolSql(sql`(${x} is distinct from ${y})`);
    return boolSql(oneLiteral ? sql`(${x} = ${y})` : sql`(${x} is not distinct from ${y})`);
  };
}

/** `<`, `<=`, `>`, `>=` (and the 3-argument between form): NULL on either side → not matched. */
function ordering(symbol: '<' | '<=' | '>' | '>='): SqlTranslator {
  const op = sql.raw(symbol); // fixed operator text from this table, never from input
  return (args, paths, scope) => {
    const ops = args.map((arg, i) => scope.operand(arg, paths[i]!));
    if (ops.some(isNullLiteral)) return boolSql(sql`false`);
    // In `a < b < c` a literal middle term faces two sides: cast it rather than let Postgres guess.
    const middleIsLiteral = ops.length === 3 && ops[1]?.kind === 'literal';
    const u = unify(scope, ops, paths, middleIsLiteral ? 'cast' : 'bare');
    if (!u) return { kind: 'failed' };
    const collate = u.type === 'text' ? sql` collate "C"` : sql``;
    const [a, b, c] = u.parts as [Sql, Sql, Sql | undefined];
    if (!c) return boolSql(sql`(${a}${collate} ${op} ${b}${collate})`);
    if (symbol === '<=' && u.type !== 'text') return boolSql(sql`(${b} between ${a} and ${c})`);
    return boolSql(sql`(${a}${collate} ${op} ${b}${collate} and ${b}${collate} ${op} ${c}${collate})`);
  };
}

function logical(word: 'and' | 'or'): SqlTranslator {
  const joiner = word === 'and' ? sql` and ` : sql` or `;
  return (args, paths, scope) => {
    const parts: Sql[] = [];
    args.forEach((arg, i) => {
      const part = expectCondition(scope, scope.operand(arg, paths[i]!), paths[i]!);
      if (part) parts.push(part);
    });
    if (parts.length !== args.length) return { kind: 'failed' };
    return boolSql(sql`(${sql.join(parts, joiner)})`);
  };
}

/** `!x` → `x IS NOT TRUE`: two-valued, so NOT over a NULL comparison matches like in memory. */
function truthTest(negate: boolean): SqlTranslator {
  return (args, paths, scope) => {
    const part = expectCondition(scope, scope.operand(args[0], paths[0]!), paths[0]!);
    if (!part) return { kind: 'failed' };
    return boolSql(negate ? sql`(${part} is not true)` : sql`(${part} is true)`);
  };
}

/** `in`: list membership (`x IN (…)`, a null in the list adds `OR x IS NULL`) or a substring. */
const inTranslator: SqlTranslator = (args, paths, scope) => {
  const needle = scope.operand(args[0], paths[0]!);
  const haystackArg = args[1];
  if (Array.isArray(haystackArg)) {
    if (needle.kind === 'failed') return needle;
    if (haystackArg.some((item) => typeof item === 'object' && item !== null)) {
      return scope.fail(paths[1]!, '"in" lists must hold literal values in SQL filters');
    }
    if (needle.kind === 'literal') return scope.fail(paths[0]!, '"in" needs a field or expression to test');
    const values = haystackArg.filter((v) => v !== null);
    const bad = values.find((v) => !literalFits(v, needle.type));
    if (bad !== undefined) {
      return scope.fail(paths[1]!, `list value ${JSON.stringify(bad)} is not a ${needle.type} value`);
    }
    const withNull = values.length !== haystackArg.length;
    const member = values.length ? sql`${needle.sql} in (${sql.join(values.map(bareParam))})` : sql`false`;
    return boolSql(withNull ? sql`(${member} or ${needle.sql} is null)` : sql`(${member})`);
  }
  const haystack = scope.operand(haystackArg, paths[1]!);
  if (needle.kind === 'literal' && typeof needle.value !== 'string') {
    return scope.fail(paths[0]!, `"in" on text needs a text value, got ${describe(needle)}`);
  }
  const n = expectType(scope, needle, 'text', paths[0]!);
  const h = expectType(scope, haystack, 'text', paths[1]!);
  if (!n || !h) return { kind: 'failed' };
  // json-logic-js: an empty haystack never matches ("" is falsy), even for an empty needle.
  return boolSql(sql`(${h} <> '' and strpos(${h}, ${n}) > 0)`);
};

export const COMPARISON_TRANSLATORS: Readonly<Record<string, SqlTranslator>> = {
  '==': equality(false),
  '===': equality(false),
  '!=': equality(true),
  '!==': equality(true),
  '<': ordering('<'),
  '<=': ordering('<='),
  '>': ordering('>'),
  '>=': ordering('>='),
  and: logical('and'),
  or: logical('or'),
  '!': truthTest(true),
  '!!': truthTest(false),
  in: inTranslator,
};
