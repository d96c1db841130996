import type { SqlValueType } from '@tessera/logic';
import type { ColumnType } from './column-type';

/** What every engine needs to know of one system column of a form table. */
export interface SystemColumnSpec {
  readonly type: ColumnType;
  readonly notNull: boolean;
  readonly defaultSql?: string;
  /** The logic type filters, sorts and row scopes compare it as; absent: not filterable (`deleted_at`). */
  readonly sqlValue?: SqlValueType;
  /** The value type reference checks see (`created_by` is a user). */
  readonly valueType: 'uuid' | 'datetime' | 'user' | 'integer';
  /** A form may index it (`id` is the primary key; `version` changes on every write). */
  readonly indexable: boolean;
}

/**
 * THE map of the system columns of a form table, in table order: DDL, reads, filters, row scopes,
 * reference checks and reserved keys all derive from it. `id` is a uuid so records can be created
 * offline, imported and exported between instances.
 */
export const SYSTEM_COLUMN_SPECS = {
  id: {
    type: { kind: 'uuid' },
    notNull: true,
    defaultSql: 'gen_random_uuid()',
    sqlValue: 'text',
    valueType: 'uuid',
    indexable: false,
  },
  created_at: {
    type: { kind: 'timestamptz' },
    notNull: true,
    defaultSql: 'now()',
    sqlValue: 'datetime',
    valueType: 'datetime',
    indexable: true,
  },
  created_by: {
    type: { kind: 'uuid' },
    notNull: false,
    sqlValue: 'text',
    valueType: 'user',
    indexable: true,
  },
  updated_at: {
    type: { kind: 'timestamptz' },
    notNull: true,
    defaultSql: 'now()',
    sqlValue: 'datetime',
    valueType: 'datetime',
    indexable: true,
  },
  updated_by: {
    type: { kind: 'uuid' },
    notNull: false,
    sqlValue: 'text',
    valueType: 'user',
    indexable: true,
  },
  version: {
    type: { kind: 'integer' },
    notNull: true,
    defaultSql: '1',
    sqlValue: 'number',
    valueType: 'integer',
    indexable: false,
  },
  deleted_at: { type: { kind: 'timestamptz' }, notNull: false, valueType: 'datetime', indexable: false },
} as const satisfies Record<string, SystemColumnSpec>;

export type SystemColumn = keyof typeof SYSTEM_COLUMN_SPECS;

/** The system columns of a form table, in order. */
export const SYSTEM_COLUMNS = Object.keys(SYSTEM_COLUMN_SPECS) as readonly SystemColumn[];

/** The system columns of a line-items child table. */
export const CHILD_SYSTEM_COLUMNS = ['id', 'parent_id', 'position'] as const;

/** System columns a filter, sort or row scope may name, with the logic type they compare as. */
export const FILTERABLE_SYSTEM_COLUMNS: Readonly<Record<string, SqlValueType>> = Object.fromEntries(
  Object.entries(SYSTEM_COLUMN_SPECS).flatMap(([name, spec]) =>
    'sqlValue' in spec ? [[name, spec.sqlValue]] : [],
  ),
);
