import type { ColumnSource } from './column-diff.planner';
import {
  addCheckSql,
  addForeignKeySql,
  checkExpressionSql,
  createIndexSql,
  dropConstraintSql,
  dropIndexSql,
  projectedRowsSql,
} from './ddl.compiler';
import { describeIndexColumns } from './form-index.mapper';
import { ident, qualified } from './identifier';
import { NO_DDL, type PlanStep } from './plan-step';
import type { CheckModel, ColumnModel, ForeignKeyModel, IndexModel, TableModel } from './table-model';

/**
 * CHECK constraints, indexes and foreign keys of a table that exists in both versions, matched by
 * key. Same definition, other name (after a rename) → renamed (catalogue only); other definition
 * → dropped and added again, with a data check over the rows as they are before the plan.
 * `present`: the names of the indexes that exist in the app schema, when the caller knows them.
 */
export function diffObjects(
  prev: TableModel,
  next: TableModel,
  sources: ReadonlyMap<string, ColumnSource>,
  present?: ReadonlySet<string>,
): readonly PlanStep[] {
  const steps: PlanStep[] = [];
  const display = `${next.schema}.${next.name}`;
  const t = qualified(next.schema, next.name);
  const columnKeyByName = new Map(next.columns.map((c: ColumnModel) => [c.name, c.key]));
  const source = (column: string) => sources.get(columnKeyByName.get(column) ?? '');
  const fid = (o: { fieldId?: string | undefined }) =>
    o.fieldId === undefined ? {} : { fieldId: o.fieldId };

  const rename = (kind: 'rename_constraint' | 'rename_index', from: string, to: string, fieldId?: string) =>
    steps.push({
      phase: 'rename_object',
      action: {
        kind,
        table: display,
        ...fid({ fieldId }),
        description: `Rename ${kind === 'rename_index' ? 'index' : 'constraint'} ${from} to ${to} (catalogue only)`,
        ...NO_DDL,
        statements: [
          kind === 'rename_index'
            ? `ALTER INDEX ${qualified(next.schema, from)} RENAME TO ${ident(to)}`
            : `ALTER TABLE ${t} RENAME CONSTRAINT ${ident(from)} TO ${ident(to)}`,
        ],
      },
    });

  // CHECK constraints
  const prevChecks = new Map(prev.checks.map((c) => [c.key, c]));
  const nextChecks = new Map(next.checks.map((c) => [c.key, c]));
  for (const old of prev.checks) {
    const now = nextChecks.get(old.key);
    if (now && sameJson(now.spec, old.spec)) {
      if (now.name !== old.name) rename('rename_constraint', old.name, now.name, now.fieldId);
      continue;
    }
    steps.push({
      phase: 'drop_object',
      action: {
        kind: 'drop_check',
        table: display,
        column: old.column,
        ...fid(old),
        description: `Drop check ${old.name} (${describeCheck(old)})`,
        ...NO_DDL,
        statements: [dropConstraintSql(next.schema, next.name, old.name)],
      },
    });
  }
  for (const check of next.checks) {
    const old = prevChecks.get(check.key);
    if (old && sameJson(old.spec, check.spec)) continue;
    const from = source(check.column);
    steps.push({
      phase: 'add_check',
      action: {
        kind: 'add_check',
        table: display,
        column: check.column,
        ...fid(check),
        description: `Add check ${check.name}: ${describeCheck(check)} (reads every row to validate)`,
        rewritesTable: false,
        scansTable: true,
        ...(from
          ? {
              dataCheck: {
                description: `values of ${check.column} that break: ${describeCheck(check)}`,
                sql: projectedRowsSql(
                  prev.schema,
                  prev.name,
                  from.valueSql,
                  `NOT (${checkExpressionSql('v', check.spec)})`,
                ),
              },
            }
          : {}),
        statements: [addCheckSql(next.schema, next.name, check.name, check.column, check.spec)],
      },
    });
  }

  // Indexes
  const prevIndexes = new Map(prev.indexes.map((i) => [i.key, i]));
  const nextIndexes = new Map(next.indexes.map((i) => [i.key, i]));
  // An index the catalogue lacks although the published version has it (a table published before
  // this version of Tessera added it, e.g. the system indexes) is created like a new one.
  const missing = (index: IndexModel) => present !== undefined && !present.has(index.name);
  const sameIndex = (a: IndexModel, b: IndexModel) =>
    a.unique === b.unique &&
    a.partial === b.partial &&
    (a.lower === true) === (b.lower === true) &&
    a.columns.length === b.columns.length &&
    a.columns.every((_, i) => (a.descending?.[i] === true) === (b.descending?.[i] === true));
  for (const old of prev.indexes) {
    if (missing(old)) continue; // nothing in the catalogue to rename or drop
    const now = nextIndexes.get(old.key);
    if (now && sameIndex(now, old)) {
      if (now.name !== old.name) rename('rename_index', old.name, now.name, now.fieldId);
      continue;
    }
    steps.push({
      phase: 'drop_object',
      action: {
        kind: 'drop_index',
        table: display,
        ...fid(old),
        description: `Drop ${old.unique ? 'unique ' : ''}index ${old.name}`,
        ...NO_DDL,
        statements: [dropIndexSql(next.schema, old.name)],
      },
    });
  }
  for (const index of next.indexes) {
    const old = prevIndexes.get(index.key);
    if (old && sameIndex(old, index) && !missing(old)) continue;
    const column = index.columns[0] ?? '';
    const from = source(column);
    const live = index.partial ? ` WHERE "deleted_at" IS NULL` : '';
    steps.push({
      phase: 'add_index',
      action: {
        kind: 'add_index',
        table: display,
        column,
        ...fid(index),
        description: `Create ${index.unique ? 'unique ' : ''}index ${index.name} on ${describeIndexColumns(index)} (reads every row)`,
        rewritesTable: false,
        scansTable: true,
        ...(index.unique && from
          ? {
              dataCheck: {
                description: `${index.partial ? 'live ' : ''}rows sharing a value of ${column}${index.lower ? ' (ignoring case)' : ''}`,
                sql: projectedRowsSql(
                  prev.schema,
                  prev.name,
                  from.valueSql,
                  `${lowered(index, 's."v"')} IN (SELECT ${lowered(index, from.valueSql)} FROM ${qualified(prev.schema, prev.name)}${live} GROUP BY 1 HAVING count(*) > 1)` +
                    (index.partial
                      ? ` AND s."id" IN (SELECT "id" FROM ${qualified(prev.schema, prev.name)}${live})`
                      : ''),
                ),
              },
            }
          : {}),
        statements: [createIndexSql(next.schema, next.name, index)],
      },
    });
  }

  // Foreign keys
  const prevFks = new Map(prev.foreignKeys.map((f) => [f.key, f]));
  const nextFks = new Map(next.foreignKeys.map((f) => [f.key, f]));
  const sameFk = (a: ForeignKeyModel, b: ForeignKeyModel) =>
    a.targetTable === b.targetTable && a.onDelete === b.onDelete;
  for (const old of prev.foreignKeys) {
    const now = nextFks.get(old.key);
    if (now && sameFk(now, old)) {
      if (now.name !== old.name) rename('rename_constraint', old.name, now.name, now.fieldId);
      continue;
    }
    steps.push({
      phase: 'drop_object',
      action: {
        kind: 'drop_foreign_key',
        table: display,
        column: old.column,
        ...fid(old),
        description: `Drop foreign key ${old.name}`,
        ...NO_DDL,
        statements: [dropConstraintSql(next.schema, next.name, old.name)],
      },
    });
  }
  for (const fk of next.foreignKeys) {
    const old = prevFks.get(fk.key);
    if (old && sameFk(old, fk)) continue;
    steps.push({
      phase: 'add_foreign_key',
      action: {
        kind: 'add_foreign_key',
        table: display,
        column: fk.column,
        ...fid(fk),
        description: `Link ${fk.column} to ${next.schema}.${fk.targetTable} (on delete ${fk.onDelete.replace('_', ' ')})`,
        rewritesTable: false,
        scansTable: true,
        statements: [addForeignKeySql(next.schema, next.name, fk)],
      },
    });
  }
  return steps;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A value as a unique index compares it: lower-cased for one that ignores case. */
const lowered = (index: IndexModel, value: string) => (index.lower ? `lower(${value})` : value);

export function describeCheck(check: CheckModel): string {
  const s = check.spec;
  switch (s.kind) {
    case 'options':
      return `${check.column} is one of ${s.values.join(', ')}`;
    case 'range':
      return `${check.column} between ${s.min ?? '-∞'} and ${s.max ?? '∞'}`;
    case 'length':
      return `length of ${check.column} between ${s.min ?? 0} and ${s.max ?? '∞'}`;
    case 'currency':
      return `${check.column} is a 3-letter currency code`;
    case 'max_items':
      return `${check.column} has at most ${s.max} items`;
    default: {
      const never: never = s;
      throw new Error(`unknown check ${JSON.stringify(never)}`);
    }
  }
}
