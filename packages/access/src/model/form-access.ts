import type { FormPermission } from '@tessera/schema';

/** An action on a form's records (or its design), as roles.json names them. */
export type FormAction = FormPermission;

/** Actions whose rows are limited by a row scope (`design` is about the form, not its rows). */
export const ROW_ACTIONS = ['read', 'create', 'update', 'delete', 'export', 'import'] as const;
export type RowAction = (typeof ROW_ACTIONS)[number];

/** What the access engine knows about the user when it resolves scopes. */
export interface UserFacts {
  readonly id: string;
  /** The user's department (tessera.user_org), if any. */
  readonly departmentId: string | null;
  /** The user's department and every department below it (empty without a department). */
  readonly departmentTree: readonly string[];
  /** Role keys the user is a member of (tessera.role_members). */
  readonly roles: readonly string[];
}

/**
 * One role's row rule, resolved for one user: plain data, turned into SQL by `rowCondition`.
 * `field: null` means the record's creator (`created_by`).
 */
export type RowRule =
  | { readonly kind: 'owner'; readonly field: string | null; readonly userIds: readonly string[] }
  | {
      readonly kind: 'owner_department';
      readonly field: string | null;
      readonly departmentIds: readonly string[];
    }
  | { readonly kind: 'filter'; readonly filter: unknown; readonly user: UserFacts };

/** Which rows: every row, or the rows matching ANY of the rules (no rules = no row). */
export type RowScope =
  | { readonly kind: 'all' }
  | { readonly kind: 'rules'; readonly rules: readonly RowRule[] };

export const ALL_ROWS: RowScope = { kind: 'all' };
export const NO_ROWS: RowScope = { kind: 'rules', rules: [] };

/**
 * What one user may do with one form: pure, readonly data. Several roles combine to the most
 * permissive: actions are united, row scopes ORed per action, and a field is hidden (read-only)
 * only when every role granting read (write) hides it (hides it or makes it read-only).
 */
export interface FormAccess {
  readonly form: string;
  readonly actions: readonly FormAction[];
  /** Per row action, the rows it may touch (an action not granted: no rows). */
  readonly rows: Readonly<Record<RowAction, RowScope>>;
  /** Field keys that appear in no output and may not be filtered, sorted or written. */
  readonly hidden: readonly string[];
  /** Field keys that may not be written (includes every hidden field). */
  readonly readOnly: readonly string[];
}

export type FlowPermission = 'start' | 'monitor';

/** Everything one user may do in one app. */
export interface AppAccess {
  readonly app: string;
  readonly user: UserFacts;
  /** A system administrator or a member of a role with `admin: true`: everything. */
  readonly admin: boolean;
  /** The app roles the user holds (keys). */
  readonly roles: readonly string[];
  readonly forms: Readonly<Record<string, FormAccess>>;
  readonly flows: Readonly<Record<string, readonly FlowPermission[]>>;
  readonly reports: readonly string[];
  readonly dashboards: readonly string[];
}

export function fullAccess(form: string): FormAccess {
  const rows = Object.fromEntries(
    ['read', 'create', 'update', 'delete', 'export', 'import'].map((a) => [a, ALL_ROWS]),
  ) as Record<RowAction, RowScope>;
  return {
    form,
    actions: ['create', 'read', 'update', 'delete', 'export', 'import', 'print', 'design'],
    rows,
    hidden: [],
    readOnly: [],
  };
}

export function noAccess(form: string): FormAccess {
  const rows = Object.fromEntries(
    ['read', 'create', 'update', 'delete', 'export', 'import'].map((a) => [a, NO_ROWS]),
  ) as Record<RowAction, RowScope>;
  return { form, actions: [], rows, hidden: [], readOnly: [] };
}

/** The access of `app` to one form (admins: everything; a form no role names: nothing). */
export function formAccessOf(access: AppAccess, form: string): FormAccess {
  if (access.admin) return fullAccess(form);
  return Object.hasOwn(access.forms, form) ? access.forms[form]! : noAccess(form);
}

export function allows(access: FormAccess, action: FormAction): boolean {
  return access.actions.includes(action);
}
