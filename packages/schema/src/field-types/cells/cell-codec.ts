import type { LabelLanguage } from '../../common/label';
import type { FieldDefinition, LineItemFieldDefinition } from '../../form/field.schema';
import type { Parsed } from './parsed';

/** A field of a form or of a line-items row. */
export type CellField = FieldDefinition | LineItemFieldDefinition;

/** A cell as the sheet readers hand it over: CSV gives strings, XLSX numbers, booleans and dates too. */
export type Cell = string | number | boolean | Date | null;

/** A cell as written: text (CSV and XLSX) or a number XLSX keeps typed. */
export type OutCell = string | number | null;

/** Names of users and of linked records → ids (an importer answers from what it prefetched). */
export interface CellRefResolver {
  user(text: string): Parsed<string>;
  link(form: string, text: string): Parsed<string>;
}

export interface CellReadContext {
  /** IANA zone of datetimes written without an offset. */
  readonly timeZone: string;
  readonly refs: CellRefResolver;
}

/** What a type's reader gets: the context, and the reader of any field (line-items rows). */
export interface CellReadScope extends CellReadContext {
  readCell(field: CellField, cell: NonNullable<Cell>): Parsed<unknown>;
}

export interface CellWriteContext {
  readonly lang: LabelLanguage;
  readonly timeZone: string;
  /** User id → the name people know them by. */
  userName(id: string): string | undefined;
  /** A linked record (an id or the record the list embeds) → its title as people read it. */
  linkTitle(form: string, value: unknown): string;
}

/**
 * A field type in a sheet (CSV/XLSX import and export), pure and symmetric: what `write` gives
 * back, `read` turns into the same API value. What the form's validator checks anyway (e-mail,
 * lengths, ranges) is passed on by `read` for the records service to refuse, so the messages are
 * the ones every client gets.
 */
export interface CellCodec<F = CellField> {
  /** A non-blank cell → the API value; `text` is the cell as trimmed text (a Date as ISO). */
  read(field: F, cell: NonNullable<Cell>, text: string, ctx: CellReadScope): Parsed<unknown>;
  /** A non-null API value → the cell a person reads (and `read` reads back). */
  write(field: F, value: NonNullable<unknown>, ctx: CellWriteContext): OutCell;
}
