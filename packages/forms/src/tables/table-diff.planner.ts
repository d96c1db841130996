import { diffColumns } from './column-diff.planner';
import { ident, qualified } from './identifier';
import type { PlanRefusal } from './migration-action';
import { diffObjects } from './object-diff.planner';
import { NO_DDL, type PlannerResult, type PlanStep } from './plan-step';
import { planCreateTable } from './table-create.planner';
import type { TableModel } from './table-model';

/**
 * Changes of a table that exists in both versions, then of its line-items child tables (matched
 * by the id of their line-items field): new child → create, renamed field → rename table,
 * deleted field → hide the table (kept with its rows), vanished child → refused.
 * `presentIndexes`: the index names the app schema has (indexes the model expects but the
 * catalogue lacks are created).
 */
export function diffTable(
  prev: TableModel,
  next: TableModel,
  presentIndexes?: ReadonlySet<string>,
): PlannerResult {
  const steps: PlanStep[] = [];
  const refusals: PlanRefusal[] = [];
  const display = `${next.schema}.${next.name}`;
  if (prev.name !== next.name) {
    steps.push({
      phase: 'rename_table',
      action: {
        kind: 'rename_table',
        table: `${prev.schema}.${prev.name}`,
        ...(next.fieldId === undefined ? {} : { fieldId: next.fieldId }),
        description: `Rename table ${prev.schema}.${prev.name} to ${display} (catalogue only)`,
        ...NO_DDL,
        statements: [`ALTER TABLE ${qualified(prev.schema, prev.name)} RENAME TO ${ident(next.name)}`],
      },
    });
  }
  if (prev.deleted !== next.deleted && next.fieldId !== undefined) {
    steps.push({
      phase: 'catalogue',
      action: {
        kind: next.deleted ? 'hide_table' : 'restore_table',
        table: display,
        fieldId: next.fieldId,
        description: next.deleted
          ? `Delete line items ${next.name}: hidden, the table and its rows are kept until a purge`
          : `Restore deleted line items ${next.name} with their rows`,
        ...NO_DDL,
      },
    });
  }
  const columns = diffColumns(prev, next);
  steps.push(...columns.steps);
  refusals.push(...columns.refusals);
  steps.push(...diffObjects(prev, next, columns.sources, presentIndexes));

  const prevChildren = new Map(prev.children.map((c) => [c.fieldId, c]));
  const nextChildren = new Set(next.children.map((c) => c.fieldId));
  for (const child of next.children) {
    const old = prevChildren.get(child.fieldId);
    if (!old) {
      steps.push(...planCreateTable(child));
      continue;
    }
    const result = diffTable(old, child, presentIndexes);
    steps.push(...result.steps);
    refusals.push(...result.refusals);
  }
  for (const old of prev.children) {
    if (!nextChildren.has(old.fieldId)) {
      refusals.push({
        code: 'would_drop_data',
        ...(old.fieldId === undefined ? {} : { fieldId: old.fieldId }),
        reason: `table ${old.schema}.${old.name} would disappear with its rows; only an explicit purge drops it`,
      });
    }
  }
  return { steps, refusals };
}
