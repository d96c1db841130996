import { fieldError } from '@tessera/schema';
import type { TableModel } from '../tables/table-model';
import type { FormRuntime } from './form-runtime';
import { RecordsError } from './records.error';

interface PgError {
  readonly code?: string;
  readonly constraint?: string;
  readonly table?: string;
  readonly column?: string;
}

/**
 * Maps a database refusal to a field error instead of a 500: a unique violation → `must be
 * unique` on the field that owns the index; a foreign key → `refers to a record that does not
 * exist`; a CHECK → `is not allowed`; a value out of range for its column → `is out of range`.
 * Anything else is not the user's fault and is rethrown as is. `index` names the bulk item.
 */
export function mapDbError(error: unknown, runtime: FormRuntime | undefined): unknown {
  if (!runtime || !error || typeof error !== 'object') return error;
  const e = error as PgError;
  const found = e.constraint ? findConstraint(runtime, e.constraint) : undefined;
  switch (e.code) {
    case '23505':
      return found ? RecordsError.invalid([fieldError(found, 'FIELD_NOT_UNIQUE')]) : error;
    case '23503':
      return found ? RecordsError.invalid([fieldError(found, 'FIELD_LINK_MISSING')]) : error;
    case '23514':
      return found ? RecordsError.invalid([fieldError(found, 'FIELD_NOT_ALLOWED')]) : error;
    case '22003':
    case '22001':
      return RecordsError.invalid([fieldError(e.column ?? '(record)', 'FIELD_OUT_OF_RANGE')]);
    default:
      return error;
  }
}

/** The record path of the field that owns a constraint or index (`items` for a line-item table). */
function findConstraint(runtime: FormRuntime, name: string): string | undefined {
  const inTable = (table: TableModel): string | undefined => {
    const owner =
      table.indexes.find((i) => i.name === name)?.columns[0] ??
      table.foreignKeys.find((f) => f.name === name)?.column ??
      table.checks.find((c) => c.name === name)?.column;
    return owner?.replace(/__currency$/, '');
  };
  const main = inTable(runtime.model);
  if (main) return main;
  for (const [key, lineItems] of runtime.lineItems) {
    const column = inTable(lineItems.table);
    if (column) return `${key}[].${column}`;
  }
  return undefined;
}
