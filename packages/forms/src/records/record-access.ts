import type { Expression, SqlBool } from 'kysely';
import type { FormRuntime } from './form-runtime';

/** The record actions a caller's access limits. */
export type RecordAction = 'read' | 'create' | 'update' | 'delete';

/**
 * What a caller may do with one form's records, as the records service applies it. The service
 * only consumes this port; `@tessera/access` implements it from roles (no access given = the
 * system, e.g. rule and flow actions: every row, every field).
 */
export interface FormGate {
  /** May the caller do this at all? (Reads of a form without it: linked records show their id only.) */
  can(action: RecordAction): boolean;
  /** The rows the action may touch, as a SQL condition on `alias`; null = every row. */
  rows(action: RecordAction, alias: string): Expression<SqlBool> | null;
  /** Fields that appear in no output and may not be filtered, sorted or searched on, nor written. */
  readonly hidden: ReadonlySet<string>;
  /** Fields that may not be written (a value equal to the stored one passes on update). */
  readonly readOnly: ReadonlySet<string>;
}

export interface RecordsAccess {
  /** The gate of one published form of the app. */
  form(runtime: FormRuntime): FormGate;
}
