import { FILTERABLE_SYSTEM_COLUMNS, ident, valueColumnType } from '@tessera/forms';
import { type ColumnResolver, type SqlValueType, toSql } from '@tessera/logic';
import type { FieldDefinition } from '@tessera/schema';
import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { RowRule, RowScope, UserFacts } from '../model/form-access';

/** The form a condition is written for: its fields (published definition) and the table alias. */
export interface ScopeTarget {
  readonly fields: readonly FieldDefinition[];
  readonly alias: string;
  /**
   * How a filter scope's field paths become columns (the records engine passes the one its lists
   * use, with line-item row sets); default: the form's own value columns and system columns.
   */
  readonly resolver?: ColumnResolver;
}

/**
 * A row scope as a SQL condition on `alias` (null = every row). Identifiers come only from the
 * form's published fields through `ident`; user and department ids are bound parameters. A rule
 * that cannot apply (an owner field that is not a user field, a filter that does not translate)
 * matches no row: a broken rule fails closed, never open.
 */
export function rowCondition(scope: RowScope, target: ScopeTarget): Expression<SqlBool> | null {
  if (scope.kind === 'all') return null;
  if (scope.rules.length === 0) return sql<SqlBool>`false`;
  const parts = scope.rules.map((rule) => ruleCondition(rule, target));
  return sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}

function ruleCondition(rule: RowRule, target: ScopeTarget): RawBuilder<unknown> {
  switch (rule.kind) {
    case 'owner': {
      const owner = ownerColumn(rule.field, target);
      if (!owner || rule.userIds.length === 0) return sql`false`;
      if (owner.multiple) return sql`${owner.ref} && ${[...rule.userIds]}::uuid[]`;
      // one user (the usual case): a plain equality, the same plan as a hand-written filter
      return rule.userIds.length === 1
        ? sql`${owner.ref} = ${rule.userIds[0]}::uuid`
        : sql`${owner.ref} = any(${[...rule.userIds]}::uuid[])`;
    }
    case 'owner_department': {
      const owner = ownerColumn(rule.field, target);
      if (!owner || rule.departmentIds.length === 0) return sql`false`;
      const members = sql`select uo.user_id from tessera.user_org uo where uo.department_id = any(${[...rule.departmentIds]}::uuid[])`;
      return owner.multiple ? sql`${owner.ref} && array(${members})` : sql`${owner.ref} in (${members})`;
    }
    case 'filter': {
      const substituted = withUserValues(rule.filter, rule.user);
      if (!substituted.ok) return sql`false`;
      const translated = toSql(substituted.value, target.resolver ?? columnsOf(target));
      return translated.ok ? sql`(${translated.expression})` : sql`false`;
    }
    default: {
      const never: never = rule;
      throw new Error(`unknown row rule ${JSON.stringify(never)}`);
    }
  }
}

/** The owner column: `created_by` by default, else a live single or multiple user field. */
function ownerColumn(
  field: string | null,
  target: ScopeTarget,
): { ref: RawBuilder<unknown>; multiple: boolean } | null {
  const ref = (column: string) => sql.raw(`${ident(target.alias)}.${ident(column)}`);
  if (field === null || field === 'created_by' || field === 'updated_by') {
    return { ref: ref(field ?? 'created_by'), multiple: false };
  }
  const def = target.fields.find((f) => f.key === field && f.deleted !== true);
  if (def?.type !== 'user') return null;
  return { ref: ref(def.key), multiple: def.multiple === true };
}

/** Field keys → `<alias>."<key>"` with the logic type of the column (from the published fields only). */
function columnsOf(target: ScopeTarget): ColumnResolver {
  const types = new Map<string, SqlValueType>(Object.entries(FILTERABLE_SYSTEM_COLUMNS));
  for (const field of target.fields) {
    if (field.deleted === true) continue;
    const type = valueColumnType(field);
    if (type) types.set(field.key, logicType(type.kind));
  }
  return (path) => {
    const type = types.get(path);
    if (!type) return { error: `unknown field "${path}"` };
    return { sql: sql.raw(`${ident(target.alias)}.${ident(path)}`), type };
  };
}

function logicType(kind: string): SqlValueType {
  if (kind === 'text' || kind === 'varchar' || kind === 'uuid') return 'text';
  if (kind === 'numeric' || kind === 'bigint' || kind === 'integer') return 'number';
  if (kind === 'boolean' || kind === 'date') return kind;
  if (kind === 'timestamptz') return 'datetime';
  if (kind === 'text_array' || kind === 'uuid_array') return 'array';
  return 'json';
}

/** The `$user.*` variables a filter scope may use. */
export function userVariables(user: UserFacts): Readonly<Record<string, unknown>> {
  return {
    '$user.id': user.id,
    '$user.department': user.departmentId,
    '$user.department_tree': [...user.departmentTree],
    '$user.roles': [...user.roles],
  };
}

/** Replaces every `{"var": "$user.…"}` by its value (a bound literal later); unknown ones fail. */
export function withUserValues(
  expr: unknown,
  user: UserFacts,
): { ok: true; value: unknown } | { ok: false; unknown: string } {
  const vars = userVariables(user);
  let missing: string | null = null;
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (typeof node !== 'object' || node === null) return node;
    const entries = Object.entries(node);
    if (entries.length === 1 && entries[0]![0] === 'var') {
      const arg = entries[0]![1];
      const path = Array.isArray(arg) ? arg[0] : arg;
      if (typeof path === 'string' && path.startsWith('$user.')) {
        // Unknown, or null (no department): the rule matches nothing rather than `IS NULL` rows.
        if (!Object.hasOwn(vars, path) || vars[path] === null) missing ??= path;
        return vars[path] ?? null;
      }
      return node;
    }
    return Object.fromEntries(entries.map(([k, v]) => [k, walk(v)]));
  };
  const value = walk(expr);
  return missing ? { ok: false, unknown: missing } : { ok: true, value };
}
