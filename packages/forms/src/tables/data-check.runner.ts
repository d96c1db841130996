import { type Kysely, sql } from 'kysely';
import type { MigrationAction, PlanNotice, PlanRefusal } from './migration-action';

/** How many offending rows a refusal lists. */
export const DEFAULT_OFFENDING_LIMIT = 20;

export interface DataCheckOutcome {
  readonly refusals: readonly PlanRefusal[];
  /** Actions to leave out (`onCheckFailure: 'skip'`), with the notice that explains it. */
  readonly skipped: ReadonlySet<MigrationAction>;
  readonly notices: readonly PlanNotice[];
}

/**
 * Runs the data check of every action, in plan order, on the data as it is before the plan.
 * An action whose check finds rows is refused, listing the first `limit` offending ids and
 * values — or, when it is marked `onCheckFailure: 'skip'`, left out with a notice. After a
 * field's first refused check its later checks are skipped (a failed conversion would make them
 * fail on casts rather than report).
 */
export async function runDataChecks(
  db: Kysely<any>,
  actions: readonly MigrationAction[],
  limit = DEFAULT_OFFENDING_LIMIT,
): Promise<DataCheckOutcome> {
  const refusals: PlanRefusal[] = [];
  const skipped = new Set<MigrationAction>();
  const notices: PlanNotice[] = [];
  const failedFields = new Set<string>();
  for (const action of actions) {
    if (!action.dataCheck) continue;
    const field = action.fieldId ?? `${action.table}.${action.column ?? ''}`;
    if (failedFields.has(field)) continue;
    const result = await sql<{
      id: string;
      value: string | null;
    }>`${sql.raw(action.dataCheck.sql)} LIMIT ${limit}`.execute(db);
    if (result.rows.length === 0) continue;
    const offending = result.rows.map((r) => ({ id: r.id, value: r.value }));
    if (action.onCheckFailure === 'skip') {
      skipped.add(action);
      notices.push({
        ...(action.fieldId === undefined ? {} : { fieldId: action.fieldId }),
        message: `${action.description}: not done, existing records have ${action.dataCheck.description}; the field is required for new and edited records only`,
        offending,
      });
      continue;
    }
    failedFields.add(field);
    refusals.push({
      code: 'data_check_failed',
      ...(action.fieldId === undefined ? {} : { fieldId: action.fieldId }),
      reason: `${action.description}: refused, existing records have ${action.dataCheck.description}`,
      offending,
    });
  }
  return { refusals, skipped, notices };
}
