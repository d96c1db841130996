import { sql } from 'kysely';
import { boolSql, expectType, type Sql, unify } from './sql-coerce';
import type { SqlTranslator } from './sql-comparison.translators';
import { describe, type Operand, type SqlScope } from './sql-operand';

const num = (x: Sql): Operand => ({ kind: 'sql', sql: x, type: 'number' });
const text = (x: Sql): Operand => ({ kind: 'sql', sql: x, type: 'text' });

/** Every argument as a number expression (literals become `$n::numeric`). */
function numbers(args: readonly unknown[], paths: readonly string[], scope: SqlScope): Sql[] | null {
  const parts = args.map((arg, i) => expectType(scope, scope.operand(arg, paths[i]!), 'number', paths[i]!));
  return parts.every((p) => p !== null) ? (parts as Sql[]) : null;
}

function arithmetic(symbol: '+' | '*', empty: string): SqlTranslator {
  const op = sql.raw(` ${symbol} `); // fixed text from this table
  return (args, paths, scope) => {
    const parts = numbers(args, paths, scope);
    if (!parts) return { kind: 'failed' };
    if (parts.length === 0) return num(sql.raw(empty));
    return num(sql`(${sql.join(parts, op)})`);
  };
}

/** `%` pattern text with the LIKE wildcards of the user's text escaped (`\` is Postgres' escape). */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

/** contains / starts_with: case-insensitive; a literal needle becomes one ILIKE parameter. */
function textMatch(prefix: boolean): SqlTranslator {
  return (args, paths, scope) => {
    const hay = scope.operand(args[0], paths[0]!);
    const needle = scope.operand(args[1], paths[1]!);
    const h = expectType(scope, hay, 'text', paths[0]!);
    if (needle.kind === 'literal') {
      if (needle.value === null || needle.value === undefined) return boolSql(sql`false`);
      if (typeof needle.value !== 'string') {
        return scope.fail(paths[1]!, `expected a text value, got ${describe(needle)}`);
      }
      if (!h) return { kind: 'failed' };
      const pattern = prefix ? `${likeEscape(needle.value)}%` : `%${likeEscape(needle.value)}%`;
      return boolSql(sql`(${h} ilike ${sql.val(pattern)})`);
    }
    const n = expectType(scope, needle, 'text', paths[1]!);
    if (!h || !n) return { kind: 'failed' };
    return boolSql(
      prefix ? sql`starts_with(lower(${h}), lower(${n}))` : sql`(strpos(lower(${h}), lower(${n})) > 0)`,
    );
  };
}

const isEmpty: SqlTranslator = (args, paths, scope) => {
  const op = scope.operand(args[0], paths[0]!);
  if (op.kind === 'failed') return op;
  if (op.kind === 'literal') {
    const v = op.value;
    const empty = v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
    return boolSql(empty ? sql`true` : sql`false`);
  }
  const x = op.sql;
  switch (op.type) {
    case 'text':
      return boolSql(sql`(${x} is null or ${x} = '')`);
    case 'array':
      return boolSql(sql`(${x} is null or cardinality(${x}) = 0)`);
    case 'json':
      return boolSql(sql`(${x} is null or ${x} in ('null'::jsonb, '""'::jsonb, '[]'::jsonb))`);
    default:
      return boolSql(sql`(${x} is null)`);
  }
};

export const VALUE_TRANSLATORS: Readonly<Record<string, SqlTranslator>> = {
  '+': arithmetic('+', '0'),
  '*': arithmetic('*', '1'),
  '-': (args, paths, scope) => {
    const parts = numbers(args, paths, scope);
    if (!parts) return { kind: 'failed' };
    const [a, b] = parts as [Sql, Sql | undefined];
    return num(b ? sql`(${a} - ${b})` : sql`(- ${a})`);
  },
  '/': (args, paths, scope) => {
    const parts = numbers(args, paths, scope);
    if (!parts) return { kind: 'failed' };
    const [a, b] = parts as [Sql, Sql];
    return num(sql`((${a})::numeric / nullif((${b})::numeric, 0))`);
  },
  '%': (args, paths, scope) => {
    const parts = numbers(args, paths, scope);
    if (!parts) return { kind: 'failed' };
    const [a, b] = parts as [Sql, Sql];
    return num(sql`((${a})::numeric % nullif((${b})::numeric, 0))`);
  },
  round: (args, paths, scope) => {
    const x = expectType(scope, scope.operand(args[0], paths[0]!), 'number', paths[0]!);
    const digitsArg = args[1] ?? 0;
    if (typeof digitsArg !== 'number' || !Number.isInteger(digitsArg)) {
      return scope.fail(paths[1] ?? paths[0]!, '"round" digits must be a literal integer in SQL filters');
    }
    if (!x) return { kind: 'failed' };
    return num(sql`round((${x})::numeric, ${sql.val(digitsArg)}::int)`);
  },
  abs: (args, paths, scope) => {
    const x = expectType(scope, scope.operand(args[0], paths[0]!), 'number', paths[0]!);
    return x ? num(sql`abs(${x})`) : { kind: 'failed' };
  },
  lower: (args, paths, scope) => {
    const x = expectType(scope, scope.operand(args[0], paths[0]!), 'text', paths[0]!);
    return x ? text(sql`lower(${x})`) : { kind: 'failed' };
  },
  upper: (args, paths, scope) => {
    const x = expectType(scope, scope.operand(args[0], paths[0]!), 'text', paths[0]!);
    return x ? text(sql`upper(${x})`) : { kind: 'failed' };
  },
  cat: (args, paths, scope) => {
    const parts = args.map((arg, i) => expectType(scope, scope.operand(arg, paths[i]!), 'text', paths[i]!));
    if (!parts.every((p) => p !== null)) return { kind: 'failed' };
    return text(parts.length ? sql`concat(${sql.join(parts as Sql[])})` : sql`''`);
  },
  coalesce: (args, paths, scope) => {
    const ops = args.map((arg, i) => scope.operand(arg, paths[i]!));
    const present = ops.filter((o) => !(o.kind === 'literal' && (o.value === null || o.value === undefined)));
    if (!present.some((o) => o.kind === 'sql')) {
      return scope.fail(paths[0]!, '"coalesce" needs at least one field or expression in SQL filters');
    }
    const u = unify(scope, present, paths);
    if (!u) return { kind: 'failed' };
    return { kind: 'sql', sql: sql`coalesce(${sql.join(u.parts)})`, type: u.type };
  },
  is_empty: isEmpty,
  contains: textMatch(false),
  starts_with: textMatch(true),
};
