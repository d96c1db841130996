import type { MigrationAction, PlanRefusal } from './migration-action';

/**
 * The order actions run in. Every planner tags its actions with a phase; the form planner sorts
 * them (stable) so that, across all tables of a form, drops come before renames, renames before
 * type changes, new columns before the constraints that use them, and so on.
 */
export const PHASES = [
  'create_schema',
  'create_table',
  'rename_table',
  'drop_object',
  'rename_column',
  'rename_object',
  'change_type',
  'add_column',
  'not_null',
  'add_check',
  'add_index',
  'add_foreign_key',
  'catalogue',
  'purge',
] as const;
export type Phase = (typeof PHASES)[number];

export interface PlanStep {
  readonly phase: Phase;
  readonly action: MigrationAction;
}

export interface PlannerResult {
  readonly steps: readonly PlanStep[];
  readonly refusals: readonly PlanRefusal[];
}

export function sortSteps(steps: readonly PlanStep[]): readonly MigrationAction[] {
  return steps
    .map((step, index) => ({ step, index }))
    .sort((a, b) => PHASES.indexOf(a.step.phase) - PHASES.indexOf(b.step.phase) || a.index - b.index)
    .map(({ step }) => step.action);
}

/** A catalogue-only action: nothing to run, nothing rewritten. */
export const NO_DDL = { rewritesTable: false, scansTable: false, statements: [] } as const;
