import type { FormDefinition } from '@tessera/schema';
import type { SheetField } from '../model/sheet-types';

const TEXTUAL = new Set(['text', 'auto_number', 'email', 'phone', 'url']);

/**
 * The fields by which people name a record of a form in a sheet, most telling first: the title
 * field (e.g. the customer name), auto-numbers (the customer code) and unique text fields.
 */
export function identifyingFields(form: FormDefinition): SheetField[] {
  const live = form.fields.filter((f) => f.deleted !== true && TEXTUAL.has(f.type)) as SheetField[];
  const title = live.find((f) => f.id === form.titleField);
  const rest = live.filter(
    (f) => f !== title && (f.type === 'auto_number' || ('unique' in f && f.unique === true)),
  );
  return title ? [title, ...rest] : rest;
}

/** The field a link cell is written with on export: the title field, else the first identifying one. */
export function displayField(form: FormDefinition): SheetField | undefined {
  return identifyingFields(form)[0];
}
