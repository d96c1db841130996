import type { FieldDefinition, FormDefinition, LineItemFieldDefinition } from '@tessera/schema';
import { FormsError } from '../errors/forms.error';
import { fieldColumns } from './field-columns.mapper';
import { ident, qualified } from './identifier';
import type { MigrationAction } from './migration-action';
import { appSchemaName, childTableName } from './physical-name';

export interface PurgePlan {
  readonly definition: FormDefinition;
  readonly actions: readonly MigrationAction[];
}

/**
 * Purging a deleted field: the only operation that destroys data, and only on explicit request.
 * Drops the field's columns (DROP COLUMN is catalogue-only; its indexes and constraints go with
 * it) or, for line items, the child table; the field leaves the definition.
 * Refuses a field that is not deleted (`field_not_deleted`).
 */
export function planPurgeField(appKey: string, form: FormDefinition, fieldId: string): PurgePlan {
  const schema = appSchemaName(appKey);
  for (const field of form.fields) {
    if (field.id === fieldId) {
      requireDeleted(field);
      return {
        definition: { ...form, fields: form.fields.filter((f) => f.id !== fieldId) },
        actions: dropActions(schema, form.key, field),
      };
    }
    if (field.type !== 'line_items') continue;
    const child = field.fields.find((f) => f.id === fieldId);
    if (!child) continue;
    if (field.deleted !== true) requireDeleted(child);
    const table = childTableName(form.key, field.key);
    return {
      definition: {
        ...form,
        fields: form.fields.map((f) =>
          f.id === field.id && f.type === 'line_items'
            ? { ...f, fields: f.fields.filter((c) => c.id !== fieldId) }
            : f,
        ),
      },
      actions: dropActions(schema, table, child),
    };
  }
  throw new FormsError('FIELD_NOT_FOUND', `form ${form.key} has no field with id "${fieldId}"`);
}

function requireDeleted(field: FieldDefinition | LineItemFieldDefinition): void {
  if (field.deleted !== true) {
    throw new FormsError(
      'FIELD_NOT_DELETED',
      `field ${field.key} is not deleted: delete it (and publish) before purging its data`,
    );
  }
}

function dropActions(
  schema: string,
  table: string,
  field: FieldDefinition | LineItemFieldDefinition,
): MigrationAction[] {
  const display = `${schema}.${table}`;
  if (field.type === 'line_items') {
    const child = childTableName(table, field.key);
    return [
      {
        kind: 'drop_table',
        table: `${schema}.${child}`,
        fieldId: field.id,
        description: `Purge line items ${field.key}: drop table ${schema}.${child} and all its rows (cannot be undone)`,
        rewritesTable: false,
        scansTable: false,
        statements: [`DROP TABLE ${qualified(schema, child)}`],
      },
    ];
  }
  return fieldColumns(field).map((column) => ({
    kind: 'drop_column',
    table: display,
    column: column.name,
    fieldId: field.id,
    description: `Purge field ${field.key}: drop column ${column.name} and its data (cannot be undone)`,
    rewritesTable: false,
    scansTable: false,
    statements: [`ALTER TABLE ${qualified(schema, table)} DROP COLUMN ${ident(column.name)}`],
  }));
}
