import { renderColumnType } from './column-type';
import { columnTypeChange } from './column-type-change.planner';
import { columnDefinitionSql, offendingRowsSql } from './ddl.compiler';
import { ident, qualified } from './identifier';
import type { MigrationAction, PlanRefusal } from './migration-action';
import { NO_DDL, type PlanStep } from './plan-step';
import type { ColumnModel, TableModel } from './table-model';

/** Where the value of a column comes from in the table as it is before the plan (for data checks). */
export interface ColumnSource {
  readonly valueSql: string;
  /** The column is converted in this plan: constraint checks must wait for its own check. */
  readonly converted: boolean;
}

export interface ColumnDiff {
  readonly steps: readonly PlanStep[];
  readonly refusals: readonly PlanRefusal[];
  /** By column key: how to read the column's value before the plan. Absent for new columns. */
  readonly sources: ReadonlyMap<string, ColumnSource>;
}

/**
 * Column changes of a table that exists in both versions, matched by column key (field id + role):
 * renames (catalogue only, ordered so chains work), type changes, new columns, NOT NULL changes,
 * hide/restore of deleted fields. A column that would disappear is refused: only a purge drops.
 */
export function diffColumns(prev: TableModel, next: TableModel): ColumnDiff {
  const steps: PlanStep[] = [];
  const refusals: PlanRefusal[] = [];
  const sources = new Map<string, ColumnSource>();
  const display = `${next.schema}.${next.name}`;
  const t = qualified(next.schema, next.name);
  const nextByKey = new Map(next.columns.map((c) => [c.key, c]));
  const prevByKey = new Map(prev.columns.map((c) => [c.key, c]));
  const base = (column: ColumnModel) => ({
    table: display,
    column: column.name,
    ...(column.fieldId === undefined ? {} : { fieldId: column.fieldId }),
  });

  for (const old of prev.columns) {
    if (!nextByKey.has(old.key)) {
      refusals.push({
        code: 'would_drop_data',
        ...(old.fieldId === undefined ? {} : { fieldId: old.fieldId }),
        reason: `column ${old.name} of ${display} would disappear with its data; only an explicit purge of a deleted field drops a column`,
      });
    }
  }

  const renames: Array<{ from: string; to: string; column: ColumnModel }> = [];
  for (const column of next.columns) {
    const old = prevByKey.get(column.key);
    if (!old) {
      steps.push(...addColumn(next, column, display));
      continue;
    }
    if (old.name !== column.name) renames.push({ from: old.name, to: column.name, column });
    const change = columnTypeChange(old.name, old.type, column.type);
    sources.set(column.key, {
      valueSql: change.kind === 'convert' ? change.using : ident(old.name),
      converted: change.kind === 'convert',
    });
    const types = `${renderColumnType(old.type)} to ${renderColumnType(column.type)}`;
    if (change.kind === 'refuse') {
      refusals.push({
        code: 'unsupported_type_change',
        ...fieldOf(column),
        reason: `${column.name}: ${change.reason}`,
      });
    } else if (change.kind === 'widen') {
      steps.push({
        phase: 'change_type',
        action: {
          kind: 'widen_column',
          ...base(column),
          description: `Widen column ${column.name} from ${types} (catalogue only, every value fits)`,
          rewritesTable: false,
          scansTable: false,
          statements: [
            `ALTER TABLE ${t} ALTER COLUMN ${ident(column.name)} TYPE ${renderColumnType(column.type)}`,
          ],
        },
      });
    } else if (change.kind === 'convert') {
      steps.push({
        phase: 'change_type',
        action: {
          kind: 'change_column_type',
          ...base(column),
          description: `Convert column ${column.name} from ${types}; rewrites the table`,
          rewritesTable: true,
          scansTable: true,
          ...(change.lossPredicate === undefined
            ? {}
            : {
                dataCheck: {
                  description: `values of ${old.name} that would not convert to ${renderColumnType(column.type)} unchanged`,
                  sql: offendingRowsSql(prev.schema, prev.name, old.name, change.lossPredicate),
                },
              }),
          statements: [
            // Renames run first, so the conversion is written over the new name.
            `ALTER TABLE ${t} ALTER COLUMN ${ident(column.name)} TYPE ${renderColumnType(column.type)} USING ${usingOver(column, old)}`,
          ],
        },
      });
    }
    if (!old.notNull && column.notNull) steps.push(setNotNull(prev, old, column, display, t));
    if (old.notNull && !column.notNull) {
      steps.push({
        phase: 'not_null',
        action: {
          kind: 'drop_not_null',
          ...base(column),
          description: `Allow empty values in ${column.name} (catalogue only)`,
          ...NO_DDL,
          statements: [`ALTER TABLE ${t} ALTER COLUMN ${ident(column.name)} DROP NOT NULL`],
        },
      });
    }
    if (column.role === 'value' && old.deleted !== column.deleted) {
      steps.push({
        phase: 'catalogue',
        action: {
          kind: column.deleted ? 'hide_field' : 'restore_field',
          ...base(column),
          description: column.deleted
            ? `Delete field ${column.name}: hidden everywhere, its column and data are kept until a purge`
            : `Restore deleted field ${column.name} with its data`,
          ...NO_DDL,
        },
      });
    }
  }
  const ordered = orderRenames(renames);
  if (ordered === null) {
    refusals.push({
      code: 'key_in_use',
      reason: `the renames in ${display} form a cycle (${renames.map((r) => `${r.from}→${r.to}`).join(', ')}); publish them in two steps`,
    });
  } else {
    for (const r of ordered) {
      steps.push({
        phase: 'rename_column',
        action: {
          kind: 'rename_column',
          ...base(r.column),
          description: `Rename column ${r.from} to ${r.to} (catalogue only, no data is moved)`,
          ...NO_DDL,
          statements: [`ALTER TABLE ${t} RENAME COLUMN ${ident(r.from)} TO ${ident(r.to)}`],
        },
      });
    }
  }
  return { steps, refusals, sources };
}

function usingOver(column: ColumnModel, old: ColumnModel): string {
  const change = columnTypeChange(column.name, old.type, column.type);
  return change.kind === 'convert' ? change.using : ident(column.name);
}

function fieldOf(column: ColumnModel) {
  return column.fieldId === undefined ? {} : { fieldId: column.fieldId };
}

function addColumn(table: TableModel, column: ColumnModel, display: string): PlanStep[] {
  const t = qualified(table.schema, table.name);
  const add: MigrationAction = {
    kind: 'add_column',
    table: display,
    column: column.name,
    ...fieldOf(column),
    description: `Add column ${column.name} (${renderColumnType(column.type)}) (catalogue only, existing rows read as ${column.defaultSql ?? 'empty'})`,
    ...NO_DDL,
    statements: [`ALTER TABLE ${t} ADD COLUMN ${columnDefinitionSql(column, false)}`],
  };
  const steps: PlanStep[] = [{ phase: 'add_column', action: add }];
  if (column.notNull) {
    steps.push({
      phase: 'not_null',
      action: {
        kind: 'set_not_null',
        table: display,
        column: column.name,
        ...fieldOf(column),
        description: `Require a value in new column ${column.name} (skipped while existing rows have no value)`,
        rewritesTable: false,
        scansTable: true,
        onCheckFailure: 'skip',
        dataCheck: {
          description: `existing rows, which would have no value for the new required field ${column.name}`,
          sql: `SELECT "id"::text AS "id", NULL::text AS "value" FROM ${t} ORDER BY "id"`,
        },
        statements: [`ALTER TABLE ${t} ALTER COLUMN ${ident(column.name)} SET NOT NULL`],
      },
    });
  }
  return steps;
}

function setNotNull(
  prev: TableModel,
  old: ColumnModel,
  column: ColumnModel,
  display: string,
  t: string,
): PlanStep {
  return {
    phase: 'not_null',
    action: {
      kind: 'set_not_null',
      table: display,
      column: column.name,
      ...fieldOf(column),
      description: `Require a value in ${column.name} (reads every row; skipped while some rows have no value)`,
      rewritesTable: false,
      scansTable: true,
      onCheckFailure: 'skip',
      dataCheck: {
        description: `rows with no value for ${old.name}`,
        sql: `SELECT "id"::text AS "id", NULL::text AS "value" FROM ${qualified(prev.schema, prev.name)} WHERE ${ident(old.name)} IS NULL ORDER BY "id"`,
      },
      statements: [`ALTER TABLE ${t} ALTER COLUMN ${ident(column.name)} SET NOT NULL`],
    },
  };
}

/** Orders renames so no rename targets a name still in use; null when they form a cycle. */
export function orderRenames<T extends { from: string; to: string }>(renames: readonly T[]): T[] | null {
  const pending = [...renames];
  const ordered: T[] = [];
  while (pending.length > 0) {
    const index = pending.findIndex((r) => !pending.some((other) => other !== r && other.from === r.to));
    if (index < 0) return null;
    ordered.push(...pending.splice(index, 1));
  }
  return ordered;
}
