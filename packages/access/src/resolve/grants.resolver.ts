import type { FormGrant, RoleDefinition } from '@tessera/schema';
import {
  type AppAccess,
  type FlowPermission,
  type FormAccess,
  type FormAction,
  NO_ROWS,
  ROW_ACTIONS,
  type RowAction,
  type RowRule,
  type RowScope,
  type UserFacts,
} from '../model/form-access';

export interface ResolveInput {
  readonly app: string;
  readonly user: UserFacts;
  /** `tessera.users.is_admin`. */
  readonly isAdmin: boolean;
  /** The definitions of the app's roles the user is a member of. */
  readonly roles: readonly RoleDefinition[];
}

/**
 * A user's grants on one app, combined over their roles (pure). Most permissive wins: actions
 * are united; per action, the row scopes of the roles granting it are ORed (any `all` → every
 * row); a field is hidden only if every role that grants `read` hides it, and read-only only if
 * every role that grants `create` or `update` hides it or makes it read-only.
 */
export function resolveAppAccess(input: ResolveInput): AppAccess {
  const { roles, user } = input;
  const admin = input.isAdmin || roles.some((r) => r.admin === true);
  const formKeys = [...new Set(roles.flatMap((r) => Object.keys(r.forms ?? {})))].sort();
  const forms: Record<string, FormAccess> = {};
  for (const form of formKeys) {
    const grants = roles.flatMap((r) => (r.forms && Object.hasOwn(r.forms, form) ? [r.forms[form]!] : []));
    forms[form] = combineGrants(form, grants, user);
  }
  const flows: Record<string, FlowPermission[]> = {};
  for (const role of roles) {
    for (const [flow, perms] of Object.entries(role.flows ?? {})) {
      flows[flow] = [...new Set([...(flows[flow] ?? []), ...perms])].sort();
    }
  }
  return {
    app: input.app,
    user,
    admin,
    roles: roles.map((r) => r.key),
    forms,
    flows,
    reports: [...new Set(roles.flatMap((r) => r.reports ?? []))].sort(),
    dashboards: [...new Set(roles.flatMap((r) => r.dashboards ?? []))].sort(),
  };
}

function combineGrants(form: string, grants: readonly FormGrant[], user: UserFacts): FormAccess {
  const actions = new Set<FormAction>(grants.flatMap((g) => g.actions));
  const rows = {} as Record<RowAction, RowScope>;
  for (const action of ROW_ACTIONS) {
    const granting = grants.filter((g) => g.actions.includes(action));
    rows[action] = granting.length === 0 ? NO_ROWS : orScopes(granting.map((g) => scopeRule(g, user)));
  }
  const readers = grants.filter((g) => g.actions.includes('read'));
  const writers = grants.filter((g) => g.actions.includes('create') || g.actions.includes('update'));
  const hidden = everyRole(readers, (rule) => rule === 'hidden');
  const locked = everyRole(writers, (rule) => rule === 'hidden' || rule === 'read_only');
  return {
    form,
    actions: [...actions].sort(),
    rows,
    hidden,
    readOnly: [...new Set([...hidden, ...locked])].sort(),
  };
}

/**
 * Field keys for which `test` holds in every grant (none when no grant). A key may name a field
 * inside the rows of a line-items field (`items.unit_cost`); a grant that limits the whole
 * line-items field (`items`) limits each of its row fields the same way.
 */
function everyRole(grants: readonly FormGrant[], test: (rule: string | undefined) => boolean): string[] {
  if (grants.length === 0) return [];
  const keys = new Set(grants.flatMap((g) => Object.keys(g.fields ?? {})));
  return [...keys].filter((key) => grants.every((g) => test(ruleOf(g, key)))).sort();
}

/** A grant's limit on a field key, or on a row field through its line-items field. */
function ruleOf(grant: FormGrant, key: string): string | undefined {
  const own = grant.fields?.[key];
  if (own !== undefined) return own;
  const dot = key.indexOf('.');
  return dot > 0 ? grant.fields?.[key.slice(0, dot)] : undefined;
}

/** One grant's scope as a rule for this user; null = every row. */
function scopeRule(grant: FormGrant, user: UserFacts): RowRule | null {
  const scope = grant.scope ?? { type: 'all' };
  switch (scope.type) {
    case 'all':
      return null;
    case 'own':
      return { kind: 'owner', field: scope.field ?? null, userIds: [user.id] };
    case 'department':
      return {
        kind: 'owner_department',
        field: scope.field ?? null,
        departmentIds: user.departmentId ? [user.departmentId] : [],
      };
    case 'department_tree':
      return { kind: 'owner_department', field: scope.field ?? null, departmentIds: user.departmentTree };
    case 'filter':
      return { kind: 'filter', filter: scope.filter, user };
    default: {
      const never: never = scope;
      throw new Error(`unknown row scope ${JSON.stringify(never)}`);
    }
  }
}

function orScopes(rules: readonly (RowRule | null)[]): RowScope {
  if (rules.some((r) => r === null)) return { kind: 'all' };
  return { kind: 'rules', rules: rules as RowRule[] };
}
