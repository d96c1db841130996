/**
 * A migration plan is data: a readonly list of actions an admin can read before anything runs,
 * plus the refusals that stop it. The runner executes `statements` in order, in one transaction,
 * after running every `dataCheck`.
 */
export type MigrationActionKind =
  | 'create_schema'
  | 'create_table'
  | 'add_column'
  | 'rename_column'
  | 'widen_column'
  | 'change_column_type'
  | 'set_not_null'
  | 'drop_not_null'
  | 'add_check'
  | 'drop_check'
  | 'rename_constraint'
  | 'add_index'
  | 'drop_index'
  | 'rename_index'
  | 'add_foreign_key'
  | 'drop_foreign_key'
  | 'rename_table'
  | 'hide_field'
  | 'restore_field'
  | 'hide_table'
  | 'restore_table'
  | 'update_catalogue'
  | 'drop_column'
  | 'drop_table';

/**
 * A query that finds the rows an action could not survive: it selects `id` and `value` (both as
 * text) of the offending rows of the table as it is before the plan runs. Empty result = safe.
 */
export interface DataCheck {
  readonly description: string;
  readonly sql: string;
}

export interface MigrationAction {
  readonly kind: MigrationActionKind;
  /** `schema.table` the action touches. */
  readonly table: string;
  readonly column?: string;
  readonly fieldId?: string;
  /** What happens, in plain English, for the admin. */
  readonly description: string;
  /** Whether Postgres rewrites the whole table (slow on big tables, holds an exclusive lock). */
  readonly rewritesTable: boolean;
  /** Whether Postgres reads every row to validate (no rewrite, but time proportional to rows). */
  readonly scansTable: boolean;
  readonly dataCheck?: DataCheck;
  /**
   * What a failed data check means: `refuse` the publish (default: a value would be lost or
   * break), or `skip` this action only (a NOT NULL that existing rows cannot meet yet: `required`
   * stays enforced by record validation for new and edited records, and the plan says so).
   */
  readonly onCheckFailure?: 'refuse' | 'skip';
  /** The DDL, in order. Empty for catalogue-only actions (hide, restore). */
  readonly statements: readonly string[];
}

export type RefusalCode =
  | 'invalid_definition'
  | 'form_key_changed'
  | 'key_in_use'
  | 'unsupported_type_change'
  | 'would_drop_data'
  | 'data_check_failed';

export interface OffendingRow {
  readonly id: string;
  readonly value: string | null;
}

/** Why (part of) a plan cannot be applied safely. */
export interface PlanRefusal {
  readonly code: RefusalCode;
  readonly fieldId?: string;
  readonly reason: string;
  /** For data_check_failed: the first offending rows. */
  readonly offending?: readonly OffendingRow[];
}

/** Something the admin should know about a plan that does not stop it. */
export interface PlanNotice {
  readonly fieldId?: string;
  readonly message: string;
  readonly offending?: readonly OffendingRow[];
}
