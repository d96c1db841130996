import { type Static, Type } from '@sinclair/typebox';
import { StringEnum } from '@tessera/schema';
import { FormDefinitionRef } from './pack-format.components';

/**
 * The migration plan of publishing a form version, as the forms engine makes it (its
 * `FormChangePlan`): the actions an admin reads before anything runs, and what stops them.
 */
const MIGRATION_ACTION_KINDS = [
  'create_schema',
  'create_table',
  'add_column',
  'rename_column',
  'widen_column',
  'change_column_type',
  'set_not_null',
  'drop_not_null',
  'add_check',
  'drop_check',
  'rename_constraint',
  'add_index',
  'drop_index',
  'rename_index',
  'add_foreign_key',
  'drop_foreign_key',
  'rename_table',
  'hide_field',
  'restore_field',
  'hide_table',
  'restore_table',
  'update_catalogue',
  'drop_column',
  'drop_table',
] as const;

const OffendingRow = Type.Object({ id: Type.String(), value: Type.Union([Type.String(), Type.Null()]) });

export const MigrationActionSchema = Type.Object({
  kind: StringEnum(MIGRATION_ACTION_KINDS),
  table: Type.String({ description: '`schema.table` the action touches.' }),
  column: Type.Optional(Type.String()),
  fieldId: Type.Optional(Type.String()),
  description: Type.String({ description: 'What happens, in plain English.' }),
  rewritesTable: Type.Boolean({ description: 'Postgres rewrites the whole table (slow, exclusive lock).' }),
  scansTable: Type.Boolean({ description: 'Postgres reads every row to validate.' }),
  dataCheck: Type.Optional(Type.Object({ description: Type.String(), sql: Type.String() })),
  onCheckFailure: Type.Optional(StringEnum(['refuse', 'skip'] as const)),
  statements: Type.Array(Type.String(), { description: 'The DDL, in order.' }),
});

export const PlanRefusalSchema = Type.Object({
  code: StringEnum([
    'invalid_definition',
    'form_key_changed',
    'key_in_use',
    'unsupported_type_change',
    'would_drop_data',
    'data_check_failed',
  ] as const),
  fieldId: Type.Optional(Type.String()),
  reason: Type.String(),
  offending: Type.Optional(Type.Array(OffendingRow, { description: 'data_check_failed: the first rows.' })),
});

export const FormChangePlanSchema = Type.Object(
  {
    ok: Type.Boolean(),
    appKey: Type.String(),
    schema: Type.String({ description: "The app's Postgres schema." }),
    formKey: Type.String(),
    definition: FormDefinitionRef,
    actions: Type.Array(MigrationActionSchema),
    refusals: Type.Array(PlanRefusalSchema),
    notices: Type.Array(
      Type.Object({
        fieldId: Type.Optional(Type.String()),
        message: Type.String(),
        offending: Type.Optional(Type.Array(OffendingRow)),
      }),
    ),
  },
  { $id: 'FormChangePlan', description: 'The migration plan: actions and refusals.' },
);
export type FormChangePlan = Static<typeof FormChangePlanSchema>;
export const FormChangePlanRef = Type.Unsafe<FormChangePlan>({ $ref: 'FormChangePlan#' });
