import { type CellRefResolver, isBlankCell, type Parsed, readCell } from '@tessera/schema';
import type { Cell, SheetField } from '../model/sheet-types';

/** Names of users and of linked records → ids; answered from what the chunk prefetched. */
export type RefResolver = CellRefResolver;

export interface ConvertContext {
  readonly timeZone: string;
  readonly refs: RefResolver;
}

/** Whether a cell holds nothing (left out of the record: defaults apply, updates keep the value). */
export function isBlank(cell: Cell | undefined): boolean {
  return isBlankCell(cell);
}

/**
 * One non-blank cell → the API value of its field, pure: each field type's cell codec in the
 * registry reads it. What the form's validator checks anyway (e-mail, phone, URL, lengths,
 * ranges, uniqueness) is passed on for the records service to refuse, so the messages are the
 * ones every other client gets.
 */
export function convertCell(
  field: SheetField,
  cell: NonNullable<Cell>,
  ctx: ConvertContext,
): Parsed<unknown> {
  return readCell(field, cell, ctx);
}
