import { renderColumnType } from './column-type';
import { addForeignKeySql, createIndexSql, createTableSql } from './ddl.compiler';
import { describeIndexColumns } from './form-index.mapper';
import { describeCheck } from './object-diff.planner';
import type { PlanStep } from './plan-step';
import type { TableModel } from './table-model';

/** Actions that create a table from nothing: the table, then its indexes and foreign keys, then its children. */
export function planCreateTable(table: TableModel): readonly PlanStep[] {
  const display = `${table.schema}.${table.name}`;
  const steps: PlanStep[] = [
    {
      phase: 'create_table',
      action: {
        kind: 'create_table',
        table: display,
        ...(table.fieldId === undefined ? {} : { fieldId: table.fieldId }),
        description:
          `Create table ${display}` +
          (table.parentTable ? ` for line items of ${table.parentTable}` : '') +
          ` with columns ${table.columns.map((c) => `${c.name} (${renderColumnType(c.type)})`).join(', ')}` +
          // the CHECK constraints are part of the CREATE TABLE statement: the plan names them too
          (table.checks.length > 0
            ? `; checks ${table.checks.map((c) => `${c.name} (${describeCheck(c)})`).join(', ')}`
            : ''),
        rewritesTable: false,
        scansTable: false,
        statements: [createTableSql(table)],
      },
    },
  ];
  for (const index of table.indexes) {
    steps.push({
      phase: 'add_index',
      action: {
        kind: 'add_index',
        table: display,
        column: index.columns.join(', '),
        ...(index.fieldId === undefined ? {} : { fieldId: index.fieldId }),
        description: `Create ${index.unique ? 'unique ' : ''}index ${index.name} on ${describeIndexColumns(index)}`,
        rewritesTable: false,
        scansTable: false,
        statements: [createIndexSql(table.schema, table.name, index)],
      },
    });
  }
  for (const fk of table.foreignKeys) {
    steps.push({
      phase: 'add_foreign_key',
      action: {
        kind: 'add_foreign_key',
        table: display,
        column: fk.column,
        ...(fk.fieldId === undefined ? {} : { fieldId: fk.fieldId }),
        description: `Link ${fk.column} to ${table.schema}.${fk.targetTable} (on delete ${fk.onDelete.replace('_', ' ')})`,
        rewritesTable: false,
        scansTable: false,
        statements: [addForeignKeySql(table.schema, table.name, fk)],
      },
    });
  }
  for (const child of table.children) steps.push(...planCreateTable(child));
  return steps;
}
