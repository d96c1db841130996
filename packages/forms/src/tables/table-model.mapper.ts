import type { FieldDefinition, FormDefinition, LineItemFieldDefinition } from '@tessera/schema';
import { fieldColumns } from './field-columns.mapper';
import { fieldConstraints } from './field-constraints.mapper';
import { compositeIndexes, systemIndexes } from './form-index.mapper';
import { appSchemaName, childTableName, objectName } from './physical-name';
import { SYSTEM_COLUMN_SPECS, type SystemColumnSpec } from './system-columns';
import type { CheckModel, ColumnModel, ForeignKeyModel, IndexModel, TableModel } from './table-model';

/**
 * The physical model of a form in an app: its table `app_<app>.<form>` and one child table per
 * line-items field. Pure and deterministic: the same definition always gives the same model.
 */
export function formTableModel(appKey: string, form: FormDefinition): TableModel {
  const schema = appSchemaName(appKey);
  const body = tableBody(form.key, form.fields, false);
  const children = form.fields.flatMap((field) =>
    field.type === 'line_items' ? [childTableModel(schema, form.key, field)] : [],
  );
  return {
    schema,
    name: form.key,
    columns: [...mainSystemColumns(), ...body.columns],
    checks: body.checks,
    indexes: [...systemIndexes(form.key), ...body.indexes, ...compositeIndexes(form.key, form)],
    foreignKeys: body.foreignKeys,
    children,
    deleted: false,
  };
}

type LineItemsField = Extract<FieldDefinition, { type: 'line_items' }>;

function childTableModel(schema: string, formKey: string, field: LineItemsField): TableModel {
  const name = childTableName(formKey, field.key);
  const deleted = field.deleted === true;
  // A deleted line-items field keeps its table; its fields count as deleted too (no NOT NULL).
  const fields = deleted ? field.fields.map((f) => ({ ...f, deleted: true })) : field.fields;
  const body = tableBody(name, fields, true);
  return {
    schema,
    name,
    fieldId: field.id,
    parentTable: formKey,
    columns: [...childSystemColumns(), ...body.columns],
    checks: body.checks,
    indexes: [
      {
        key: '$parent/idx',
        name: objectName(name, 'parent_id', 'idx'),
        columns: ['parent_id', 'position'],
        unique: false,
        partial: false,
      },
      ...body.indexes,
    ],
    foreignKeys: [
      {
        key: '$parent/fk',
        name: objectName(name, 'parent_id', 'fk'),
        column: 'parent_id',
        targetTable: formKey,
        onDelete: 'cascade',
      },
      ...body.foreignKeys,
    ],
    children: [],
    deleted,
  };
}

function tableBody(
  table: string,
  fields: readonly (FieldDefinition | LineItemFieldDefinition)[],
  isChild: boolean,
) {
  const columns: ColumnModel[] = [];
  const checks: CheckModel[] = [];
  const indexes: IndexModel[] = [];
  const foreignKeys: ForeignKeyModel[] = [];
  for (const field of fields) {
    columns.push(...fieldColumns(field));
    const constraints = fieldConstraints(table, field, isChild);
    checks.push(...constraints.checks);
    indexes.push(...constraints.indexes);
    foreignKeys.push(...constraints.foreignKeys);
  }
  return { columns, checks, indexes, foreignKeys };
}

const system = (
  name: string,
  type: ColumnModel['type'],
  notNull: boolean,
  defaultSql?: string,
): ColumnModel => ({
  key: `$${name}`,
  name,
  type,
  notNull,
  deleted: false,
  ...(defaultSql === undefined ? {} : { defaultSql }),
  ...(name === 'id' ? { primaryKey: true } : {}),
});

/** The system columns of a form table (system-columns.ts). */
function mainSystemColumns(): ColumnModel[] {
  return Object.entries(SYSTEM_COLUMN_SPECS).map(([name, spec]: [string, SystemColumnSpec]) =>
    system(name, spec.type, spec.notNull, spec.defaultSql),
  );
}

function childSystemColumns(): ColumnModel[] {
  return [
    system('id', { kind: 'uuid' }, true, 'gen_random_uuid()'),
    system('parent_id', { kind: 'uuid' }, true),
    system('position', { kind: 'integer' }, true),
  ];
}
